import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { useTestBackend } from './test-backends';
import { instrumentedStep, type DeviceBatch, type StepSettings } from './instrumented-step';
import { batchLoss } from './losses';
import { buildModelSpec, forward, initialParameters, type ModelSpec, type OutputHead } from './model';
import { DEFAULT_OPTIMIZER } from './optimizers';
import { createTrainableModel, disposeTrainableModel, readParameters } from './trainable';

beforeAll(async () => {
  await useTestBackend('cpu');
});
afterAll(() => {
  tf.disposeVariables();
});

const sgd = (l2 = 0): StepSettings => ({ optimizer: { ...DEFAULT_OPTIMIZER, name: 'sgd' }, l1: 0, l2, clipNorm: null, histogramBins: 10 });

/** An independent float64 reference: the MLP's objective written out by hand (tanh or relu, dense layers). */
function lossByHand(spec: ModelSpec, theta: Float64Array, x: number[][], y: number[], act: 'tanh' | 'relu', l2: number): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    let h = x[i]!;
    for (const layer of spec.layers) {
      const [nIn, nOut] = layer.kernelShape as [number, number];
      const out = new Array<number>(nOut).fill(0);
      for (let o = 0; o < nOut; o++) {
        let s = theta[layer.offset + layer.kernelSize + o]!;
        for (let k = 0; k < nIn; k++) s += h[k]! * theta[layer.offset + k * nOut + o]!;
        out[o] = layer.activation ? (act === 'tanh' ? Math.tanh(s) : Math.max(0, s)) : s;
      }
      h = out;
    }
    if (spec.head === 'sigmoid') {
      const z = h[0]!;
      const p = 1 / (1 + Math.exp(-z));
      total += -(y[i]! * Math.log(p) + (1 - y[i]!) * Math.log(1 - p));
    } else if (spec.head === 'softmax') {
      const m = Math.max(...h);
      const lse = m + Math.log(h.reduce((a, z) => a + Math.exp(z - m), 0));
      total += lse - h[y[i]!]!;
    } else {
      total += (h[0]! - y[i]!) ** 2;
    }
  }
  let pen = 0;
  for (const layer of spec.layers) for (let k = 0; k < layer.kernelSize; k++) pen += theta[layer.offset + k]! ** 2;
  return total / x.length + l2 * pen;
}

function deviceBatch(x: number[][], y: number[], head: OutputHead, classes: number): DeviceBatch {
  const yRows = head === 'softmax' ? y.map((c) => Array.from({ length: classes }, (_, k) => (k === c ? 1 : 0))) : y.map((v) => [v]);
  return { x: tf.tensor2d(x), y: tf.tensor2d(yRows), weights: null };
}

