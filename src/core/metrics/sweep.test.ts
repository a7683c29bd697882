import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { averagePrecision, ksStatistic, precisionRecallCurve, rocAuc, rocCurve } from './curves';
import { sortFloat64Ascending } from './radix-sort';
import { buildSweep } from './sweep';
import type { MetricWarning } from './warnings';

const y4 = [0, 0, 1, 1];
const s4 = new Float64Array([0.1, 0.4, 0.35, 0.8]);

describe('buildSweep', () => {
  it('collapses ties into one threshold and starts at +Infinity', () => {
    const s = buildSweep([1, 0, 1, 0], new Float64Array([0.9, 0.8, 0.8, 0.1]));
    expect(Array.from(s.thresholds)).toEqual([Infinity, 0.9, 0.8, 0.1]);
    expect(Array.from(s.tps)).toEqual([0, 1, 2, 2]);
    expect(Array.from(s.fps)).toEqual([0, 0, 1, 2]);
    expect([s.nPositive, s.nNegative]).toEqual([2, 2]);
  });

  it('treats -0 and +0 as one threshold', () => {
    const s = buildSweep([1, 0], new Float64Array([-0, 0]));
    expect(s.thresholds.length).toBe(2);
    expect(Array.from(s.tps)).toEqual([0, 1]);
    expect(Array.from(s.fps)).toEqual([0, 1]);
  });

  it('rejects bad labels, NaN or infinite scores and mismatched lengths', () => {
    expect(() => buildSweep([0, 2], new Float64Array([0.1, 0.2]))).toThrow(/0 or 1/);
    expect(() => buildSweep([0, 1], new Float64Array([0.1, NaN]))).toThrow(/finite/);
    expect(() => buildSweep([0, 1], new Float64Array([0.1, Infinity]))).toThrow(/finite/);
    expect(() => buildSweep([0, 1], new Float64Array([0.1]))).toThrow(/same length/);
  });

  it('gives an empty sweep for no rows', () => {
    const s = buildSweep([], new Float64Array(0));
    expect(Array.from(s.thresholds)).toEqual([Infinity]);
  });
});

describe('radix sort', () => {
  it('orders like the built-in sort, including -0, subnormals and infinities, above the radix cut-off', () => {
    const rng = createRng(7);
    const n = 50_000;
    const a = new Float64Array(n);
    const specials = [0, -0, 5e-324, -5e-324, Infinity, -Infinity, 1, -1, 0.5];
    for (let i = 0; i < n; i++) a[i] = i % 17 === 0 ? specials[i % specials.length]! : (rng.next() - 0.5) * 10 ** rng.int(20);
    const expected = Float64Array.from(a).sort();
    const got = sortFloat64Ascending(Float64Array.from(a));
    for (let i = 0; i < n; i++) if (!Object.is(got[i], expected[i])) throw new Error(`mismatch at ${i}: ${got[i]} vs ${expected[i]}`);
  });
});

describe('curves on a hand case (y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8])', () => {
  const sweep = buildSweep(y4, s4);

  it('ROC points, start at (0, 0) with threshold +Infinity', () => {
    const roc = rocCurve(sweep);
    expect(Array.from(roc.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(roc.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
  });

  it('AUC 0.75, AP 5/6, KS 0.5', () => {
    expect(rocAuc(sweep)).toBe(0.75);
    expect(averagePrecision(sweep)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 15);
    expect(ksStatistic(sweep)).toBe(0.5);
  });

  it('PR curve in sklearn order', () => {
    const pr = precisionRecallCurve(sweep);
    expect(Array.from(pr.precision)).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(Array.from(pr.recall)).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(Array.from(pr.thresholds)).toEqual([0.1, 0.35, 0.4, 0.8]);
  });

  it('dropIntermediate removes collinear points only', () => {
    // scores 4..1 all positive-then-negative: points on straight segments vanish
    const s = buildSweep([1, 1, 1, 0, 0, 0], new Float64Array([6, 5, 4, 3, 2, 1]));
    const roc = rocCurve(s, { dropIntermediate: true });
    expect(Array.from(roc.fpr)).toEqual([0, 0, 0, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 1 / 3, 1, 1]);
    expect(Array.from(roc.thresholds)).toEqual([Infinity, 6, 4, 1]);
  });

  it('single class: AUC and KS null, AP null without positives, with warnings', () => {
    const w: MetricWarning[] = [];
    const allNeg = buildSweep([0, 0, 0], new Float64Array([0.2, 0.4, 0.1]));
    expect(rocAuc(allNeg, w)).toBeNull();
    expect(averagePrecision(allNeg, w)).toBeNull();
    expect(ksStatistic(allNeg, w)).toBeNull();
    expect(w.map((x) => x.metric)).toEqual(['roc_auc', 'average_precision', 'ks']);
    const roc = rocCurve(allNeg, {}, w);
    expect(Number.isNaN(roc.tpr[1])).toBe(true);
  });
});

describe('radix sort without negatives', () => {
  it('orders non-negative values (the transform-free path), including +0 and subnormals', () => {
    const rng = createRng(11);
    const n = 40_000;
    const a = Float64Array.from({ length: n }, (_, i) => (i % 13 === 0 ? [0, 5e-324, 1, 1e308][i % 4]! : rng.next() ** 3));
    const expected = Float64Array.from(a).sort();
    const got = sortFloat64Ascending(Float64Array.from(a));
    for (let i = 0; i < n; i++) if (!Object.is(got[i], expected[i])) throw new Error(`mismatch at ${i}`);
  });

  it('sorts a subarray view in place without touching the rest of the buffer', () => {
    const rng = createRng(12);
    const buf = Float64Array.from({ length: 60_000 }, () => rng.next() - 0.25);
    const before = buf.slice();
    const view = buf.subarray(10_000, 50_000);
    const expected = view.slice().sort();
    sortFloat64Ascending(view);
    expect(Array.from(buf.subarray(10_000, 50_000))).toEqual(Array.from(expected));
    expect(Array.from(buf.subarray(0, 10_000))).toEqual(Array.from(before.subarray(0, 10_000)));
    expect(Array.from(buf.subarray(50_000))).toEqual(Array.from(before.subarray(50_000)));
  });
});
