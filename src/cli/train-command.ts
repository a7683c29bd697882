/**
 * `npm run -s cli -- train --dataset NAME|FILE.csv [--target COL] --model linear|logistic|softmax|mlp|cnn
 *   [--hidden 32,32] [--activation relu] [--dropout P] [--l1 A] [--l2 A] [--init glorot|he|zeros]
 *   [--optimizer sgd|momentum|nesterov|adam|adamw|rmsprop|adagrad] [--lr R]
 *   [--schedule constant|step|cosine|warmup] [--epochs N | --steps N] [--batch-size B] [--seed S]
 *   [--overfit-batch] [--no-standardize] [--backend cpu|wasm] [--json]`
 * plus [--clip NORM] [--patience N] [--eval-training-mode] [--class-weights] [--impute mean|median|most_frequent]
 *   [--missing-indicators] [--task binary|multiclass|regression] [--details-every K] [--lr-range-test] [--no-baselines]
 *   [--freeze 0,1] [--fault NAME] (one of FAULT_NAMES, see src/core/train/faults.ts)
 *   [--resume-from RUN.json --at STEP] (a branch: replays the saved run's JSON export to STEP, then continues
 *   with the flags given here changed; --dataset and --model come from the file).
 *
 * Trains with the same core the Train page runs in its Worker (src/core/train). Bundled datasets and
 * synthetic generators load by catalog id (bundled files are read from the repository's datasets/,
 * whatever the working directory); any other value is a CSV path, whose target is `--target` (default:
 * a column named "target").
 *
 * With `--json`: one JSON document on stdout: `config`, `backend`, `data`, `steps` (one record per step,
 * see StepRecord), `epochs` (train and validation metrics), `baselines`, `final` (test metrics), `status`,
 * `stop_reason`, `divergence`, `examples`, `warnings`, and `verdict` with --overfit-batch (or
 * `lr_range_test` with --lr-range-test). Non-finite numbers are written as null.
 * Exit codes: 0 success (a diverged run or a failed verdict is a result, not an error); 2 bad arguments
 * or bad data, message on stderr; 1 a bug.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { findBundledEntry, findSyntheticEntry } from '../core/data/catalog';
import type { Task } from '../core/data/preprocess';
import { labelledTableFromCsv, labelledTableFromSynthetic, type LabelledTable } from '../core/data/table';
import { parseCsv } from '../core/csv/parse';
import { ACTIVATION_NAMES } from '../core/train/activations';
import type { BackendChoice, BackendPreference } from '../core/train/backend-select';
import { useNodeBackend } from './node-backends';
import { threadGradientPool } from './gradient-threads';
import { shardSetupFor } from '../core/train/data-parallel';
import { headFor, LOSS_SCALINGS, MAX_WORKERS, PARALLEL_MODES, resolveTrainConfig, type TrainConfig, type TrainConfigInput } from '../core/train/config';
import { PRECISIONS } from '../core/train/low-precision';
import type { MetricValues } from '../core/train/evaluation';
import { runLrRangeTest } from '../core/train/lr-range-test';
import { buildModelSpec, INIT_NAMES, MODEL_KINDS } from '../core/train/model';
import { OPTIMIZER_NAMES, type OptimizerConfig } from '../core/train/optimizers';
import { runOverfitBatch, type OverfitVerdict } from '../core/train/overfit-batch';
import { SCHEDULE_NAMES } from '../core/train/schedules';
import type { StepRecord } from '../core/train/step-record';
import type { PreparedData } from '../core/data/preprocess';
import { TrainingRun, type EpochRecord, type TrainResult } from '../core/train/training-run';
import { computeBaselines } from '../core/train/baselines';
import { runStreams } from '../core/train/train-data';
import { repoRoot } from './repo-root';
import { quoteExcerpt, quoteList, shortPath } from '../core/text/excerpt';
import { readInputFile } from './read-input';
import { decodeCsvBytes } from '../core/csv/decode';
import { describeEngineFailure } from '../core/train/engine-failure';
import { formatBytes, MAX_MEMORY_BYTES, MAX_PARAMETERS } from '../core/train/model-limits';
import { FAULT_NAMES, prepareFaultedRun, type FaultName } from '../core/train/faults';
import { readSavedRun, type SavedRun } from './saved-run';
import { branchConfig, changedKeys, startBranch } from '../core/train/branch';
import { checkFrozenLayers } from '../core/train/freeze-mask';

/** Where the command writes; tests pass collectors. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const USAGE =
  'usage: npm run -s cli -- train --dataset NAME|FILE.csv [--target COL] --model linear|logistic|softmax|mlp|cnn\n' +
  '         [--hidden 32,32] [--activation relu|leaky_relu|tanh|sigmoid|gelu] [--dropout P] [--l1 A] [--l2 A]\n' +
  '         [--init glorot|he|zeros] [--optimizer sgd|momentum|nesterov|adam|adamw|rmsprop|adagrad] [--lr R]\n' +
  '         [--schedule constant|step|cosine|warmup] [--epochs N | --steps N] [--batch-size B] [--seed S]\n' +
  '         [--overfit-batch] [--no-standardize] [--backend cpu|wasm] [--json]\n' +
  '         [--clip NORM] [--patience N] [--eval-training-mode] [--class-weights] [--missing-indicators]\n' +
  '         [--impute mean|median|most_frequent] [--task binary|multiclass|regression] [--details-every K]\n' +
  '         [--lr-range-test] [--no-baselines] [--freeze 0,1] [--fault NAME]\n' +
  '         [--momentum MU] [--beta1 B1] [--beta2 B2] [--epsilon EPS] [--rho RHO] [--weight-decay WD]\n' +
  '         [--split TRAIN,VALIDATION,TEST] [--emit-split]\n' +
  '         [--resume-from RUN.json --at STEP]   (then --dataset and --model come from RUN.json)\n' +
  '         [--precision float32|float16|bfloat16] [--loss-scaling none|static|dynamic] [--loss-scale S]\n' +
  '         [--workers N] [--mode sync|async] [--staleness K] [--keep-steps N] [--json-lines]\n' +
  '  --momentum, --beta1, --beta2, --rho in [0, 1); --epsilon > 0; --weight-decay >= 0 (AdamW)\n' +
  '  --keep-steps keep only the last N step (and epoch) records in the JSON; the summary covers the whole run,\n' +
  '               and memory stays bounded however long it runs (default: every record with --json, none without)\n' +
  '  --json-lines stream one JSON object a line as the run goes: {"type":"step",...} per step, {"type":"epoch",...}\n' +
  '               per epoch, then {"type":"summary",...} (the --json document without "steps" and "epochs")\n' +
  `  limits       a model may have at most ${MAX_PARAMETERS.toLocaleString('en-US')} parameters and ${formatBytes(MAX_MEMORY_BYTES)} estimated for training\n` +
  '  --split      fractions of the rows (default 0.7,0.15,0.15); 1,0,0 trains on every row (validation and test null)\n' +
  '  --emit-split add "split": {"train", "validation", "test"} row indices (0-based, file order) to the JSON\n' +
  `  --fault      inject a mystery bug: ${FAULT_NAMES.join(', ')}\n` +
  '  --precision  round weights, activations and gradients to 16 bits at every step (simulated by rounding;\n' +
  '               the arithmetic stays float32); each step gains "flushed_to_zero" per layer, "overflow_skipped",\n' +
  '               "loss_scale" and "loss_float32" (the float32 run of the same seed)\n' +
  '  --loss-scaling static|dynamic with --loss-scale S (default 1024; dynamic: the starting scale)\n' +
  '  --workers    split each batch across N worker threads: each computes its shard\'s gradient, the gradients\n' +
  '               are summed (all-reduce) and one update is applied; each step gains "allreduce_ms"\n' +
  '  --mode       sync (default: the same weights as one worker, up to float32 summation order) or async\n' +
  '               (every gradient is computed on the weights of --staleness K updates ago; default 1)\n';

const root = repoRoot();

export interface TrainArgs {
  dataset: string;
  target: string | null;
  json: boolean;
  /** Stream step, epoch and summary objects, one a line (--json-lines). */
  jsonLines: boolean;
  /** Keep only the last N step and epoch records (--keep-steps N); null = the default for the output. */
  keepSteps: number | null;
  /** Add `split: { train, validation, test }` (0-based row indices of the table) to the JSON. */
  emitSplit: boolean;
  mode: 'train' | 'overfit-batch' | 'lr-range-test';
  backend: BackendPreference;
  config: TrainConfigInput;
  fault: FaultName | null;
  /** A branch of a saved run (its JSON export) from a step. */
  resume: { file: string; at: number } | null;
}

