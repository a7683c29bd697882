/**
 * Ranking curves and their summaries, all read off one `Sweep`: ROC curve and AUC, precision-recall
 * curve and average precision, and the KS statistic.
 */
import type { Sweep } from './sweep';
import { warn, type MetricWarning } from './warnings';

/** Points of a ROC curve; the three arrays have the same length. */
export interface RocCurve {
  /** False positive rate FP / N at each threshold, non-decreasing from 0 to 1 (all NaN when N = 0). */
  fpr: Float64Array;
  /** True positive rate TP / P at each threshold, non-decreasing from 0 to 1 (all NaN when P = 0). */
  tpr: Float64Array;
  /** Decreasing thresholds; `thresholds[0] = +Infinity`; a row is positive when `score >= threshold`. */
  thresholds: Float64Array;
}

/** Options of `rocCurve`. */
export interface RocCurveOptions {
  /**
   * Drop points that lie on a straight segment between their neighbours (sklearn's default
   * `drop_intermediate=True`). They cannot change the AUC or the plotted curve; dropping them makes a
   * million-row curve plottable. Default `false`: one point per distinct threshold.
   */
  dropIntermediate?: boolean;
}

/**
 * Receiver operating characteristic: (FPR, TPR) at every distinct threshold.
 *
 * `fpr[i] = fps[i] / N`, `tpr[i] = tps[i] / P`, starting at (0, 0) for threshold `+Infinity` and ending
 * at (1, 1) for the lowest score. With `dropIntermediate: false` this has one point per distinct score
 * plus the start (sklearn's `roc_curve(drop_intermediate=False)`); with `true` it keeps exactly the points
 * sklearn's default keeps (a point survives when the second difference of fps or tps there is non-zero).
 *
 * Matches sklearn.metrics.roc_curve (1.2.1) except `thresholds[0]`: sklearn 1.2.1 uses `max(score) + 1`,
 * newer sklearn and we use `+Infinity` (both predict no positives). The golden tests compare both settings
 * point for point: `dropIntermediate: false` against `roc_curve(drop_intermediate=False)` and `true`
 * against sklearn's default. Edge cases, as sklearn: no negatives
 * gives `fpr` all NaN and no positives `tpr` all NaN, each with a warning.
 *
 * @example
 * const roc = rocCurve(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])));
 * // roc.fpr = [0, 0, 0.5, 0.5, 1], roc.tpr = [0, 0.5, 0.5, 1, 1],
 * // roc.thresholds = [Infinity, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(sweep: Sweep, options: RocCurveOptions = {}, warnings?: MetricWarning[]): RocCurve {
  const keep = options.dropIntermediate ? rocCornerIndices(sweep) : null;
  const m = keep ? keep.length : sweep.thresholds.length;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  const { nPositive: P, nNegative: N } = sweep;
  if (N <= 0) warn(warnings, 'roc_curve', 'No negative samples in y_true: the false positive rate is undefined (NaN).');
  if (P <= 0) warn(warnings, 'roc_curve', 'No positive samples in y_true: the true positive rate is undefined (NaN).');
  for (let k = 0; k < m; k++) {
    const i = keep ? keep[k]! : k;
    fpr[k] = N > 0 ? sweep.fps[i]! / N : NaN;
    tpr[k] = P > 0 ? sweep.tps[i]! / P : NaN;
    thresholds[k] = sweep.thresholds[i]!;
  }
  return { fpr, tpr, thresholds };
}

/**
 * Indices sklearn's `drop_intermediate=True` keeps: applied to the rows after the `+Infinity` one, keep the
 * first, the last and every row where `fps` or `tps` has a non-zero second difference; then the start row.
 */
function rocCornerIndices(sweep: Sweep): Int32Array {
  const { tps, fps } = sweep;
  const last = tps.length - 1; // rows 1..last are sklearn's fps/tps before it prepends (0, 0)
  const keep = new Int32Array(last + 1);
  let k = 0;
  keep[k++] = 0;
  if (last <= 2) {
    for (let i = 1; i <= last; i++) keep[k++] = i;
    return keep.slice(0, k);
  }
  keep[k++] = 1;
  for (let i = 2; i < last; i++) {
    const dFps = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!;
    const dTps = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!;
    if (dFps !== 0 || dTps !== 0) keep[k++] = i;
  }
  keep[k++] = last;
  return keep.slice(0, k);
}

/**
 * Area under the ROC curve by the trapezoidal rule over every distinct threshold.
 *
 * Computed in integer counts, `AUC = sum_i (fps[i] - fps[i-1]) * (tps[i] + tps[i-1]) / (2 P N)`, which
 * equals the probability that a random positive scores above a random negative, ties counting 1/2
 * (the Mann-Whitney U statistic divided by P N). Exact up to one final division for n < ~10^7.
 *
 * Matches sklearn.metrics.roc_auc_score (binary). Edge case: when y_true holds one class only sklearn
 * raises ValueError; we return `null` and warn.
 *
 * @example
 * rocAuc(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8]))) // 0.75: 3 of 4 pairs ordered
 */
