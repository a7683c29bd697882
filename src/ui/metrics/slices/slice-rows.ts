/** Pure helpers of the Slices and Over-time views: metric choices, worst-first order, values by key. */
import { metricDefinition } from '../../../core/metrics';
import { defaultFinderMetric, type SliceResult } from '../../../core/metrics/slices';
import { reportKeysFor } from '../../../core/metrics/report';
import type { PredictionTask } from '../../../core/metrics/predictions';

const COUNTS = new Set(['tp', 'fp', 'tn', 'fn']);

/** The metrics a slice or a window can be read by (counts aside). */
export function viewMetrics(task: PredictionTask): string[] {
  return reportKeysFor(task).filter((k) => !COUNTS.has(k));
}

/** The metric the views start with: the slice finder's (ROC AUC, accuracy, MAE). */
export function defaultViewMetric(task: PredictionTask): string {
  return defaultFinderMetric(task);
}

/** A model's value of `metric` in a report's `models` (null when absent or undefined). */
export function valueOf(models: unknown, model: string, metric: string): number | null {
  const v = (models as Record<string, Record<string, unknown>> | null)?.[model]?.[metric];
  return typeof v === 'number' && !Number.isNaN(v) ? v : null;
}

/** Is a larger value better (true), worse (false), or neither (null)? */
export function higherIsBetter(task: PredictionTask, metric: string): boolean | null {
  return metricDefinition(task, metric)?.higherIsBetter ?? null;
}

/**
 * Slices worst first for one model: scored slices by the metric (lowest first when higher is
 * better), undefined values after them, slices too small to score last; ties keep file order.
 */
export function worstFirst(slices: readonly SliceResult[], task: PredictionTask, model: string, metric: string): SliceResult[] {
  const up = higherIsBetter(task, metric) !== false;
  const rank = (s: SliceResult) => (s.models === null ? 2 : valueOf(s.models, model, metric) === null ? 1 : 0);
  return [...slices].sort((a, b) => {
    const ra = rank(a), rb = rank(b);
    if (ra !== rb || ra > 0) return ra - rb;
    const va = valueOf(a.models, model, metric)!, vb = valueOf(b.models, model, metric)!;
    return up ? va - vb : vb - va;
  });
}
