/**
 * Multiclass classification with K classes coded 0..K-1. Labels are always the full range 0..K-1
 * (sklearn's `labels=range(K)`), so a class missing from y_true or never predicted still has its row,
 * column and per-class entry.
 *
 * Predictions come either as class codes, or as an n x K probability matrix stored row-major in a
 * Float64Array (`proba[i * K + k]` = P(row i is class k)), from which the predicted class is the argmax.
 */
import { rocAuc } from './curves';
import { assertClassCodes, assertFinite, assertSameLength } from './inputs';
import { buildSweep } from './sweep';
import { LOG_LOSS_EPS } from './probabilistic';
import { warn, type MetricWarning } from './warnings';
import type { MulticlassMetricKey } from './definitions';

function checkProba(n: number, proba: ArrayLike<number>, nClasses: number): void {
  if (proba.length !== n * nClasses) {
    throw new RangeError(`proba must hold n * K = ${n} * ${nClasses} values (row-major), got ${proba.length}`);
  }
  assertFinite(proba, 'proba');
}

/**
 * Predicted class per row: the argmax of each probability row; on a tie the lowest class index wins
 * (numpy.argmax's first-maximum rule, hence sklearn's `predict`).
 *
 * @example argmaxRows(new Float64Array([0.2, 0.5, 0.3,  0.4, 0.4, 0.2]), 3) // Int32Array [1, 0]
 */
export function argmaxRows(proba: ArrayLike<number>, nClasses: number): Int32Array {
  if (!Number.isInteger(nClasses) || nClasses < 1) throw new RangeError(`nClasses must be a positive integer, got ${nClasses}`);
  if (proba.length % nClasses !== 0) throw new RangeError(`proba length ${proba.length} is not a multiple of K = ${nClasses}`);
  const n = proba.length / nClasses;
  assertFinite(proba, 'proba');
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * nClasses;
    let best = 0;
    let bestValue = proba[base]!;
    for (let k = 1; k < nClasses; k++) {
      const v = proba[base + k]!;
      if (v > bestValue) {
        bestValue = v;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * K x K confusion matrix: `matrix[t][p]` = rows whose true class is t and predicted class is p
 * (rows = truth, columns = prediction). Matches sklearn.metrics.confusion_matrix(labels=range(K)).
 *
 * @example confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], 3) // [[1, 0, 0], [0, 0, 1], [0, 1, 1]]
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): number[][] {
  assertSameLength(yTrue, yPred, 'yTrue and yPred');
  assertClassCodes(yTrue, nClasses, 'yTrue');
  assertClassCodes(yPred, nClasses, 'yPred');
  const matrix = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) matrix[yTrue[i]!]![yPred[i]!]!++;
  return matrix;
}

/** Per-class precision, recall, F-beta and support (index = class code). */
export interface PerClassMetrics {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  /** Rows whose true class is k. */
  support: Float64Array;
  /** Rows predicted as class k. */
  predicted: Float64Array;
}

/**
 * Precision, recall and F-beta for each class in one-vs-rest fashion, from a confusion matrix.
 * precision_k = C[k][k] / column sum, recall_k = C[k][k] / row sum, F = (1 + b^2) P R / (b^2 P + R).
 * Zero denominators give 0 with a warning (sklearn's zero_division="warn"): precision for a class never
 * predicted, recall for a class absent from y_true, F only when both (as sklearn's f1_score warns).
 *
 * Matches sklearn.metrics.precision_recall_fscore_support(labels=range(K), average=None).
 * @example
 * perClassMetrics([[1, 0, 0], [0, 0, 1], [0, 1, 1]]).precision // [1, 0, 0.5]
 */
export function perClassMetrics(confusion: number[][], beta = 1, warnings?: MetricWarning[]): PerClassMetrics {
  const K = confusion.length;
  const precision = new Float64Array(K);
  const recall = new Float64Array(K);
  const f1 = new Float64Array(K);
  const support = new Float64Array(K);
  const predicted = new Float64Array(K);
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const c = confusion[t]![p]!;
      support[t] = support[t]! + c;
      predicted[p] = predicted[p]! + c;
    }
  }
  const neverPredicted: number[] = [];
  const absent: number[] = [];
  const neither: number[] = [];
  const b2 = beta * beta;
  for (let k = 0; k < K; k++) {
    const tp = confusion[k]![k]!;
    const pk = predicted[k]!;
    const sk = support[k]!;
    if (pk === 0) neverPredicted.push(k);
    if (sk === 0) absent.push(k);
    if (pk === 0 && sk === 0) neither.push(k);
    precision[k] = pk === 0 ? 0 : tp / pk;
    recall[k] = sk === 0 ? 0 : tp / sk;
    const denom = b2 * precision[k]! + recall[k]!;
    f1[k] = denom === 0 ? 0 : ((1 + b2) * precision[k]! * recall[k]!) / denom;
  }
  if (neverPredicted.length) {
    warn(warnings, 'macro_precision', `Precision is ill-defined and set to 0.0 for class${plural(neverPredicted)} with no predicted rows: ${neverPredicted.join(', ')}.`);
  }
  if (absent.length) {
    warn(warnings, 'macro_recall', `Recall is ill-defined and set to 0.0 for class${plural(absent)} with no true rows: ${absent.join(', ')}.`);
  }
  if (neither.length) {
    const message = `F-score is ill-defined and set to 0.0 for class${plural(neither)} with no true nor predicted rows: ${neither.join(', ')}.`;
    warn(warnings, 'macro_f1', message);
    warn(warnings, 'weighted_f1', message);
  }
  return { precision, recall, f1, support, predicted };
}

