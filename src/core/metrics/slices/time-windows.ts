/**
 * Metrics over time: rows cut into windows by a time column, each window scored by the same
 * `evaluatePredictions` as the whole file, with the drift of each model's scores against a
 * reference and the mean prediction confidence, and alert rules checked per window and model.
 *
 * Windows (UTC): 'day' (midnight to midnight), 'week' (ISO weeks, Monday 00:00), 'month' (calendar
 * months), or N: the rows sorted by time (stable), N at a time (the last window may be shorter).
 * Calendar windows run from the first row's window to the last row's; a window with no rows is
 * listed with rows 0 and null values, and warned about. `start` is inclusive, `end` exclusive for
 * calendar windows; for N-row windows they are the first and last row's times.
 *
 * The score of a row, for drift: binary, the model's column (probability or score); multiclass,
 * the largest class probability; regression, the prediction. Models given as labels have no drift.
 * Drift against the reference (the first non-empty window, or a reference file's rows):
 *   psi: `numericPsi` over the reference's deciles (stats/psi.ts); ks: the two-sample KS statistic
 *   D (stats/ks-two-sample.ts, scipy.stats.ks_2samp).
 * mean_confidence: binary probability models, the mean of max(p, 1 - p); multiclass probabilities,
 * the mean largest class probability; null otherwise.
 */
import { ksTwoSample } from '../../stats/ks-two-sample';
import { numericPsi } from '../../stats/psi';
import type { LoadedPredictions } from '../predictions';
import { evaluatePredictions, type EvaluateOptions, type MetricsReport } from '../report';
import { alertFires, type AlertRule } from './alerts';
import { subsetPredictions } from './subset';
import { quoteExcerpt } from '../../text/excerpt';

export type WindowUnit = 'day' | 'week' | 'month' | number;

export interface TimeWindow {
  start: string;
  end: string;
  rows: number;
  models: MetricsReport['models'] | null;
  psi: Record<string, number | null>;
  ks: Record<string, number | null>;
  mean_confidence: Record<string, number | null>;
  alerts: string[];
}

export interface WindowOptions extends EvaluateOptions {
  /** Rows of the reference (a reference file loaded like the main one); default the first window. */
  reference?: LoadedPredictions;
  alerts?: readonly AlertRule[];
}

const DAY = 86400000;

