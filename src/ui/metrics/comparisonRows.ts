/**
 * The comparison table as data: one row per model, one value per metric key, the threshold metrics
 * answered by the core's O(log n) sweep query at each model's threshold. The table component and
 * the CSV/JSON exports both read this, so the file and the screen always agree.
 */
import { adjustedR2, metricDefinition, thresholdMetricsAt } from '../../core/metrics';
import { BINARY_THRESHOLD_KEYS } from '../../core/metrics/definitions';
import {
  BINARY_REPORT_KEYS, MULTICLASS_PROBABILITY_KEYS, MULTICLASS_REPORT_KEYS, REGRESSION_REPORT_KEYS,
} from '../../core/metrics/report';
import type { GroupState } from '../../store/metrics-store';

/** Keys whose binary value depends on the threshold (read from the sweep, not from the report). */
export const THRESHOLD_KEYS = BINARY_THRESHOLD_KEYS;

export interface ComparisonRow {
  model: string;
  values: Record<string, number | null>;
  /** Binary: the threshold the threshold metrics were read at. */
  threshold: number | null;
}

export interface ComparisonTableData {
  task: GroupState['info']['task'];
  keys: string[];
  rows: ComparisonRow[];
}

/**
 * Builds the rows for the group, each binary model at `thresholdOf(model)`; for regression with
 * `predictors` (k features), adjusted R² from the core's `adjustedR2(r2, n, k)`.
 */
export function comparisonTable(group: GroupState, thresholdOf: (model: string) => number, predictors: number | null = null): ComparisonTableData {
  const data = group.data;
  if (data.task === 'binary') {
    return {
      task: 'binary',
      keys: [...BINARY_REPORT_KEYS],
      rows: data.models.map((m) => {
        const t = thresholdOf(m.name);
        const at = thresholdMetricsAt(m.sweep, t);
        const values: Record<string, number | null> = { ...m.report };
        for (const k of THRESHOLD_KEYS) values[k] = at[k];
        return { model: m.name, values, threshold: t };
      }),
    };
  }
  if (data.task === 'regression') {
    return {
      task: 'regression',
      keys: [...REGRESSION_REPORT_KEYS],
      rows: data.models.map((m) => {
        const values: Record<string, number | null> = { ...m.report };
        if (predictors !== null) values.adjusted_r2 = adjustedR2(m.report.r2, group.info.rows, predictors);
        return { model: m.name, values, threshold: null };
      }),
    };
  }
  const withProba = data.models.some((m) => m.kind === 'probabilities');
  const keys: string[] = [...MULTICLASS_REPORT_KEYS, ...(withProba ? MULTICLASS_PROBABILITY_KEYS : [])];
  return {
    task: 'multiclass',
    keys,
    rows: data.models.map((m) => {
      const values: Record<string, number | null> = {};
      for (const k of keys) values[k] = (m.report as unknown as Record<string, number | null | undefined>)[k] ?? null;
      return { model: m.name, values, threshold: null };
    }),
  };
}

/**
 * Per key, the models holding the best value (ties share it), using each metric's direction from
 * the core definitions. Counts and metrics without a direction have none; with one model there is
 * nothing to compare, so nothing is marked.
 */
export function bestModels(table: ComparisonTableData): Record<string, string[]> {
  const best: Record<string, string[]> = {};
  if (table.rows.length < 2) return best;
  for (const key of table.keys) {
    const higher = metricDefinition(table.task, key)?.higherIsBetter;
    if (higher === null || higher === undefined) continue;
    let top: number | null = null;
    for (const r of table.rows) {
      const v = r.values[key];
      if (v === null || v === undefined || Number.isNaN(v)) continue;
      if (top === null || (higher ? v > top : v < top)) top = v;
    }
    if (top !== null) best[key] = table.rows.filter((r) => r.values[key] === top).map((r) => r.model);
  }
  return best;
}

/**
 * Rows sorted by one key, best first when `descending` follows the metric's direction ("descending"
 * means larger first); missing values always last. Stable: equal values keep the load order.
 */
export function sortRows(rows: ComparisonRow[], key: string, descending: boolean): ComparisonRow[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const va = a.r.values[key];
      const vb = b.r.values[key];
      const na = va === null || va === undefined || Number.isNaN(va);
      const nb = vb === null || vb === undefined || Number.isNaN(vb);
      if (na || nb) return na === nb ? a.i - b.i : na ? 1 : -1;
      return (descending ? vb! - va! : va! - vb!) || a.i - b.i;
    })
    .map((e) => e.r);
}
