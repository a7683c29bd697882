/**
 * `npm run -s cli -- compare FILE [--models A,B] [--threshold T] [--bootstrap N] [--seed S]
 *   [--target COL] [--task auto|binary|multiclass|regression] [--pos-label L] [--json]`
 *
 * Compares two models of one prediction file with the functions the Metrics page calls (DeLong,
 * McNemar, a paired bootstrap, DeLong AUC intervals), through `compareReport` (src/core/metrics/
 * compare-report.ts, which documents the JSON shape). Without `--models`, the first two model columns.
 *
 * Exit codes: 0 success; 2 bad arguments or bad data (one message on stderr, nothing on stdout); 1 a bug.
 */
import { basename } from 'node:path';
import { compareReport, type CompareReport, type CompareReportOptions } from '../core/metrics/compare-report';
import type { PredictionTask } from '../core/metrics/predictions';
import { loadPredictionsFromCsv, TASK_CHOICES, type MetricsFromCsvOptions } from '../core/metrics/report';
import { splitArgv } from './argv';
import type { CommandIo } from './metrics-command';
import { readInputFile } from './read-input';
import { quoteExcerpt, quoteList, shortPath } from '../core/text/excerpt';

export const USAGE =
  'usage: npm run -s cli -- compare FILE [--models A,B] [--threshold T] [--bootstrap N] [--seed S] [--json]\n' +
  '                                  [--target COL] [--task auto|binary|multiclass|regression] [--pos-label L]\n' +
  '  --models A,B     the two model columns to compare (default: the first two)\n' +
  '  --threshold T    binary: positive when score >= T, for McNemar and the threshold metrics (default 0.5)\n' +
  '  --bootstrap N    paired bootstrap resamples (default 1000)\n' +
  '  --seed S         bootstrap seed (default 0)\n' +
  '  --json           one JSON document on stdout\n';

interface CompareArgs {
  file: string;
  json: boolean;
  models: [string, string] | null;
  load: MetricsFromCsvOptions;
  compare: CompareReportOptions;
}