const VALUE_OPTIONS = [
  '--dataset', '--target', '--model', '--hidden', '--activation', '--dropout', '--l1', '--l2', '--init', '--optimizer', '--lr',
  '--schedule', '--epochs', '--steps', '--batch-size', '--seed', '--backend', '--clip', '--patience', '--impute', '--task',
  '--details-every', '--momentum', '--beta1', '--beta2', '--epsilon', '--rho', '--weight-decay', '--split',
  '--freeze', '--fault', '--resume-from', '--at', '--precision', '--loss-scaling', '--loss-scale', '--workers', '--mode', '--staleness',
  '--keep-steps',
] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const FLAGS = ['--json', '--overfit-batch', '--no-standardize', '--eval-training-mode', '--class-weights', '--missing-indicators', '--lr-range-test', '--no-baselines', '--emit-split', '--json-lines'] as const;
type Flag = (typeof FLAGS)[number];

/** Parses argv, or returns the message for a usage error. Values are checked again by resolveTrainConfig. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs | { error: string } | { help: true } {
  const values: Partial<Record<ValueOption, string>> = {};
  const flags = new Set<Flag>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if ((FLAGS as readonly string[]).includes(arg)) {
      flags.add(arg as Flag);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg) as ValueOption;
    if (!VALUE_OPTIONS.includes(name)) return { error: `unknown option ${quoteExcerpt(arg)}` };
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return { error: `${name} needs a value` };
    values[name] = value;
  }
  const resuming = values['--resume-from'] !== undefined;
  if (resuming !== (values['--at'] !== undefined)) return { error: '--resume-from RUN.json and --at STEP go together' };
  if (!resuming && values['--dataset'] === undefined) return { error: 'missing --dataset NAME|FILE.csv' };
  if (!resuming && values['--model'] === undefined) return { error: `missing --model ${MODEL_KINDS.join('|')}` };
  if (values['--epochs'] !== undefined && values['--steps'] !== undefined) return { error: 'give --epochs or --steps, not both' };
  if (flags.has('--overfit-batch') && flags.has('--lr-range-test')) return { error: '--overfit-batch and --lr-range-test are separate modes' };

  const problems: string[] = [];
  const num = (name: ValueOption, check: (v: number) => boolean, what: string): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (!check(v)) problems.push(`${name} must be ${what}, got ${quoteExcerpt(raw)}`);
    return v;
  };
  const choice = <T extends string>(name: ValueOption, list: readonly T[]): T | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (!(list as readonly string[]).includes(raw)) problems.push(`${name} must be one of ${list.join(', ')}, got ${quoteExcerpt(raw)}`);
    return raw as T;
  };
  const isInt = (min: number) => (v: number) => Number.isInteger(v) && v >= min;
  const nonNeg = (v: number) => Number.isFinite(v) && v >= 0;

  const config: TrainConfigInput = {};
  const set = <K extends keyof TrainConfigInput>(key: K, v: TrainConfigInput[K] | undefined): void => {
    if (v !== undefined) config[key] = v;
  };
  set('model', choice('--model', MODEL_KINDS));
  if (values['--hidden'] !== undefined) {
    const raw = values['--hidden'].trim();
    const sizes = raw === '' ? [] : raw.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
    if (!sizes.every(isInt(1))) problems.push(`--hidden must be comma-separated integers >= 1 (e.g. 32,32), got ${quoteExcerpt(values['--hidden'])}`);
    config.hidden = sizes;
  }
  if (values['--freeze'] !== undefined) {
    const raw = values['--freeze'].trim();
    const layers = raw === '' || raw === 'none' ? [] : raw.split(',').map((t) => (t.trim() === '' ? NaN : Number(t)));
    if (!layers.every(isInt(0))) problems.push(`--freeze must be comma-separated layer indices >= 0 (e.g. 0 or 0,1), got ${quoteExcerpt(values['--freeze'])}`);
    config.freeze = layers;
  }
  const fault = choice('--fault', FAULT_NAMES) ?? null;
  const at = num('--at', isInt(0), 'an integer >= 0');
  set('activation', choice('--activation', ACTIVATION_NAMES));
  set('dropout', num('--dropout', (v) => v >= 0 && v < 1, 'in [0, 1)'));
  set('l1', num('--l1', nonNeg, 'a number >= 0'));
  set('l2', num('--l2', nonNeg, 'a number >= 0'));
  set('init', choice('--init', INIT_NAMES));
  const optimizer: Partial<OptimizerConfig> = {};
  const setOptimizer = <K extends keyof OptimizerConfig>(key: K, v: OptimizerConfig[K] | undefined): void => {
    if (v !== undefined) optimizer[key] = v;
  };
  const unit = (v: number) => v >= 0 && v < 1;
  setOptimizer('name', choice('--optimizer', OPTIMIZER_NAMES));
  setOptimizer('momentum', num('--momentum', unit, 'in [0, 1)'));
  setOptimizer('beta1', num('--beta1', unit, 'in [0, 1)'));
  setOptimizer('beta2', num('--beta2', unit, 'in [0, 1)'));
  setOptimizer('rho', num('--rho', unit, 'in [0, 1)'));
  setOptimizer('epsilon', num('--epsilon', (v) => Number.isFinite(v) && v > 0, 'a number > 0'));
  setOptimizer('weightDecay', num('--weight-decay', nonNeg, 'a number >= 0'));
  if (Object.keys(optimizer).length) config.optimizer = optimizer;
  if (values['--split'] !== undefined) {
    const split = parseSplit(values['--split']);
    if (split === null) problems.push(`--split must be three fractions TRAIN,VALIDATION,TEST, each >= 0, TRAIN > 0, summing to 1 (e.g. 0.7,0.15,0.15), got ${quoteExcerpt(values['--split'])}`);
    else { config.validationFraction = split[1]; config.testFraction = split[2]; }
  }
  set('lr', num('--lr', nonNeg, 'a number >= 0'));
  const schedule = choice('--schedule', SCHEDULE_NAMES);
  if (schedule) config.schedule = { name: schedule };
  set('epochs', num('--epochs', isInt(1), 'an integer >= 1'));
  set('steps', num('--steps', isInt(1), 'an integer >= 1'));
  set('batchSize', num('--batch-size', isInt(1), 'an integer >= 1'));
  set('seed', num('--seed', (v) => Number.isInteger(v), 'an integer'));
  set('clipNorm', num('--clip', (v) => Number.isFinite(v) && v > 0, 'a number > 0'));
  set('patience', num('--patience', isInt(1), 'an integer >= 1'));
  set('impute', choice('--impute', ['mean', 'median', 'most_frequent'] as const));
  set('task', choice('--task', ['binary', 'multiclass', 'regression'] as const));
  set('detailsEvery', num('--details-every', isInt(1), 'an integer >= 1'));
  set('precision', choice('--precision', PRECISIONS));
  set('lossScaling', choice('--loss-scaling', LOSS_SCALINGS));
  set('lossScale', num('--loss-scale', (v) => Number.isFinite(v) && v > 0, 'a number > 0'));
  set('workers', num('--workers', (v) => isInt(1)(v) && v <= MAX_WORKERS, `an integer from 1 to ${MAX_WORKERS}`));
  set('mode', choice('--mode', PARALLEL_MODES));
  set('staleness', num('--staleness', isInt(0), 'an integer >= 0'));
  const backend = choice('--backend', ['auto', 'cpu', 'wasm'] as const) ?? 'auto';
  const keepSteps = num('--keep-steps', isInt(0), 'an integer >= 0') ?? null;
  if (flags.has('--json') && flags.has('--json-lines')) problems.push('give --json or --json-lines, not both');
  if (flags.has('--no-standardize')) {
    config.standardize = false;
    config.standardizeTarget = false;
  }
  if (flags.has('--eval-training-mode')) config.evalTrainingMode = true;
  if (flags.has('--class-weights')) config.classWeights = true;
  if (flags.has('--missing-indicators')) config.missingIndicators = true;
  if (flags.has('--no-baselines')) config.baselines = false;
  if (problems.length) return { error: problems[0]! };
  const mode = flags.has('--overfit-batch') ? 'overfit-batch' : flags.has('--lr-range-test') ? 'lr-range-test' : 'train';
  const resume = resuming ? { file: values['--resume-from']!, at: at! } : null;
  return { dataset: values['--dataset'] ?? '', target: values['--target'] ?? null, json: flags.has('--json'), jsonLines: flags.has('--json-lines'), keepSteps, emitSplit: flags.has('--emit-split'), mode, backend, config, fault, resume };
}

/** `--split TRAIN,VALIDATION,TEST`: three fractions >= 0 with TRAIN > 0 summing to 1 (to 1e-9); null otherwise. */
export function parseSplit(raw: string): [number, number, number] | null {
  const parts = raw.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (parts.length !== 3 || !parts.every((v) => Number.isFinite(v) && v >= 0) || !(parts[0]! > 0)) return null;
  if (Math.abs(parts[0]! + parts[1]! + parts[2]! - 1) > 1e-9) return null;
  return [parts[0]!, parts[1]!, parts[2]!];
}

