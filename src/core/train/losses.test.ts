import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { batchLoss, penalty, perExampleLoss, perExampleLossJs } from './losses';
import { useTestBackend } from './test-backends';

beforeAll(async () => {
  await useTestBackend('cpu');
});

describe('losses', () => {
  const rng = createRng(9);
  const n = 6;

  it('binary cross-entropy with logits equals -y log p - (1-y) log(1-p), stably for large logits', () => {
    const z = [-40, -2, 0, 0.5, 3, 40];
    const y = [1, 0, 1, 1, 0, 1];
    const js = perExampleLossJs('sigmoid', z, y, 1);
    z.forEach((zi, i) => {
      const p = 1 / (1 + Math.exp(-zi));
      const direct = -(y[i]! * Math.log(p) + (1 - y[i]!) * Math.log(1 - p));
      if (Math.abs(zi) < 30) expect(js[i]).toBeCloseTo(direct, 12);
    });
    expect(js[0]).toBeCloseTo(40, 10); // log(1 + e^40) - 0 for y = 1 at z = -40
    expect(js[5]).toBeCloseTo(Math.log1p(Math.exp(-40)), 20);
    const tfLoss = tf.tidy(() => Array.from(perExampleLoss('sigmoid', tf.tensor2d(z, [n, 1]), tf.tensor2d(y, [n, 1])).dataSync()));
    tfLoss.forEach((v, i) => expect(v).toBeCloseTo(js[i]!, 4));
  });

  it('softmax cross-entropy and squared error agree between tensors and JavaScript', () => {
    const K = 4;
    const z = Array.from({ length: n * K }, () => 3 * rng.normal());
    const y = Array.from({ length: n }, (_, i) => i % K);
    const js = perExampleLossJs('softmax', z, y, K);
    const oneHot = y.flatMap((c) => Array.from({ length: K }, (_, k) => (k === c ? 1 : 0)));
    const t = tf.tidy(() => Array.from(perExampleLoss('softmax', tf.tensor2d(z, [n, K]), tf.tensor2d(oneHot, [n, K])).dataSync()));
    t.forEach((v, i) => expect(v).toBeCloseTo(js[i]!, 4));
    // -log softmax by hand for row 0
    const row = z.slice(0, K);
    expect(js[0]).toBeCloseTo(-Math.log(Math.exp(row[0]!) / row.reduce((a, b) => a + Math.exp(b), 0)), 10);
    const r = perExampleLossJs('identity', [1, 2, 3], [1.5, 2, 0], 1);
    expect(Array.from(r)).toEqual([0.25, 0, 9]);
  });

  it('the weighted batch loss is mean(w_i loss_i); the penalty skips biases', () => {
    tf.tidy(() => {
      const loss = batchLoss('identity', tf.tensor2d([[1], [3]]), tf.tensor2d([[0], [0]]), tf.tensor1d([2, 0.5]));
      expect(loss.dataSync()[0]).toBeCloseTo((2 * 1 + 0.5 * 9) / 2, 6);
      const p = penalty(tf.tensor1d([1, -2, 3]), tf.tensor1d([1, 1, 0]), 0.1, 0.01)!;
      expect(p.dataSync()[0]).toBeCloseTo(0.1 * 3 + 0.01 * 5, 6);
      expect(penalty(tf.tensor1d([1]), tf.tensor1d([1]), 0, 0)).toBeNull();
    });
  });
});
