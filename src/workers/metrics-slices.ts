/**
 * The Slices and Over-time views of a comparison group, and the rows of one slice for the page's
 * filter. Every number comes from src/core/metrics/slices (the CLI's `--by`, `--find-slices`,
 * `--fairness` and `--time` call the same functions), over one `LoadedPredictions` that holds every
 * model of the group under its display name: the files of a group share their label rows.
 *
 * Thresholds: binary models are scored at their own threshold (the page's per-model thresholds),
 * by scoring the models that share a threshold together. The slice finder runs once over all
 * models (Benjamini-Hochberg over every test), at the first model's threshold: its default metric,
 * ROC AUC, does not depend on it.
 */
import type { LoadedBinary, LoadedPredictions } from '../core/metrics/predictions';
import { evaluatePredictions, reportKeysFor, type MetricsReport } from '../core/metrics/report';
import {
  WINDOW_SIGNALS, fairnessByModel, findProblemSlices, parseAlertRules, resolveSliceColumns, sliceId, sliceReport, slicesOf,
  subsetPredictions, thresholdStrategies, timeWindows, type SliceColumn, type SliceResult, type TimeWindow,
} from '../core/metrics/slices';
import { fail, ok, type Result } from '../core/result';
import { bootstrapMany, modelResampler, type BootstrapHooks, type IntervalValue } from '../core/metrics/bootstrap-many';
import type { SliceIntervalsQuery, SliceIntervalsResult, SlicesQuery, SlicesResult, WindowsQuery, WindowsResult } from './metrics-protocol';

/** One file of a group: all its rows, and its models' display names in `models` order. */
export interface GroupFile {
  full: LoadedPredictions;
  displayNames: string[];
}

const DEFAULT_THRESHOLD = 0.5;

/** One loaded file holding every model of the group, each named by its display name. */
export function combineGroup(files: readonly GroupFile[]): LoadedPredictions {
  const first = files[0]!.full;
  const models = files.flatMap((f) => f.full.models.map((m, j) => ({ ...m, name: f.displayNames[j]! })));
  return { ...first, models } as LoadedPredictions;
}

/** The group's models split by their threshold (binary), so each part is scored at its own. */
function byThreshold(all: LoadedPredictions, thresholds: Record<string, number>): { threshold: number | undefined; loaded: LoadedPredictions }[] {
  if (all.task !== 'binary') return [{ threshold: undefined, loaded: all }];
  const parts = new Map<number, LoadedBinary['models']>();
  for (const m of all.models) {
    const t = thresholds[m.name] ?? DEFAULT_THRESHOLD;
    parts.set(t, [...(parts.get(t) ?? []), m]);
  }
  return [...parts].map(([threshold, models]) => ({ threshold, loaded: { ...all, models } }));
}

/** The first file's extra columns that `names` asks for, as slicing columns. */
function sliceColumns(all: LoadedPredictions, names: readonly string[], bins: number): Result<SliceColumn[]> {
  const columns = resolveSliceColumns(all.extra, names, bins);
  return columns.ok ? columns : fail({ ...columns.error, message: `${all.file}: ${columns.error.message}` });
}

/** `sliceReport` per threshold part, merged back into one row per slice. */
function slicesAtThresholds(all: LoadedPredictions, columns: SliceColumn[], thresholds: Record<string, number>, minRows: number): SliceResult[] {
  let merged: SliceResult[] | null = null;
  for (const part of byThreshold(all, thresholds)) {
    const options = part.threshold === undefined ? { minRows } : { minRows, threshold: part.threshold };
    const slices = sliceReport(part.loaded, columns, options);
    merged = merged === null ? slices : merged.map((s, i) => ({
      ...s,
      models: s.models === null ? null : { ...s.models, ...slices[i]!.models } as MetricsReport['models'],
      warnings: [...s.warnings, ...slices[i]!.warnings],
    }));
  }
  return merged ?? [];
}

