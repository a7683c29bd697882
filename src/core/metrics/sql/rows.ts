/**
 * From the `(model, metric, value)` rows of the compiled SQL back to the CLI's JSON report
 * (`MetricsReport`), so a report computed by DuckDB (or any engine) has exactly the keys, order and
 * null conventions of one computed by the core.
 *
 * Warnings: binary reports get the core's own warnings, recomputed from the counts the SQL returns
 * (the threshold metrics' zero denominators, one class only, scores that are not probabilities, a
 * threshold outside the scores' range).
 * Regression and multiclass reports get one line per null metric, since the reasons live in the rows.
 */
import { metricsFromConfusion } from '../binary';
import { averagePrecision, ksStatistic, rocAuc } from '../curves';
import {
  BINARY_REPORT_KEYS, MULTICLASS_PROBABILITY_KEYS, MULTICLASS_REPORT_KEYS, REGRESSION_REPORT_KEYS, collectWarnings, scoreWarning,
  type BinaryModelReport, type MetricsReport, type MulticlassModelReport, type RegressionModelReport,
} from '../report';
import { ADJUSTED_R2_NEEDS_K } from '../regression';
import type { MetricWarning } from '../warnings';
import { thresholdRangeWarning } from '../threshold-range';
import type { SqlReportPlan } from './plan';

export interface SqlMetricRow {
  model: string;
  metric: string;
  value: number | null;
}

/** Per binary model, the first score outside [0, 1] and its row, for the warning about scores. */
export type OutOfRangeScores = ReadonlyMap<string, { value: number; row: number }>;

function byModel(rows: readonly SqlMetricRow[]): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    let m = out.get(r.model);
    if (!m) { m = new Map(); out.set(r.model, m); }
    m.set(r.metric, r.value === null ? null : Number(r.value));
  }
  return out;
}

function pick<K extends string>(keys: readonly K[], values: Map<string, number | null> | undefined, model: string): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  for (const k of keys) {
    if (!values?.has(k)) throw new RangeError(`the SQL returned no ${k} for model ${JSON.stringify(model)}`);
    out[k] = values.get(k)!;
  }
  return out;
}

function nullWarnings(out: string[], model: string, values: Record<string, unknown>, explained: readonly string[] = []): void {
  const nulls = Object.keys(values).filter((k) => values[k] === null && !explained.includes(k));
  if (nulls.length > 0) out.push(`model "${model}", ${nulls.join(', ')}: not defined for these rows (null).`);
}

/**
 * The report of `plan` from the SQL's rows. `rows` is the file's row count (the SQL reports per model).
 * @throws RangeError when a metric is missing from the rows (the SQL and the plan disagree: a bug)
 */
export function reportFromSqlRows(
  plan: SqlReportPlan,
  sqlRows: readonly SqlMetricRow[],
  rows: number,
  outOfRange: OutOfRangeScores = new Map(),
): MetricsReport {
  const values = byModel(sqlRows);
  const warnings: string[] = [];
  const base = { rows, target: plan.target };
  if (plan.task === 'binary') {
    const models: Record<string, BinaryModelReport> = {};
    for (const m of plan.models) {
      const report = pick(BINARY_REPORT_KEYS, values.get(m.name), m.name);
      models[m.name] = report;
      const counts = { tp: report.tp ?? 0, fp: report.fp ?? 0, tn: report.tn ?? 0, fn: report.fn ?? 0 };
      const ws: MetricWarning[] = [];
      // The core's own messages: the ranking ones depend only on the class counts.
      const sweep = { thresholds: new Float64Array([Infinity]), tps: new Float64Array(1), fps: new Float64Array(1), nPositive: counts.tp + counts.fn, nNegative: counts.fp + counts.tn };
      metricsFromConfusion(counts, plan.threshold, 1, ws);
      rocAuc(sweep, ws);
      averagePrecision(sweep, ws);
      ksStatistic(sweep, ws);
      const keep = new Set<string>(BINARY_REPORT_KEYS);
      const notProbability = rows > 0 && report.log_loss === null;
      if (notProbability) {
        keep.delete('log_loss');
        keep.delete('brier');
        const where = outOfRange.get(m.name);
        warnings.push(scoreWarning({ name: m.name, columns: [m.column], ...(where ? { outOfRange: where } : {}) }));
      }
      collectWarnings(warnings, m.name, ws, keep);
      const outside = thresholdRangeWarning(plan.threshold, m.name, { probabilities: !notProbability, predictedPositive: counts.tp + counts.fp, rows: counts.tp + counts.fp + counts.tn + counts.fn });
      if (outside) warnings.push(outside);
    }
    return { task: 'binary', ...base, threshold: plan.threshold, warnings, models };
  }
  if (plan.task === 'regression') {
    const models: Record<string, RegressionModelReport> = {};
    for (const m of plan.models) {
      models[m.name] = pick(REGRESSION_REPORT_KEYS, values.get(m.name), m.name);
      if (plan.features === null) collectWarnings(warnings, m.name, [{ metric: 'adjusted_r2', message: ADJUSTED_R2_NEEDS_K }], new Set(['adjusted_r2']));
      nullWarnings(warnings, m.name, models[m.name]!, plan.features === null ? ['adjusted_r2'] : []);
    }
    return { task: 'regression', ...base, threshold: null, warnings, models };
  }
  const K = plan.classes.length;
  const models: Record<string, MulticlassModelReport> = {};
  for (const m of plan.models) {
    const got = values.get(m.name);
    const confusion = Array.from({ length: K }, (_, t) => Array.from({ length: K }, (_, p) => got?.get(`confusion[${t}][${p}]`) ?? 0));
    const report: MulticlassModelReport = { ...pick(MULTICLASS_REPORT_KEYS, got, m.name), confusion };
    if (m.kind === 'probabilities') Object.assign(report, pick(MULTICLASS_PROBABILITY_KEYS, got, m.name));
    models[m.name] = report;
    const { confusion: _matrix, ...scalars } = report;
    nullWarnings(warnings, m.name, scalars);
  }
  return { task: 'multiclass', ...base, threshold: null, warnings, models };
}
