import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from './test-backends';
import {
  DEFAULT_OPTIMIZER,
  initialOptimizerState,
  optimizerStep,
  type OptimizerConfig,
  type OptimizerName,
} from './optimizers';

beforeAll(async () => {
  await useTestBackend('cpu');
});

const W0 = [0.5, -1.5, 2];
// Gradients are a function of w (a quadratic bowl 0.5 * sum(c_i w_i^2)) so the trajectory matters.
const C = [1, 3, 0.2];
const gradAt = (w: number[]): number[] => w.map((wi, i) => C[i]! * wi);

interface Trace { w: number[]; update: number[]; m: number[] | null; v: number[] | null }

/** Runs the tf rule for `steps` steps; returns per-step weights, updates and state. */
function runTf(config: OptimizerConfig, lrs: number[]): Trace[] {
  let w: tf.Tensor = tf.tensor1d(W0);
  let state = initialOptimizerState(config.name, [W0.length]);
  const out: Trace[] = [];
  lrs.forEach((lr, i) => {
    const g = tf.tensor1d(gradAt(Array.from(w.dataSync())));
    const r = optimizerStep(config, w, g, state, i + 1, lr);
    const wNext = tf.add(w, r.update);
    out.push({
      w: Array.from(wNext.dataSync()),
      update: Array.from(r.update.dataSync()),
      m: r.state.m ? Array.from(r.state.m.dataSync()) : null,
      v: r.state.v ? Array.from(r.state.v.dataSync()) : null,
    });
    tf.dispose([w, g, r.update, state.m, state.v].filter((x): x is tf.Tensor => x !== null));
    w = wNext;
    state = r.state;
  });
  tf.dispose([w, state.m, state.v].filter((x): x is tf.Tensor => x !== null));
  return out;
}

/** The same rules written out by hand in float64 (PyTorch's torch.optim conventions). */
function runByHand(config: OptimizerConfig, lrs: number[]): Trace[] {
  const { momentum: mu, beta1: b1, beta2: b2, rho, epsilon: eps, weightDecay: wd } = config;
  let w = [...W0];
  let m = w.map(() => 0);
  let v = w.map(() => 0);
  const out: Trace[] = [];
  lrs.forEach((lr, i) => {
    const t = i + 1;
    const g = gradAt(w);
    let u: number[];
    switch (config.name) {
      case 'sgd': u = g.map((gi) => -lr * gi); break;
      case 'momentum': m = m.map((mi, j) => mu * mi + g[j]!); u = m.map((mi) => -lr * mi); break;
      case 'nesterov': m = m.map((mi, j) => mu * mi + g[j]!); u = m.map((mi, j) => -lr * (g[j]! + mu * mi)); break;
      case 'adam':
      case 'adamw':
        m = m.map((mi, j) => b1 * mi + (1 - b1) * g[j]!);
        v = v.map((vi, j) => b2 * vi + (1 - b2) * g[j]! ** 2);
        u = m.map((mi, j) => -lr * (mi / (1 - b1 ** t)) / (Math.sqrt(v[j]! / (1 - b2 ** t)) + eps));
        if (config.name === 'adamw') u = u.map((ui, j) => ui - lr * wd * w[j]!);
        break;
      case 'rmsprop':
        v = v.map((vi, j) => rho * vi + (1 - rho) * g[j]! ** 2);
        u = g.map((gi, j) => (-lr * gi) / (Math.sqrt(v[j]!) + eps));
        break;
      case 'adagrad':
        v = v.map((vi, j) => vi + g[j]! ** 2);
        u = g.map((gi, j) => (-lr * gi) / (Math.sqrt(v[j]!) + eps));
        break;
    }
    w = w.map((wi, j) => wi + u[j]!);
    const usesM = ['momentum', 'nesterov', 'adam', 'adamw'].includes(config.name);
    const usesV = ['adam', 'adamw', 'rmsprop', 'adagrad'].includes(config.name);
    out.push({ w, update: u, m: usesM ? m : null, v: usesV ? v : null });
  });
  return out;
}

const expectClose = (a: number[] | null, b: number[] | null, rel = 2e-5): void => {
  expect(a === null).toBe(b === null);
  if (!a || !b) return;
  a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThanOrEqual(rel * Math.max(1e-3, Math.abs(b[i]!))));
};

describe('optimizerStep matches the update rules written out by hand', () => {
  const lrs = [0.1, 0.05, 0.05, 0.02, 0.1];
  const names: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad'];
  for (const name of names) {
    it(`${name}: weights, update and state over ${lrs.length} steps`, () => {
      const config = { ...DEFAULT_OPTIMIZER, name, weightDecay: 0.1 };
      const got = runTf(config, lrs);
      const want = runByHand(config, lrs);
      got.forEach((g, i) => {
        expectClose(g.update, want[i]!.update);
        expectClose(g.w, want[i]!.w);
        expectClose(g.m, want[i]!.m);
        expectClose(g.v, want[i]!.v);
      });
    });
  }

  it("Adam's first step is -lr * sign(g) (bias correction makes m_hat = g, v_hat = g^2)", () => {
    const got = runTf({ ...DEFAULT_OPTIMIZER, name: 'adam' }, [0.01]);
    expectClose(got[0]!.update, [-0.01, 0.01, -0.01], 1e-5);
  });

  it("AdamW's decay is decoupled: with g = 0 the weights shrink by exactly lr * wd * w", () => {
    const w = tf.tensor1d([2, -4]);
    const g = tf.zeros([2]);
    const state = initialOptimizerState('adamw', [2]);
    const r = optimizerStep({ ...DEFAULT_OPTIMIZER, name: 'adamw', weightDecay: 0.5 }, w, g, state, 1, 0.1);
    expectClose(Array.from(r.update.dataSync()), [-0.1, 0.2], 1e-6);
    tf.dispose([w, g, r.update, state.m!, state.v!, r.state.m!, r.state.v!]);
  });

  it('momentum velocity accumulates a constant gradient as sum of mu^k', () => {
    let state = initialOptimizerState('momentum', [1]);
    const w = tf.tensor1d([0]);
    const g = tf.tensor1d([1]);
    for (let t = 1; t <= 3; t++) {
      const r = optimizerStep({ ...DEFAULT_OPTIMIZER, name: 'momentum', momentum: 0.5 }, w, g, state, t, 1);
      r.update.dispose();
      state.m?.dispose();
      state = r.state;
    }
    expect(state.m!.dataSync()[0]).toBeCloseTo(1 + 0.5 + 0.25, 6);
    tf.dispose([w, g, state.m!]);
  });
});
