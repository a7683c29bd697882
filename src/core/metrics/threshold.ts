/**
 * Threshold queries on a built `Sweep`: the confusion counts and metrics at any threshold in O(log n),
 * the optimal thresholds for costs, F1 and Youden's J in O(m), and metric-versus-threshold series for plots.
 *
 * Tie-breaking, for every optimum here: among thresholds with exactly the same objective value, the
 * highest threshold wins (the first in the sweep's descending order), i.e. the decision that flags the
 * fewest rows. That choice is deterministic and independent of row order.
 */
import { metricsFromConfusion, type ThresholdMetrics } from './binary';
import { confusionAt, confusionAtIndex, type Confusion, type Sweep } from './sweep';

export { sweepIndexAt, confusionAtIndex, confusionAt } from './sweep';
import type { MetricWarning } from './warnings';

/**
 * Every threshold metric (accuracy, precision, recall, specificity, fpr, fnr, f1, fbeta, mcc,
 * balanced_accuracy, plus the counts) at threshold t in O(log n); see `metricsFromConfusion` for the
 * formulas and zero-division rules (sklearn's zero_division=0 with warnings).
 *
 * @example
 * thresholdMetricsAt(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])), 0.35)
 * // tp 2, fp 1, tn 1, fn 0: precision 2/3, recall 1, specificity 0.5, f1 0.8
 */
export function thresholdMetricsAt(sweep: Sweep, t: number, beta = 1, warnings?: MetricWarning[]): ThresholdMetrics {
  return metricsFromConfusion(confusionAt(sweep, t), t, beta, warnings);
}

/** An optimal threshold found on the sweep. */
export interface OptimalThreshold {
  /** The threshold: a sweep value (`+Infinity` means "flag nothing"; the lowest score means "flag everything"). */
  threshold: number;
  /** Its index in the sweep. */
  index: number;
  /** The objective's value there (total cost, F1 or J). */
  value: number;
  /** Confusion counts there. */
  confusion: Confusion;
}

/**
 * The threshold minimising total misclassification cost `costFP * FP + costFN * FN` over every distinct
 * threshold, including `+Infinity` (flag nothing: cost = costFN * P) and the lowest score (flag everything:
 * cost = costFP * N). `value` is the total cost; divide by n for the cost per row.
 * Ties: the highest threshold wins (exact for integer costs; with fractional costs, totals that are equal
 * on paper can differ in the last bit and the lower-cost one in floating point wins).
 *
 * @param costFP cost of one false positive (>= 0); @param costFN cost of one false negative (>= 0)
 * @example
 * // y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8]; a miss costs 5, a false alarm 1:
 * costOptimalThreshold(sweep, 1, 5) // threshold 0.35: FP 1, FN 0, cost 1
 */
