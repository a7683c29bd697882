/**
 * `npm run -s cli -- metrics FILE [--target COL] [--task auto|binary|multiclass|regression]
 *   [--threshold T] [--pos-label L] [--features K] [--log-loss-eps E|auto] [--json]` plus the engine flags of
 *   ./metrics-engine-args.ts (--engine, --sql, --table, --memory-limit).
 * FILE is CSV, gzipped CSV or Parquet, told apart by content (./file-format.ts).
 *
 * Every metric of every model in a prediction file, computed by the same core function the page uses
 * (`metricsReportFromCsv`). With `--json`: exactly one JSON document on stdout (the `MetricsReport`
 * shape, see src/core/metrics/report.ts). Without: an aligned table, models as columns and metrics as
 * rows, 4 significant digits, warnings below.
 *
 * Exit codes: 0 success; 2 bad arguments or bad data, with one message on stderr (file, row, column
 * where known) and nothing on stdout; 1 a bug (thrown, reported by main.ts).
 */
import { basename } from 'node:path';
import { BINARY_DEFINITIONS, BINARY_METRIC_KEYS } from '../core/metrics/definitions';
import type { PredictionTask } from '../core/metrics/predictions';
import {
  BINARY_REPORT_KEYS, MULTICLASS_PROBABILITY_KEYS, MULTICLASS_REPORT_KEYS, REGRESSION_REPORT_KEYS, TASK_CHOICES,
  type MetricsFromCsvOptions, type MetricsReport,
} from '../core/metrics/report';
import { splitArgv } from './argv';
import { detectFileFormat, type PredictionFileFormat } from './file-format';
import { ENGINE_USAGE, extractEngineArgs } from './metrics-engine-args';
import { chooseEngine, computeReport, reportSql, type Engine } from './metrics-engines';
import { readErrorReason } from './read-input';
import { quoteExcerpt, quoteList, shortPath } from '../core/text/excerpt';
import { SLICES_USAGE, extractSliceArgs, runSliced } from './slices-options';

/** Where the command writes; tests pass collectors. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const USAGE =
  'usage: npm run -s cli -- metrics FILE [--target COL] [--task auto|binary|multiclass|regression]\n' +
  '                                  [--threshold T] [--pos-label L] [--features K] [--log-loss-eps E|auto] [--json]\n' +
  '  --log-loss-eps  clip probabilities to [E, 1 - E] in log loss; default 1e-15, auto = float64 eps\n' +
  '                  (2.22e-16, scikit-learn 1.2\'s eps="auto")\n' +
  ENGINE_USAGE + SLICES_USAGE;

interface ParsedArgs {
  file: string;
  json: boolean;
  options: MetricsFromCsvOptions;
}

const VALUE_OPTIONS = ['--target', '--task', '--threshold', '--pos-label', '--features', '--log-loss-eps'] as const;

/** Parses argv into options, or returns the message for a usage error. */
export function parseMetricsArgs(argv: readonly string[]): ParsedArgs | { error: string } | { help: true } {
  const split = splitArgv(argv, VALUE_OPTIONS, ['--json'] as const);
  if ('help' in split || 'error' in split) return split;
  const { positional: files, values } = split;
  const json = split.flags.has('--json');
  if (files.length === 0) return { error: 'missing FILE (a CSV of labels and predictions)' };
  if (files.length > 1) return { error: `one FILE only, got ${quoteList(files)}` };

  const options: MetricsFromCsvOptions = {};
  if (values['--target'] !== undefined) options.target = values['--target'];
  if (values['--pos-label'] !== undefined) options.positiveLabel = values['--pos-label'];
  if (values['--task'] !== undefined) {
    const task = values['--task'] as PredictionTask | 'auto';
    if (!TASK_CHOICES.includes(task)) return { error: `--task must be one of ${TASK_CHOICES.join(', ')}, got ${quoteExcerpt(values['--task'])}` };
    options.task = task;
  }
  if (values['--threshold'] !== undefined) {
    const t = values['--threshold'].trim() === '' ? NaN : Number(values['--threshold']);
    if (!Number.isFinite(t)) return { error: `--threshold must be a number, got ${quoteExcerpt(values['--threshold'])}` };
    options.threshold = t;
  }
  if (values['--features'] !== undefined) {
    const k = values['--features'].trim() === '' ? NaN : Number(values['--features']);
    if (!Number.isInteger(k) || k < 0) return { error: `--features must be a non-negative integer, got ${quoteExcerpt(values['--features'])}` };
    options.features = k;
  }
  if (values['--log-loss-eps'] !== undefined) {
    const eps = parseLogLossEps(values['--log-loss-eps']);
    if (eps === null) return { error: `--log-loss-eps must be a number in (0, 0.5) or auto, got ${quoteExcerpt(values['--log-loss-eps'])}` };
    options.logLossEps = eps;
  }
  return { file: files[0]!, json, options };
}

/** `--log-loss-eps`: a number in (0, 0.5), or `auto` for float64 eps (scikit-learn 1.2's default); null if neither. */
export function parseLogLossEps(raw: string): number | null {
  if (raw.trim() === 'auto') return Number.EPSILON;
  const eps = raw.trim() === '' ? NaN : Number(raw);
  return eps > 0 && eps < 0.5 ? eps : null;
}