type Loaded = { ok: true; table: LabelledTable; task?: Task; warnings: string[] } | { ok: false; message: string };

/** Loads a catalog dataset (bundled file or synthetic generator) or a CSV file. */
export async function loadTable(dataset: string, target: string | null): Promise<Loaded> {
  const synthetic = findSyntheticEntry(dataset);
  if (synthetic) {
    if (target !== null && target !== 'target') return { ok: false, message: `synthetic dataset ${dataset} has one target, "target"` };
    return { ok: true, table: labelledTableFromSynthetic(synthetic.generate(synthetic.defaults)), task: synthetic.task, warnings: [] };
  }
  const bundled = findBundledEntry(dataset);
  if (bundled && bundled.kind === 'predictions') return { ok: false, message: `${dataset} is a prediction file (for the metrics command), not a training dataset` };
  const path = bundled ? resolve(root, 'datasets', bundled.file) : resolve(dataset);
  if (!bundled && !existsSync(path)) {
    return { ok: false, message: `no dataset called ${quoteExcerpt(dataset)} and no such file (datasets: iris, wine, breast-cancer, diabetes, digits, two-moons, circles, xor, spiral, noisy-linear)` };
  }
  const read = await readInputFile(path);
  if (!read.ok) return { ok: false, message: `cannot read ${shortPath(dataset)}: ${read.why}` };
  const name = bundled ? bundled.file : basename(path);
  // The same decoding as metrics and the pages: BOM, UTF-16, Windows-1252, binary detection.
  const decoded = decodeCsvBytes(read.bytes, name);
  if (!decoded.ok) return { ok: false, message: decoded.error.message };
  const parsed = parseCsv(decoded.value, name);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const targetName = target ?? (bundled ? bundled.target : 'target');
  if (target === null && !bundled && !parsed.value.header.includes('target')) {
    return { ok: false, message: `${name}: which column is the target? Pass --target COL (the columns are ${quoteList(parsed.value.header)})` };
  }
  const table = labelledTableFromCsv(parsed.value, targetName);
  if (!table.ok) return { ok: false, message: table.error.message };
  return { ok: true, table: table.value, ...(bundled && !target ? { task: bundled.task } : {}), warnings: [...decoded.warnings, ...parsed.warnings, ...table.warnings] };
}

