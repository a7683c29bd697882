/**
 * The metric keys used everywhere (core results, CLI JSON, UI data-testids) and, for each, a label, a
 * formula and a short explanation for tooltips and the explain panel.
 *
 * This file is the one list of keys: each task's table is in display order (the CLI's JSON and table
 * order), and every other key list (the report's, the threshold metrics', the bootstrap's) is derived
 * from it by what a metric `needs` and whether it gets an `interval`.
 */

/** What a metric is, for a person. */
export interface MetricDefinition {
  /** The key, e.g. `'precision'`. */
  key: string;
  /** Short display name. */
  label: string;
  /** The formula in plain text. */
  formula: string;
  /** `true` if larger is better, `false` if smaller is better, `null` for counts and matrices. */
  higherIsBetter: boolean | null;
  /** Range of possible values, e.g. '[0, 1]'. */
  range: string;
  /** One or two sentences: what it measures and when to look at it. */
  explain: string;
  /**
   * What the value is computed from: 'ranking' the order of the scores (no threshold), 'probabilities'
   * scores read as probabilities (binary) or per-class probabilities (multiclass: absent for a model
   * given as labels), 'threshold' the decisions at the threshold, 'count' a confusion cell at the
   * threshold, 'values' regression predictions, 'labels' predicted classes, 'matrix' not a scalar.
   */
  needs: 'ranking' | 'probabilities' | 'threshold' | 'count' | 'values' | 'labels' | 'matrix';
  /**
   * Whether the page's bootstrap gives it a 95 % interval. False for counts and the matrix, and for
   * ks, adjusted_r2 (needs k, given on the page after the intervals), mape and multiclass mcc, which
   * the page has never resampled.
   */
  interval: boolean;
}

/** Keeps the literal `needs` and `interval` of each entry, so the key lists below are typed. */
function defineMetrics<const T extends Record<string, MetricDefinition>>(table: T): T {
  for (const [key, d] of Object.entries(table)) if (d.key !== key) throw new Error(`definition ${key} has key ${d.key}`);
  return table;
}

type KeysWhere<T, Match> = { [K in keyof T]: T[K] extends Match ? K : never }[keyof T] & string;

function keysWhere<T extends Record<string, MetricDefinition>>(table: T, match: (d: MetricDefinition) => boolean): string[] {
  return Object.values(table).filter(match).map((d) => d.key);
}