const VALUE_OPTIONS = ['--models', '--threshold', '--bootstrap', '--seed', '--target', '--task', '--pos-label'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/** Parses argv, or returns the message for a usage error. */
export function parseCompareArgs(argv: readonly string[]): CompareArgs | { error: string } | { help: true } {
  const split = splitArgv(argv, VALUE_OPTIONS, ['--json'] as const);
  if ('help' in split || 'error' in split) return split;
  const { positional: files, values } = split;
  const json = split.flags.has('--json');
  if (files.length !== 1) return { error: files.length ? `one FILE only, got ${quoteList(files)}` : 'missing FILE (a CSV of labels and predictions)' };

  const number = (name: ValueOption, ok: (v: number) => boolean, what: string): number | { error: string } | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const v = raw.trim() === '' ? NaN : Number(raw);
    return ok(v) ? v : { error: `${name} must be ${what}, got ${quoteExcerpt(raw)}` };
  };
  const compare: CompareReportOptions = {};
  const threshold = number('--threshold', Number.isFinite, 'a number');
  const bootstrap = number('--bootstrap', (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
  const seed = number('--seed', Number.isInteger, 'an integer');
  for (const v of [threshold, bootstrap, seed]) if (typeof v === 'object') return v;
  if (typeof threshold === 'number') compare.threshold = threshold;
  if (typeof bootstrap === 'number') compare.bootstrap = bootstrap;
  if (typeof seed === 'number') compare.seed = seed;

  let models: [string, string] | null = null;
  if (values['--models'] !== undefined) {
    const names = values['--models'].split(',').map((s) => s.trim());
    if (names.length !== 2 || names.some((s) => s === '') || names[0] === names[1]) {
      return { error: `--models must name two different models as A,B, got ${quoteExcerpt(values['--models'])}` };
    }
    models = [names[0]!, names[1]!];
  }
  const load: MetricsFromCsvOptions = {};
  if (values['--target'] !== undefined) load.target = values['--target'];
  if (values['--pos-label'] !== undefined) load.positiveLabel = values['--pos-label'];
  if (values['--task'] !== undefined) {
    const task = values['--task'] as PredictionTask | 'auto';
    if (!TASK_CHOICES.includes(task)) return { error: `--task must be one of ${TASK_CHOICES.join(', ')}, got ${quoteExcerpt(values['--task'])}` };
    load.task = task;
  }
  return { file: files[0]!, json, models, load, compare };
}

const fmt = (v: number | null): string => (v === null ? 'n/a' : Number.isInteger(v) ? String(v) : Math.abs(v) < 1e-4 && v !== 0 ? v.toExponential(3) : v.toPrecision(4));

/** The readable form: the tests, the AUC intervals, then the bootstrap table. */
export function formatCompareText(r: CompareReport, file: string, rows: number): string {
  const [a, b] = r.models;
  const out = [`${file}: ${r.task}, ${rows} rows; "${a}" (A) vs "${b}" (B)${r.threshold === null ? '' : `, threshold ${r.threshold}`}`];
  const tests: string[] = [];
  if (r.delong) {
    const d = r.delong;
    tests.push(`DeLong: AUC ${fmt(d.auc_a)} vs ${fmt(d.auc_b)}, difference ${fmt(d.difference)} (95% CI ${fmt(d.ci_low)} to ${fmt(d.ci_high)}), z = ${fmt(d.z)}, p = ${fmt(d.p_value)}`);
  }
  if (r.mcnemar) {
    const m = r.mcnemar;
    tests.push(`McNemar (${m.method}): A right and B wrong ${m.b}, B right and A wrong ${m.c}, statistic ${fmt(m.statistic)}, p = ${fmt(m.p_value)}`);
  }
  if (r.auc_ci) {
    tests.push(`AUC 95% CI (DeLong): ${Object.entries(r.auc_ci).map(([name, ci]) => `${name} ${fmt(ci.low)} to ${fmt(ci.high)}`).join('; ')}`);
  }
  if (tests.length) out.push('', ...tests);
  out.push('', `paired bootstrap, ${r.bootstrap.n} resamples, seed ${r.bootstrap.seed}: A - B with 95% CI`);
  const entries = Object.entries(r.bootstrap.metrics);
  const cells = entries.map(([k, v]) => [k, fmt(v.difference), fmt(v.ci_low), fmt(v.ci_high)]);
  const head = ['metric', 'difference', 'ci_low', 'ci_high'];
  const widths = head.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j]!.length)));
  for (const row of [head, ...cells]) out.push(row.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
  return out.join('\n') + '\n';
}

/** Runs the command; returns the exit code. */
export async function run(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const args = parseCompareArgs(argv);
  if ('help' in args) { io.stdout.write(USAGE); return 0; }
  if ('error' in args) { io.stderr.write(`compare: ${args.error}\n${USAGE}`); return 2; }
  const input = await readInputFile(args.file);
  if (!input.ok) { io.stderr.write(`compare: cannot read ${shortPath(args.file)}: ${input.why}\n`); return 2; }
  const name = basename(args.file);
  const loaded = loadPredictionsFromCsv(input.bytes, name, args.load);
  if (!loaded.ok) { io.stderr.write(`${loaded.error.message}\n`); return 2; }
  const have = loaded.value.models.map((m) => m.name);
  const models = args.models ?? (have.length >= 2 ? [have[0]!, have[1]!] : null);
  if (models === null) { io.stderr.write(`compare: ${name} has one model (${have.join(', ')}); compare needs two\n`); return 2; }
  const unknown = models.find((m) => !have.includes(m));
  if (unknown !== undefined) {
    io.stderr.write(`compare: ${name} has no model ${quoteExcerpt(unknown)}; the models are ${quoteList(have)}\n`);
    return 2;
  }
  const report = compareReport(loaded.value, models[0], models[1], args.compare);
  if (args.json) io.stdout.write(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n');
  else io.stdout.write(formatCompareText(report, name, loaded.value.rows));
  return 0;
}
