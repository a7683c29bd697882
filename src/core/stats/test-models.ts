/**
 * Test support: the deterministic models of make_stats_fixtures.py, written with the same
 * operations in the same order so that TypeScript and numpy predict bit-identical values.
 */

/** 1.5 x0 - 2 x1 x2 + 0.5 x3^2 + 0.25 (PolyRegressor). */
export function polyPredict(X: Float64Array, nRows: number, nFeatures: number): Float64Array {
  const out = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const r = i * nFeatures;
    out[i] = 1.5 * X[r]! - 2.0 * X[r + 1]! * X[r + 2]! + 0.5 * X[r + 3]! * X[r + 3]! + 0.25;
  }
  return out;
}

/** 1 when x0 + 0.5 x1 > 0 (ThresholdClassifier). */
export function thresholdPredict(X: Float64Array, nRows: number, nFeatures: number): Float64Array {
  const out = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) out[i] = X[i * nFeatures]! + 0.5 * X[i * nFeatures + 1]! > 0 ? 1 : 0;
  return out;
}

/** sklearn.metrics.r2_score: 1 - sum (y - p)^2 / sum (y - mean y)^2. */
export function r2(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i]!;
  mean /= y.length;
  let res = 0, tot = 0;
  for (let i = 0; i < y.length; i++) {
    res += (y[i]! - p[i]!) ** 2;
    tot += (y[i]! - mean) ** 2;
  }
  return 1 - res / tot;
}

/** sklearn.metrics.accuracy_score. */
export function accuracy(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === p[i]) hits++;
  return hits / y.length;
}
