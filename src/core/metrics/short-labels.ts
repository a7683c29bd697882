/**
 * Short column labels of the metric keys, for table headers and axis titles; the full name is the
 * definition's `label` (definitions.ts), shown as the tooltip. The keys themselves stay in JSON, CSV and
 * data-testids (contracts); people read these.
 */
const SHORT: Record<string, string> = {
  roc_auc: 'ROC AUC', average_precision: 'Avg prec.', ks: 'KS', log_loss: 'Log loss', brier: 'Brier', accuracy: 'Accuracy',
  precision: 'Precision', recall: 'Recall', specificity: 'Specificity', fpr: 'FPR', fnr: 'FNR', f1: 'F1', mcc: 'MCC',
  balanced_accuracy: 'Bal. acc.', tp: 'TP', fp: 'FP', tn: 'TN', fn: 'FN', rmse: 'RMSE', mse: 'MSE', mae: 'MAE', r2: 'R²',
  adjusted_r2: 'Adj. R²', explained_variance: 'Expl. var.', max_error: 'Max error', median_absolute_error: 'Median AE', mape: 'MAPE',
  macro_precision: 'Macro prec.', macro_recall: 'Macro recall', macro_f1: 'Macro F1', micro_f1: 'Micro F1',
  weighted_f1: 'Weighted F1', roc_auc_ovr_macro: 'AUC (OvR)', confusion: 'Confusion',
};

/** The short label of a metric key (the key itself only for a key no table defines). */
export function shortLabel(key: string): string {
  return SHORT[key] ?? key;
}