describe('instrumented step: gradients', () => {
  const cases: { head: OutputHead; act: 'tanh' | 'relu'; classes: number; l2: number }[] = [
    { head: 'sigmoid', act: 'tanh', classes: 2, l2: 0 },
    { head: 'softmax', act: 'relu', classes: 3, l2: 0.01 },
    { head: 'identity', act: 'tanh', classes: 1, l2: 0 },
  ];
  for (const c of cases) {
    it(`per-layer gradient norms match central finite differences (${c.head} head, ${c.act}, l2 ${c.l2})`, () => {
      const rng = createRng(7);
      const spec = buildModelSpec({ kind: 'mlp', hidden: [5, 4], activation: c.act, dropout: 0, init: 'glorot' }, 3, c.head, c.classes);
      const init = initialParameters(spec, 'glorot', rng);
      for (let i = 0; i < init.length; i++) init[i] = init[i]! + 0.1 * rng.normal(); // non-zero biases too
      const x = Array.from({ length: 6 }, () => [rng.normal(), rng.normal(), rng.normal()]);
      const y = x.map((_, i) => (c.head === 'identity' ? rng.normal() : i % c.classes));
      const model = createTrainableModel(spec, init, 'sgd');
      const batch = deviceBatch(x, y, c.head, c.classes);
      const before = readParameters(model);
      const rec = instrumentedStep(model, batch, sgd(c.l2), { lr: 1, dropoutSeed: 0, details: false, epoch: 1 });
      const after = readParameters(model);

      const theta = Float64Array.from(before);
      const eps = 1e-6;
      const fd = new Float64Array(theta.length);
      for (let p = 0; p < theta.length; p++) {
        const t0 = theta[p]!;
        theta[p] = t0 + eps;
        const up = lossByHand(spec, theta, x, y, c.act, c.l2);
        theta[p] = t0 - eps;
        const down = lossByHand(spec, theta, x, y, c.act, c.l2);
        theta[p] = t0;
        fd[p] = (up - down) / (2 * eps);
      }
      expect(rec.loss).toBeCloseTo(lossByHand(spec, theta, x, y, c.act, c.l2), 5);
      spec.layers.forEach((layer, l) => {
        let sq = 0;
        for (let p = layer.offset; p < layer.offset + layer.size; p++) sq += fd[p]! ** 2;
        const fdNorm = Math.sqrt(sq);
        expect(fdNorm).toBeGreaterThan(1e-3);
        expect(Math.abs(rec.layers[l]!.grad_norm - fdNorm) / fdNorm).toBeLessThan(1e-4);
        // with SGD and lr 1 the update is exactly -g: check it elementwise too
        for (let p = layer.offset; p < layer.offset + layer.size; p++) {
          expect(Math.abs(after[p]! - before[p]! + fd[p]!)).toBeLessThan(1e-5 + 1e-4 * Math.abs(fd[p]!));
        }
      });
      disposeTrainableModel(model);
      tf.dispose([batch.x, batch.y]);
    });
  }

  it('first step of logistic regression from zeros equals X^T(sigmoid(0) - y) / n', () => {
    const rng = createRng(3);
    const n = 8;
    const d = 4;
    const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
    const y = [1, 0, 0, 1, 1, 1, 0, 1];
    const spec = buildModelSpec({ kind: 'logistic', hidden: [], activation: 'relu', dropout: 0, init: 'zeros' }, d, 'sigmoid', 2);
    const model = createTrainableModel(spec, initialParameters(spec, 'zeros', rng), 'sgd');
    const batch = deviceBatch(x, y, 'sigmoid', 2);
    const rec = instrumentedStep(model, batch, sgd(), { lr: 1, dropoutSeed: 0, details: false, epoch: 1 });
    const after = readParameters(model);
    const expected = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) expected[j]! += (x[i]![j]! * (0.5 - y[i]!)) / n;
      expected[d]! += (0.5 - y[i]!) / n;
    }
    expected.forEach((g, j) => expect(after[j]).toBeCloseTo(-g, 6));
    expect(rec.grad_norm).toBeCloseTo(Math.hypot(...expected), 6);
    expect(rec.loss).toBeCloseTo(Math.log(2), 6);
    expect(rec.update_ratio).toBeNull(); // zero weights: the ratio does not exist
    expect(rec.cos_update_grad).toBeCloseTo(1, 6); // SGD steps straight down the gradient
    expect(rec.cos_grad_prev).toBeNull(); // no previous gradient
    disposeTrainableModel(model);
    tf.dispose([batch.x, batch.y]);
  });
});

describe('instrumented step: the cnn gradient', () => {
  it('per layer, g . v matches the central difference of the float32 loss along random directions v', () => {
    const rng = createRng(21);
    const spec = buildModelSpec({ kind: 'cnn', hidden: [8], activation: 'tanh', dropout: 0, init: 'glorot' }, 64, 'softmax', 3);
    const init = initialParameters(spec, 'glorot', rng);
    const x = Array.from({ length: 4 }, () => Array.from({ length: 64 }, () => rng.normal()));
    const y = [0, 1, 2, 1];
    const batch = deviceBatch(x, y, 'softmax', 3);
    const model = createTrainableModel(spec, init, 'sgd');
    instrumentedStep(model, batch, sgd(), { lr: 1, dropoutSeed: 0, details: false, epoch: 1 });
    const g = Float64Array.from(init, (w, i) => w - readParameters(model)[i]!); // SGD, lr 1: g = w - w'
    const loss = (theta: Float64Array): number =>
      tf.tidy(() => batchLoss('softmax', forward(spec, tf.tensor1d(Float32Array.from(theta)), batch.x, { training: false }), batch.y, null).dataSync()[0]!);
    // Small enough that no max-pool window changes its maximum, large enough for float32 (loss ~1, ulp ~1e-7).
    const eps = 2e-3;
    for (const layer of spec.layers) {
      for (let k = 0; k < 2; k++) {
        const v = new Float64Array(spec.paramCount);
        for (let p = layer.offset; p < layer.offset + layer.size; p++) v[p] = rng.normal();
        const norm = Math.hypot(...v);
        const plus = Float64Array.from(init, (w, i) => w + (eps * v[i]!) / norm);
        const minus = Float64Array.from(init, (w, i) => w - (eps * v[i]!) / norm);
        const fd = (loss(plus) - loss(minus)) / (2 * eps);
        const analytic = g.reduce((a, gi, i) => a + (gi * v[i]!) / norm, 0);
        expect(Math.abs(fd - analytic), `${layer.name}: fd ${fd} vs g.v ${analytic}`).toBeLessThan(2e-3 + 2e-2 * Math.abs(analytic));
      }
    }
    disposeTrainableModel(model);
    tf.dispose([batch.x, batch.y]);
  });
});
