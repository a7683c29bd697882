/**
 * Regression metrics over two aligned columns, y (truth) and ŷ (prediction). Every function takes
 * `yTrue` and `yPred` of the same length n >= 1, all finite, and throws a RangeError otherwise.
 */
import { accurateMean, accurateSum } from './compensated-sum';
import { assertFinite, assertSameLength } from './inputs';
import { warn, type MetricWarning } from './warnings';
import type { RegressionMetricKey } from './definitions';

function checkRegressionInputs(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  assertSameLength(yTrue, yPred, 'yTrue and yPred');
  if (yTrue.length === 0) throw new RangeError('regression metrics need at least one row');
  assertFinite(yTrue, 'yTrue');
  assertFinite(yPred, 'yPred');
}

/**
 * Residuals `y_i - ŷ_i` (positive when the model under-predicts).
 * @example residuals([3, 5], [2.5, 6]) // Float64Array [0.5, -1]
 */
export function residuals(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array {
  checkRegressionInputs(yTrue, yPred);
  const r = new Float64Array(yTrue.length);
  for (let i = 0; i < r.length; i++) r[i] = yTrue[i]! - yPred[i]!;
  return r;
}

/**
 * Mean squared error `(1/n) sum (y - ŷ)^2`. Matches sklearn.metrics.mean_squared_error.
 * @example meanSquaredError([3, 5], [2.5, 6]) // (0.25 + 1) / 2 = 0.625
 */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const r = residuals(yTrue, yPred);
  for (let i = 0; i < r.length; i++) r[i] = r[i]! * r[i]!;
  return accurateMean(r);
}

/**
 * Root mean squared error `sqrt(MSE)`, in the units of y.
 * Matches sklearn.metrics.mean_squared_error(squared=False) (1.2.1).
 * @example rootMeanSquaredError([0, 0], [3, 4]) // sqrt((9 + 16) / 2) = 3.5355
 */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/**
 * Mean absolute error `(1/n) sum |y - ŷ|`. Matches sklearn.metrics.mean_absolute_error.
 * @example meanAbsoluteError([3, 5], [2.5, 6]) // (0.5 + 1) / 2 = 0.75
 */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const r = residuals(yTrue, yPred);
  for (let i = 0; i < r.length; i++) r[i] = Math.abs(r[i]!);
  return accurateMean(r);
}

/**
 * Largest absolute error `max |y - ŷ|`. Matches sklearn.metrics.max_error.
 * @example maxError([3, 5, 1], [2.5, 6, 4]) // 3
 */
export function maxError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const r = residuals(yTrue, yPred);
  let m = 0;
  for (let i = 0; i < r.length; i++) m = Math.max(m, Math.abs(r[i]!));
  return m;
}

/**
 * Median of `|y - ŷ|` (for even n, the mean of the two middle values), robust to outliers.
 * Matches sklearn.metrics.median_absolute_error.
 * @example medianAbsoluteError([1, 2, 3, 4], [1, 2, 5, 9]) // median of [0, 0, 2, 5] = 1
 */
export function medianAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const r = residuals(yTrue, yPred);
  for (let i = 0; i < r.length; i++) r[i] = Math.abs(r[i]!);
  r.sort();
  const mid = r.length >> 1;
  return r.length % 2 === 1 ? r[mid]! : (r[mid - 1]! + r[mid]!) / 2;
}

/** sum (y - ŷ)^2 and sum (y - mean y)^2; the second is exactly 0 when y is constant (see r2Score). */
function sumsOfSquares(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): { residual: number; total: number } {
  const n = yTrue.length;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = yTrue[i]! - yPred[i]!;
    sq[i] = d * d;
  }
  const residual = accurateSum(sq);
  if (isConstant(yTrue)) return { residual, total: 0 };
  const mean = accurateMean(yTrue);
  for (let i = 0; i < n; i++) {
    const d = yTrue[i]! - mean;
    sq[i] = d * d;
  }
  return { residual, total: accurateSum(sq) };
}

