import { metricDefinition } from '../../core/metrics';
import { InfoTip } from './InfoTip';
import { METRIC_GUIDANCE } from './metricGuidance';

type Task = 'binary' | 'regression' | 'multiclass';

/** Short column labels; the tooltip gives the full name. */
const SHORT: Record<string, string> = {
  roc_auc: 'ROC AUC', average_precision: 'Avg prec.', log_loss: 'Log loss', brier: 'Brier', accuracy: 'Accuracy',
  precision: 'Precision', recall: 'Recall', specificity: 'Specificity', fpr: 'FPR', fnr: 'FNR', f1: 'F1', mcc: 'MCC',
  balanced_accuracy: 'Bal. acc.', tp: 'TP', fp: 'FP', tn: 'TN', fn: 'FN', rmse: 'RMSE', mse: 'MSE', mae: 'MAE', r2: 'R²',
  adjusted_r2: 'Adj. R²', explained_variance: 'Expl. var.', max_error: 'Max error', median_absolute_error: 'Median AE',
  macro_precision: 'Macro prec.', macro_recall: 'Macro recall', macro_f1: 'Macro F1', micro_f1: 'Micro F1',
  weighted_f1: 'Weighted F1', roc_auc_ovr_macro: 'AUC (OvR)',
};

/** The short label of a metric key. */
export function shortLabel(key: string): string {
  return SHORT[key] ?? key;
}

/** A metric's name with a tooltip: full name, formula, range and direction, what it measures, when to use it. */
export function MetricName({ task, metric, short = true }: { task: Task; metric: string; short?: boolean }) {
  const d = metricDefinition(task, metric);
  const guidance = METRIC_GUIDANCE[task][metric];
  if (!d) return <span>{metric}</span>;
  return (
    <InfoTip label={short ? shortLabel(metric) : d.label}>
      <strong>{d.label}</strong>
      <code className="mp-formula">{d.formula}</code>
      <span className="mp-tip-range">
        Range {d.range}
        {d.higherIsBetter === true ? ', higher is better' : d.higherIsBetter === false ? ', lower is better' : ''}
      </span>
      <span>{d.explain}</span>
      {guidance && (
        <span className="mp-tip-when">
          <em>When to use it: </em>
          {guidance}
        </span>
      )}
    </InfoTip>
  );
}
