import { describe, expect, it } from 'vitest';
import type { PreparedData, PreparedPart } from '../data/preprocess';
import type { LabelledTable } from '../data/table';
import { applyPreparedTransform, applyTableTransform, isPreparedTransform } from './transforms';

/** n rows: x1 = i, x2 = -i; labels '0'/'1' alternating unless given. */
function table(n: number, labels?: string[]): LabelledTable {
  const y = labels ?? Array.from({ length: n }, (_, i) => String(i % 2));
  return {
    source: 't',
    rowCount: n,
    features: [
      { name: 'x1', kind: 'numeric', values: Float64Array.from({ length: n }, (_, i) => i) },
      { name: 'x2', kind: 'numeric', values: Float64Array.from({ length: n }, (_, i) => -i) },
    ],
    target: { name: 'target', labels: y, numeric: y.every((l) => !Number.isNaN(Number(l))) ? Float64Array.from(y, Number) : null },
    lines: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
}

const col = (t: LabelledTable, j: number): Float64Array => (t.features[j] as { values: Float64Array }).values;

describe('table transforms', () => {
  it('imbalance keeps every negative and enough positives for the fraction', () => {
    const t = applyTableTransform(table(1000), { kind: 'imbalance', positiveFraction: 0.05, seed: 1 });
    const pos = t.target.labels.filter((l) => l === '1').length;
    const neg = t.target.labels.filter((l) => l === '0').length;
    expect(neg).toBe(500);
    expect(pos).toBe(26); // round(0.05 * 500 / 0.95)
    // Rows stay aligned: row i has x1 = its original index, whose parity is its label.
    t.target.labels.forEach((l, i) => expect(col(t, 0)[i]! % 2).toBe(Number(l)));
    expect(applyTableTransform(table(1000), { kind: 'imbalance', positiveFraction: 0.05, seed: 1 })).toEqual(t);
  });

  it('label-noise flips about the given fraction, and none at 0', () => {
    const base = table(2000);
    const t = applyTableTransform(base, { kind: 'label-noise', fraction: 0.2, seed: 3 });
    const flipped = t.target.labels.filter((l, i) => l !== base.target.labels[i]).length;
    expect(flipped).toBeGreaterThan(330);
    expect(flipped).toBeLessThan(470);
    expect(applyTableTransform(base, { kind: 'label-noise', fraction: 0, seed: 3 }).target.labels).toEqual(base.target.labels);
  });

  it('binary-only transforms refuse a multiclass target', () => {
    expect(() => applyTableTransform(table(6, ['a', 'b', 'c', 'a', 'b', 'c']), { kind: 'label-noise', fraction: 0.1, seed: 1 })).toThrow(RangeError);
  });

  it('noise-features appends standard-normal columns; leaky-feature is the label plus noise', () => {
    const t = applyTableTransform(table(4000), { kind: 'noise-features', count: 3, seed: 2 });
    expect(t.features.map((f) => f.name)).toEqual(['x1', 'x2', 'noise1', 'noise2', 'noise3']);
    const v = col(t, 4);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
    const exact = applyTableTransform(table(10), { kind: 'leaky-feature', noise: 0, seed: 1 });
    expect(Array.from(col(exact, 2))).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(exact.features[2]!.name).toBe('leak');
  });

  it('target-outliers adds size standard deviations to about the fraction of targets', () => {
    const base = table(2000, Array.from({ length: 2000 }, (_, i) => String(i % 10)));
    const t = applyTableTransform(base, { kind: 'target-outliers', fraction: 0.05, size: 10, seed: 4 });
    const std = Math.sqrt(8.25); // variance of 0..9 uniform
    const moved = t.target.numeric!.map((v, i) => v - base.target.numeric![i]!).filter((d) => d !== 0);
    expect(moved.length).toBeGreaterThan(70);
    expect(moved.length).toBeLessThan(130);
    for (const d of moved) expect(d).toBeCloseTo(10 * std, 9);
  });

  it('standardize-all gives every numeric column mean 0 and std 1 over all rows; scale-features multiplies', () => {
    const t = applyTableTransform(table(11), { kind: 'standardize-all' });
    const v = col(t, 0);
    expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length)).toBeCloseTo(1, 12);
    expect(Array.from(col(applyTableTransform(table(3), { kind: 'scale-features', factor: 1000 }), 1))).toEqual([-0, -1000, -2000]);
  });

  it('subsample keeps n rows in their original order', () => {
    const t = applyTableTransform(table(100), { kind: 'subsample', n: 10, seed: 1 });
    const x = Array.from(col(t, 0));
    expect(x).toHaveLength(10);
    expect(x).toEqual([...x].sort((a, b) => a - b));
    expect(Array.from(t.lines)).toEqual(x.map((i) => i + 2));
  });

  it('does not modify its input', () => {
    const base = table(20);
    const copy = structuredClone(base);
    applyTableTransform(base, { kind: 'standardize-all' });
    applyTableTransform(base, { kind: 'label-noise', fraction: 0.5, seed: 1 });
    expect(base).toEqual(copy);
  });
});