export { nodeBackendHost, useNodeBackend } from './node-backends';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? 'n/a' : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4));

/** The headline metrics of a task, in the order a person reads them. */
function headline(task: Task): string[] {
  if (task === 'binary') return ['loss', 'accuracy', 'roc_auc', 'f1'];
  if (task === 'multiclass') return ['loss', 'accuracy', 'macro_f1'];
  return ['loss', 'rmse', 'mae', 'r2'];
}

function metricLine(m: MetricValues, keys: string[]): string {
  return keys.filter((k) => k in m).map((k) => `${k} ${fmt(m[k])}`).join('  ');
}

function epochLine(e: EpochRecord, total: number | null, task: Task): string {
  const keys = headline(task);
  const val = Object.keys(e.validation).length ? ` | val ${metricLine(e.validation, keys)}` : '';
  return `epoch ${e.epoch}${total ? `/${total}` : ''}${e.partial ? ' (partial)' : ''}  step ${e.step}  train ${metricLine(e.train, keys)}${val}${e.best ? '  *' : ''}\n`;
}

/** What the text summary needs of the step records, counted as they pass (none of them is kept). */
interface StepTally {
  steps: number;
  msSum: number;
  msCount: number;
  flushed: number;
  skipped: number;
  last: StepRecord | null;
}

