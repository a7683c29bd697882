/**
 * Mystery bugs: ten real, documented training mistakes that can be injected into an otherwise normal
 * run, each with the signature a careful person would look for in the signals. The names are the CLI's
 * `--fault NAME` values (kebab-case). A fault changes the configuration before the data is prepared
 * (`faultedConfig`), the prepared data after (`faultedData`) or the engine (`faultRunOptions`);
 * `prepareFaultedRun` does all three. Each signature is checked by a test (faults.test.ts).
 */
import type { PreparedData, PreparedPart, Task } from '../data/preprocess';
import type { LabelledTable } from '../data/table';
import { createRng, shuffledIndices } from '../random';
import { fail, ok, type Result } from '../result';
import type { TrainConfig } from './config';
import { prepareTrainingData } from './train-data';
import type { TrainingRunOptions } from './training-run';

export const FAULT_NAMES = [
  'shuffled-labels',
  'dropout-at-eval',
  'lr-100x',
  'normaliser-leakage',
  'unscaled-inputs',
  'sorted-no-shuffle',
  'frozen-layer',
  'zero-init',
  'wrong-loss',
  'label-shift',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/** The charts of the Train page a student can cite as evidence. */
export const EVIDENCE_CHARTS = ['loss', 'validation', 'gradient-norm', 'update-norm', 'update-ratio', 'angles', 'inputs'] as const;
export type EvidenceChart = (typeof EVIDENCE_CHARTS)[number];

export interface FaultInfo {
  name: FaultName;
  /** The diagnosis as a student picks it. */
  title: string;
  /** The mistake, as it happens in real code. */
  mistake: string;
  /** What the signals show, and what a careful person would have looked at. */
  signature: string;
  /** The charts where the signature is visible (citing one of them counts as evidence). */
  evidence: EvidenceChart[];
  /** Tasks the fault applies to. */
  tasks: Task[];
}

const CLASSIFICATION: Task[] = ['binary', 'multiclass'];
const ALL_TASKS: Task[] = ['binary', 'multiclass', 'regression'];

export const FAULTS: Record<FaultName, FaultInfo> = {
  'shuffled-labels': {
    name: 'shuffled-labels',
    title: 'Labels shuffled against their rows',
    mistake: 'The label column was shuffled (or joined on the wrong key) independently of the features.',
    signature: 'The training loss stays near the majority baseline (the entropy of the class shares) and validation accuracy near chance: there is nothing to learn.',
    evidence: ['loss', 'validation'],
    tasks: ALL_TASKS,
  },
  'dropout-at-eval': {
    name: 'dropout-at-eval',
    title: 'Dropout left on at evaluation (train mode at eval)',
    mistake: 'The model was evaluated in training mode, so dropout still drops units when measuring.',
    signature: 'Evaluating the same weights twice gives different numbers, and the validation curve is noisy and worse than the model really is.',
    evidence: ['validation'],
    tasks: ALL_TASKS,
  },
  'lr-100x': {
    name: 'lr-100x',
    title: 'Learning rate 100x too high',
    mistake: 'The learning rate has a slipped decimal point (1 instead of 0.01).',
    signature: 'From the first step the update-to-weight ratio is about 100 times a healthy run (far above 1e-3); the loss jumps about or diverges.',
    evidence: ['update-ratio', 'loss', 'update-norm'],
    tasks: ALL_TASKS,
  },
  'normaliser-leakage': {
    name: 'normaliser-leakage',
    title: 'Normaliser fitted on all rows (leakage)',
    mistake: 'The scaler was fitted before the split, on the validation and test rows too.',
    signature: 'The standardised training features do not have mean 0 and spread 1 (the statistics came from other rows); validation scores are slightly optimistic.',
    evidence: ['inputs'],
    tasks: ALL_TASKS,
  },
  'unscaled-inputs': {
    name: 'unscaled-inputs',
    title: 'Inputs left unscaled',
    mistake: 'The features went into the network in their raw units (some in the thousands).',
    signature: "The first layer's gradient norm is orders of magnitude larger than the others' at the start, and the loss falls slowly or erratically.",
    evidence: ['gradient-norm', 'inputs', 'loss'],
    tasks: ALL_TASKS,
  },
  'sorted-no-shuffle': {
    name: 'sorted-no-shuffle',
    title: 'Rows sorted by class and never shuffled',
    mistake: 'The file is sorted by label and the data loader does not shuffle, so each batch holds one class.',
    signature: 'The batch loss is a saw-tooth that repeats exactly every epoch (it jumps each time a block of a new class starts, as each block undoes the last); a shuffled run never repeats.',
    evidence: ['loss', 'angles'],
    tasks: CLASSIFICATION,
  },
  'frozen-layer': {
    name: 'frozen-layer',
    title: 'A layer left frozen',
    mistake: "A layer's parameters were excluded from the optimiser (requires_grad off, trainable = false).",
    signature: "That layer's update norm is exactly zero on every step although its gradient is not; its weight norm never moves.",
    evidence: ['update-norm', 'update-ratio'],
    tasks: ALL_TASKS,
  },
  'zero-init': {
    name: 'zero-init',
    title: 'All-zero initialisation',
    mistake: 'Every weight started at zero, so all hidden units are identical and nothing flows back to them.',
    signature: "Every hidden layer's gradient norm is exactly zero; only the output bias learns, so the loss stops at the majority baseline.",
    evidence: ['gradient-norm', 'loss'],
    tasks: ALL_TASKS,
  },
  'wrong-loss': {
    name: 'wrong-loss',
    title: 'The wrong loss for the task',
    mistake: 'A classifier was trained on the squared error of its probabilities (copied from a regression script) instead of the cross-entropy.',
    signature: 'The training loss is on another scale than the log loss the evaluation reports (about (K-1)/K at the start instead of ln K), and learning is slow where the model is confidently wrong.',
    evidence: ['loss', 'gradient-norm'],
    tasks: CLASSIFICATION,
  },
  'label-shift': {
    name: 'label-shift',
    title: 'Labels off by one',
    mistake: 'The class codes of the training rows are shifted by one (1-based labels read as 0-based).',
    signature: 'The training loss falls normally, but validation accuracy is below the majority baseline: the model is confidently, systematically wrong.',
    evidence: ['validation'],
    tasks: CLASSIFICATION,
  },
};

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** The configuration with the fault's settings (for faults that are settings). */
export function faultedConfig(fault: FaultName, config: TrainConfig): TrainConfig {
  switch (fault) {
    case 'dropout-at-eval':
      return { ...config, evalTrainingMode: true, dropout: Math.max(config.dropout, 0.5) };
    case 'lr-100x':
      return { ...config, lr: config.lr * 100 };
    case 'unscaled-inputs':
      return { ...config, standardize: false };
    case 'frozen-layer':
      return { ...config, freeze: [0] };
    case 'zero-init':
      return { ...config, init: 'zeros' };
    default:
      return config;
  }
}

/** The engine options of a fault (row order, loss). */
export function faultRunOptions(fault: FaultName | null): Pick<TrainingRunOptions, 'shuffle' | 'loss'> {
  if (fault === 'sorted-no-shuffle') return { shuffle: false };
  if (fault === 'wrong-loss') return { loss: 'mse-probabilities' };
  return {};
}

/** A seed for the fault's own draws, apart from the run's streams (so the rest of the run is unchanged). */
const FAULT_STREAM = 0x5eedf417;

/** The prepared data with the fault's change to the rows (for faults that are data). */
export function faultedData(fault: FaultName, data: PreparedData, seed: number): PreparedData {
  switch (fault) {
    case 'shuffled-labels': {
      const order = shuffledIndices(data.train.n, createRng(seed ^ FAULT_STREAM));
      return { ...data, train: { ...data.train, y: Float64Array.from(order, (i) => data.train.y[i]!) } };
    }
    case 'label-shift': {
      const K = data.classes?.length ?? 0;
      return { ...data, train: { ...data.train, y: data.train.y.map((y) => (y + 1) % K) } };
    }
    case 'sorted-no-shuffle':
      return { ...data, train: sortedByLabel(data.train, data.d) };
    case 'normaliser-leakage':
      return restandardisedOnAllRows(data);
    default:
      return data;
  }
}

function sortedByLabel(part: PreparedPart, d: number): PreparedPart {
  const order = Array.from({ length: part.n }, (_, i) => i).sort((a, b) => part.y[a]! - part.y[b]! || a - b);
  const x = new Float32Array(part.x.length);
  order.forEach((from, to) => x.set(part.x.subarray(from * d, from * d + d), to * d));
  return { rows: Int32Array.from(order, (i) => part.rows[i]!), n: part.n, x, y: Float64Array.from(order, (i) => part.y[i]!) };
}

/**
 * Every column standardised with the mean and spread of ALL rows (train, validation and test). The
 * prepared columns are an affine map of the raw ones, so standardising them again with all-row
 * statistics equals fitting the scaler on all raw rows: the leak, exactly.
 */
function restandardisedOnAllRows(data: PreparedData): PreparedData {
  const parts = [data.train, data.validation, data.test];
  const n = parts.reduce((a, p) => a + p.n, 0);
  const d = data.d;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const p of parts) for (let i = 0; i < p.x.length; i++) mean[i % d]! += p.x[i]! / n;
  for (const p of parts) for (let i = 0; i < p.x.length; i++) sq[i % d]! += (p.x[i]! - mean[i % d]!) ** 2 / n;
  const scale = Array.from(sq, (v) => (v > 0 ? Math.sqrt(v) : 1));
  const apply = (p: PreparedPart): PreparedPart => ({ ...p, x: p.x.map((v, i) => (v - mean[i % d]!) / scale[i % d]!) });
  return { ...data, train: apply(data.train), validation: apply(data.validation), test: apply(data.test) };
}

