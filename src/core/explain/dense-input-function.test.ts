import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { ACTIVATION_NAMES } from '../train/activations';
import { buildModelSpec, forward, initialParameters, type ModelSpec, type OutputHead } from '../train/model';
import { useTestBackend } from '../train/test-backends';
import { denseInputFunction, supportsDenseInputFunction, type ModelOutputTarget } from './dense-input-function';
import { integratedGradients } from './integrated-gradients';

beforeAll(async () => {
  await useTestBackend('cpu');
});

/** The same scalar computed by the app's tfjs forward pass, and its input gradient by tf.grad. */
function tfValueAndGradient(spec: ModelSpec, params: Float32Array, x: Float64Array, target: ModelOutputTarget): { value: number; grad: Float32Array } {
  return tf.tidy(() => {
    const p = tf.tensor1d(params);
    const k = target.classIndex ?? 0;
    const scalar = (input: tf.Tensor): tf.Scalar => {
      const out = forward(spec, p, input as tf.Tensor2D, { training: false });
      let y: tf.Tensor = out;
      if (target.output === 'probability' && spec.head === 'sigmoid') y = tf.sigmoid(out);
      if (target.output === 'probability' && spec.head === 'softmax') y = tf.softmax(out);
      return tf.sum(tf.slice(y, [0, k], [1, 1])) as tf.Scalar;
    };
    const input = tf.tensor2d(Float32Array.from(x), [1, x.length]);
    const value = scalar(input).dataSync()[0]!;
    const grad = tf.grad(scalar)(input).dataSync() as Float32Array;
    return { value, grad: Float32Array.from(grad) };
  });
}

function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

const cases: { name: string; kind: 'linear' | 'logistic' | 'softmax' | 'mlp'; head: OutputHead; classes: number; activation?: (typeof ACTIVATION_NAMES)[number] }[] = [
  { name: 'linear regression', kind: 'linear', head: 'identity', classes: 0 },
  { name: 'logistic', kind: 'logistic', head: 'sigmoid', classes: 2 },
  { name: 'softmax (3 classes)', kind: 'softmax', head: 'softmax', classes: 3 },
  ...ACTIVATION_NAMES.map((activation) => ({ name: `mlp 6-8-5 ${activation}, binary`, kind: 'mlp' as const, head: 'sigmoid' as const, classes: 2, activation })),
  { name: 'mlp tanh, 3 classes', kind: 'mlp', head: 'softmax', classes: 3, activation: 'tanh' },
];

describe('denseInputFunction equals the tfjs forward pass and tf.grad', () => {
  for (const c of cases) {
    it(c.name, () => {
      const spec = buildModelSpec({ kind: c.kind, hidden: [8, 5], activation: c.activation ?? 'relu', dropout: 0.3, init: 'glorot' }, 6, c.head, c.classes);
      const rng = createRng(7);
      const params = initialParameters(spec, 'glorot', rng);
      for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.1 * rng.normal(); // non-zero biases too
      const targets: ModelOutputTarget[] = [{ output: 'probability' }, { output: 'logit' }];
      if (spec.outputs > 1) targets.push({ output: 'probability', classIndex: 2 }, { output: 'logit', classIndex: 1 });
      for (const target of targets) {
        const f = denseInputFunction(spec, params, target);
        for (let r = 0; r < 5; r++) {
          const x = Float64Array.from({ length: 6 }, () => Math.fround(rng.normal() * 1.5));
          const mine = f(x);
          const ref = tfValueAndGradient(spec, params, x, target);
          expect(close(mine.value, ref.value, 2e-6), `${mine.value} vs ${ref.value}`).toBe(true);
          for (let i = 0; i < 6; i++) expect(close(mine.grad[i]!, ref.grad[i]!, 1e-5), `grad ${i}: ${mine.grad[i]} vs ${ref.grad[i]}`).toBe(true);
        }
      }
    });
  }

  it('integrated gradients of an app MLP are complete to 1e-3 on many rows', () => {
    const spec = buildModelSpec({ kind: 'mlp', hidden: [16, 16], activation: 'gelu', dropout: 0, init: 'he' }, 4, 'sigmoid', 2);
    const rng = createRng(11);
    const params = initialParameters(spec, 'he', rng);
    const f = denseInputFunction(spec, params, { output: 'probability' });
    for (let r = 0; r < 200; r++) {
      const x = Float64Array.from({ length: 4 }, () => rng.normal() * 2);
      expect(Math.abs(integratedGradients(f, x).completenessGap)).toBeLessThanOrEqual(1e-3);
    }
  });

  it('covers dense models only and checks the class index', () => {
    const cnn = buildModelSpec({ kind: 'cnn', hidden: [8], activation: 'relu', dropout: 0, init: 'glorot' }, 64, 'softmax', 10);
    expect(supportsDenseInputFunction(cnn)).toBe(false);
    expect(() => denseInputFunction(cnn, new Float32Array(cnn.paramCount), { output: 'logit' })).toThrow(RangeError);
    const lr = buildModelSpec({ kind: 'logistic', hidden: [], activation: 'relu', dropout: 0, init: 'zeros' }, 3, 'sigmoid', 2);
    expect(() => denseInputFunction(lr, new Float32Array(lr.paramCount), { output: 'logit', classIndex: 1 })).toThrow(RangeError);
  });
});
