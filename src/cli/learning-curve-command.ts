/**
 * `npm run -s cli -- learning-curve --dataset NAME|FILE.csv [train flags] [--points N] [--repeats R]
 *   [--metric KEY] [--factors 2,5,10] [--no-importance] [--param lr --values 0.001,0.01,0.1] [--json]`
 *
 * The Curves tab of the Experiments page from the command line: the same Experiments service
 * (src/workers/experiments-curves.ts) runs here in Node. Without --param: the learning curve (score
 * against training-set size, the fitted power law and the predicted gain from k times the rows, and
 * with importance the more-data-or-more-features verdict). With --param: the validation curve of that
 * setting over --values. Every training flag of `train` applies to each point; --seed fixes the
 * split, the subsets and the models.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { findBundledEntry, findSyntheticEntry } from '../core/data/catalog';
import { CURVE_PARAMS, isCurveParam } from '../core/experiments/curve-params';
import { resolveTrainConfig } from '../core/train/config';
import type { ExperimentData } from '../workers/experiments-data';
import { createExperimentsService } from '../workers/experiments-service';
import type { LearningCurveOutcome, ValidationCurveOutcome } from '../workers/experiments-service';
import { readErrorReason } from './read-input';
import { repoRoot } from './repo-root';
import { parseTrainArgs, useNodeBackend, type CommandIo } from './train-command';

export const USAGE =
  'usage: npm run -s cli -- learning-curve --dataset NAME|FILE.csv [--target COL] [any train flag: --model, --hidden, --epochs, --lr, --seed, ...]\n' +
  '         [--points N (default 6)] [--repeats R (default 3)] [--metric KEY] [--factors 2,5,10] [--no-importance] [--json]\n' +
  `         [--param ${CURVE_PARAMS.join('|')} --values V1,V2,...]   (a validation curve instead)\n` +
  '  --metric     roc_auc|accuracy|log_loss (binary), accuracy (multiclass), r2|rmse|mae (regression); default the first\n' +
  '  scored on the validation rows of the split (--split, default 0.7,0.15,0.15); sizes from a tenth of the training rows to all\n';

const OWN_VALUES = ['--points', '--repeats', '--metric', '--factors', '--param', '--values'] as const;
type Own = (typeof OWN_VALUES)[number];

interface CurveArgs {
  own: Partial<Record<Own, string>>;
  importance: boolean;
  rest: string[];
}

function splitOwn(argv: readonly string[]): CurveArgs | { error: string } {
  const own: Partial<Record<Own, string>> = {};
  const rest: string[] = [];
  let importance = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-importance') {
      importance = false;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if ((OWN_VALUES as readonly string[]).includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return { error: `${name} needs a value` };
      own[name as Own] = value;
    } else {
      rest.push(arg);
    }
  }
  return { own, importance, rest };
}

function intIn(raw: string | undefined, name: string, fallback: number, lo: number, hi: number): number | string {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  return Number.isInteger(v) && v >= lo && v <= hi ? v : `${name} must be an integer from ${lo} to ${hi}; got ${raw}`;
}

function numberList(raw: string, name: string): number[] | string {
  const v = raw.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  return v.every(Number.isFinite) && v.length > 0 ? v : `${name} must be numbers separated by commas; got ${raw}`;
}

/** The data as the Experiments service takes it: a synthetic generator, a bundled file or a CSV file's text. */
async function experimentData(dataset: string, target: string | null): Promise<ExperimentData | string> {
  const synthetic = findSyntheticEntry(dataset);
  if (synthetic) return { kind: 'synthetic', id: synthetic.id, params: { ...synthetic.defaults } };
  const bundled = findBundledEntry(dataset);
  if (bundled && bundled.kind === 'predictions') return `${dataset} is a prediction file (for the metrics command), not a training dataset`;
  const path = bundled ? resolve(repoRoot(), 'datasets', bundled.file) : resolve(dataset);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return `cannot read ${dataset}: ${readErrorReason(err)}`;
  }
  const name = bundled ? bundled.file : basename(path);
  return { kind: 'csv', name, text, target: target ?? (bundled ? bundled.target : 'target'), ...(bundled && !target ? { task: bundled.task } : {}) };
}

const f = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : 'n/a');