/** Definitions of the binary classification keys. */
export const BINARY_DEFINITIONS = defineMetrics({
  roc_auc: {
    key: 'roc_auc', label: 'ROC AUC', range: '[0, 1]', higherIsBetter: true, needs: 'ranking', interval: true,
    formula: 'P(score of a random positive > score of a random negative), ties count 1/2',
    explain: 'How well the scores rank positives above negatives, whatever the threshold. 0.5 is guessing, 1 is a perfect ranking. Insensitive to class balance.',
  },
  average_precision: {
    key: 'average_precision', label: 'Average precision', range: '[0, 1]', higherIsBetter: true, needs: 'ranking', interval: true,
    formula: 'Σ (Rₙ − Rₙ₋₁) · Pₙ over thresholds, high to low',
    explain: 'The area under the precision-recall curve, as steps. A random model scores the positive rate, so it is the ranking metric to read when positives are rare.',
  },
  ks: {
    key: 'ks', label: 'Kolmogorov–Smirnov statistic (KS)', range: '[0, 1]', higherIsBetter: true, needs: 'ranking', interval: false,
    formula: 'max over t of (TPR − FPR)',
    explain: 'The widest gap between how often positives and negatives are flagged, at the best threshold: the largest vertical distance of the ROC curve above the diagonal.',
  },
  log_loss: {
    key: 'log_loss', label: 'Log loss', range: '[0, ∞)', higherIsBetter: false, needs: 'probabilities', interval: true,
    formula: '−mean( y·ln p + (1 − y)·ln(1 − p) )',
    explain: 'Penalises confident mistakes heavily: a wrong answer given with probability 0.99 costs 4.6. Needs probabilities; 0.693 is what always answering 0.5 scores.',
  },
  brier: {
    key: 'brier', label: 'Brier score', range: '[0, 1]', higherIsBetter: false, needs: 'probabilities', interval: true,
    formula: 'mean( (p − y)² )',
    explain: 'Mean squared error of the predicted probability. Rewards probabilities that are both sharp and calibrated; always answering 0.5 scores 0.25.',
  },
  accuracy: {
    key: 'accuracy', label: 'Accuracy', range: '[0, 1]', higherIsBetter: true, needs: 'threshold', interval: true,
    formula: '(TP + TN) / n',
    explain: 'The share of rows classified correctly. Misleading when one class dominates: with 1 % positives, flagging nothing scores 0.99.',
  },
  precision: {
    key: 'precision', label: 'Precision', range: '[0, 1]', higherIsBetter: true, needs: 'threshold', interval: true,
    formula: 'TP / (TP + FP)',
    explain: 'Of the rows flagged positive, the share that are positive. Use when false alarms are costly. Set to 0 when nothing is flagged.',
  },
  recall: {
    key: 'recall', label: 'Recall (TPR, sensitivity)', range: '[0, 1]', higherIsBetter: true, needs: 'threshold', interval: true,
    formula: 'TP / (TP + FN)',
    explain: 'Of the positive rows, the share the model catches. Use when misses are costly, as in screening.',
  },
  specificity: {
    key: 'specificity', label: 'Specificity (TNR)', range: '[0, 1]', higherIsBetter: true, needs: 'threshold', interval: true,
    formula: 'TN / (TN + FP)',
    explain: 'Of the negative rows, the share the model leaves alone. Recall of the negative class.',
  },
  fpr: {
    key: 'fpr', label: 'False positive rate', range: '[0, 1]', higherIsBetter: false, needs: 'threshold', interval: true,
    formula: 'FP / (FP + TN) = 1 − specificity',
    explain: 'Of the negative rows, the share wrongly flagged: the x-axis of the ROC curve.',
  },
  fnr: {
    key: 'fnr', label: 'False negative rate', range: '[0, 1]', higherIsBetter: false, needs: 'threshold', interval: true,
    formula: 'FN / (FN + TP) = 1 − recall',
    explain: 'Of the positive rows, the share the model misses.',
  },
  f1: {
    key: 'f1', label: 'F1 score', range: '[0, 1]', higherIsBetter: true, needs: 'threshold', interval: true,
    formula: '2 · precision · recall / (precision + recall)',
    explain: 'Harmonic mean of precision and recall: high only when both are. Ignores true negatives.',
  },
  mcc: {
    key: 'mcc', label: 'Matthews correlation', range: '[−1, 1]', higherIsBetter: true, needs: 'threshold', interval: true,
    formula: '(TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN))',
    explain: 'The correlation between predicted and true labels, using all four cells. 0 is guessing, 1 perfect, −1 always wrong; robust to imbalance. Set to 0 when a class is missing from the labels or from the predictions.',
  },
  balanced_accuracy: {
    key: 'balanced_accuracy', label: 'Balanced accuracy', range: '[0, 1]', higherIsBetter: true, needs: 'threshold', interval: true,
    formula: '(recall + specificity) / 2',
    explain: 'Accuracy with both classes weighted equally: 0.5 for a model that always answers one class, whatever the imbalance.',
  },
  tp: {
    key: 'tp', label: 'True positives', range: '0 … n', higherIsBetter: null, needs: 'count', interval: false,
    formula: 'count(y = 1 and score ≥ t)', explain: 'Positive rows flagged positive.',
  },
  fp: {
    key: 'fp', label: 'False positives', range: '0 … n', higherIsBetter: null, needs: 'count', interval: false,
    formula: 'count(y = 0 and score ≥ t)', explain: 'Negative rows flagged positive: false alarms.',
  },
  tn: {
    key: 'tn', label: 'True negatives', range: '0 … n', higherIsBetter: null, needs: 'count', interval: false,
    formula: 'count(y = 0 and score < t)', explain: 'Negative rows left alone.',
  },
  fn: {
    key: 'fn', label: 'False negatives', range: '0 … n', higherIsBetter: null, needs: 'count', interval: false,
    formula: 'count(y = 1 and score < t)', explain: 'Positive rows missed.',
  },
});

