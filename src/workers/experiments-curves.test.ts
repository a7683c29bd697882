import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random';
import { resolveTrainConfig, type TrainConfigInput } from '../core/train/config';
import { useTestBackend } from '../core/train/test-backends';
import type { ExperimentData } from './experiments-data';
import { createExperimentsService } from './experiments-service';

const service = createExperimentsService();
const config = (input: TrainConfigInput) => {
  const r = resolveTrainConfig({ baselines: false, ...input });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const moons: ExperimentData = { kind: 'synthetic', id: 'two-moons', params: { n: 400, noise: 0.25, seed: 2 } };

/** y = 3 a + 0 b + noise: a matters, b does not. */
function linearCsv(): ExperimentData {
  const rng = createRng(9);
  const lines = ['a,b,target'];
  for (let i = 0; i < 300; i++) {
    const a = rng.normal(), b = rng.normal();
    lines.push(`${a},${b},${3 * a + 0.5 * rng.normal()}`);
  }
  return { kind: 'csv', name: 'linear.csv', text: lines.join('\n'), target: 'target', task: 'regression' };
}

beforeAll(async () => {
  await useTestBackend('cpu');
});
afterAll(() => service.dispose());

describe('learningCurve', () => {
  it('trains every size of every repeat, improves with rows, fits the power law and compares rows with features', () => {
    const progress: number[] = [];
    const before = tf.memory().numTensors;
    const out = unwrap(service.learningCurve(moons, config({ model: 'mlp', hidden: [16], epochs: 15 }), { metric: 'accuracy', points: 5, repeats: 3, seed: 4 }, (f) => progress.push(f)));
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 4 * 4); // at most the cache's models
    expect(out.sizes).toHaveLength(5);
    expect(out.sizes.at(-1)).toBe(out.rows.pool);
    expect(out.points).toHaveLength(15);
    expect(out.summary.map((s) => s.x)).toEqual(out.sizes);
    const v = out.summary.map((s) => s.validation.mean);
    expect(v.at(-1)!).toBeGreaterThan(v[0]!);
    expect(out.summary.every((s) => s.validation.count === 3)).toBe(true);
    expect(out.fit).not.toBeNull();
    expect(out.fit!.sign).toBe(-1);
    for (const b of out.fit!.bands) expect(b.low).toBeLessThanOrEqual(b.high);
    expect(out.fit!.gains.map((g) => g.factor)).toEqual([2, 5, 10]);
    expect(out.features!.map((f) => f.feature).sort()).toEqual(['x1', 'x2']);
    expect(out.advice!.data).toEqual(out.fit!.gains[0]);
    expect(progress.at(-1)).toBe(1);
    // Seeded: the same request gives the same numbers.
    const again = unwrap(service.learningCurve(moons, config({ model: 'mlp', hidden: [16], epochs: 15 }), { metric: 'accuracy', points: 5, repeats: 3, seed: 4, importance: false }));
    expect(again.points).toEqual(out.points);
  }, 120_000);

  it('measures the useless feature as worth nothing and the useful one as worth a lot (regression, R²)', () => {
    const out = unwrap(service.learningCurve(linearCsv(), config({ model: 'linear', epochs: 30, lr: 0.05 }), { metric: 'r2', points: 4, repeats: 2, seed: 1 }));
    const byName = Object.fromEntries(out.features!.map((f) => [f.feature, f.gain]));
    expect(byName.a!).toBeGreaterThan(0.5);
    expect(Math.abs(byName.b!)).toBeLessThan(0.05);
    // A linear model on a linear target levels off quickly: the curve ends near the noise ceiling 9 / (9 + 0.25).
    expect(out.summary.at(-1)!.validation.mean).toBeGreaterThan(0.9);
  }, 120_000);

  it('says why when there are no validation rows', () => {
    const r = service.learningCurve(moons, config({ model: 'logistic', epochs: 2, validationFraction: 0, testFraction: 0.2 }), { metric: 'accuracy', points: 4, repeats: 1, seed: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/validation fraction/);
  });
});

describe('validationCurve', () => {
  it('scores train and validation at each value of a setting, and names the best', () => {
    const out = unwrap(service.validationCurve(moons, config({ model: 'mlp', hidden: [16], epochs: 10 }), { metric: 'accuracy', param: 'lr', values: [1e-4, 1e-2, 0.1], repeats: 2 }));
    expect(out.summary.map((s) => s.x)).toEqual([1e-4, 1e-2, 0.1]);
    expect(out.points).toHaveLength(6);
    // lr 1e-4 for 10 epochs barely moves from the initialisation.
    expect(out.summary[0]!.validation.mean).toBeLessThan(out.summary[2]!.validation.mean);
    expect(out.verdict!.best).not.toBe(1e-4);
  }, 120_000);

  it('refuses a hidden-layer setting for a model without hidden layers', () => {
    const r = service.validationCurve(moons, config({ model: 'logistic', epochs: 2 }), { metric: 'accuracy', param: 'width', values: [2, 4], repeats: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/hidden layers/);
  });
});
