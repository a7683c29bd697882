import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { buildModelSpec, initialParameters } from '../train/model';
import { useTestBackend } from '../train/test-backends';
import { cnnFilters, denseActivations, featureMaps } from './cnn-filters';
import { cnnForward } from './cnn-network';

beforeAll(async () => {
  await useTestBackend('cpu');
});

const spec = buildModelSpec({ kind: 'cnn', hidden: [12], activation: 'relu', dropout: 0, init: 'he' }, 64, 'softmax', 10);
const rng = createRng(21);
const params = initialParameters(spec, 'he', rng);
for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.05 * rng.normal();

describe('cnnFilters', () => {
  it('shapes: conv1 has 8 filters over 1 channel, conv2 16 over 8, each 3x3', () => {
    const layers = cnnFilters(spec, params);
    expect(layers.map((l) => [l.name, l.inChannels, l.filters.length])).toEqual([['conv1', 1, 8], ['conv2', 8, 16]]);
    for (const l of layers) for (const f of l.filters) for (const w of f.weights) expect(w.length).toBe(9);
  });

  it('weights are the model kernel [3, 3, C, F] at [dy][dx][c][f], biases after it', () => {
    for (const [l, layer] of cnnFilters(spec, params).entries()) {
      const conv = spec.layers.filter((s) => s.kind === 'conv')[l]!;
      const kernel = tf.tidy(() => tf.reshape(tf.tensor1d(params.slice(conv.offset, conv.offset + conv.kernelSize)), conv.kernelShape).arraySync()) as number[][][][];
      let maxAbs = 0;
      layer.filters.forEach((f, j) => {
        expect(f.bias).toBe(params[conv.offset + conv.kernelSize + j]);
        f.weights.forEach((w, c) => {
          for (let k = 0; k < 9; k++) {
            expect(w[k]).toBe(kernel[Math.floor(k / 3)]![k % 3]![c]![j]);
            maxAbs = Math.max(maxAbs, Math.abs(w[k]!));
          }
        });
      });
      expect(layer.maxAbs).toBe(maxAbs);
    }
  });

  it('a single lit pixel shows each conv1 filter, mirrored, in its pre-activation (cross-correlation)', () => {
    const x = new Float64Array(64);
    x[4 * 8 + 4] = 1;
    const pre = cnnForward(spec, params, x).layers[0]!.pre;
    for (const [j, f] of cnnFilters(spec, params)[0]!.filters.entries()) {
      for (let k = 0; k < 9; k++) {
        const py = 4 + 1 - Math.floor(k / 3);
        const px = 4 + 1 - (k % 3);
        expect(pre[(py * 8 + px) * 8 + j]! - f.bias).toBeCloseTo(f.weights[0]![k]!, 6);
      }
    }
  });

  it('refuses a parameter vector of the wrong length', () => {
    expect(() => cnnFilters(spec, params.subarray(2))).toThrow(RangeError);
  });
});

describe('featureMaps', () => {
  const x = Float64Array.from({ length: 64 }, () => Math.fround(rng.normal()));
  const trace = cnnForward(spec, params, x);
  const maps = featureMaps(trace);

  it('shapes: conv1 8 maps of 8x8 pooled to 4x4; conv2 16 maps of 4x4 pooled to 2x2', () => {
    expect(maps.map((m) => [m.name, m.side, m.maps.length, m.maps[0]!.length, m.pooled.length, m.pooled[0]!.length])).toEqual([
      ['conv1', 8, 8, 64, 8, 16],
      ['conv2', 4, 16, 16, 16, 4],
    ]);
    expect(denseActivations(trace).map((d) => [d.name, d.values.length])).toEqual([['hidden1', 12], ['output', 10]]);
  });

  it('conv1 maps equal relu(tf.conv2d same + bias) of the image', () => {
    const conv = spec.layers[0]!;
    const ref = tf.tidy(() => {
      const kernel = tf.reshape(tf.tensor1d(params.slice(conv.offset, conv.offset + conv.kernelSize)), [3, 3, 1, 8]) as tf.Tensor4D;
      const bias = tf.tensor1d(params.slice(conv.offset + conv.kernelSize, conv.offset + conv.size));
      return tf.relu(tf.add(tf.conv2d(tf.tensor4d(Float32Array.from(x), [1, 8, 8, 1]), kernel, 1, 'same'), bias)).arraySync() as number[][][][];
    });
    maps[0]!.maps.forEach((m, f) => {
      for (let p = 0; p < 64; p++) expect(m[p]).toBeCloseTo(ref[0]![Math.floor(p / 8)]![p % 8]![f]!, 5);
    });
  });

  it('pooled maps are the maxima of 2x2 blocks; maxAbs bounds every value', () => {
    for (const layer of maps) {
      const half = layer.side / 2;
      layer.pooled.forEach((pooled, f) => {
        const m = layer.maps[f]!;
        for (let oy = 0; oy < half; oy++) {
          for (let ox = 0; ox < half; ox++) {
            const block = [0, 1, 2, 3].map((a) => m[(2 * oy + (a >> 1)) * layer.side + 2 * ox + (a & 1)]!);
            expect(pooled[oy * half + ox]).toBe(Math.max(...block));
          }
        }
        for (const v of m) expect(Math.abs(v)).toBeLessThanOrEqual(layer.maxAbs);
      });
    }
  });
});