/** Definitions of the regression keys. */
export const REGRESSION_DEFINITIONS = defineMetrics({
  rmse: {
    key: 'rmse', label: 'RMSE', range: '[0, ∞)', higherIsBetter: false, needs: 'values', interval: true,
    formula: '√( mean( (y − ŷ)² ) )',
    explain: 'Typical size of an error, in the units of y, with large errors weighing more. Compare it with the spread of y.',
  },
  mse: {
    key: 'mse', label: 'MSE', range: '[0, ∞)', higherIsBetter: false, needs: 'values', interval: true,
    formula: 'mean( (y − ŷ)² )',
    explain: 'Mean squared error, in squared units of y: the loss most regressors minimise. Dominated by the largest errors.',
  },
  mae: {
    key: 'mae', label: 'MAE', range: '[0, ∞)', higherIsBetter: false, needs: 'values', interval: true,
    formula: 'mean( |y − ŷ| )',
    explain: 'Average size of an error, in the units of y. Less sensitive to outliers than RMSE.',
  },
  r2: {
    key: 'r2', label: 'R²', range: '(−∞, 1]', higherIsBetter: true, needs: 'values', interval: true,
    formula: '1 − Σ(y − ŷ)² / Σ(y − ȳ)²',
    explain: 'The share of the variance of y the model explains. 0 means no better than predicting the mean; negative means worse. Undefined (set to 0 or 1) when y is constant.',
  },
  adjusted_r2: {
    key: 'adjusted_r2', label: 'Adjusted R²', range: '(−∞, 1]', higherIsBetter: true, needs: 'values', interval: false,
    formula: '1 − (1 − R²)(n − 1) / (n − k − 1)',
    explain: 'R² penalised for the number of predictors k, so adding a useless feature lowers it. Needs k, and more rows than k + 1.',
  },
  explained_variance: {
    key: 'explained_variance', label: 'Explained variance', range: '(−∞, 1]', higherIsBetter: true, needs: 'values', interval: true,
    formula: '1 − Var(y − ŷ) / Var(y)',
    explain: 'Like R² but blind to a constant bias: predictions all off by the same amount still score 1. A gap between it and R² reveals bias.',
  },
  max_error: {
    key: 'max_error', label: 'Max error', range: '[0, ∞)', higherIsBetter: false, needs: 'values', interval: true,
    formula: 'max |y − ŷ|',
    explain: 'The worst single error, in the units of y. Useful when any one large miss is unacceptable.',
  },
  median_absolute_error: {
    key: 'median_absolute_error', label: 'Median absolute error', range: '[0, ∞)', higherIsBetter: false, needs: 'values', interval: true,
    formula: 'median( |y − ŷ| )',
    explain: 'Half the errors are smaller than this. Robust to outliers: a few huge misses barely move it.',
  },
  mape: {
    key: 'mape', label: 'Mean absolute percentage error (MAPE)', range: '[0, ∞)', higherIsBetter: false, needs: 'values', interval: false,
    formula: 'mean( |y − ŷ| / max(|y|, ε) ), ε = 2.2 × 10⁻¹⁶',
    explain: 'Average error relative to the true value, as a fraction (0.05 = 5 %), as scikit-learn computes it: a row with y = 0 divides by ε and makes it huge (a warning says so). It punishes over-prediction of small values hard.',
  },
});

