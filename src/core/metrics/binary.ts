/**
 * Binary classification: the confusion counts at a threshold, every metric derived from them (with
 * sklearn's zero_division=0 behaviour), and `binaryMetrics`, which computes every binary key at once.
 */
import { averagePrecision, ksStatistic, rocAuc } from './curves';
import { assertSameLength, countBinaryLabels } from './inputs';
import { multiclassLogLoss } from './multiclass';
import { binaryProbabilityLosses, LOG_LOSS_EPS } from './probabilistic';
import { buildSweep, confusionAt, type Confusion, type Sweep } from './sweep';
import { warn, type MetricWarning } from './warnings';
import type { BinaryMetricKey } from './definitions';

export type { Confusion };

/** Every metric of a binary decision at one threshold (keys as in `definitions.ts`). */
export interface ThresholdMetrics extends Confusion {
  /** The threshold used: a row is predicted positive when `score >= threshold`. */
  threshold: number;
  accuracy: number;
  precision: number;
  recall: number;
  specificity: number;
  fpr: number;
  fnr: number;
  f1: number;
  /** F-beta for the `beta` below (equals f1 when beta = 1). */
  fbeta: number;
  beta: number;
  mcc: number;
  balanced_accuracy: number;
}

/**
 * Confusion counts at a threshold by one linear pass: a row is predicted positive when
 * `yScore[i] >= threshold`. This is the brute-force reference for `confusionAt` on a sweep.
 *
 * @param yTrue labels, each 0 or 1
 * @param yScore finite scores, same length
 * @param threshold any number; ±Infinity allowed (nothing / everything flagged)
 * @example
 * confusionAtThreshold([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8]), 0.4)
 * // { tp: 1, fp: 1, tn: 1, fn: 1 }
 */
export function confusionAtThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold: number): Confusion {
  assertSameLength(yTrue, yScore);
  if (Number.isNaN(threshold)) throw new RangeError('threshold must not be NaN');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    const positive = yScore[i]! >= threshold;
    if (y === 1) {
      if (positive) tp++;
      else fn++;
    } else if (y === 0) {
      if (positive) fp++;
      else tn++;
    } else {
      throw new RangeError(`binary labels must be 0 or 1, got ${y} at index ${i}`);
    }
  }
  return { tp, fp, tn, fn };
}

/** `num / den`, or 0 with a warning when `den` is 0 (sklearn's zero_division="warn" behaviour). */
function ratioOrZero(num: number, den: number, warnings: MetricWarning[] | undefined, metric: string, why: string): number {
  if (den === 0) {
    warn(warnings, metric, `${why}: ${metric} is ill-defined and set to 0.0.`);
    return 0;
  }
  return num / den;
}

/**
 * F-beta from precision and recall exactly as sklearn 1.2.1 computes it:
 * `(1 + b^2) P R / (b^2 P + R)`, and 0 when the denominator is 0.
 */
export function fbetaFromPrecisionRecall(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const denom = b2 * precision + recall;
  return denom === 0 ? 0 : ((1 + b2) * precision * recall) / denom;
}

/**
 * Matthews correlation coefficient from counts, by sklearn's covariance formula
 * `cov(y, p) / sqrt(cov(y, y) cov(p, p))` with `cov(y, p) = correct * n - sum_k t_k p_k` etc.
 * Returns 0 when a class is missing from y_true or from the predictions (sklearn returns 0 there too).
 */
