import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random';
import { ACTIVATION_NAMES, type ActivationName } from '../train/activations';
import { buildModelSpec, forward, initialParameters, type ModelSpec } from '../train/model';
import { useTestBackend } from '../train/test-backends';
import { cnnForward, cnnInputFunction, cnnProbabilities, isCnnSpec } from './cnn-network';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function cnn(activation: ActivationName, seed: number, hidden = [8], side = 8): { spec: ModelSpec; params: Float32Array; rng: Rng } {
  const spec = buildModelSpec({ kind: 'cnn', hidden, activation, dropout: 0.2, init: 'glorot' }, side * side, 'softmax', 10);
  const rng = createRng(seed);
  const params = initialParameters(spec, 'glorot', rng);
  for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.05 * rng.normal(); // non-zero biases too
  return { spec, params, rng };
}

const image = (rng: Rng, n = 64) => Float64Array.from({ length: n }, () => Math.fround(rng.normal()));

describe('cnnForward equals the tfjs forward pass', () => {
  for (const activation of ACTIVATION_NAMES) {
    it(`${activation}: logits within float32 rounding`, () => {
      const { spec, params, rng } = cnn(activation, 3);
      for (let r = 0; r < 4; r++) {
        const x = image(rng);
        const mine = cnnForward(spec, params, x).outputs;
        const ref = tf.tidy(() => forward(spec, tf.tensor1d(params), tf.tensor2d(Float32Array.from(x), [1, 64]), { training: false }).dataSync());
        expect(mine.length).toBe(10);
        for (let k = 0; k < 10; k++) expect(Math.abs(mine[k]! - ref[k]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(ref[k]!)));
      }
    });
  }

  it('a 16x16 image works too (two poolings: 16 -> 8 -> 4)', () => {
    const { spec, params, rng } = cnn('relu', 4, [6], 16);
    const x = image(rng, 256);
    const trace = cnnForward(spec, params, x);
    const ref = tf.tidy(() => forward(spec, tf.tensor1d(params), tf.tensor2d(Float32Array.from(x), [1, 256]), { training: false }).dataSync());
    for (let k = 0; k < 10; k++) expect(trace.outputs[k]).toBeCloseTo(ref[k]!, 4);
    expect(trace.layers.map((t) => [t.layer.name, t.act.length, t.pooled?.length ?? null])).toEqual([
      ['conv1', 16 * 16 * 8, 8 * 8 * 8],
      ['conv2', 8 * 8 * 16, 4 * 4 * 16],
      ['hidden1', 6, null],
      ['output', 10, null],
    ]);
  });
});

describe('cnnInputFunction: the input gradient', () => {
  const h = 1e-6;
  for (const activation of ['tanh', 'gelu', 'relu', 'leaky_relu'] as const) {
    it(`${activation}: equals central finite differences on every pixel`, () => {
      const { spec, params, rng } = cnn(activation, 5);
      for (const target of [{ output: 'probability' as const, classIndex: 3 }, { output: 'logit' as const, classIndex: 7 }]) {
        const f = cnnInputFunction(spec, params, target);
        const x = image(rng);
        const { value, grad } = f(x);
        expect(grad.length).toBe(64);
        let worst = 0;
        for (let i = 0; i < 64; i++) {
          const up = Float64Array.from(x);
          const down = Float64Array.from(x);
          up[i] = up[i]! + h;
          down[i] = down[i]! - h;
          const fd = (f(up).value - f(down).value) / (2 * h);
          worst = Math.max(worst, Math.abs(fd - grad[i]!) / Math.max(1e-3, Math.abs(fd)));
        }
        expect(worst).toBeLessThan(1e-4);
        if (target.output === 'probability') expect(value).toBeCloseTo(cnnProbabilities(spec, cnnForward(spec, params, x))[3]!, 12);
      }
    });
  }

  it('equals tf.grad of the tfjs pass', () => {
    const { spec, params, rng } = cnn('relu', 6);
    const x = image(rng);
    const mine = cnnInputFunction(spec, params, { output: 'probability', classIndex: 2 })(x).grad;
    const ref = tf.tidy(() => {
      const p = tf.tensor1d(params);
      const g = tf.grad((input: tf.Tensor) => tf.sum(tf.slice(tf.softmax(forward(spec, p, input as tf.Tensor2D, { training: false })), [0, 2], [1, 1])));
      return g(tf.tensor2d(Float32Array.from(x), [1, 64])).dataSync();
    });
    for (let i = 0; i < 64; i++) expect(Math.abs(mine[i]! - ref[i]!)).toBeLessThan(1e-5);
  });

  it('probabilities sum to 1; other models and bad class indices are refused', () => {
    const { spec, params, rng } = cnn('relu', 8);
    const p = cnnProbabilities(spec, cnnForward(spec, params, image(rng)));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(isCnnSpec(spec)).toBe(true);
    const mlp = buildModelSpec({ kind: 'mlp', hidden: [4], activation: 'relu', dropout: 0, init: 'glorot' }, 64, 'softmax', 10);
    expect(isCnnSpec(mlp)).toBe(false);
    expect(() => cnnInputFunction(mlp, new Float32Array(mlp.paramCount), { output: 'logit' })).toThrow(RangeError);
    expect(() => cnnInputFunction(spec, params, { output: 'logit', classIndex: 10 })).toThrow(RangeError);
    expect(() => cnnForward(spec, params, new Float64Array(63))).toThrow(RangeError);
    expect(() => cnnForward(spec, params.subarray(1), new Float64Array(64))).toThrow(RangeError);
  });
});