export function rocAuc(sweep: Sweep, warnings?: MetricWarning[]): number | null {
  const { nPositive: P, nNegative: N, tps, fps } = sweep;
  if (P === 0 || N === 0) {
    warn(warnings, 'roc_auc', 'Only one class present in y_true: ROC AUC is not defined (sklearn raises).');
    return null;
  }
  let twiceArea = 0;
  for (let i = 1; i < tps.length; i++) twiceArea += (fps[i]! - fps[i - 1]!) * (tps[i]! + tps[i - 1]!);
  return twiceArea / (2 * P * N);
}

/** Points of a precision-recall curve in sklearn's order: thresholds increasing, recall decreasing. */
export interface PrecisionRecallCurve {
  /** Precision TP / (TP + FP) at each threshold, then a final 1 (length m + 1). */
  precision: Float64Array;
  /** Recall TP / P at each threshold, then a final 0 (length m + 1). */
  recall: Float64Array;
  /** The m distinct scores, increasing (no `+Infinity`: the final (recall 0, precision 1) point has no threshold). */
  thresholds: Float64Array;
}

/**
 * Precision-recall pairs at every distinct threshold, in sklearn's conventions: ordered by increasing
 * threshold, with a last point (precision 1, recall 0) that has no threshold, so `thresholds` is one
 * shorter than `precision` and `recall`. All points are kept (sklearn 1.2 no longer stops at full recall).
 *
 * Edge case, as sklearn: with no positive rows recall is set to 1 at every threshold, with a warning.
 *
 * Matches sklearn.metrics.precision_recall_curve (1.2.1) elementwise.
 *
 * @example
 * const pr = precisionRecallCurve(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])));
 * // pr.precision = [0.5, 2/3, 0.5, 1, 1], pr.recall = [1, 1, 0.5, 0.5, 0], pr.thresholds = [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(sweep: Sweep, warnings?: MetricWarning[]): PrecisionRecallCurve {
  const { tps, fps, nPositive: P } = sweep;
  const m = tps.length - 1;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  if (P === 0) warn(warnings, 'precision_recall_curve', 'No positive class found in y_true: recall is set to one for all thresholds.');
  for (let k = 0; k < m; k++) {
    const i = m - k; // sweep index, from the lowest threshold up
    const tp = tps[i]!;
    const predicted = tp + fps[i]!;
    precision[k] = predicted !== 0 ? tp / predicted : 0;
    recall[k] = P > 0 ? tp / P : 1;
    thresholds[k] = sweep.thresholds[i]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

/**
 * Average precision: the step-wise area under the precision-recall curve,
 * `AP = sum_i (R_i - R_{i-1}) * P_i` over thresholds from high to low (no interpolation, no trapezoids).
 *
 * Matches sklearn.metrics.average_precision_score (binary). Edge case: with no positive rows sklearn 1.2.1
 * warns and returns 0 (recall is undefined); we return `null` and warn, because 0 would read as a real score.
 *
 * @example
 * averagePrecision(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])))
 * // 0.8333...: 0.5 * 1 (first positive at rank 1) + 0.5 * 2/3 (second at rank 3)
 */
export function averagePrecision(sweep: Sweep, warnings?: MetricWarning[]): number | null {
  const { tps, fps, nPositive: P } = sweep;
  if (P === 0) {
    warn(warnings, 'average_precision', 'No positive class found in y_true: average precision is not defined (sklearn returns 0).');
    return null;
  }
  let sum = 0;
  for (let i = 1; i < tps.length; i++) {
    const dtp = tps[i]! - tps[i - 1]!;
    if (dtp !== 0) sum += (dtp / P) * (tps[i]! / (tps[i]! + fps[i]!));
  }
  return sum;
}

/**
 * Kolmogorov-Smirnov statistic of the model: the largest gap between the rates at which it flags
 * positives and negatives, `KS = max_t (TPR(t) - FPR(t))`, in [0, 1]. The same number as the maximum of
 * Youden's J. It equals scipy.stats.ks_2samp(negative scores, positive scores, alternative='greater')
 * (one-sided: a model ranking negatives above positives has KS 0 here, not a large value).
 *
 * Edge case: `null` with a warning when y_true holds one class only.
 *
 * @example
 * ksStatistic(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8]))) // 0.5
 */
export function ksStatistic(sweep: Sweep, warnings?: MetricWarning[]): number | null {
  const { nPositive: P, nNegative: N, tps, fps } = sweep;
  if (P === 0 || N === 0) {
    warn(warnings, 'ks', 'Only one class present in y_true: the KS statistic is not defined.');
    return null;
  }
  let best = 0;
  for (let i = 1; i < tps.length; i++) {
    const gap = tps[i]! / P - fps[i]! / N;
    if (gap > best) best = gap;
  }
  return best;
}