/** Definitions of the multiclass keys. */
export const MULTICLASS_DEFINITIONS = defineMetrics({
  accuracy: {
    key: 'accuracy', label: 'Accuracy', range: '[0, 1]', higherIsBetter: true, needs: 'labels', interval: true,
    formula: 'correct / n',
    explain: 'The share of rows whose predicted class is the true class. Misleading when classes are unbalanced.',
  },
  balanced_accuracy: {
    key: 'balanced_accuracy', label: 'Balanced accuracy', range: '[0, 1]', higherIsBetter: true, needs: 'labels', interval: true,
    formula: 'mean over classes of recallₖ',
    explain: 'Accuracy with every class weighted equally: 1/K for a model that always answers one class.',
  },
  mcc: {
    key: 'mcc', label: 'MCC', range: '[−1, 1]', higherIsBetter: true, needs: 'labels', interval: false,
    formula: '(c·n − Σ tₖpₖ) / √((n² − Σ pₖ²)(n² − Σ tₖ²))',
    explain: 'Matthews correlation between true and predicted classes (tₖ, pₖ = true and predicted counts of class k, c = correct): 1 perfect, 0 no better than chance, even with unbalanced classes.',
  },
  macro_precision: {
    key: 'macro_precision', label: 'Macro precision', range: '[0, 1]', higherIsBetter: true, needs: 'labels', interval: true,
    formula: 'mean over classes of TPₖ / (TPₖ + FPₖ)',
    explain: 'Precision of each class, averaged with equal weight, so small classes count as much as large ones. A class never predicted counts 0.',
  },
  macro_recall: {
    key: 'macro_recall', label: 'Macro recall', range: '[0, 1]', higherIsBetter: true, needs: 'labels', interval: true,
    formula: 'mean over classes of TPₖ / (TPₖ + FNₖ)',
    explain: 'Recall of each class, averaged with equal weight. A class absent from the labels counts 0.',
  },
  macro_f1: {
    key: 'macro_f1', label: 'Macro F1', range: '[0, 1]', higherIsBetter: true, needs: 'labels', interval: true,
    formula: 'mean over classes of F1ₖ',
    explain: 'F1 of each class, averaged with equal weight: low if any class is handled badly.',
  },
  micro_f1: {
    key: 'micro_f1', label: 'Micro F1', range: '[0, 1]', higherIsBetter: true, needs: 'labels', interval: true,
    formula: 'F1 of the pooled counts = accuracy',
    explain: 'F1 over all decisions pooled together. With one label per row it equals accuracy, so large classes dominate.',
  },
  weighted_f1: {
    key: 'weighted_f1', label: 'Weighted F1', range: '[0, 1]', higherIsBetter: true, needs: 'labels', interval: true,
    formula: 'Σ supportₖ · F1ₖ / n',
    explain: 'F1 of each class weighted by how many rows it has: between macro F1 and accuracy in spirit.',
  },
  log_loss: {
    key: 'log_loss', label: 'Log loss', range: '[0, ∞)', higherIsBetter: false, needs: 'probabilities', interval: true,
    formula: '−mean( ln p[true class] )',
    explain: 'Penalises confident mistakes heavily. Needs probabilities; guessing uniformly over K classes scores ln K.',
  },
  roc_auc_ovr_macro: {
    key: 'roc_auc_ovr_macro', label: 'ROC AUC (one-vs-rest, macro)', range: '[0, 1]', higherIsBetter: true, needs: 'probabilities', interval: true,
    formula: 'mean over classes of AUC(class k vs rest, score pₖ)',
    explain: 'How well each class’s probability ranks its rows above the others, averaged over classes. Undefined if a class never occurs.',
  },
  confusion: {
    key: 'confusion', label: 'Confusion matrix', range: 'counts', higherIsBetter: null, needs: 'matrix', interval: false,
    formula: 'C[t][p] = count(true = t, predicted = p)',
    explain: 'Rows are true classes, columns predicted classes; the diagonal holds correct answers, everything else shows which classes are mistaken for which.',
  },
});

