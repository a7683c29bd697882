/**
 * The `metrics` flags for slices, fairness and time, taken out of argv before the command's own
 * parser sees the rest, and the report sections they add:
 *   --by COL[,COL2] [--min-slice N] [--bins K]   "slices": the report per slice of one or two columns
 *   --find-slices                                "problem_slices": the slice finder over the --by columns
 *   --fairness                                   "fairness": Fairlearn's disparities per --by column (binary)
 *   --time COL --window day|week|month|N [--reference FILE] [--alert "roc_auc<0.8,psi>0.2"]
 *                                                "windows": the report per time window, drift, alerts
 *   --extra COL[,COL...]                         more columns that are not models
 * With any of them, columns holding text or dates (not label values) are extra columns, not models
 * (the core loader's `detect.text`, as on the page).
 * Every number comes from src/core/metrics/slices, which calls the same `evaluatePredictions` as
 * the top-level report. These flags read the file with the core (the js engine): a Parquet file or
 * --engine duckdb with them is a usage error.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LoadedPredictions } from '../core/metrics/predictions';
import { reportKeysFor, loadPredictionsFromCsv, metricsReportFromCsv, type MetricsFromCsvOptions, type MetricsReport } from '../core/metrics/report';
import {
  DEFAULT_MIN_SLICE_ROWS, DEFAULT_QUANTILE_BINS, MAX_QUANTILE_BINS, WINDOW_SIGNALS, fairnessByModel, findProblemSlices, parseAlertRules, resolveSliceColumns,
  sliceReport, timeWindows, type AlertRule, type WindowUnit,
} from '../core/metrics/slices';
import { fail, ok, type Result } from '../core/result';
import type { PredictionFileFormat } from './file-format';
import { formatReportTable, type CommandIo } from './metrics-command';
import { csvBytes } from './metrics-engines';
import { readErrorReason } from './read-input';
import { quoteExcerpt, quoteList, shortPath } from '../core/text/excerpt';

export const SLICES_USAGE =
  '       [--by COL[,COL2] [--min-slice N] [--bins K] [--find-slices] [--fairness]]\n' +
  '       [--time COL --window day|week|month|N [--reference FILE] [--alert "roc_auc<0.8,psi>0.2"]] [--extra COL,...]\n' +
  '  with these, text and date columns are not models; name other non-model columns with --extra\n';

export interface SliceArgs {
  by: string[];
  /** --extra: more columns that are not models (kept, not scored). */
  extra: string[];
  minSlice: number;
  bins: number;
  findSlices: boolean;
  fairness: boolean;
  time: string | null;
  window: WindowUnit | null;
  reference: string | null;
  alert: string | null;
}

const VALUE_NAMES = ['--by', '--min-slice', '--bins', '--time', '--window', '--reference', '--alert', '--extra'] as const;
const FLAG_NAMES = ['--find-slices', '--fairness'] as const;

function positiveInteger(name: string, text: string): number | string {
  const v = text.trim() === '' ? NaN : Number(text);
  return Number.isInteger(v) && v >= 1 ? v : `${name} must be a positive integer, got ${quoteExcerpt(text)}`;
}