export function costOptimalThreshold(sweep: Sweep, costFP: number, costFN: number): OptimalThreshold {
  if (!(costFP >= 0 && costFN >= 0 && Number.isFinite(costFP) && Number.isFinite(costFN))) {
    throw new RangeError(`costs must be finite and >= 0, got costFP=${costFP}, costFN=${costFN}`);
  }
  const { tps, fps, nPositive: P } = sweep;
  let best = 0;
  let bestCost = Infinity;
  for (let i = 0; i < tps.length; i++) {
    const cost = costFP * fps[i]! + costFN * (P - tps[i]!);
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return optimum(sweep, best, bestCost);
}

/**
 * The threshold maximising F1 = 2 P R / (P + R) over every distinct threshold (F1 is 0 where nothing is
 * predicted positive). With no positive rows every F1 is 0 and the answer is `+Infinity`.
 * Ties: the highest threshold wins.
 *
 * @example
 * f1OptimalThreshold(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])))
 * // threshold 0.35, F1 0.8 (tp 2, fp 1)
 */
export function f1OptimalThreshold(sweep: Sweep): OptimalThreshold {
  const { tps, fps, nPositive: P } = sweep;
  // F1 = 2 TP / (2 TP + FP + FN) = 2 TP / (TP + FP + P). Candidates are compared as exact integer fractions
  // (cross-multiplied, exact below 2^53) so that mathematically equal F1s tie instead of differing in the last bit.
  let best = 0;
  let bestNum = 0;
  let bestDen = 1;
  for (let i = 1; i < tps.length; i++) {
    const num = 2 * tps[i]!;
    const den = tps[i]! + fps[i]! + P;
    if (num * bestDen > bestNum * den) {
      bestNum = num;
      bestDen = den;
      best = i;
    }
  }
  return optimum(sweep, best, bestNum / bestDen);
}

/**
 * The threshold maximising Youden's J = TPR - FPR = recall + specificity - 1 (the point of the ROC curve
 * farthest above the diagonal; the maximum J is the KS statistic). `null` when y_true holds one class.
 * Ties: the highest threshold wins.
 *
 * @example
 * youdenThreshold(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])))
 * // threshold 0.8, J 0.5 (TPR 0.5, FPR 0); 0.35 also has J 0.5 but is lower
 */
export function youdenThreshold(sweep: Sweep): OptimalThreshold | null {
  const { tps, fps, nPositive: P, nNegative: N } = sweep;
  if (P === 0 || N === 0) return null;
  // J = TP/P - FP/N; compare the integer TP*N - FP*P instead, so exact ties stay ties.
  let best = 0;
  let bestScaled = 0;
  for (let i = 1; i < tps.length; i++) {
    const scaled = tps[i]! * N - fps[i]! * P;
    if (scaled > bestScaled) {
      bestScaled = scaled;
      best = i;
    }
  }
  return optimum(sweep, best, tps[best]! / P - fps[best]! / N);
}

function optimum(sweep: Sweep, index: number, value: number): OptimalThreshold {
  return { threshold: sweep.thresholds[index]!, index, value, confusion: confusionAtIndex(sweep, index) };
}

/** Metrics `metricVsThreshold` can trace. */
export type ThresholdSeriesMetric =
  | 'accuracy' | 'precision' | 'recall' | 'specificity' | 'fpr' | 'fnr' | 'f1' | 'mcc' | 'balanced_accuracy' | 'cost';

/** Options of `metricVsThreshold`. */
export interface MetricVsThresholdOptions {
  /** At most this many points (evenly spaced in sweep index, first and last kept). Default: all. */
  maxPoints?: number;
  /** For 'cost': cost of a false positive (default 1). */
  costFP?: number;
  /** For 'cost': cost of a false negative (default 1). */
  costFN?: number;
}

/** A metric traced against the threshold; `thresholds[0]` is `+Infinity` unless thinned away. */
export interface ThresholdSeries {
  /** Decreasing thresholds (sweep values). */
  thresholds: Float64Array;
  /** The metric at each threshold (same zero-division rules as `metricsFromConfusion`; 'cost' is the total cost). */
  values: Float64Array;
}

/**
 * One metric at every distinct threshold (or `maxPoints` of them), for "metric vs threshold" plots.
 * Values equal `thresholdMetricsAt(sweep, thresholds[k])[metric]` point for point (tested).
 * The first point is the `+Infinity` threshold: a plot with a numeric axis should drop or clamp it.
 *
 * @example
 * metricVsThreshold(buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])), 'recall')
 * // thresholds [Infinity, 0.8, 0.4, 0.35, 0.1], values [0, 0.5, 0.5, 1, 1]
 */
export function metricVsThreshold(sweep: Sweep, metric: ThresholdSeriesMetric, options: MetricVsThresholdOptions = {}): ThresholdSeries {
  const m = sweep.thresholds.length;
  const limit = options.maxPoints ?? m;
  if (!(limit >= 2) && m > 1) throw new RangeError(`maxPoints must be >= 2, got ${options.maxPoints}`);
  const count = Math.min(m, Math.floor(limit));
  const thresholds = new Float64Array(count);
  const values = new Float64Array(count);
  const { tps, fps, nPositive: P, nNegative: N } = sweep;
  const n = P + N;
  const costFP = options.costFP ?? 1;
  const costFN = options.costFN ?? 1;
  for (let k = 0; k < count; k++) {
    const i = count === m ? k : Math.round((k * (m - 1)) / (count - 1));
    const tp = tps[i]!;
    const fp = fps[i]!;
    const tn = N - fp;
    const fn = P - tp;
    thresholds[k] = sweep.thresholds[i]!;
    values[k] = seriesValue(metric, tp, fp, tn, fn, n, P, N, costFP, costFN);
  }
  return { thresholds, values };
}

/** One metric from counts, inline (no object per point), with the zero-division rules of `metricsFromConfusion`. */
function seriesValue(
  metric: ThresholdSeriesMetric, tp: number, fp: number, tn: number, fn: number,
  n: number, P: number, N: number, costFP: number, costFN: number,
): number {
  const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  switch (metric) {
    case 'accuracy': return div(tp + tn, n);
    case 'precision': return div(tp, tp + fp);
    case 'recall': return div(tp, P);
    case 'specificity': return div(tn, N);
    case 'fpr': return div(fp, N);
    case 'fnr': return div(fn, P);
    case 'f1': {
      const p = div(tp, tp + fp);
      const r = div(tp, P);
      return p + r === 0 ? 0 : (2 * p * r) / (p + r);
    }
    case 'mcc': {
      const pPos = tp + fp;
      const pNeg = tn + fn;
      const cov = (tp + tn) * n - (P * pPos + N * pNeg);
      const varP = n * n - (pPos * pPos + pNeg * pNeg);
      const varT = n * n - (P * P + N * N);
      return varP * varT === 0 ? 0 : cov / Math.sqrt(varT * varP);
    }
    case 'balanced_accuracy':
      if (P > 0 && N > 0) return (tp / P + tn / N) / 2;
      if (P > 0) return tp / P;
      if (N > 0) return tn / N;
      return 0;
    case 'cost': return costFP * fp + costFN * fn;
  }
}
