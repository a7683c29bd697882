/**
 * The metric keys used everywhere (core results, CLI JSON, UI data-testids) and, for each, a label, a
 * formula and a short explanation for tooltips and the explain panel.
 */
import { BINARY_METRIC_KEYS, type BinaryMetricKey } from './binary';
import { MULTICLASS_METRIC_KEYS, type MulticlassMetricKey } from './multiclass';
import { REGRESSION_METRIC_KEYS, type RegressionMetricKey } from './regression';

export { BINARY_METRIC_KEYS, MULTICLASS_METRIC_KEYS, REGRESSION_METRIC_KEYS };
export type { BinaryMetricKey, MulticlassMetricKey, RegressionMetricKey };

/** Multiclass keys including the K x K matrix, which is not a scalar. */
export const MULTICLASS_KEYS_WITH_CONFUSION = [...MULTICLASS_METRIC_KEYS, 'confusion'] as const;

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
}

type Definitions<K extends string> = Record<K, MetricDefinition>;

/** Definitions of the binary classification keys. */
export const BINARY_DEFINITIONS: Definitions<BinaryMetricKey> = {
  roc_auc: {
    key: 'roc_auc', label: 'ROC AUC', range: '[0, 1]', higherIsBetter: true,
    formula: 'P(score of a random positive > score of a random negative), ties count 1/2',
    explain: 'How well the scores rank positives above negatives, whatever the threshold. 0.5 is guessing, 1 is a perfect ranking. Insensitive to class balance.',
  },
  average_precision: {
    key: 'average_precision', label: 'Average precision', range: '[0, 1]', higherIsBetter: true,
    formula: 'Σ (Rₙ − Rₙ₋₁) · Pₙ over thresholds, high to low',
    explain: 'The area under the precision-recall curve, as steps. A random model scores the positive rate, so it is the ranking metric to read when positives are rare.',
  },
  log_loss: {
    key: 'log_loss', label: 'Log loss', range: '[0, ∞)', higherIsBetter: false,
    formula: '−mean( y·ln p + (1 − y)·ln(1 − p) )',
    explain: 'Penalises confident mistakes heavily: a wrong answer given with probability 0.99 costs 4.6. Needs probabilities; 0.693 is what always answering 0.5 scores.',
  },
  brier: {
    key: 'brier', label: 'Brier score', range: '[0, 1]', higherIsBetter: false,
    formula: 'mean( (p − y)² )',
    explain: 'Mean squared error of the predicted probability. Rewards probabilities that are both sharp and calibrated; always answering 0.5 scores 0.25.',
  },
  accuracy: {
    key: 'accuracy', label: 'Accuracy', range: '[0, 1]', higherIsBetter: true,
    formula: '(TP + TN) / n',
    explain: 'The share of rows classified correctly. Misleading when one class dominates: with 1 % positives, flagging nothing scores 0.99.',
  },
  precision: {
    key: 'precision', label: 'Precision', range: '[0, 1]', higherIsBetter: true,
    formula: 'TP / (TP + FP)',
    explain: 'Of the rows flagged positive, the share that are positive. Use when false alarms are costly. Set to 0 when nothing is flagged.',
  },
  recall: {
    key: 'recall', label: 'Recall (TPR, sensitivity)', range: '[0, 1]', higherIsBetter: true,
    formula: 'TP / (TP + FN)',
    explain: 'Of the positive rows, the share the model catches. Use when misses are costly, as in screening.',
  },
  specificity: {
    key: 'specificity', label: 'Specificity (TNR)', range: '[0, 1]', higherIsBetter: true,
    formula: 'TN / (TN + FP)',
    explain: 'Of the negative rows, the share the model leaves alone. Recall of the negative class.',
  },
  fpr: {
    key: 'fpr', label: 'False positive rate', range: '[0, 1]', higherIsBetter: false,
    formula: 'FP / (FP + TN) = 1 − specificity',
    explain: 'Of the negative rows, the share wrongly flagged: the x-axis of the ROC curve.',
  },
  fnr: {
    key: 'fnr', label: 'False negative rate', range: '[0, 1]', higherIsBetter: false,
    formula: 'FN / (FN + TP) = 1 − recall',
    explain: 'Of the positive rows, the share the model misses.',
  },
  f1: {
    key: 'f1', label: 'F1 score', range: '[0, 1]', higherIsBetter: true,
    formula: '2 · precision · recall / (precision + recall)',
    explain: 'Harmonic mean of precision and recall: high only when both are. Ignores true negatives.',
  },
  mcc: {
    key: 'mcc', label: 'Matthews correlation', range: '[−1, 1]', higherIsBetter: true,
    formula: '(TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN))',
    explain: 'The correlation between predicted and true labels, using all four cells. 0 is guessing, 1 perfect, −1 always wrong; robust to imbalance. Set to 0 when a class is missing from the labels or from the predictions.',
  },
  balanced_accuracy: {
    key: 'balanced_accuracy', label: 'Balanced accuracy', range: '[0, 1]', higherIsBetter: true,
    formula: '(recall + specificity) / 2',
    explain: 'Accuracy with both classes weighted equally: 0.5 for a model that always answers one class, whatever the imbalance.',
  },
  tp: {
    key: 'tp', label: 'True positives', range: '0 … n', higherIsBetter: null,
    formula: 'count(y = 1 and score ≥ t)', explain: 'Positive rows flagged positive.',
  },
  fp: {
    key: 'fp', label: 'False positives', range: '0 … n', higherIsBetter: null,
    formula: 'count(y = 0 and score ≥ t)', explain: 'Negative rows flagged positive: false alarms.',
  },
  tn: {
    key: 'tn', label: 'True negatives', range: '0 … n', higherIsBetter: null,
    formula: 'count(y = 0 and score < t)', explain: 'Negative rows left alone.',
  },
  fn: {
    key: 'fn', label: 'False negatives', range: '0 … n', higherIsBetter: null,
    formula: 'count(y = 1 and score < t)', explain: 'Positive rows missed.',
  },
  ks: {
    key: 'ks', label: 'KS statistic', range: '[0, 1]', higherIsBetter: true,
    formula: 'max over t of (TPR − FPR)',
    explain: 'The widest gap between how often positives and negatives are flagged, at the best threshold: the largest vertical distance of the ROC curve above the diagonal.',
  },
};