/** Counts print as integers; everything else with 4 significant digits. */
const COUNT_KEYS = new Set<string>(BINARY_METRIC_KEYS.filter((k) => BINARY_DEFINITIONS[k].needs === 'count'));

function formatValue(key: string, v: number | null | undefined): string {
  if (v === undefined) return '';
  if (v === null) return 'n/a';
  if (COUNT_KEYS.has(key) || (Number.isInteger(v) && Math.abs(v) >= 1e4)) return String(v);
  return v.toPrecision(4);
}

function rowKeys(report: MetricsReport): string[] {
  if (report.task === 'binary') return [...BINARY_REPORT_KEYS];
  if (report.task === 'regression') return [...REGRESSION_REPORT_KEYS];
  const anyProba = Object.values(report.models).some((m) => m.log_loss !== undefined);
  return [...MULTICLASS_REPORT_KEYS, ...(anyProba ? MULTICLASS_PROBABILITY_KEYS : [])];
}

/** The readable form: a header line, the aligned table, confusion matrices (multiclass), warnings. */
export function formatReportTable(report: MetricsReport, file: string, classes: readonly string[] = []): string {
  const names = Object.keys(report.models);
  const keys = rowKeys(report);
  const models = report.models as Record<string, Record<string, unknown>>;
  const cells = keys.map((k) => names.map((n) => formatValue(k, models[n]![k] as number | null | undefined)));
  const firstWidth = Math.max('metric'.length, ...keys.map((k) => k.length));
  const widths = names.map((n, j) => Math.max(n.length, ...cells.map((row) => row[j]!.length)));
  const line = (first: string, rest: string[]): string =>
    [first.padEnd(firstWidth), ...rest.map((c, j) => c.padStart(widths[j]!))].join('  ').trimEnd();

  let head = `${file}: ${report.task}, ${report.rows} rows, target "${report.target}"`;
  if (report.task === 'binary') head += `, threshold ${report.threshold} (positive when score >= threshold)`;
  const out = [head, '', line('metric', names), ...keys.map((k, i) => line(k, cells[i]!))];

  if (report.task === 'multiclass') {
    for (const name of names) {
      const m = report.models[name]!.confusion;
      const labels = classes.length === m.length ? classes : m.map((_, k) => String(k));
      const w = Math.max(...labels.map((l) => l.length), ...m.flat().map((v) => String(v).length));
      const lw = Math.max(...labels.map((l) => l.length));
      out.push('', `confusion of "${name}" (rows = true class, columns = predicted class):`);
      out.push(`${''.padEnd(lw)}  ${labels.map((l) => l.padStart(w)).join(' ')}`);
      m.forEach((row, k) => out.push(`${labels[k]!.padEnd(lw)}  ${row.map((v) => String(v).padStart(w)).join(' ')}`));
    }
  }
  if (report.warnings.length > 0) {
    out.push('', 'warnings:');
    for (const w of report.warnings) out.push(`- ${w}`);
  }
  return out.join('\n') + '\n';
}

/** Runs the command; returns the exit code. */
export async function run(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const engineArgs = extractEngineArgs(argv);
  if ('error' in engineArgs) { io.stderr.write(`metrics: ${engineArgs.error}\n${USAGE}`); return 2; }
  const sliceArgs = extractSliceArgs(engineArgs.rest);
  if ('error' in sliceArgs) { io.stderr.write(`metrics: ${sliceArgs.error}\n${USAGE}`); return 2; }
  const args = parseMetricsArgs(sliceArgs.rest);
  if ('help' in args) { io.stdout.write(USAGE); return 0; }
  if ('error' in args) { io.stderr.write(`metrics: ${args.error}\n${USAGE}`); return 2; }
  const { engine: wanted, sql, table, memoryLimit } = engineArgs.args;

  let format: PredictionFileFormat;
  let engine: Engine;
  try {
    format = await detectFileFormat(args.file);
    engine = await chooseEngine(args.file, format, wanted);
  } catch (err) {
    io.stderr.write(`metrics: cannot read ${shortPath(args.file)}: ${readErrorReason(err)}\n`);
    return 2;
  }
  const name = basename(args.file);
  if (sliceArgs.args !== null) {
    if (sql !== null || format === 'parquet' || wanted === 'duckdb') {
      io.stderr.write(`metrics: --by, --find-slices, --fairness and --time read CSV files with the js engine (not --sql, --engine duckdb or Parquet)\n`);
      return 2;
    }
    return runSliced(args.file, name, format, args.options, sliceArgs.args, args.json, io);
  }
  if (sql !== null) {
    const text = await reportSql(args.file, name, format, engine, args.options, sql, table, memoryLimit);
    if (!text.ok) { io.stderr.write(`${text.error.message}\n`); return 2; }
    io.stdout.write(text.value);
    return 0;
  }
  const result = await computeReport(args.file, name, format, engine, args.options, memoryLimit);
  if (!result.ok) {
    io.stderr.write(`${result.error.message}\n`);
    return 2;
  }
  const { report, classes } = result.value;
  if (args.json) io.stdout.write(JSON.stringify({ ...report, engine }) + '\n');
  else io.stdout.write(formatReportTable(report, name, classes));
  return 0;
}
