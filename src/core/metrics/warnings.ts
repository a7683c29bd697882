/**
 * Metric warnings: where scikit-learn emits an `UndefinedMetricWarning` (or raises) we return a
 * documented fallback value and record why, so the UI and the CLI can show the caveat next to the number.
 *
 * Functions that can warn take an optional `warnings` array and push onto it; passing nothing means
 * "I do not care" (e.g. inside a bootstrap loop).
 */

/** One caveat attached to one metric key (see `definitions.ts` for the keys). */
export interface MetricWarning {
  /** The metric the caveat is about, e.g. `'precision'` or `'roc_auc'`. */
  metric: string;
  /** One sentence for a person, saying what was undefined and what value was used instead. */
  message: string;
}

/** Push a warning onto an optional sink; a no-op when the caller passed no sink. */
export function warn(sink: MetricWarning[] | undefined, metric: string, message: string): void {
  if (sink) sink.push({ metric, message });
}