function plural(list: number[]): string {
  return list.length === 1 ? '' : 'es';
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** Support-weighted mean (sklearn's average='weighted'); 0 when there are no rows. */
function weightedMean(values: Float64Array, weights: Float64Array): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i]! * weights[i]!;
    w += weights[i]!;
  }
  return w === 0 ? 0 : s / w;
}

/**
 * Balanced accuracy: the mean recall over the classes present in y_true (classes absent from y_true are
 * left out, with a warning if they were predicted, as sklearn's "y_pred contains classes not in y_true").
 * Equals accuracy when the classes are balanced; 1/K for a constant prediction.
 *
 * Matches sklearn.metrics.balanced_accuracy_score.
 * @example balancedAccuracyFromConfusion([[1, 0, 0], [0, 0, 1], [0, 1, 1]]) // (1 + 0 + 0.5) / 3 = 0.5
 */
export function balancedAccuracyFromConfusion(confusion: number[][], warnings?: MetricWarning[]): number {
  let sum = 0;
  let present = 0;
  const predictedButAbsent: number[] = [];
  for (let k = 0; k < confusion.length; k++) {
    const row = confusion[k]!;
    let support = 0;
    for (const c of row) support += c;
    if (support > 0) {
      sum += row[k]! / support;
      present++;
    } else {
      let predicted = 0;
      for (const r of confusion) predicted += r[k]!;
      if (predicted > 0) predictedButAbsent.push(k);
    }
  }
  if (predictedButAbsent.length) {
    warn(warnings, 'balanced_accuracy', `The predictions contain class${plural(predictedButAbsent)} ${predictedButAbsent.join(', ')}, absent from y_true: left out of the average.`);
  }
  return present === 0 ? 0 : sum / present;
}

/**
 * Multiclass log loss `-(1/n) sum_i log p_i[y_i]` in nats, as sklearn 1.2.1: every probability is clipped to
 * `[eps, 1 - eps]`, then each row is divided by its sum (so rows that do not sum to 1 are renormalised
 * rather than rejected).
 *
 * @param yTrue class codes 0..K-1 (length n)
 * @param proba n x K row-major probabilities
 * @param nClasses K >= 2
 * @param eps clip; default `LOG_LOSS_EPS` (1e-15)
 * @throws RangeError on K < 2, bad codes, a wrongly sized or non-finite proba
 *
 * Matches sklearn.metrics.log_loss(y_true, proba, labels=range(K)).
 * @example multiclassLogLoss([0, 2], new Float64Array([0.5, 0.25, 0.25,  0.1, 0.1, 0.8]), 3)
 * // -(ln 0.5 + ln 0.8) / 2 = 0.4581
 */
export function multiclassLogLoss(yTrue: ArrayLike<number>, proba: ArrayLike<number>, nClasses: number, eps: number = LOG_LOSS_EPS): number {
  if (nClasses < 2) throw new RangeError('log loss needs at least two classes');
  assertClassCodes(yTrue, nClasses, 'yTrue');
  const n = yTrue.length;
  if (n === 0) throw new RangeError('log loss needs at least one row');
  checkProba(n, proba, nClasses);
  const hi = 1 - eps;
  const clip = (p: number): number => (p < eps ? eps : p > hi ? hi : p);
  let sum = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const base = i * nClasses;
    let rowSum = 0;
    for (let k = 0; k < nClasses; k++) rowSum += clip(proba[base + k]!);
    const term = -Math.log(clip(proba[base + yTrue[i]!]!) / rowSum);
    const t = sum + term; // Neumaier compensated sum
    c += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return (sum + c) / n;
}

/** One-vs-rest ROC AUC per class and their unweighted mean. */
export interface OvrAuc {
  /** AUC of "class k versus the rest" scored by column k; `null` for a class absent from y_true (or present everywhere). */
  perClass: (number | null)[];
  /** Mean of the per-class AUCs; `null` if any is `null` (sklearn raises then). */
  macro: number | null;
}