/** Splits argv into these flags (null when none is given) and everything else, or a usage error. */
export function extractSliceArgs(argv: readonly string[]): { args: SliceArgs | null; rest: string[] } | { error: string } {
  const rest: string[] = [];
  const values: Partial<Record<(typeof VALUE_NAMES)[number], string>> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if ((FLAG_NAMES as readonly string[]).includes(arg)) { flags.add(arg); continue; }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg) as (typeof VALUE_NAMES)[number];
    if (!VALUE_NAMES.includes(name)) { rest.push(arg); continue; }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return { error: `${name} needs a value` };
    values[name] = value;
  }
  if (Object.keys(values).length === 0 && flags.size === 0) return { args: null, rest };
  const by = values['--by'] === undefined ? [] : values['--by'].split(',').map((s) => s.trim());
  if (by.some((c) => c === '') || by.length > 2) return { error: `--by takes one or two column names separated by a comma, got ${quoteExcerpt(values['--by'])}` };
  if (by.length === 0) {
    for (const n of ['--min-slice', '--bins', '--find-slices', '--fairness'] as const) {
      if (values[n as (typeof VALUE_NAMES)[number]] !== undefined || flags.has(n)) return { error: `${n} goes with --by COL` };
    }
  }
  const minSlice = values['--min-slice'] === undefined ? DEFAULT_MIN_SLICE_ROWS : positiveInteger('--min-slice', values['--min-slice']);
  if (typeof minSlice === 'string') return { error: minSlice };
  const bins = values['--bins'] === undefined ? DEFAULT_QUANTILE_BINS : positiveInteger('--bins', values['--bins']);
  if (typeof bins === 'string') return { error: bins };
  if (bins > MAX_QUANTILE_BINS) return { error: `--bins must be at most ${MAX_QUANTILE_BINS}; got ${bins}.` };
  const time = values['--time']?.trim() ?? null;
  let window: WindowUnit | null = null;
  if (values['--window'] !== undefined) {
    const w = values['--window'].trim();
    if (w === 'day' || w === 'week' || w === 'month') window = w;
    else {
      const n = positiveInteger('--window', w);
      if (typeof n === 'string') return { error: '--window must be day, week, month or a positive number of rows, got ' + quoteExcerpt(w) };
      window = n;
    }
  }
  if ((time === null) !== (window === null)) return { error: '--time COL and --window go together' };
  for (const n of ['--reference', '--alert'] as const) if (values[n] !== undefined && time === null) return { error: `${n} goes with --time COL --window W` };
  return {
    args: {
      by, extra: values['--extra'] === undefined ? [] : values['--extra'].split(',').map((c) => c.trim()).filter((c) => c !== ''), minSlice, bins, findSlices: flags.has('--find-slices'), fairness: flags.has('--fairness'),
      time, window, reference: values['--reference'] ?? null, alert: values['--alert'] ?? null,
    },
    rest,
  };
}

/**
 * The loader options with the slice, time and other extra columns kept out of the models, and the
 * columns of text or dates that are not label values found by the core loader (as the page does).
 */
export function withExtraColumns(options: MetricsFromCsvOptions, args: SliceArgs): MetricsFromCsvOptions {
  const out: MetricsFromCsvOptions = { ...options, extra: [...new Set([...args.by, ...args.extra])], detect: { text: true } };
  if (args.time !== null) out.time = args.time;
  return out;
}

const usage = (message: string): Result<never> => fail({ kind: 'usage', message, file: null, row: null, column: null });

/**
 * The sections these flags add to the report, in the CLI's JSON shape; warnings go into
 * `report.warnings`. Errors: an unknown slice column, --fairness on a task that is not binary, an
 * alert rule that does not parse, a reference file that does not load or has other models.
 */