function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/**
 * Coefficient of determination `R^2 = 1 - SS_res / SS_tot`, with `SS_res = sum (y - ŷ)^2` and
 * `SS_tot = sum (y - mean y)^2`. 1 is perfect, 0 is "no better than predicting the mean", and it can
 * be negative.
 *
 * Edge cases, as sklearn 1.2.1: fewer than 2 rows → undefined (sklearn NaN + warning; we return `null` +
 * warning). Constant y_true (SS_tot = 0) → 1.0 if the predictions are perfect, else 0.0 (sklearn returns the
 * same without warning; we add a warning because the number says nothing about the model). Constant y_true
 * is detected exactly (all values equal), so rounding in the mean cannot turn it into a huge negative R^2.
 *
 * Matches sklearn.metrics.r2_score.
 * @example r2Score([1, 2, 3], [1, 2, 4]) // 1 - 1 / 2 = 0.5
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, warnings?: MetricWarning[]): number | null {
  checkRegressionInputs(yTrue, yPred);
  if (yTrue.length < 2) {
    warn(warnings, 'r2', 'R² is not well-defined with less than two samples.');
    return null;
  }
  const { residual, total } = sumsOfSquares(yTrue, yPred);
  if (total === 0) {
    warn(warnings, 'r2', `y_true is constant, so R² is undefined: set to ${residual === 0 ? '1.0 (perfect predictions)' : '0.0'}, as sklearn.`);
    return residual === 0 ? 1 : 0;
  }
  return residual === 0 ? 1 : 1 - residual / total;
}

/**
 * Adjusted R² for a model with k predictors fitted on n rows: `1 - (1 - R^2) (n - 1) / (n - k - 1)`.
 * It penalises predictors that do not earn their keep. `null` with a warning when R² is `null` or
 * n <= k + 1 (the correction divides by zero or flips sign). sklearn has no adjusted R²; this is the
 * textbook formula on top of `r2Score`.
 *
 * @example adjustedR2(0.5, 10, 2) // 1 - 0.5 * 9 / 7 = 0.3571
 */
export function adjustedR2(r2: number | null, n: number, predictors: number, warnings?: MetricWarning[]): number | null {
  if (!Number.isInteger(predictors) || predictors < 0) throw new RangeError(`predictors must be an integer >= 0, got ${predictors}`);
  if (r2 === null) {
    warn(warnings, 'adjusted_r2', 'Adjusted R² is undefined because R² is.');
    return null;
  }
  if (n <= predictors + 1) {
    warn(warnings, 'adjusted_r2', `Adjusted R² needs more rows than predictors + 1 (n = ${n}, k = ${predictors}).`);
    return null;
  }
  return 1 - ((1 - r2) * (n - 1)) / (n - predictors - 1);
}

/**
 * Explained variance `1 - Var(y - ŷ) / Var(y)` (population variances). Unlike R² it ignores a constant
 * bias: predictions off by the same amount everywhere still score 1.
 *
 * Edge cases, as sklearn 1.2.1 (force_finite=True): if Var(y - ŷ) = 0 the score is 1.0; else if
 * Var(y) = 0 (constant y_true, detected exactly) it is 0.0, with a warning from us (sklearn is silent).
 *
 * Matches sklearn.metrics.explained_variance_score.
 * @example explainedVariance([1, 2, 3], [2, 3, 4]) // 1 (a constant offset is not penalised)
 */
export function explainedVariance(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, warnings?: MetricWarning[]): number {
  const r = residuals(yTrue, yPred);
  const meanR = accurateMean(r);
  const sq = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const d = r[i]! - meanR;
    sq[i] = d * d;
  }
  const numerator = accurateMean(sq);
  let denominator = 0;
  if (!isConstant(yTrue)) {
    const meanY = accurateMean(yTrue);
    for (let i = 0; i < r.length; i++) {
      const d = yTrue[i]! - meanY;
      sq[i] = d * d;
    }
    denominator = accurateMean(sq);
  }
  if (numerator === 0) return 1;
  if (denominator === 0) {
    warn(warnings, 'explained_variance', 'y_true is constant, so explained variance is undefined: set to 0.0, as sklearn.');
    return 0;
  }
  return 1 - numerator / denominator;
}

/**
 * sklearn's MAPE: `(1/n) sum |y - ŷ| / max(|y|, eps)` with eps = 2.22e-16, as a fraction (0.05 = 5 %).
 * Rows with y = 0 are not skipped: they divide by eps and usually dominate the mean with a huge value.
 * Prefer `mapeSkippingZeros` for display.
 *
 * Matches sklearn.metrics.mean_absolute_percentage_error.
 * @example meanAbsolutePercentageError([100, 200], [110, 180]) // (0.1 + 0.1) / 2 = 0.1
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const r = residuals(yTrue, yPred);
  for (let i = 0; i < r.length; i++) r[i] = Math.abs(r[i]!) / Math.max(Math.abs(yTrue[i]!), Number.EPSILON);
  return accurateMean(r);
}

/** Result of `mapeSkippingZeros`. */
export interface MapeSkippingZeros {
  /** Mean of `|y - ŷ| / |y|` over rows with y ≠ 0, as a fraction; `null` when every y is 0. */
  value: number | null;
  /** Rows left out because y = 0 (their percentage error is undefined). */
  skipped: number;
}