/** Definitions of the regression keys. */
export const REGRESSION_DEFINITIONS: Definitions<RegressionMetricKey> = {
  rmse: {
    key: 'rmse', label: 'RMSE', range: '[0, ∞)', higherIsBetter: false,
    formula: '√( mean( (y − ŷ)² ) )',
    explain: 'Typical size of an error, in the units of y, with large errors weighing more. Compare it with the spread of y.',
  },
  mse: {
    key: 'mse', label: 'MSE', range: '[0, ∞)', higherIsBetter: false,
    formula: 'mean( (y − ŷ)² )',
    explain: 'Mean squared error, in squared units of y: the loss most regressors minimise. Dominated by the largest errors.',
  },
  mae: {
    key: 'mae', label: 'MAE', range: '[0, ∞)', higherIsBetter: false,
    formula: 'mean( |y − ŷ| )',
    explain: 'Average size of an error, in the units of y. Less sensitive to outliers than RMSE.',
  },
  r2: {
    key: 'r2', label: 'R²', range: '(−∞, 1]', higherIsBetter: true,
    formula: '1 − Σ(y − ŷ)² / Σ(y − ȳ)²',
    explain: 'The share of the variance of y the model explains. 0 means no better than predicting the mean; negative means worse. Undefined (set to 0 or 1) when y is constant.',
  },
  adjusted_r2: {
    key: 'adjusted_r2', label: 'Adjusted R²', range: '(−∞, 1]', higherIsBetter: true,
    formula: '1 − (1 − R²)(n − 1) / (n − k − 1)',
    explain: 'R² penalised for the number of predictors k, so adding a useless feature lowers it. Needs k, and more rows than k + 1.',
  },
  explained_variance: {
    key: 'explained_variance', label: 'Explained variance', range: '(−∞, 1]', higherIsBetter: true,
    formula: '1 − Var(y − ŷ) / Var(y)',
    explain: 'Like R² but blind to a constant bias: predictions all off by the same amount still score 1. A gap between it and R² reveals bias.',
  },
  max_error: {
    key: 'max_error', label: 'Max error', range: '[0, ∞)', higherIsBetter: false,
    formula: 'max |y − ŷ|',
    explain: 'The worst single error, in the units of y. Useful when any one large miss is unacceptable.',
  },
  median_absolute_error: {
    key: 'median_absolute_error', label: 'Median absolute error', range: '[0, ∞)', higherIsBetter: false,
    formula: 'median( |y − ŷ| )',
    explain: 'Half the errors are smaller than this. Robust to outliers: a few huge misses barely move it.',
  },
  mape: {
    key: 'mape', label: 'MAPE', range: '[0, ∞)', higherIsBetter: false,
    formula: 'mean( |y − ŷ| / max(|y|, ε) ), ε = 2.2 × 10⁻¹⁶',
    explain: 'Average error relative to the true value, as a fraction (0.05 = 5 %), as scikit-learn computes it: a row with y = 0 divides by ε and makes it huge (a warning says so). It punishes over-prediction of small values hard.',
  },
};