export async function sliceSections(loaded: LoadedPredictions, report: MetricsReport, args: SliceArgs, options: MetricsFromCsvOptions): Promise<Result<Record<string, unknown>>> {
  const out: Record<string, unknown> = {};
  const evalOptions = report.task === 'binary' ? { threshold: report.threshold } : {};
  if (args.by.length > 0) {
    const columns = resolveSliceColumns(loaded.extra, args.by, args.bins);
    if (!columns.ok) return usage(`${loaded.file}: ${columns.error.message}`);
    const slices = sliceReport(loaded, columns.value, { ...evalOptions, minRows: args.minSlice });
    for (const s of slices) report.warnings.push(...s.warnings);
    out.slices = slices.map((s) => ({ key: s.key, rows: s.rows, models: s.models }));
    if (args.findSlices) {
      const found = findProblemSlices(loaded, columns.value, { ...evalOptions, minRows: args.minSlice });
      out.problem_slices = found.problems.map((p) => ({
        key: p.key, rows: p.rows, model: p.model, metric: p.metric, value: p.value, rest: p.rest, difference: p.difference, p_value: p.p_value, p_adjusted: p.p_adjusted,
      }));
    }
    if (args.fairness) {
      if (loaded.task !== 'binary') return usage(`${loaded.file}: --fairness needs a binary file (this one is ${loaded.task}).`);
      const fairness: Record<string, Record<string, unknown>> = {};
      for (const c of columns.value) {
        const perModel = fairnessByModel(sliceReport(loaded, [c], { ...evalOptions, minRows: args.minSlice }), c.name);
        for (const [model, f] of Object.entries(perModel)) (fairness[model] ??= {})[c.name] = f.summary;
      }
      out.fairness = fairness;
    }
  }
  if (args.time !== null && args.window !== null) {
    let rules: AlertRule[] = [];
    if (args.alert !== null) {
      const parsed = parseAlertRules(args.alert, [...reportKeysFor(report.task), ...WINDOW_SIGNALS]);
      if (!parsed.ok) return usage(`--alert: ${parsed.error.message}`);
      rules = parsed.value;
    }
    let reference: LoadedPredictions | undefined;
    if (args.reference !== null) {
      let bytes: Uint8Array;
      try { bytes = await readFile(args.reference); } catch (err) { return usage(`--reference: cannot read ${shortPath(args.reference)}: ${readErrorReason(err)}`); }
      // The reference needs the same models; its slice and time columns, where present, are not models.
      const header = new TextDecoder().decode(bytes.subarray(0, 1 << 16)).split(/\r?\n/)[0]!.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
      const extra = (options.extra ?? []).concat(options.time ?? []).filter((c) => header.includes(c));
      const refOptions: MetricsFromCsvOptions = { ...options, task: loaded.task, extra };
      delete refOptions.time;
      const ref = loadPredictionsFromCsv(bytes, basename(args.reference), refOptions);
      if (!ref.ok) return ref;
      const missing = loaded.models.filter((m) => !ref.value.models.some((r) => r.name === m.name)).map((m) => m.name);
      if (missing.length > 0) return usage(`--reference: ${basename(args.reference)} has no column for model${missing.length > 1 ? 's' : ''} ${quoteList(missing)}.`);
      reference = ref.value;
    }
    const time = loaded.extra!.find((c) => c.name === args.time);
    if (!time || time.kind !== 'time') return usage(`${loaded.file}: column ${quoteExcerpt(args.time)} is not a time column.`);
    const windowOptions = { ...evalOptions, alerts: rules, ...(reference ? { reference } : {}) };
    out.windows = timeWindows(loaded, time.ms, args.window, windowOptions, report.warnings);
  }
  return ok(out);
}

/** `metrics` with any of these flags: the report and its sections, printed; returns the exit code. */
export async function runSliced(path: string, name: string, format: PredictionFileFormat, baseOptions: MetricsFromCsvOptions, args: SliceArgs, json: boolean, io: CommandIo): Promise<number> {
  const bytes = await csvBytes(path, format, name);
  const options = withExtraColumns(baseOptions, args);
  const loaded = bytes.ok ? metricsReportFromCsv(bytes.value, name, options) : bytes;
  if (!loaded.ok) { io.stderr.write(`${loaded.error.message}\n`); return 2; }
  const { report } = loaded.value;
  const sections = await sliceSections(loaded.value.loaded, report, args, options);
  if (!sections.ok) { io.stderr.write(`${sections.error.message}\n`); return 2; }
  if (json) io.stdout.write(JSON.stringify({ ...report, engine: 'js', ...sections.value }) + '\n');
  else io.stdout.write(`${formatReportTable(report, name, loaded.value.loaded.classes)}\n${JSON.stringify(sections.value, null, 1)}\n`);
  return 0;
}