/** Start (epoch ms) of the calendar window holding t. */
export function windowStart(t: number, unit: 'day' | 'week' | 'month'): number {
  const day = Math.floor(t / DAY) * DAY;
  if (unit === 'day') return day;
  if (unit === 'week') return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextStart(start: number, unit: 'day' | 'week' | 'month'): number {
  if (unit === 'day') return start + DAY;
  if (unit === 'week') return start + 7 * DAY;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The windows' row lists and bounds. */
export function cutWindows(ms: Float64Array, unit: WindowUnit): { start: number; end: number; rows: Int32Array }[] {
  const n = ms.length;
  if (n === 0) return [];
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => ms[a]! - ms[b]! || a - b);
  if (typeof unit === 'number') {
    const out = [];
    for (let i = 0; i < n; i += unit) {
      const rows = order.slice(i, Math.min(n, i + unit)).sort();
      out.push({ start: ms[order[i]!]!, end: ms[order[Math.min(n, i + unit) - 1]!]!, rows });
    }
    return out;
  }
  const first = windowStart(ms[order[0]!]!, unit), last = windowStart(ms[order[n - 1]!]!, unit);
  const out: { start: number; end: number; rows: number[] }[] = [];
  for (let s = first; s <= last; s = nextStart(s, unit)) out.push({ start: s, end: nextStart(s, unit), rows: [] });
  let w = 0;
  for (const i of order) {
    while (ms[i]! >= out[w]!.end) w++;
    out[w]!.rows.push(i);
  }
  return out.map((x) => ({ start: x.start, end: x.end, rows: Int32Array.from(x.rows).sort() }));
}

/** Per model, the drift score of each row (see the file comment), or null for label models. */
export function driftScores(loaded: LoadedPredictions): Record<string, Float64Array | null> {
  const out: Record<string, Float64Array | null> = {};
  if (loaded.task === 'multiclass') {
    const K = loaded.classes.length;
    for (const m of loaded.models) {
      if (m.kind === 'labels') { out[m.name] = null; continue; }
      const s = new Float64Array(loaded.rows);
      for (let i = 0; i < loaded.rows; i++) {
        let best = 0;
        for (let k = 0; k < K; k++) best = Math.max(best, m.values[i * K + k]!);
        s[i] = best;
      }
      out[m.name] = s;
    }
    return out;
  }
  for (const m of loaded.models) out[m.name] = 'kind' in m && m.kind === 'labels' ? null : m.values;
  return out;
}

/** Mean prediction confidence per model, or null where a model has no probabilities. */
export function meanConfidence(loaded: LoadedPredictions): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const scores = driftScores(loaded);
  for (const m of loaded.models) {
    const s = scores[m.name];
    const ok = loaded.task === 'multiclass' ? m.kind === 'probabilities' : loaded.task === 'binary' && m.kind === 'probability';
    if (!s || !ok || s.length === 0) { out[m.name] = null; continue; }
    let sum = 0;
    for (let i = 0; i < s.length; i++) sum += loaded.task === 'binary' ? Math.max(s[i]!, 1 - s[i]!) : s[i]!;
    out[m.name] = sum / s.length;
  }
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The windows of `loaded` by its time column `ms` (one value per row), each with its report, drift
 * and alerts. Warnings (empty windows) go to `warnings`.
 */
export function timeWindows(loaded: LoadedPredictions, ms: Float64Array, unit: WindowUnit, options: WindowOptions = {}, warnings: string[] = []): TimeWindow[] {
  const evalOptions: EvaluateOptions = {};
  if (options.threshold !== undefined) evalOptions.threshold = options.threshold;
  const cut = cutWindows(ms, unit);
  const firstRows = cut.find((c) => c.rows.length > 0)?.rows;
  const reference = options.reference ?? (firstRows ? subsetPredictions(loaded, firstRows) : null);
  const refScores = reference ? driftScores(reference) : {};
  const names = loaded.models.map((m) => m.name);
  const nulls = (): Record<string, number | null> => Object.fromEntries(names.map((n) => [n, null]));
  return cut.map((c) => {
    const base = { start: iso(c.start), end: iso(c.end), rows: c.rows.length };
    if (c.rows.length === 0) {
      warnings.push(`window ${base.start} to ${base.end} has no rows.`);
      return { ...base, models: null, psi: nulls(), ks: nulls(), mean_confidence: nulls(), alerts: [] };
    }
    const sub = subsetPredictions(loaded, c.rows);
    const report = evaluatePredictions(sub, evalOptions);
    const scores = driftScores(sub);
    const psi = nulls(), ks = nulls();
    for (const name of names) {
      const ref = refScores[name], cur = scores[name];
      if (!ref || !cur || ref.length === 0) continue;
      psi[name] = numericPsi(ref, cur).psi;
      ks[name] = ksTwoSample(ref, cur).statistic;
    }
    const mean_confidence = meanConfidence(sub);
    const alerts: string[] = [];
    for (const name of names) {
      const values: Record<string, unknown> = { ...(report.models as Record<string, Record<string, unknown>>)[name], psi: psi[name], ks: ks[name], mean_confidence: mean_confidence[name] };
      for (const rule of options.alerts ?? []) {
        const v = values[rule.metric];
        if (typeof v === 'number' && alertFires(rule, v)) alerts.push(`model ${quoteExcerpt(name)}: ${rule.metric} = ${Number(v.toPrecision(4))} (${rule.text})`);
      }
    }
    return { ...base, models: report.models, psi, ks, mean_confidence, alerts };
  });
}
