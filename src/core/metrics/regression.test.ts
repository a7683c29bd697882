import { describe, expect, it } from 'vitest';
import {
  adjustedR2, explainedVariance, mapeSkippingZeros, maxError, meanAbsoluteError, meanAbsolutePercentageError,
  meanSquaredError, medianAbsoluteError, r2Score, regressionMetrics, residuals, rootMeanSquaredError,
} from './regression';
import type { MetricWarning } from './warnings';

describe('regression metrics: documented examples', () => {
  it('residuals, mse, rmse, mae, max error, median absolute error', () => {
    expect(Array.from(residuals([3, 5], [2.5, 6]))).toEqual([0.5, -1]);
    expect(meanSquaredError([3, 5], [2.5, 6])).toBe(0.625);
    expect(rootMeanSquaredError([0, 0], [3, 4])).toBeCloseTo(Math.sqrt(12.5), 15);
    expect(meanAbsoluteError([3, 5], [2.5, 6])).toBe(0.75);
    expect(maxError([3, 5, 1], [2.5, 6, 4])).toBe(3);
    expect(medianAbsoluteError([1, 2, 3, 4], [1, 2, 5, 9])).toBe(1);
    expect(medianAbsoluteError([1, 2, 3], [1, 5, 3])).toBe(0);
  });

  it('R², adjusted R², explained variance', () => {
    expect(r2Score([1, 2, 3], [1, 2, 4])).toBe(0.5);
    expect(adjustedR2(0.5, 10, 2)).toBeCloseTo(1 - (0.5 * 9) / 7, 15);
    expect(explainedVariance([1, 2, 3], [2, 3, 4])).toBe(1);
    expect(explainedVariance([1, 2, 3], [1, 2, 4])).toBeCloseTo(2 / 3, 15);
  });

  it('MAPE: sklearn variant divides by eps at y = 0; ours skips and counts', () => {
    expect(meanAbsolutePercentageError([100, 200], [110, 180])).toBeCloseTo(0.1, 15);
    expect(meanAbsolutePercentageError([0, 1], [1, 1])).toBeCloseTo(0.5 / Number.EPSILON, 0);
    const w: MetricWarning[] = [];
    expect(mapeSkippingZeros([100, 0, 200], [110, 5, 180], w)).toEqual({ value: expect.closeTo(0.1, 15), skipped: 1 });
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/1 row with y = 0 skipped/);
  });
});

describe('regression edge cases', () => {
  it('R² with one row is null with a warning (sklearn: NaN + warning)', () => {
    const w: MetricWarning[] = [];
    expect(r2Score([1], [2], w)).toBeNull();
    expect(w[0]!.metric).toBe('r2');
  });

  it('constant y_true: R² 1 if perfect else 0, with a warning; detected exactly even when the mean rounds', () => {
    const w: MetricWarning[] = [];
    expect(r2Score([0.1, 0.1, 0.1], [0.1, 0.1, 0.1], w)).toBe(1);
    expect(r2Score([0.1, 0.1, 0.1], [0.1, 0.2, 0.1], w)).toBe(0);
    expect(explainedVariance([0.1, 0.1, 0.1], [0.1, 0.2, 0.1], w)).toBe(0);
    expect(w.map((x) => x.metric)).toEqual(['r2', 'r2', 'explained_variance']);
  });

  it('adjusted R² is null when n <= k + 1 or R² is null, and rejects a bad k', () => {
    const w: MetricWarning[] = [];
    expect(adjustedR2(0.9, 3, 2, w)).toBeNull();
    expect(adjustedR2(null, 10, 2, w)).toBeNull();
    expect(w).toHaveLength(2);
    expect(() => adjustedR2(0.5, 10, 1.5)).toThrow(RangeError);
  });

  it('every y zero: MAPE (skipping) is null with a warning', () => {
    const w: MetricWarning[] = [];
    expect(mapeSkippingZeros([0, 0], [1, 2], w)).toEqual({ value: null, skipped: 2 });
    expect(w).toHaveLength(1);
  });

  it('rejects empty, mismatched and non-finite input', () => {
    expect(() => meanSquaredError([], [])).toThrow(/at least one row/);
    expect(() => meanSquaredError([1], [1, 2])).toThrow(/same length/);
    expect(() => meanSquaredError([1, NaN], [1, 2])).toThrow(/finite/);
  });

  it('keeps precision with a large offset (1e9 + small noise)', () => {
    const y = [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4];
    const p = [1e9 + 1.5, 1e9 + 2, 1e9 + 2.5, 1e9 + 4];
    // SS_res = 0.25 + 0 + 0.25 + 0 = 0.5, SS_tot = 5
    expect(r2Score(y, p)).toBeCloseTo(0.9, 12);
  });
});

describe('regressionMetrics', () => {
  it('gathers every key; adjusted_r2 needs the number of predictors', () => {
    const r = regressionMetrics([1, 2, 3], [1, 2, 4]);
    expect(r.values.mse).toBeCloseTo(1 / 3, 15);
    expect(r.values.rmse).toBeCloseTo(Math.sqrt(1 / 3), 15);
    expect(r.values.r2).toBe(0.5);
    expect(r.values.adjusted_r2).toBeNull();
    expect(r.warnings.map((w) => w.metric)).toEqual(['adjusted_r2']);
    expect(r.values.mape).toBeCloseTo(1 / 9, 15);
    expect(r.mapeZeroRows).toBe(0);
    const withK = regressionMetrics([1, 2, 3, 4, 5], [1, 2, 3, 4, 6], { predictors: 1 });
    expect(withK.values.adjusted_r2).toBeCloseTo(1 - ((1 - withK.values.r2!) * 4) / 3, 15);
  });
});