function newTally(): StepTally {
  return { steps: 0, msSum: 0, msCount: 0, flushed: 0, skipped: 0, last: null };
}

function tallyStep(t: StepTally, s: StepRecord): void {
  t.steps += 1;
  if (Number.isFinite(s.ms)) { t.msSum += s.ms; t.msCount += 1; }
  t.flushed += Object.values(s.flushed_to_zero ?? {}).reduce((x, y) => x + y, 0);
  if (s.overflow_skipped) t.skipped += 1;
  t.last = s;
}

function summaryText(result: TrainResult, backend: BackendChoice, warnings: string[], tally: StepTally): string {
  const task = result.info.task;
  const lines = [
    '',
    `${result.status}: ${result.stopReason}`,
    `backend: ${backend.reason}`,
    `model: ${result.config.model} (${result.info.parameters} parameters; ${result.info.layers.map((l) => `${l.name} ${l.kernelShape.join('x')}`).join(', ')})`,
    `rows: train ${result.info.rows.train}, validation ${result.info.rows.validation}, test ${result.info.rows.test}; ${result.info.features.length} features`,
  ];
  if (result.restoredBestWeights) lines.push(`restored the best weights (epoch ${result.bestEpoch})`);
  if (result.divergence) {
    lines.push('', result.divergence.message, 'likely causes:', ...result.divergence.causes.map((c) => `- ${c}`));
  }
  const precision = result.config.precision ?? 'float32';
  if (precision !== 'float32') {
    const { flushed, skipped, last } = tally;
    lines.push(`precision: ${precision} (simulated by rounding); ${flushed} gradient values flushed to zero, ${skipped} step(s) skipped on overflow` +
      (last?.loss_float32 !== undefined ? `; last loss ${fmt(last.loss)} vs ${fmt(last.loss_float32)} in float32` : ''));
  }
  if (tally.msCount) lines.push(`mean step time ${fmt(tally.msSum / tally.msCount)} ms`);
  lines.push('', `test: ${metricLine(result.final.test, headline(task))}`);
  if (result.baselines.length) {
    lines.push('baselines (test):');
    for (const b of result.baselines) lines.push(`  ${b.name.padEnd(9)} ${metricLine(b.test, headline(task).filter((k) => k !== 'loss'))}   (${b.description})`);
  }
  const ex = result.examples;
  if (ex.neverLearned.length) {
    lines.push(`never learned (${ex.counts.neverLearned} training rows; first ${Math.min(5, ex.neverLearned.length)} by loss): ` + ex.neverLearned.slice(0, 5).map((s) => `line ${s.line} (${s.label})`).join(', '));
  }
  if (ex.mostForgotten.length) {
    lines.push(`most forgotten: ` + ex.mostForgotten.slice(0, 5).map((s) => `line ${s.line} (${s.label}, ${s.forgettingEvents}x)`).join(', '));
  }
  if (warnings.length) lines.push('', 'warnings:', ...warnings.map((w) => `- ${w}`));
  return lines.join('\n') + '\n';
}

