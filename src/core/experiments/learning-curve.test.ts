import { describe, expect, it } from 'vitest';
import { fitLearningCurve, hyperparameterGrid, learningCurvePlan, learningCurveSizes, summarizeCurve, validationCurveVerdict, type CurvePoint } from './learning-curve';
import { moreDataOrFeatures } from './data-or-features';

describe('learningCurvePlan', () => {
  it('makes geometric, distinct sizes ending at the pool', () => {
    expect(learningCurveSizes({ poolRows: 1000, points: 5, minFraction: 0.1 })).toEqual([100, 178, 316, 562, 1000]);
    expect(learningCurveSizes({ poolRows: 30, points: 6, minRows: 8 })).toEqual([8, 10, 14, 18, 23, 30]);
    expect(learningCurveSizes({ poolRows: 5, points: 6, minRows: 8 })).toEqual([5]);
  });

  it('gives every repeat its own seeded order (a permutation of the pool), so subsets are nested within a repeat', () => {
    const plan = learningCurvePlan({ poolRows: 50, repeats: 3, seed: 7 });
    expect(plan.orders).toHaveLength(3);
    for (const order of plan.orders) expect([...order].sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect([...plan.orders[0]!]).not.toEqual([...plan.orders[1]!]);
    expect(learningCurvePlan({ poolRows: 50, repeats: 3, seed: 7 }).orders).toEqual(plan.orders);
    const [small, large] = [plan.sizes[0]!, plan.sizes[2]!];
    const subset = new Set(plan.orders[1]!.subarray(0, large));
    for (const i of plan.orders[1]!.subarray(0, small)) expect(subset.has(i)).toBe(true);
  });
});

describe('summarizeCurve and fitLearningCurve', () => {
  const sizes = [20, 40, 80, 160, 320];
  const points: CurvePoint[] = [];
  [0.004, -0.003, 0.001].forEach((e, r) => sizes.forEach((n, i) => {
    const acc = 0.95 - 0.9 * Math.pow(n, -0.6) + e * (i % 2 ? 1 : -1);
    points.push({ x: n, repeat: r, train: 1, validation: acc });
  }));

  it('summarises each size with mean and sample std', () => {
    const rows = summarizeCurve(points);
    expect(rows.map((r) => r.x)).toEqual(sizes);
    const v = rows[0]!.validation;
    const base = 0.95 - 0.9 * Math.pow(20, -0.6);
    const vals = [base - 0.004, base + 0.003, base - 0.001];
    const mean = vals.reduce((s, x) => s + x) / 3;
    expect(v.mean).toBeCloseTo(mean, 14);
    expect(v.std).toBeCloseTo(Math.sqrt(vals.reduce((s, x) => s + (x - mean) ** 2, 0) / 2), 14);
    expect(v.count).toBe(3);
  });

  it('fits minus the score for a higher-is-better metric and reads the asymptote back as a score', () => {
    const fit = fitLearningCurve(points, true, { factors: [2], resamples: 50, seed: 1 })!;
    expect(fit.sign).toBe(-1);
    expect(-fit.fit.c).toBeCloseTo(0.95, 1);
    expect(fit.huber).toBeGreaterThan(0);
    expect(fit.gains[0]!.gain).toBeGreaterThan(0);
  });
});

describe('validation curve', () => {
  it('picks the best value and says where it lies', () => {
    const pts: CurvePoint[] = [0.001, 0.01, 0.1, 1].flatMap((x, i) => [0, 1].map((r) => ({ x, repeat: r, train: [0.7, 0.9, 0.99, 0.999][i]!, validation: [0.7, 0.88, 0.85, 0.6][i]! + r * 0.001 })));
    const v = validationCurveVerdict(summarizeCurve(pts), true)!;
    expect(v.best).toBe(0.01);
    expect(v.position).toBe('inside');
    expect(v.gapAtBest).toBeCloseTo(0.9 - 0.8805, 12);
    const losses = [0.9, 0.5, 0.3, 0.2];
    const loss = validationCurveVerdict(summarizeCurve(pts.map((p) => ({ ...p, validation: losses[[0.001, 0.01, 0.1, 1].indexOf(p.x)]! }))), false)!;
    expect(loss.best).toBe(1);
    expect(loss.position).toBe('high-end');
  });

  it('makes log and linear grids', () => {
    expect(hyperparameterGrid(0.001, 1, 4, 'log')).toEqual([0.001, 0.01, 0.1, 1]);
    expect(hyperparameterGrid(1, 64, 4, 'log', true)).toEqual([1, 4, 16, 64]);
    expect(hyperparameterGrid(0, 0.5, 3, 'linear')).toEqual([0, 0.25, 0.5]);
  });
});

describe('moreDataOrFeatures', () => {
  const features = [
    { feature: 'a', gain: 0.2, lower: 0.15, upper: 0.25 },
    { feature: 'b', gain: 0.04, lower: 0.02, upper: 0.06 },
    { feature: 'c', gain: 0.001, lower: -0.01, upper: 0.012 },
  ];
  it('says more data when the gain band is above a typical useful feature', () => {
    const r = moreDataOrFeatures({ factor: 2, gain: 0.2, low: 0.15, high: 0.25 }, features, 'accuracy');
    expect(r.verdict).toBe('more-data');
    expect(r.typicalFeature).toBeCloseTo(0.12, 12);
    expect(r.features.map((x) => x.feature)).toEqual(['a', 'b', 'c']);
  });
  it('says more features when the curve has levelled off', () => {
    expect(moreDataOrFeatures({ factor: 2, gain: 0.001, low: -0.002, high: 0.004 }, features, 'accuracy').verdict).toBe('more-features');
  });
  it('is unclear in between', () => {
    expect(moreDataOrFeatures({ factor: 2, gain: 0.1, low: 0.05, high: 0.2 }, features, 'accuracy').verdict).toBe('unclear');
  });
});