/**
 * One-vs-rest macro ROC AUC: for each class k, the binary AUC of (y == k) against proba[:, k]; then the
 * plain mean. Matches sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro', labels=range(K)).
 *
 * Edge cases: a class absent from y_true has no AUC; sklearn raises, we return `macro: null` with a
 * warning and still give the other classes' AUCs in `perClass`. sklearn also raises when rows do not sum
 * to 1 (tolerance 1e-5 + 1e-8); we compute anyway and warn, because the ranking is still meaningful.
 *
 * @example
 * rocAucOvr([0, 1, 2, 2], new Float64Array([0.8, 0.1, 0.1,  0.2, 0.6, 0.2,  0.1, 0.3, 0.6,  0.3, 0.3, 0.4]), 3).macro // 1
 */
export function rocAucOvr(yTrue: ArrayLike<number>, proba: ArrayLike<number>, nClasses: number, warnings?: MetricWarning[]): OvrAuc {
  assertClassCodes(yTrue, nClasses, 'yTrue');
  const n = yTrue.length;
  checkProba(n, proba, nClasses);
  let offRows = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < nClasses; k++) s += proba[i * nClasses + k]!;
    if (!(Math.abs(s - 1) <= 1e-8 + 1e-5 * Math.abs(s))) offRows++;
  }
  if (offRows > 0) warn(warnings, 'roc_auc_ovr_macro', `${offRows} row${offRows === 1 ? '' : 's'} of probabilities do not sum to 1 (sklearn refuses such input; computed anyway).`);
  const perClass: (number | null)[] = [];
  const column = new Float64Array(n);
  const isK = new Uint8Array(n);
  const undefinedClasses: number[] = [];
  for (let k = 0; k < nClasses; k++) {
    for (let i = 0; i < n; i++) {
      column[i] = proba[i * nClasses + k]!;
      isK[i] = yTrue[i] === k ? 1 : 0;
    }
    const auc = rocAuc(buildSweep(isK, column));
    if (auc === null) undefinedClasses.push(k);
    perClass.push(auc);
  }
  if (undefinedClasses.length) {
    warn(warnings, 'roc_auc_ovr_macro', `One-vs-rest AUC is undefined for class${plural(undefinedClasses)} ${undefinedClasses.join(', ')} (only one class present in y_true for it): the macro average is not defined (sklearn raises).`);
    return { perClass, macro: null };
  }
  let sum = 0;
  for (const a of perClass) sum += a!;
  return { perClass, macro: sum / nClasses };
}

/**
 * Multiclass Matthews correlation coefficient from the K x K confusion matrix, by scikit-learn's
 * covariance formula: with t_k = row sums (true counts), p_k = column sums (predicted counts),
 * c = trace and s = n, `(c s - sum t_k p_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2))`, in [-1, 1].
 * 0 with a warning when y_true or the predictions hold one class only (sklearn returns 0 there too).
 *
 * Matches sklearn.metrics.matthews_corrcoef (1.2.1); for K = 2 it equals the binary `mccFromConfusion`.
 * @example multiclassMccFromConfusion([[2, 0, 0], [0, 1, 1], [1, 0, 3]]) // (6*8 - (2*3 + 2*1 + 4*4)) / sqrt((64 - 26)(64 - 24)) = 0.6156
 */
export function multiclassMccFromConfusion(confusion: number[][], warnings?: MetricWarning[]): number {
  const K = confusion.length;
  let correct = 0, n = 0, tp = 0, tt = 0, pp = 0;
  for (let k = 0; k < K; k++) {
    let t = 0, p = 0;
    for (let j = 0; j < K; j++) { t += confusion[k]![j]!; p += confusion[j]![k]!; }
    correct += confusion[k]![k]!;
    n += t;
    tp += t * p; tt += t * t; pp += p * p;
  }
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) {
    warn(warnings, 'mcc', 'MCC is undefined when y_true or the predictions hold one class only: set to 0, as sklearn.');
    return 0;
  }
  return (correct * n - tp) / Math.sqrt(covYtYt * covYpYp);
}

/** Scalar keys of `MulticlassMetrics.values` (the K x K `confusion` is a separate field; from definitions.ts). */
export { MULTICLASS_METRIC_KEYS, type MulticlassMetricKey } from './definitions';

/** Predictions for `multiclassMetrics`: class codes, or an n x K probability matrix (row-major), or both. */
export interface MulticlassPredictions {
  /** Predicted class codes 0..K-1; when absent they are the argmax of `proba`. */
  yPred?: ArrayLike<number>;
  /** n x K probabilities, row-major; needed for log_loss and roc_auc_ovr_macro. */
  proba?: ArrayLike<number>;
}