export interface FaultedRun {
  data: PreparedData;
  config: TrainConfig;
  options: Pick<TrainingRunOptions, 'shuffle' | 'loss'>;
}

/**
 * prepareTrainingData with a fault injected (or none): the faulted config, the prepared (and faulted)
 * data and the engine options. An error when the fault does not apply to the task or the model.
 * `configAlreadyFaulted`: `config` is the one a faulted run ran with (e.g. a saved run's), so only the
 * data and the engine are faulted again.
 */
export function prepareFaultedRun(table: LabelledTable, config: TrainConfig, fault: FaultName | null, knownTask?: Task, configAlreadyFaulted = false): Result<FaultedRun> {
  const input = fault && !configAlreadyFaulted ? faultedConfig(fault, config) : config;
  const prepared = prepareTrainingData(table, input, knownTask);
  if (!prepared.ok) return prepared;
  const { data } = prepared.value;
  if (!fault) return ok({ data, config: prepared.value.config, options: {} }, prepared.warnings);
  const problem = (message: string): Result<FaultedRun> => fail({ kind: 'bad-fault', message: `fault ${fault}: ${message}`, file: null, row: null, column: null });
  if (!FAULTS[fault].tasks.includes(data.task)) return problem(`needs a classification task; ${data.source} is ${data.task}.`);
  if (fault === 'dropout-at-eval' && (config.model !== 'mlp' && config.model !== 'cnn')) return problem('needs hidden layers (model mlp or cnn) for dropout.');
  if (fault === 'zero-init' && (config.model !== 'mlp' && config.model !== 'cnn')) return problem('needs hidden layers (model mlp or cnn).');
  return ok({ data: faultedData(fault, data, config.seed), config: prepared.value.config, options: faultRunOptions(fault) }, prepared.warnings);
}