/** Looks up a definition by key in the given task's table (keys like `accuracy` exist in several tasks). */
export function metricDefinition(task: 'binary' | 'regression' | 'multiclass', key: string): MetricDefinition | undefined {
  const table: Record<string, MetricDefinition> =
    task === 'binary' ? BINARY_DEFINITIONS : task === 'regression' ? REGRESSION_DEFINITIONS : MULTICLASS_DEFINITIONS;
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

// ------------------------------------------------------------------------------- the key lists

export type BinaryMetricKey = keyof typeof BINARY_DEFINITIONS & string;
export type RegressionMetricKey = keyof typeof REGRESSION_DEFINITIONS & string;
/** Scalar multiclass keys (the K x K `confusion` is not one). */
export type MulticlassMetricKey = Exclude<keyof typeof MULTICLASS_DEFINITIONS & string, 'confusion'>;
/** Multiclass keys every model has (computed from predicted classes). */
export type MulticlassLabelKey = KeysWhere<typeof MULTICLASS_DEFINITIONS, { needs: 'labels' }>;
/** Multiclass keys only a model given as probabilities has. */
export type MulticlassProbabilityKey = KeysWhere<typeof MULTICLASS_DEFINITIONS, { needs: 'probabilities' }>;
/** Binary keys whose value depends on the threshold (the threshold metrics and the confusion counts). */
export type BinaryThresholdKey = KeysWhere<typeof BINARY_DEFINITIONS, { needs: 'threshold' | 'count' }>;

/** Every binary key, in display order. */
export const BINARY_METRIC_KEYS = Object.keys(BINARY_DEFINITIONS) as BinaryMetricKey[];
/** Every regression key, in display order. */
export const REGRESSION_METRIC_KEYS = Object.keys(REGRESSION_DEFINITIONS) as RegressionMetricKey[];
/** Every multiclass key including the K x K matrix, in display order. */
export const MULTICLASS_KEYS_WITH_CONFUSION = Object.keys(MULTICLASS_DEFINITIONS) as (MulticlassMetricKey | 'confusion')[];
/** Every scalar multiclass key, in display order. */
export const MULTICLASS_METRIC_KEYS = keysWhere(MULTICLASS_DEFINITIONS, (d) => d.needs !== 'matrix') as MulticlassMetricKey[];
/** The multiclass keys of every model (before `confusion` in the report). */
export const MULTICLASS_LABEL_KEYS = keysWhere(MULTICLASS_DEFINITIONS, (d) => d.needs === 'labels') as MulticlassLabelKey[];
/** The multiclass keys of models given as probabilities (after `confusion` in the report). */
export const MULTICLASS_PROBABILITY_KEYS = keysWhere(MULTICLASS_DEFINITIONS, (d) => d.needs === 'probabilities') as MulticlassProbabilityKey[];
/** Binary keys read from the sweep at a threshold (not from the 0.5 report) when the threshold moves. */
export const BINARY_THRESHOLD_KEYS = keysWhere(BINARY_DEFINITIONS, (d) => d.needs === 'threshold' || d.needs === 'count') as BinaryThresholdKey[];
/** Binary keys the binary metrics treat as probabilities: null, with one warning, for a score column. */
export const BINARY_PROBABILITY_KEYS = keysWhere(BINARY_DEFINITIONS, (d) => d.needs === 'probabilities') as BinaryMetricKey[];

/** The keys the page's bootstrap gives intervals, per task (multiclass: `withProbabilities` adds the probability keys). */
export function intervalKeys(task: 'binary' | 'regression' | 'multiclass', withProbabilities = true): string[] {
  if (task === 'binary') return keysWhere(BINARY_DEFINITIONS, (d) => d.interval);
  if (task === 'regression') return keysWhere(REGRESSION_DEFINITIONS, (d) => d.interval);
  return keysWhere(MULTICLASS_DEFINITIONS, (d) => d.interval && (withProbabilities || d.needs !== 'probabilities'));
}