function part(rows: number[], x: number[][], y: number[]): PreparedPart {
  return { rows: Int32Array.from(rows), n: rows.length, x: Float32Array.from(x.flat()), y: Float64Array.from(y) };
}

/** Column 0 equals the label (planted), column 1 is unrelated, column 2 matches the label only outside training. */
function prepared(): PreparedData {
  const train = part([0, 1, 2, 3, 4, 5], [[0, 1, 0], [1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 0, 1]], [0, 1, 0, 1, 0, 1]);
  const validation = part([6, 7, 8, 9], [[0, 1, 0], [1, 1, 1], [0, 0, 0], [1, 0, 1]], [0, 1, 0, 1]);
  const test = part([10, 11, 12, 13], [[0, 5, 0], [1, 6, 1], [0, 7, 0], [1, 8, 1]], [0, 1, 0, 1]);
  return {
    source: 'p', task: 'binary', classes: ['0', '1'], featureNames: ['planted', 'other', 'late'], d: 3, train, validation, test,
    targetScale: null, classWeights: null, missing: [], preprocessor: { transforms: [], featureNames: ['planted', 'other', 'late'] }, lines: new Int32Array(14),
  };
}

describe('prepared transforms', () => {
  it('are told apart from table transforms', () => {
    expect(isPreparedTransform({ kind: 'one-batch', size: 4 })).toBe(true);
    expect(isPreparedTransform({ kind: 'standardize-all' })).toBe(false);
  });

  it('one-batch keeps the first rows of the training part only', () => {
    const d = applyPreparedTransform(prepared(), { kind: 'one-batch', size: 2 });
    expect(d.train.n).toBe(2);
    expect(Array.from(d.train.x)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(d.validation.n).toBe(4);
  });

  it('shuffle-train-labels permutes the training labels and nothing else', () => {
    const before = prepared();
    const d = applyPreparedTransform(before, { kind: 'shuffle-train-labels', seed: 1 });
    expect([...d.train.y].sort()).toEqual([...before.train.y].sort());
    expect(Array.from(d.train.y)).not.toEqual(Array.from(before.train.y));
    expect(d.train.x).toEqual(before.train.x);
    expect(d.validation).toEqual(before.validation);
  });

  it('select-features on training rows ignores a column that only matches outside them; on all rows it takes it', () => {
    const honest = applyPreparedTransform(prepared(), { kind: 'select-features', keep: 1, using: 'train-rows' });
    expect(honest.featureNames).toEqual(['planted']);
    expect(Array.from(honest.test.x)).toEqual([0, 1, 0, 1]);
    const both = applyPreparedTransform(prepared(), { kind: 'select-features', keep: 2, using: 'all-rows' });
    expect(both.featureNames).toEqual(['planted', 'late']);
    expect(both.d).toBe(2);
    const trainOnly2 = applyPreparedTransform(prepared(), { kind: 'select-features', keep: 2, using: 'train-rows' });
    expect(trainOnly2.featureNames).toEqual(['planted', 'other']);
  });

  it('scramble-test-feature permutes one test column only', () => {
    const before = prepared();
    const d = applyPreparedTransform(before, { kind: 'scramble-test-feature', feature: 'other', seed: 3 });
    const column = (p: PreparedPart, j: number) => Array.from({ length: p.n }, (_, i) => p.x[i * 3 + j]);
    expect(column(d.test, 1).sort()).toEqual([5, 6, 7, 8]);
    expect(column(d.test, 0)).toEqual(column(before.test, 0));
    expect(d.train).toEqual(before.train);
    expect(() => applyPreparedTransform(before, { kind: 'scramble-test-feature', feature: 'nope', seed: 1 })).toThrow(/no feature "nope"/);
  });
});
