/**
 * Column headers for the quantities a lesson shows: the keys (`at[0.2].precision`, `final.validation.loss`)
 * are the lessons' contract and stay in the data-testids; people read these labels instead.
 */
import { BINARY_DEFINITIONS, REGRESSION_DEFINITIONS } from '../metrics/definitions';

const WHOLE: Record<string, string> = {
  'threshold.cost_optimal': 'cheapest threshold',
  'cost.optimal': 'cost per case at the cheapest threshold',
  'cost.at_threshold': 'cost per case at t = 0.5',
  'cost.flag_all': 'cost per case, flag everyone',
  'cost.flag_none': 'cost per case, flag no one',
  'calibration.ece': 'expected calibration error',
  'update_ratio.median': 'update / weight ratio (median)',
  'grad_norm.init': 'gradient norm at the start',
  'grad_ratio.input_over_output.init': 'gradient norm, first layer / last, at the start',
  'lr_range.min_loss_lr': 'learning rate at the lowest loss',
  'lr_range.suggested': 'suggested learning rate',
  'lr_range.stopped_early': 'stopped early (loss blew up)',
  'loss.first': 'loss at the first step',
  'loss.last': 'loss at the last step',
  'gap.loss': 'validation − training loss',
  best_epoch: 'best epoch',
  diverged_step: 'step the loss diverged',
  auc_diff: 'AUC difference',
  delong_p: 'DeLong p-value',
  bootstrap_low: 'bootstrap 95% low',
  bootstrap_high: 'bootstrap 95% high',
  'finding.overfit-batch-stuck': 'finding: cannot overfit one batch',
  'finding.vanishing-gradients': 'finding: vanishing gradients',
  'precision.flushed_total': 'values flushed to zero (whole run)',
  'precision.overflow_skipped': 'steps skipped on overflow',
  'precision.loss_scale': 'loss scale at the end',
  'loss_float32.last': 'float32 loss at the last step',
  'loss_gap.float32': 'loss gap to float32 (relative)',
  'parallel.allreduce_ms.mean': 'all-reduce per step (ms)',
  'parallel.communication_share': 'share of a step spent communicating',
};

const SPLITS = new Set(['train', 'validation', 'test']);
const EXTRA: Record<string, string> = { loss: 'loss', adjusted_r2: 'adjusted R²', r2: 'R²', mae: 'MAE', rmse: 'RMSE', grad_norm: 'gradient norm' };

/** A metric key as a short lower-case name: `roc_auc` → "ROC AUC", `precision` → "precision". */
function metricName(key: string): string {
  const def = (BINARY_DEFINITIONS as Record<string, { label: string }>)[key] ?? (REGRESSION_DEFINITIONS as Record<string, { label: string }>)[key];
  const label = EXTRA[key] ?? def?.label.replace(/\s*\(.*\)$/, '') ?? key.replace(/_/g, ' ');
  // "Precision" → "precision", but "ROC AUC", "F1 score", "RMSE" keep their capitals.
  return /^[A-Z][a-z]/.test(label) && !/^F1/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** A readable header for a lesson quantity key; unknown keys come back with dots and underscores as spaces. */
export function quantityLabel(key: string): string {
  if (key in WHOLE) return WHOLE[key]!;
  const at = /^at\[([^\]]+)\]\.(.+)$/.exec(key);
  if (at) return `${metricName(at[2]!)} at t = ${at[1]}`;
  const parts = key.split('.');
  if (parts[0] === 'final' && parts.length === 3 && SPLITS.has(parts[1]!)) return `${parts[1]} ${metricName(parts[2]!)}`;
  if (parts[0] === 'baseline' && parts.length === 4) return `${parts[1]} baseline: ${parts[2]} ${metricName(parts[3]!)}`;
  const layer = /^layer\.([^.]+)\.(.+?)(\.init)?$/.exec(key);
  if (layer) return `${layer[1]}: ${metricName(layer[2]!)}${layer[3] ? ' at the start' : ''}`;
  if (parts.length === 1) return metricName(key);
  return key.replace(/[._]/g, ' ');
}