/**
 * Our MAPE: `mean over rows with y ≠ 0 of |y - ŷ| / |y|`, as a fraction, skipping and counting rows where
 * y = 0 instead of dividing by a tiny epsilon. Equals sklearn's MAPE when no y is 0. `value` is `null`
 * (with a warning) when every y is 0; a warning also says how many rows were skipped.
 *
 * @example mapeSkippingZeros([100, 0, 200], [110, 5, 180]) // { value: 0.1, skipped: 1 }
 */
export function mapeSkippingZeros(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, warnings?: MetricWarning[]): MapeSkippingZeros {
  checkRegressionInputs(yTrue, yPred);
  const terms = new Float64Array(yTrue.length);
  let k = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i]!;
    if (y === 0) continue;
    terms[k++] = Math.abs(y - yPred[i]!) / Math.abs(y);
  }
  const skipped = yTrue.length - k;
  if (k === 0) {
    warn(warnings, 'mape', 'Every y is 0: the percentage error is undefined.');
    return { value: null, skipped };
  }
  if (skipped > 0) warn(warnings, 'mape', `${skipped} row${skipped === 1 ? '' : 's'} with y = 0 skipped (percentage error undefined).`);
  return { value: accurateMean(terms.subarray(0, k)), skipped };
}

/** Keys of `RegressionMetrics.values`, in display order (from definitions.ts). */
export { REGRESSION_METRIC_KEYS, type RegressionMetricKey } from './definitions';

/** The warning when adjusted R² is asked for without the number of predictors. */
export const ADJUSTED_R2_NEEDS_K = 'Adjusted R² needs the number of predictors k.';

/** Options of `regressionMetrics`. */
export interface RegressionMetricsOptions {
  /** Number of predictors k of the model, for adjusted R²; without it adjusted_r2 is `null`. */
  predictors?: number;
}

/** Result of `regressionMetrics`. */
export interface RegressionMetrics {
  values: Record<RegressionMetricKey, number | null>;
  /** Rows with y = 0, each dividing by float64 eps in `mape` (scikit-learn's definition). */
  mapeZeroRows: number;
  warnings: MetricWarning[];
}

/**
 * Every regression metric at once. `mape` is scikit-learn's `meanAbsolutePercentageError` (rows with
 * y = 0 divide by float64 eps; they are counted in `mapeZeroRows`, with a warning);
 * `adjusted_r2` needs `options.predictors`.
 *
 * @example
 * regressionMetrics([1, 2, 3], [1, 2, 4]).values
 * // mse 1/3, rmse 0.5774, mae 1/3, r2 0.5, explained_variance 1 - (2/9) / (2/3) = 0.6667, max_error 1, ...
 */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionMetricsOptions = {}): RegressionMetrics {
  checkRegressionInputs(yTrue, yPred);
  const warnings: MetricWarning[] = [];
  const mse = meanSquaredError(yTrue, yPred);
  const r2 = r2Score(yTrue, yPred, warnings);
  let adjusted: number | null = null;
  if (options.predictors === undefined) warn(warnings, 'adjusted_r2', ADJUSTED_R2_NEEDS_K);
  else adjusted = adjustedR2(r2, yTrue.length, options.predictors, warnings);
  let zeroRows = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === 0) zeroRows++;
  if (zeroRows > 0) {
    warn(warnings, 'mape', `${zeroRows} row${zeroRows === 1 ? '' : 's'} with y = 0 divide by float64 eps (2.2e-16), as scikit-learn does: MAPE is dominated by ${zeroRows === 1 ? 'it' : 'them'}.`);
  }
  return {
    values: {
      rmse: Math.sqrt(mse),
      mse,
      mae: meanAbsoluteError(yTrue, yPred),
      r2,
      adjusted_r2: adjusted,
      explained_variance: explainedVariance(yTrue, yPred, warnings),
      max_error: maxError(yTrue, yPred),
      median_absolute_error: medianAbsoluteError(yTrue, yPred),
      mape: meanAbsolutePercentageError(yTrue, yPred),
    },
    mapeZeroRows: zeroRows,
    warnings,
  };
}
