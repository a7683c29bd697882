import { describe, expect, it } from 'vitest';
import { brierScore, calibrationCurve, logLoss, LOG_LOSS_EPS } from './probabilistic';

describe('log loss and Brier score', () => {
  it('documented examples', () => {
    expect(logLoss([1, 0], new Float64Array([0.8, 0.4]))).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
    expect(brierScore([1, 0], new Float64Array([0.8, 0.4]))).toBeCloseTo(0.1, 15);
  });

  it('a confident wrong answer costs -ln(eps): 34.54 with the default 1e-15, 36.04 with sklearn 1.2.1 eps="auto"', () => {
    expect(LOG_LOSS_EPS).toBe(1e-15);
    expect(logLoss([1], new Float64Array([0]))).toBeCloseTo(34.538776394910684, 10);
    expect(logLoss([1], new Float64Array([0]), Number.EPSILON)).toBeCloseTo(-Math.log(2.220446049250313e-16), 10);
  });

  it('rejects probabilities outside [0, 1] and empty input', () => {
    expect(() => logLoss([1], new Float64Array([1.2]))).toThrow(/probabilities/);
    expect(() => brierScore([], new Float64Array(0))).toThrow(/at least one row/);
  });
});

describe('calibration curve', () => {
  it('sklearn docstring example, with counts and bin indices', () => {
    const c = calibrationCurve([0, 0, 0, 0, 1, 1, 1, 1, 1], new Float64Array([0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1]), 3);
    expect(Array.from(c.probTrue)).toEqual([0, 0.5, 1]);
    expect(Array.from(c.probPred).map((x) => +x.toFixed(12))).toEqual([0.2, 0.525, 0.85]);
    expect(Array.from(c.counts)).toEqual([3, 2, 4]);
    expect(Array.from(c.binIndex)).toEqual([0, 1, 2]);
  });

  it('leaves empty bins out and says which bins remain', () => {
    const c = calibrationCurve([0, 1], new Float64Array([0.05, 0.95]), 10);
    expect(Array.from(c.binIndex)).toEqual([0, 9]);
    expect(c.edges.length).toBe(11);
  });

  it('a value exactly on an edge goes to the lower bin (edges[k] < p <= edges[k+1])', () => {
    const c = calibrationCurve([1], new Float64Array([0.5]), 2);
    expect(Array.from(c.binIndex)).toEqual([0]);
  });

  it('quantile bins hold about equally many rows', () => {
    const p = Float64Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
    const c = calibrationCurve(Array.from({ length: 100 }, (_, i) => i % 2), p, 4, 'quantile');
    expect(Array.from(c.counts)).toEqual([25, 25, 25, 25]);
  });
});