function verdictText(v: OverfitVerdict): string {
  return [``, v.message, ...v.explanation.map((e) => `- ${e}`)].join('\n') + '\n';
}

/** The rows of each part, 0-based indices into the table in file order (`--emit-split`). */
function splitJson(data: PreparedData): { train: number[]; validation: number[]; test: number[] } {
  return { train: Array.from(data.train.rows), validation: Array.from(data.validation.rows), test: Array.from(data.test.rows) };
}

/** JSON with non-finite numbers as null and typed arrays as plain arrays. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
}

/**
 * Runs the command; returns the exit code. An exception from the engine (out of memory, a wasm trap)
 * becomes one plain message on stderr and exit code 1, never a stack trace.
 */
export async function run(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (err) {
    io.stderr.write(`train: ${describeEngineFailure(err, 'cli')}\n`);
    return 1;
  }
}

// eslint-disable-next-line max-lines-per-function -- the command's steps in the order it prints them (arguments, data, backend, run, outputs); each step is one call
async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = parseTrainArgs(argv);
  if ('help' in args) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('error' in args) {
    io.stderr.write(`train: ${args.error}\n${USAGE}`);
    return 2;
  }
  let saved: SavedRun | null = null;
  if (args.resume) {
    const read = await readSavedRun(args.resume.file);
    if (!read.ok) {
      io.stderr.write(`train: ${read.message}\n`);
      return 2;
    }
    saved = read.run;
    if (args.fault) {
      io.stderr.write('train: a branch keeps the saved run\'s fault; drop --fault\n');
      return 2;
    }
  }
  const branchTo = saved ? branchConfig(saved.config, args.config) : null;
  if (branchTo && !branchTo.ok) {
    io.stderr.write(`train: ${branchTo.error.message}\n`);
    return 2;
  }
  const resolved = saved ? { ok: true as const, value: saved.config } : resolveTrainConfig(args.config);
  if (!resolved.ok) {
    io.stderr.write(`train: ${resolved.error.message}\n`);
    return 2;
  }
  const dataset = saved ? saved.dataset : args.dataset;
  const target = saved ? saved.target : args.target;
  const fault = saved ? saved.fault : args.fault;
  const loaded = await loadTable(dataset, target);
  if (!loaded.ok) {
    io.stderr.write(`train: ${loaded.message}\n`);
    return 2;
  }
  const prepared = prepareFaultedRun(loaded.table, resolved.value, fault, loaded.task, saved !== null);
  if (!prepared.ok) {
    io.stderr.write(`train: ${prepared.error.message}\n`);
    return 2;
  }
  const { data, config, options: faultOptions } = prepared.value;
  const warnings = [...loaded.warnings, ...prepared.warnings];
  const frozenProblem = checkFrozenLayers(buildModelSpec({ kind: config.model, hidden: config.hidden, activation: config.activation, dropout: config.dropout, init: config.init }, data.d, headFor(data.task, config.model), data.classes?.length ?? 1), branchTo?.ok ? branchTo.value.freeze : config.freeze);
  if (frozenProblem) {
    io.stderr.write(`train: ${frozenProblem}\n`);
    return 2;
  }
  // A branch replays on the saved run's backend unless told otherwise: bit-for-bit needs the same one.
  const preference = saved && args.backend === 'auto' && (saved.backend === 'cpu' || saved.backend === 'wasm') ? saved.backend : args.backend;
  const backend = await useNodeBackend(preference);
  if (!backend.ok) {
    io.stderr.write(`train: ${backend.message}\n`);
    return 2;
  }
  const choice = backend.choice;
  const backendJson = { name: choice.backend, reason: choice.reason, attempts: choice.attempts };
  const dataJson = {
    source: data.source,
    task: data.task,
    classes: data.classes,
    features: data.featureNames,
    rows: { train: data.train.n, validation: data.validation.n, test: data.test.n },
    missing: data.missing,
    target_scale: data.targetScale,
  };
  const quiet = args.json || args.jsonLines;
  const log = (text: string): void => {
    if (!quiet) io.stdout.write(text);
  };
  const line = (value: unknown): void => {
    io.stdout.write(toJson(value) + '\n');
  };
  log(`${data.source}: ${data.task}${data.classes ? ` (${data.classes.length} classes)` : ''}, ${data.train.n}/${data.validation.n}/${data.test.n} rows (train/validation/test), ${data.d} features; backend ${choice.backend}\n`);

  if (args.mode === 'overfit-batch') {
    const { verdict, steps } = runOverfitBatch(data, config, {
      onStep: (r: StepRecord) => {
        if (r.step === 1 || r.step % 50 === 0) log(`step ${r.step}  loss ${fmt(r.data_loss)}  grad_norm ${fmt(r.grad_norm)}  update_ratio ${fmt(r.update_ratio)}\n`);
      },
    });
    const baselines = config.baselines ? computeBaselines(data, runStreams(config.seed).baselines) : [];
    if (args.jsonLines) {
      for (const r of steps) line({ type: 'step', ...r });
      line({ type: 'summary', config, backend: backendJson, data: dataJson, baselines, final: {}, verdict, warnings, ...(args.emitSplit ? { split: splitJson(data) } : {}) });
    } else if (args.json) {
      io.stdout.write(toJson({ config, backend: backendJson, data: dataJson, steps, epochs: [], baselines, final: {}, verdict, warnings, ...(args.emitSplit ? { split: splitJson(data) } : {}) }) + '\n');
    } else {
      io.stdout.write(verdictText(verdict));
    }
    return 0;
  }

  if (args.mode === 'lr-range-test') {
    const r = runLrRangeTest(data, config);
    if (args.jsonLines) line({ type: 'summary', config, backend: backendJson, data: dataJson, lr_range_test: r, warnings, ...(args.emitSplit ? { split: splitJson(data) } : {}) });
    else if (args.json) io.stdout.write(toJson({ config, backend: backendJson, data: dataJson, lr_range_test: r, warnings, ...(args.emitSplit ? { split: splitJson(data) } : {}) }) + '\n');
    else {
      r.lrs.forEach((lr, i) => {
        if (i % 10 === 0) log(`lr ${fmt(lr)}  loss ${fmt(r.losses[i])}  smoothed ${fmt(r.smoothed[i])}\n`);
      });
      io.stdout.write(`${r.message}\n`);
    }
    return 0;
  }

  // Records kept: every one for --json (the contract), the last N with --keep-steps N, none otherwise
  // (text output tallies them, --json-lines streams them): a run of any length stays in bounded memory.
  const keep = args.keepSteps !== null
    ? { keepSteps: args.jsonLines ? 0 : args.keepSteps, keepEpochs: args.jsonLines ? 0 : Math.max(1, args.keepSteps) }
    : args.json ? { keepSteps: true } : { keepSteps: false, keepEpochs: 1 };
  const tally = newTally();
  let trainRun: TrainingRun;
  let branch: { from: string; at: number; changed: string[]; replay_matches: boolean } | null = null;
  if (saved && args.resume && branchTo?.ok) {
    const start = startBranch(data, config, args.resume.at, branchTo.value, faultOptions);
    if (!start.ok) {
      io.stderr.write(`train: ${start.error.message}\n`);
      return 2;
    }
    trainRun = start.value.run;
    const mismatch = start.value.trunk.findIndex((r, i) => saved.losses[i] !== (Number.isFinite(r.loss) ? r.loss : null));
    if (mismatch >= 0) warnings.push(`the replay differs from ${args.resume.file} at step ${mismatch + 1} (another backend or version?); the branch starts from the replayed state.`);
    branch = { from: args.resume.file, at: args.resume.at, changed: changedKeys(config, branchTo.value), replay_matches: mismatch < 0 };
    log(`branch of ${args.resume.file} at step ${args.resume.at}: ${branch.changed.length ? `changed ${branch.changed.join(', ')}` : 'nothing changed'}\n`);
  } else {
    trainRun = new TrainingRun(data, config, { ...keep, ...faultOptions });
  }
  // With --split T,0,0 (or T,V,0) a part has no rows: its metrics are null in the JSON, not {}.
  const noValidation = data.validation.n === 0, noTest = data.test.n === 0;
  const workers = trainRun.config.workers ?? 1;
  const pool = workers > 1 ? threadGradientPool(workers) : null;
  try {
    if (pool) {
      await pool.setup(shardSetupFor(data, trainRun.spec, choice.backend, faultOptions.loss));
      log(`data-parallel: ${pool.kind}, ${trainRun.config.mode}${trainRun.config.mode === 'async' ? ` (staleness ${trainRun.config.staleness})` : ''}\n`);
    }
    while (!trainRun.done) {
      const out = pool ? await trainRun.stepParallel(pool) : trainRun.step();
      tallyStep(tally, out.record);
      if (args.jsonLines) line({ type: 'step', ...out.record });
      if (out.epoch) {
        log(epochLine(out.epoch, trainRun.config.epochs, data.task));
        if (args.jsonLines) line({ type: 'epoch', ...(noValidation ? { ...out.epoch, validation: null } : out.epoch) });
      }
    }
  } catch (err) {
    trainRun.dispose();
    throw err;
  } finally {
    pool?.dispose();
  }
  const result: TrainResult = trainRun.finish();
  if (args.json || args.jsonLines) {
    const streamed = args.jsonLines;
    const document = {
      config: result.config,
      dataset,
      target,
      fault,
      branch,
      backend: backendJson,
      data: dataJson,
      model: { parameters: result.info.parameters, layers: result.info.layers },
      ...(streamed ? {} : { steps: result.steps, epochs: noValidation ? result.epochs.map((e) => ({ ...e, validation: null })) : result.epochs }),
      baselines: result.baselines.map((b) => ({ ...b, validation: noValidation ? null : b.validation, test: noTest ? null : b.test })),
      final: noTest ? null : result.final.test,
      status: result.status,
      stop_reason: result.stopReason,
      best_epoch: result.bestEpoch,
      restored_best_weights: result.restoredBestWeights,
      divergence: result.divergence,
      examples: result.examples,
      ...(pool ? { parallel: { workers, mode: result.config.mode, staleness: result.config.staleness, pool: pool.kind } } : {}),
      warnings,
      ...(args.emitSplit ? { split: splitJson(data) } : {}),
    };
    if (streamed) line({ type: 'summary', ...document });
    else io.stdout.write(toJson(document) + '\n');
  } else {
    io.stdout.write(summaryText(result, choice, warnings, tally));
  }
  return 0;
}

export type { TrainConfig };