function learningText(o: LearningCurveOutcome): string {
  const lines = [`learning curve: ${o.metric.label} on ${o.rows.validation} validation rows, ${o.repeats} repeats`, 'rows  train(mean±sd)  validation(mean±sd)'];
  for (const r of o.summary) lines.push(`${r.x}  ${f(r.train.mean)}±${f(r.train.std)}  ${f(r.validation.mean)}±${f(r.validation.std)}`);
  if (o.fit) {
    lines.push(`power law: err = ${f(o.fit.a)} n^-${f(o.fit.b)} + ${f(o.fit.c)} (err = ${o.fit.sign === -1 ? '-' : ''}${o.metric.key}); levels off at ${f(o.fit.asymptote)}`);
    if (o.fit.bAtBound) lines.push('  (the exponent is on the edge of its range: the extrapolation is a rough guess)');
    for (const g of o.fit.gains) lines.push(`${g.factor}x rows: predicted gain ${f(g.gain)} (90% band ${f(g.low)} to ${f(g.high)})`);
  } else lines.push('power law: not fitted (fewer than three sizes with a defined score)');
  if (o.advice) {
    for (const x of o.advice.features) lines.push(`feature ${x.feature}: worth ${f(x.gain)}${x.lower !== null ? ` [${f(x.lower)}, ${f(x.upper!)}]` : ''}`);
    lines.push(`more data or more features? ${o.advice.verdict}: ${o.advice.reason}`);
  }
  return lines.join('\n') + '\n';
}

function validationText(o: ValidationCurveOutcome): string {
  const lines = [`validation curve: ${o.metric.label} against ${o.label}, ${o.repeats} repeats`, `${o.param}  train(mean±sd)  validation(mean±sd)`];
  for (const r of o.summary) lines.push(`${r.x}  ${f(r.train.mean)}±${f(r.train.std)}  ${f(r.validation.mean)}±${f(r.validation.std)}`);
  if (o.verdict) lines.push(`best ${o.param} ${o.verdict.best} (${o.verdict.position}): validation ${f(o.verdict.bestScore)}, gap ${f(o.verdict.gapAtBest)}`);
  return lines.join('\n') + '\n';
}

export async function run(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`learning-curve: ${message}\n`);
    return 2;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const split = splitOwn(argv);
  if ('error' in split) return fail(split.error);
  const points = intIn(split.own['--points'], '--points', 6, 3, 20);
  const repeats = intIn(split.own['--repeats'], '--repeats', 3, 1, 50);
  if (typeof points === 'string') return fail(points);
  if (typeof repeats === 'string') return fail(repeats);
  const factors = split.own['--factors'] ? numberList(split.own['--factors'], '--factors') : [2, 5, 10];
  if (typeof factors === 'string') return fail(factors);
  const param = split.own['--param'];
  if (param !== undefined && !isCurveParam(param)) return fail(`--param must be one of ${CURVE_PARAMS.join(', ')}; got ${param}`);
  if (param !== undefined && split.own['--values'] === undefined) return fail('--param needs --values V1,V2,...');
  const values = split.own['--values'] !== undefined ? numberList(split.own['--values'], '--values') : [];
  if (typeof values === 'string') return fail(values);
  const args = parseTrainArgs(split.rest);
  if ('help' in args) return fail('--help');
  if ('error' in args) return fail(args.error);
  if (args.mode !== 'train' || args.fault || args.resume) return fail('--overfit-batch, --lr-range-test, --fault and --resume-from do not apply to curves');
  const config = resolveTrainConfig({ baselines: false, ...args.config });
  if (!config.ok) return fail(config.error.message);
  const data = await experimentData(args.dataset, args.target);
  if (typeof data === 'string') return fail(data);
  const backend = await useNodeBackend(args.backend);
  if (!backend.ok) return fail(backend.message);
  const service = createExperimentsService();
  try {
    const metric = split.own['--metric'] ?? '';
    const r = param
      ? service.validationCurve(data, config.value, { metric, param, values, repeats })
      : service.learningCurve(data, config.value, { metric, points, repeats, seed: config.value.seed, factors, importance: split.importance });
    if (!r.ok) return fail(r.error.message);
    for (const w of r.warnings) io.stderr.write(`warning: ${w}\n`);
    if (args.json) io.stdout.write(JSON.stringify({ backend: backend.choice.backend, config: config.value, ...(param ? { validation: r.value } : { learning: r.value }) }) + '\n');
    else io.stdout.write(param ? validationText(r.value as ValidationCurveOutcome) : learningText(r.value as LearningCurveOutcome));
    return 0;
  } finally {
    service.dispose();
  }
}