/** The Slices view: the report per slice, the slice finder, and (binary) fairness with the threshold strategies. */
export function slicesView(files: readonly GroupFile[], q: SlicesQuery): SlicesResult {
  const all = combineGroup(files);
  const columns = sliceColumns(all, q.by, q.bins);
  if (!columns.ok) return { ok: false, message: columns.error.message };
  const slices = slicesAtThresholds(all, columns.value, q.thresholds, q.minRows);
  const firstThreshold = q.thresholds[all.models[0]?.name ?? ''] ?? DEFAULT_THRESHOLD;
  const finder = findProblemSlices(all, columns.value, { minRows: q.minRows, ...(all.task === 'binary' ? { threshold: firstThreshold } : {}) });
  let fairness: Extract<SlicesResult, { ok: true }>['fairness'] = null;
  if (all.task === 'binary') {
    fairness = {};
    for (const column of columns.value) {
      const perModel = fairnessByModel(slicesAtThresholds(all, [column], q.thresholds, q.minRows), column.name);
      const groups = slicesOf([column]);
      for (const [model, f] of Object.entries(perModel)) {
        const strategies = thresholdStrategies(all, model, groups, column.name, {
          threshold: q.thresholds[model] ?? DEFAULT_THRESHOLD, costFP: q.costFP, costFN: q.costFN,
        });
        (fairness[model] ??= {})[column.name] = { ...f, strategies };
      }
    }
  }
  const warnings = [...new Set(slices.flatMap((s) => s.warnings))];
  let overall = {} as MetricsReport['models'];
  for (const part of byThreshold(all, q.thresholds)) {
    overall = { ...overall, ...evaluatePredictions(part.loaded, part.threshold === undefined ? {} : { threshold: part.threshold }).models } as MetricsReport['models'];
  }
  return { ok: true, by: columns.value.map((c) => c.name), minRows: q.minRows, overall, slices, finder, fairness, warnings };
}

/** The Over-time view: the report per window, drift against the first window, and the alerts. */
export function windowsView(files: readonly GroupFile[], q: WindowsQuery): WindowsResult {
  const all = combineGroup(files);
  const time = all.extra?.find((c) => c.name === q.time);
  if (!time) return { ok: false, message: `${all.file}: there is no extra column "${q.time}".` };
  if (time.kind !== 'time') return { ok: false, message: `${all.file}: column "${q.time}" is not a time column: its cells are not all ISO 8601 dates such as 2024-03-01.` };
  const rules = q.alerts.trim() === '' ? ok([]) : parseAlertRules(q.alerts, [...reportKeysFor(all.task), ...WINDOW_SIGNALS]);
  if (!rules.ok) return { ok: false, message: rules.error.message };
  const warnings: string[] = [];
  let windows: TimeWindow[] | null = null;
  for (const part of byThreshold(all, q.thresholds)) {
    const options = { alerts: rules.value, ...(part.threshold === undefined ? {} : { threshold: part.threshold }) };
    const cut = timeWindows(part.loaded, time.ms, q.window, options, windows === null ? warnings : []);
    windows = windows === null ? cut : windows.map((w, i) => {
      const c = cut[i]!;
      return {
        ...w,
        models: w.models === null ? null : { ...w.models, ...c.models } as MetricsReport['models'],
        psi: { ...w.psi, ...c.psi }, ks: { ...w.ks, ...c.ks }, mean_confidence: { ...w.mean_confidence, ...c.mean_confidence },
        alerts: [...w.alerts, ...c.alerts],
      };
    });
  }
  return { ok: true, time: q.time, window: q.window, windows: windows ?? [], warnings };
}

/**
 * Bootstrap 95 % intervals of one metric per scored slice and model: the resamples of each slice's
 * rows, as the page's bootstrap draws them for every row (same seed, same evaluator).
 */
export async function sliceIntervals(files: readonly GroupFile[], q: SliceIntervalsQuery, hooks: BootstrapHooks): Promise<SliceIntervalsResult> {
  const all = combineGroup(files);
  const out: SliceIntervalsResult = { metric: q.metric, B: q.B, seed: q.seed, intervals: {} };
  const columns = sliceColumns(all, q.by, q.bins);
  if (!columns.ok) return out;
  const scored = slicesOf(columns.value).filter((s) => s.rows.length >= q.minRows);
  const jobs = scored.length * all.models.length;
  let done = 0;
  for (const slice of scored) {
    const sub = subsetPredictions(all, slice.rows);
    const perModel: Record<string, IntervalValue> = {};
    for (const [j, m] of sub.models.entries()) {
      const { keys, evaluate } = modelResampler(sub, j, q.thresholds[m.name] ?? DEFAULT_THRESHOLD);
      if (!keys.includes(q.metric)) continue;
      const many = await bootstrapMany(sub.rows, [q.metric], evaluate, { B: q.B, seed: q.seed }, {
        ...hooks, onProgress: (f) => hooks.onProgress?.((done + f) / jobs),
      });
      perModel[m.name] = many.intervals[q.metric]!;
      done++;
    }
    out.intervals[slice.id] = perModel;
  }
  return out;
}

/** The rows of the slice `key` (ascending), or a message when the group has no such slice. */
export function sliceRows(files: readonly GroupFile[], key: Record<string, string>, bins: number): Result<Int32Array> {
  const all = combineGroup(files);
  const columns = sliceColumns(all, Object.keys(key), bins);
  if (!columns.ok) return columns;
  const id = sliceId(key);
  const slice = slicesOf(columns.value).find((s) => s.id === id);
  if (!slice) return fail({ kind: 'unknown-column', message: `${all.file}: no rows in the slice ${id}.`, file: all.file, row: null, column: null });
  return ok(slice.rows);
}