/** Definitions of the multiclass keys. */
export const MULTICLASS_DEFINITIONS: Definitions<MulticlassMetricKey | 'confusion'> = {
  accuracy: {
    key: 'accuracy', label: 'Accuracy', range: '[0, 1]', higherIsBetter: true,
    formula: 'correct / n',
    explain: 'The share of rows whose predicted class is the true class. Misleading when classes are unbalanced.',
  },
  balanced_accuracy: {
    key: 'balanced_accuracy', label: 'Balanced accuracy', range: '[0, 1]', higherIsBetter: true,
    formula: 'mean over classes of recallₖ',
    explain: 'Accuracy with every class weighted equally: 1/K for a model that always answers one class.',
  },
  mcc: {
    key: 'mcc', label: 'MCC', range: '[−1, 1]', higherIsBetter: true,
    formula: '(c·n − Σ tₖpₖ) / √((n² − Σ pₖ²)(n² − Σ tₖ²))',
    explain: 'Matthews correlation between true and predicted classes (tₖ, pₖ = true and predicted counts of class k, c = correct): 1 perfect, 0 no better than chance, even with unbalanced classes.',
  },
  macro_precision: {
    key: 'macro_precision', label: 'Macro precision', range: '[0, 1]', higherIsBetter: true,
    formula: 'mean over classes of TPₖ / (TPₖ + FPₖ)',
    explain: 'Precision of each class, averaged with equal weight, so small classes count as much as large ones. A class never predicted counts 0.',
  },
  macro_recall: {
    key: 'macro_recall', label: 'Macro recall', range: '[0, 1]', higherIsBetter: true,
    formula: 'mean over classes of TPₖ / (TPₖ + FNₖ)',
    explain: 'Recall of each class, averaged with equal weight. A class absent from the labels counts 0.',
  },
  macro_f1: {
    key: 'macro_f1', label: 'Macro F1', range: '[0, 1]', higherIsBetter: true,
    formula: 'mean over classes of F1ₖ',
    explain: 'F1 of each class, averaged with equal weight: low if any class is handled badly.',
  },
  micro_f1: {
    key: 'micro_f1', label: 'Micro F1', range: '[0, 1]', higherIsBetter: true,
    formula: 'F1 of the pooled counts = accuracy',
    explain: 'F1 over all decisions pooled together. With one label per row it equals accuracy, so large classes dominate.',
  },
  weighted_f1: {
    key: 'weighted_f1', label: 'Weighted F1', range: '[0, 1]', higherIsBetter: true,
    formula: 'Σ supportₖ · F1ₖ / n',
    explain: 'F1 of each class weighted by how many rows it has: between macro F1 and accuracy in spirit.',
  },
  log_loss: {
    key: 'log_loss', label: 'Log loss', range: '[0, ∞)', higherIsBetter: false,
    formula: '−mean( ln p[true class] )',
    explain: 'Penalises confident mistakes heavily. Needs probabilities; guessing uniformly over K classes scores ln K.',
  },
  roc_auc_ovr_macro: {
    key: 'roc_auc_ovr_macro', label: 'ROC AUC (one-vs-rest, macro)', range: '[0, 1]', higherIsBetter: true,
    formula: 'mean over classes of AUC(class k vs rest, score pₖ)',
    explain: 'How well each class’s probability ranks its rows above the others, averaged over classes. Undefined if a class never occurs.',
  },
  confusion: {
    key: 'confusion', label: 'Confusion matrix', range: 'counts', higherIsBetter: null,
    formula: 'C[t][p] = count(true = t, predicted = p)',
    explain: 'Rows are true classes, columns predicted classes; the diagonal holds correct answers, everything else shows which classes are mistaken for which.',
  },
};

/** Looks up a definition by key in the given task's table (keys like `accuracy` exist in several tasks). */
export function metricDefinition(task: 'binary' | 'regression' | 'multiclass', key: string): MetricDefinition | undefined {
  const table: Record<string, MetricDefinition> =
    task === 'binary' ? BINARY_DEFINITIONS : task === 'regression' ? REGRESSION_DEFINITIONS : MULTICLASS_DEFINITIONS;
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
