/**
 * The metrics the Experiments page scores models with, as functions of one prediction per row (the
 * form permutation importance, partial dependence and the bootstrap ranking take). Each entry says
 * which per-row prediction it reads:
 *   'probability' P(positive class) (binary), 'value' the prediction in the target's units
 *   (regression), 'class' the predicted class code (multiclass, argmax of the probabilities).
 * Values come from the metrics engine (src/core/metrics), so they equal the Metrics page's numbers.
 */
import { logLoss, meanAbsoluteError, r2Score, rocAucScore, rootMeanSquaredError } from '../core/metrics';
import type { Task } from '../core/data/preprocess';
import type { DataError } from '../core/result';
import type { MetricInfo } from './experiments-types';

export type RowView = 'probability' | 'value' | 'class';

export interface RowMetricDefinition {
  key: string;
  label: string;
  task: Task;
  higherIsBetter: boolean;
  view: RowView;
  /** The metric, or null where it is undefined (e.g. AUC on a resample with one class). */
  compute: (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number | null;
}

function accuracyOf(yTrue: ArrayLike<number>, predicted: (i: number) => number): number {
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (predicted(i) === yTrue[i]) hits++;
  return yTrue.length ? hits / yTrue.length : NaN;
}

/** Every row metric, by task; the first of a task is its default. */
export const ROW_METRICS: readonly RowMetricDefinition[] = [
  { key: 'roc_auc', label: 'ROC AUC', task: 'binary', higherIsBetter: true, view: 'probability', compute: (y, p) => rocAucScore(y, p) },
  { key: 'accuracy', label: 'Accuracy (threshold 0.5)', task: 'binary', higherIsBetter: true, view: 'probability', compute: (y, p) => accuracyOf(y, (i) => (p[i]! >= 0.5 ? 1 : 0)) },
  { key: 'log_loss', label: 'Log loss', task: 'binary', higherIsBetter: false, view: 'probability', compute: (y, p) => logLoss(y, p) },
  { key: 'accuracy', label: 'Accuracy', task: 'multiclass', higherIsBetter: true, view: 'class', compute: (y, c) => accuracyOf(y, (i) => c[i]!) },
  { key: 'r2', label: 'R²', task: 'regression', higherIsBetter: true, view: 'value', compute: (y, v) => r2Score(y, v) },
  { key: 'rmse', label: 'RMSE', task: 'regression', higherIsBetter: false, view: 'value', compute: (y, v) => rootMeanSquaredError(y, v) },
  { key: 'mae', label: 'MAE', task: 'regression', higherIsBetter: false, view: 'value', compute: (y, v) => meanAbsoluteError(y, v) },
];

/** The row metrics of a task, default first. */
export function rowMetricsFor(task: Task): RowMetricDefinition[] {
  return ROW_METRICS.filter((m) => m.task === task);
}

/** The metric `key` of `task`, or the task's default when the key does not apply. */
export function rowMetric(task: Task, key: string | null | undefined): RowMetricDefinition {
  const list = rowMetricsFor(task);
  return list.find((m) => m.key === key) ?? list[0]!;
}

/**
 * The metric as a score where higher is better (importance needs one): the metric itself, or minus
 * it for losses. NaN where the metric is undefined.
 */
export function asScore(metric: RowMetricDefinition): (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number {
  return (y, p) => {
    const v = metric.compute(y, p);
    if (v === null || !Number.isFinite(v)) return NaN;
    return metric.higherIsBetter ? v : -v;
  };
}

/** A located-nowhere error of the Experiments worker (the page shows the message). */
export const experimentError = (kind: string, message: string): DataError => ({ kind, message, file: null, row: null, column: null });

/** What the page shows of a row metric. */
export function metricInfo(m: RowMetricDefinition): MetricInfo {
  return { key: m.key, label: m.label, higherIsBetter: m.higherIsBetter };
}