export function mccFromConfusion(c: Confusion, warnings?: MetricWarning[]): number {
  const n = c.tp + c.fp + c.tn + c.fn;
  const tPos = c.tp + c.fn;
  const tNeg = c.tn + c.fp;
  const pPos = c.tp + c.fp;
  const pNeg = c.tn + c.fn;
  const covYtYp = (c.tp + c.tn) * n - (tPos * pPos + tNeg * pNeg);
  const covYpYp = n * n - (pPos * pPos + pNeg * pNeg);
  const covYtYt = n * n - (tPos * tPos + tNeg * tNeg);
  if (covYpYp * covYtYt === 0) {
    warn(warnings, 'mcc', 'MCC is undefined when y_true or the predictions hold one class only: set to 0, as sklearn.');
    return 0;
  }
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

/**
 * Every threshold metric from the four counts (sklearn's zero_division=0, with a warning each time a
 * denominator is 0):
 * - accuracy = (TP + TN) / n (sklearn.metrics.accuracy_score)
 * - precision = TP / (TP + FP); 0 when nothing is predicted positive (precision_score)
 * - recall = TPR = TP / (TP + FN); 0 when there are no positives (recall_score)
 * - specificity = TNR = TN / (TN + FP); 0 when there are no negatives (recall_score with pos_label=0)
 * - fpr = FP / (FP + TN) and fnr = FN / (FN + TP); 0 when their denominator is 0
 * - f1, fbeta = (1 + b^2) P R / (b^2 P + R); 0 when P = R = 0 (f1_score, fbeta_score); sklearn warns
 *   only when there are neither predicted nor true positives, and so do we
 * - mcc: see `mccFromConfusion` (matthews_corrcoef)
 * - balanced_accuracy = mean recall over the classes present in y_true (balanced_accuracy_score): with
 *   both classes (recall + specificity) / 2; with one class its recall alone, warning when the other
 *   class is predicted (sklearn: "y_pred contains classes not in y_true")
 *
 * @example
 * metricsFromConfusion({ tp: 3, fp: 1, tn: 4, fn: 2 }, 0.5)
 * // accuracy 0.7, precision 0.75, recall 0.6, specificity 0.8, fpr 0.2, fnr 0.4,
 * // f1 = 2 * 0.75 * 0.6 / 1.35 = 0.6667, balanced_accuracy 0.7, mcc = (3*4 - 1*2) / sqrt(4 * 6 * 5 * 5) = 0.4082
 */
export function metricsFromConfusion(c: Confusion, threshold: number, beta = 1, warnings?: MetricWarning[]): ThresholdMetrics {
  const { tp, fp, tn, fn } = c;
  const n = tp + fp + tn + fn;
  const positives = tp + fn;
  const negatives = tn + fp;
  const accuracy = ratioOrZero(tp + tn, n, warnings, 'accuracy', 'No rows');
  const precision = ratioOrZero(tp, tp + fp, warnings, 'precision', 'No predicted positives');
  const recall = ratioOrZero(tp, positives, warnings, 'recall', 'No positive rows in y_true');
  const specificity = ratioOrZero(tn, negatives, warnings, 'specificity', 'No negative rows in y_true');
  const fpr = ratioOrZero(fp, negatives, warnings, 'fpr', 'No negative rows in y_true');
  const fnr = ratioOrZero(fn, positives, warnings, 'fnr', 'No positive rows in y_true');
  if (tp + fp === 0 && positives === 0) {
    warn(warnings, 'f1', 'No predicted and no true positives: F-score is ill-defined and set to 0.0.');
  }
  const f1 = fbetaFromPrecisionRecall(precision, recall, 1);
  const fbeta = beta === 1 ? f1 : fbetaFromPrecisionRecall(precision, recall, beta);
  const mcc = mccFromConfusion(c, warnings);
  let balanced: number;
  if (positives > 0 && negatives > 0) balanced = (recall + specificity) / 2;
  else if (positives > 0) {
    if (fn > 0) warn(warnings, 'balanced_accuracy', 'The predictions contain class 0, which is not in y_true: it is left out of the average.');
    balanced = recall;
  } else if (negatives > 0) {
    if (fp > 0) warn(warnings, 'balanced_accuracy', 'The predictions contain class 1, which is not in y_true: it is left out of the average.');
    balanced = specificity;
  } else balanced = 0;
  return { threshold, tp, fp, tn, fn, accuracy, precision, recall, specificity, fpr, fnr, f1, fbeta, beta, mcc, balanced_accuracy: balanced };
}

/**
 * Threshold metrics computed directly from the rows (one linear pass, no sweep): the reference for
 * `thresholdMetricsAt`, and the cheaper choice when only one threshold is ever needed.
 *
 * @example
 * binaryThresholdMetrics([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8]), 0.4).precision // 0.5
 */
export function binaryThresholdMetrics(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  threshold: number,
  beta = 1,
  warnings?: MetricWarning[],
): ThresholdMetrics {
  return metricsFromConfusion(confusionAtThreshold(yTrue, yScore, threshold), threshold, beta, warnings);
}

/** ROC AUC straight from labels and scores; see `rocAuc`. Matches sklearn.metrics.roc_auc_score. */
export function rocAucScore(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, warnings?: MetricWarning[]): number | null {
  return rocAuc(buildSweep(yTrue, yScore), warnings);
}

/** Average precision straight from labels and scores; see `averagePrecision`. Matches sklearn.metrics.average_precision_score. */
export function averagePrecisionScore(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, warnings?: MetricWarning[]): number | null {
  return averagePrecision(buildSweep(yTrue, yScore), warnings);
}

/** Keys of `BinaryMetrics.values`, in display order (from definitions.ts). */
export { BINARY_METRIC_KEYS, type BinaryMetricKey } from './definitions';

/** Options of `binaryMetrics`. */
export interface BinaryMetricsOptions {
  /** Decision threshold: positive when `score >= threshold`. Default 0.5. */
  threshold?: number;
  /** Clip for log loss; default `LOG_LOSS_EPS` = 1e-15 (see `logLoss`). */
  logLossEps?: number;
  /**
   * The model given as one probability column per class: n x 2 row-major, [P(negative), P(positive)]
   * per row as written in the file (rows need not sum to 1). Log loss is then scikit-learn's
   * `log_loss(y, [[p0, p1], ...])` on the pair (each value clipped, then each row divided by its sum;
   * see `multiclassLogLoss`), while `yScore` (the row-normalised P(positive)) drives every other metric.
   */
  classProbabilities?: ArrayLike<number>;
  /**
   * A sweep already built from these same rows, to save the sort. Its class counts are checked against
   * `yTrue`; the scores are trusted to be the ones it was built from.
   */
  sweep?: Sweep;
}

/** Result of `binaryMetrics`. */
export interface BinaryMetrics {
  /** One value per key; `null` where the metric is undefined for these rows (see `warnings`). */
  values: Record<BinaryMetricKey, number | null>;
  threshold: number;
  warnings: MetricWarning[];
  /** The sweep built on the way, for curves and threshold queries. */
  sweep: Sweep;
}

/**
 * Every binary metric at once: ranking metrics (roc_auc, average_precision, ks) from one sweep, probability
 * metrics (log_loss, brier) when every score lies in [0, 1] (otherwise `null` with a warning: a logit or
 * a margin is not a probability), and the threshold metrics at `options.threshold`.
 *
 * @example
 * binaryMetrics([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8])).values
 * // roc_auc 0.75, average_precision 0.8333, ks 0.5; at threshold 0.5 only 0.8 is flagged: tp 1, fp 0, tn 2, fn 1, accuracy 0.75
 */
export function binaryMetrics(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, options: BinaryMetricsOptions = {}): BinaryMetrics {
  const threshold = options.threshold ?? 0.5;
  assertSameLength(yTrue, yScore);
  let sweep: Sweep;
  if (options.sweep) {
    sweep = options.sweep;
    const positives = countBinaryLabels(yTrue);
    if (positives !== sweep.nPositive || yTrue.length !== sweep.nPositive + sweep.nNegative) {
      throw new RangeError('options.sweep was not built from these rows');
    }
  } else {
    sweep = buildSweep(yTrue, yScore); // validates labels and scores
  }
  const warnings: MetricWarning[] = [];
  const t = metricsFromConfusion(confusionAt(sweep, threshold), threshold, 1, warnings);
  let logLossValue: number | null = null;
  let brierValue: number | null = null;
  const m = sweep.thresholds.length - 1;
  // The sweep holds the largest score at index 1 and the smallest at index m.
  if (m > 0 && sweep.thresholds[m]! >= 0 && sweep.thresholds[1]! <= 1) {
    const eps = options.logLossEps ?? LOG_LOSS_EPS;
    const losses = binaryProbabilityLosses(yTrue, yScore, eps);
    logLossValue = options.classProbabilities ? multiclassLogLoss(yTrue, options.classProbabilities, 2, eps) : losses.logLoss;
    brierValue = losses.brier;
  } else if (m > 0) {
    const message = 'Scores are not probabilities (some lie outside [0, 1]): this metric needs probabilities.';
    warn(warnings, 'log_loss', message);
    warn(warnings, 'brier', message);
  }
  const values: Record<BinaryMetricKey, number | null> = {
    roc_auc: rocAuc(sweep, warnings),
    average_precision: averagePrecision(sweep, warnings),
    log_loss: logLossValue,
    brier: brierValue,
    accuracy: t.accuracy,
    precision: t.precision,
    recall: t.recall,
    specificity: t.specificity,
    fpr: t.fpr,
    fnr: t.fnr,
    f1: t.f1,
    mcc: t.mcc,
    balanced_accuracy: t.balanced_accuracy,
    tp: t.tp,
    fp: t.fp,
    tn: t.tn,
    fn: t.fn,
    ks: ksStatistic(sweep, warnings),
  };
  return { values, threshold, warnings, sweep };
}