/** Options of `multiclassMetrics`. */
export interface MulticlassMetricsOptions {
  /** Clip for log loss; default `LOG_LOSS_EPS` (1e-15). */
  logLossEps?: number;
}

/** Result of `multiclassMetrics`. */
export interface MulticlassMetrics {
  values: Record<MulticlassMetricKey, number | null>;
  /** K x K counts, rows = true class, columns = predicted class (the `confusion` key). */
  confusion: number[][];
  perClass: PerClassMetrics;
  /** One-vs-rest AUC per class, when probabilities were given. */
  rocAucPerClass: (number | null)[] | null;
  /** The predicted class codes used (given, or argmax of proba). */
  yPred: Int32Array;
  warnings: MetricWarning[];
}

/**
 * Every multiclass metric at once:
 * - accuracy = share of rows predicted correctly (accuracy_score)
 * - balanced_accuracy (balanced_accuracy_score), see `balancedAccuracyFromConfusion`
 * - mcc (matthews_corrcoef), see `multiclassMccFromConfusion`
 * - macro_precision / macro_recall / macro_f1 = unweighted mean over all K classes (zero_division=0)
 * - micro_f1 = F1 of the pooled counts; equals accuracy here since every row has exactly one label
 * - weighted_f1 = per-class F1 weighted by support
 * - log_loss (needs proba; probabilities in [0, 1]) and roc_auc_ovr_macro (needs proba), otherwise `null`
 *
 * All match sklearn with `labels=range(K)`.
 * @example
 * multiclassMetrics([0, 1, 2, 2], { yPred: [0, 2, 2, 1] }, 3).values.macro_f1 // (1 + 0 + 0.5) / 3 = 0.5
 */
export function multiclassMetrics(
  yTrue: ArrayLike<number>,
  predictions: MulticlassPredictions,
  nClasses: number,
  options: MulticlassMetricsOptions = {},
): MulticlassMetrics {
  assertClassCodes(yTrue, nClasses, 'yTrue');
  const n = yTrue.length;
  const { proba } = predictions;
  if (proba) checkProba(n, proba, nClasses);
  let yPred: Int32Array;
  if (predictions.yPred) {
    assertSameLength(yTrue, predictions.yPred, 'yTrue and yPred');
    assertClassCodes(predictions.yPred, nClasses, 'yPred');
    yPred = Int32Array.from(predictions.yPred);
  } else if (proba) {
    yPred = argmaxRows(proba, nClasses);
  } else {
    throw new RangeError('multiclassMetrics needs yPred or proba');
  }
  const warnings: MetricWarning[] = [];
  const confusion = confusionMatrix(yTrue, yPred, nClasses);
  const perClass = perClassMetrics(confusion, 1, warnings);
  let correct = 0;
  for (let k = 0; k < nClasses; k++) correct += confusion[k]![k]!;
  if (n === 0) warn(warnings, 'accuracy', 'No rows: accuracy is set to 0.0.');
  const accuracy = n === 0 ? 0 : correct / n;
  const weighted = weightedMean(perClass.f1, perClass.support);
  let logLossValue: number | null = null;
  let ovr: OvrAuc | null = null;
  if (!proba) {
    warn(warnings, 'log_loss', 'Log loss needs predicted probabilities, not only labels.');
    warn(warnings, 'roc_auc_ovr_macro', 'One-vs-rest AUC needs predicted probabilities, not only labels.');
  } else {
    let inRange = true;
    for (let i = 0; i < proba.length && inRange; i++) inRange = proba[i]! >= 0 && proba[i]! <= 1;
    if (!inRange) warn(warnings, 'log_loss', 'Scores are not probabilities (some lie outside [0, 1]): log loss needs probabilities.');
    else if (nClasses < 2 || n === 0) warn(warnings, 'log_loss', 'Log loss needs at least two classes and one row.');
    else logLossValue = multiclassLogLoss(yTrue, proba, nClasses, options.logLossEps ?? LOG_LOSS_EPS);
    ovr = rocAucOvr(yTrue, proba, nClasses, warnings);
  }
  return {
    values: {
      accuracy,
      balanced_accuracy: balancedAccuracyFromConfusion(confusion, warnings),
      mcc: multiclassMccFromConfusion(confusion, warnings),
      macro_precision: mean(perClass.precision),
      macro_recall: mean(perClass.recall),
      macro_f1: mean(perClass.f1),
      micro_f1: accuracy,
      weighted_f1: weighted,
      log_loss: logLossValue,
      roc_auc_ovr_macro: ovr ? ovr.macro : null,
    },
    confusion,
    perClass,
    rocAucPerClass: ovr ? ovr.perClass : null,
    yPred,
    warnings,
  };
}
