/**
 * A training run's configuration: plain, serialisable data (strategies by name), so it round-trips
 * through a URL, the CLI and a stored run. `resolveTrainConfig` fills defaults and validates.
 */
import type { ImputeStrategy, Task } from '../data/preprocess';
import { fail, ok, type Result } from '../result';
import { ACTIVATION_NAMES, type ActivationName } from './activations';
import { INIT_NAMES, MODEL_KINDS, type InitName, type ModelKind, type OutputHead } from './model';
import { DEFAULT_OPTIMIZER, OPTIMIZER_NAMES, type OptimizerConfig } from './optimizers';
import { DEFAULT_SCHEDULE, SCHEDULE_NAMES, type ScheduleConfig } from './schedules';
import { PRECISIONS, type Precision } from './low-precision';
import { quoteExcerpt } from '../text/excerpt';
import { estimateModelSize, modelSizeProblem } from './model-limits';

/** Loss scaling for 16-bit training: none, a fixed factor, or a factor halved on overflow and doubled after a run of good steps. */
export const LOSS_SCALINGS = ['none', 'static', 'dynamic'] as const;
export type LossScaling = (typeof LOSS_SCALINGS)[number];

/** Data-parallel SGD: synchronous (one update from every worker's gradient) or asynchronous (stale gradients). */
export const PARALLEL_MODES = ['sync', 'async'] as const;
export type ParallelMode = (typeof PARALLEL_MODES)[number];

/** Most workers a run may split its batches across. */
export const MAX_WORKERS = 16;

export interface TrainConfig {
  model: ModelKind;
  /** Hidden dense layer sizes (mlp; cnn after its convolutions). */
  hidden: number[];
  activation: ActivationName;
  /** Dropout after each hidden dense layer, in [0, 1). */
  dropout: number;
  init: InitName;
  /** Penalty l1 * sum|w| over kernels (not biases). */
  l1: number;
  /** Penalty l2 * sum w^2 over kernels (not biases). */
  l2: number;
  optimizer: OptimizerConfig;
  /** Base learning rate (> = 0; 0 is allowed, to show that nothing happens). */
  lr: number;
  schedule: ScheduleConfig;
  /** Train for this many passes over the training rows... */
  epochs: number | null;
  /** ...or for this many steps (exactly one of the two is set). */
  steps: number | null;
  batchSize: number;
  /** Fixes initialisation, shuffling, dropout and the split. */
  seed: number;
  /** Clip gradients to this global L2 norm; null = off. */
  clipNorm: number | null;
  /** Stop when the validation loss has not improved for this many epochs, then restore the best weights; null = off. */
  patience: number | null;
  /** Keep dropout on when evaluating (the classic mistake this switch demonstrates). */
  evalTrainingMode: boolean;
  /** null = inferred from the model and the target. */
  task: Task | null;
  standardize: boolean;
  standardizeTarget: boolean;
  impute: ImputeStrategy;
  missingIndicators: boolean;
  classWeights: boolean;
  validationFraction: number;
  testFraction: number;
  /** Collect activation statistics and histograms every K steps (K = detailsEvery; the first step always). */
  detailsEvery: number;
  histogramBins: number;
  /** Compute baselines next to the run. */
  baselines: boolean;
  /** 0-based indices of layers whose parameters never change (their update is zero; see freeze-mask.ts). */
  freeze: number[];
  // The fields below are optional because runs saved before they existed lack them; resolveTrainConfig
  // always fills them, and a missing one means its default.
  /** Number format of weights, activations and gradients, simulated by rounding (see precision-step.ts). */
  precision?: Precision;
  /** Loss scaling (16-bit precisions only). */
  lossScaling?: LossScaling;
  /** The static factor, or the dynamic scaler's starting factor (> 0). */
  lossScale?: number;
  /** Split each batch across this many gradient workers (1 = no data parallelism). */
  workers?: number;
  /** With workers > 1: 'sync' all-reduces every worker's gradient before one update; 'async' applies stale gradients. */
  mode?: ParallelMode;
  /** async: each gradient is computed on the weights of this many updates ago (>= 0). */
  staleness?: number;
}

/** Defaults: an MLP 32-32 with ReLU, Adam at 0.01, 20 epochs of batch 32, seed 0, a 70/15/15 split, baselines on. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  model: 'mlp',
  hidden: [32, 32],
  activation: 'relu',
  dropout: 0,
  init: 'glorot',
  l1: 0,
  l2: 0,
  optimizer: { name: 'adam', ...DEFAULT_OPTIMIZER },
  lr: 0.01,
  schedule: { name: 'constant', ...DEFAULT_SCHEDULE },
  epochs: 20,
  steps: null,
  batchSize: 32,
  seed: 0,
  clipNorm: null,
  patience: null,
  evalTrainingMode: false,
  task: null,
  standardize: true,
  standardizeTarget: true,
  impute: 'mean',
  missingIndicators: false,
  classWeights: false,
  validationFraction: 0.15,
  testFraction: 0.15,
  detailsEvery: 10,
  histogramBins: 20,
  baselines: true,
  freeze: [],
  precision: 'float32',
  lossScaling: 'none',
  lossScale: 1024,
  workers: 1,
  mode: 'sync',
  staleness: 1,
};

/** Keys added after runs were first saved (optional in TrainConfig; resolveTrainConfig fills them). */
const LATER_KEYS = ['precision', 'lossScaling', 'lossScale', 'workers', 'mode', 'staleness'] as const;

/** A partial configuration: top-level fields, with optimizer and schedule partial too. */
export type TrainConfigInput = Partial<Omit<TrainConfig, 'optimizer' | 'schedule'>> & {
  optimizer?: Partial<OptimizerConfig>;
  schedule?: Partial<ScheduleConfig>;
};

function capitalise(message: string | null): string | null {
  return message === null ? null : message[0]!.toUpperCase() + message.slice(1);
}

function configError(message: string): Result<TrainConfig> {
  return fail({ kind: 'bad-config', message, file: null, row: null, column: null });
}

const isNonNegative = (v: number): boolean => Number.isFinite(v) && v >= 0;
const isPositiveInt = (v: number): boolean => Number.isInteger(v) && v >= 1;

/**
 * Defaults filled in and every field checked; the error message names the field and the allowed values.
 * Setting `steps` clears the default `epochs` (and vice versa); setting both is an error.
 */
export function resolveTrainConfig(input: TrainConfigInput = {}): Result<TrainConfig> {
  const bothGiven = input.epochs != null && input.steps != null;
  if (bothGiven) return configError('give either epochs or steps, not both.');
  const c: TrainConfig = {
    ...DEFAULT_TRAIN_CONFIG,
    ...input,
    optimizer: { ...DEFAULT_TRAIN_CONFIG.optimizer, ...input.optimizer },
    schedule: { ...DEFAULT_TRAIN_CONFIG.schedule, ...input.schedule },
    hidden: [...(input.hidden ?? DEFAULT_TRAIN_CONFIG.hidden)],
    freeze: [...(input.freeze ?? DEFAULT_TRAIN_CONFIG.freeze)],
  };
  if (input.steps != null) c.epochs = null;
  for (const key of LATER_KEYS) if (c[key] === undefined) (c as unknown as Record<string, unknown>)[key] = DEFAULT_TRAIN_CONFIG[key];
  const oneOf = <T extends string>(v: string, list: readonly T[], what: string): string | null =>
    (list as readonly string[]).includes(v) ? null : `${what} must be one of ${list.join(', ')}; got ${quoteExcerpt(String(v))}.`;
  const problems = [
    oneOf(c.model, MODEL_KINDS, 'model'),
    oneOf(c.activation, ACTIVATION_NAMES, 'activation'),
    oneOf(c.init, INIT_NAMES, 'init'),
    oneOf(c.optimizer.name, OPTIMIZER_NAMES, 'optimizer'),
    oneOf(c.schedule.name, SCHEDULE_NAMES, 'schedule'),
    oneOf(c.impute, ['mean', 'median', 'most_frequent'], 'impute'),
    c.task === null ? null : oneOf(c.task, ['binary', 'multiclass', 'regression'], 'task'),
    c.hidden.every(isPositiveInt) ? null : `hidden layer sizes must be integers >= 1; got ${quoteExcerpt(c.hidden.join(','))}.`,
    // Counted with one input and one output (the data is not known yet): a lower bound of the real size.
    c.hidden.every(isPositiveInt) ? capitalise(modelSizeProblem(estimateModelSize(c.model, c.hidden, 1, 1, 1))) : null,
    c.freeze.every((i) => Number.isInteger(i) && i >= 0) ? null : `frozen layer indices must be integers >= 0; got ${c.freeze.join(',')}.`,
    c.dropout >= 0 && c.dropout < 1 ? null : `dropout must be in [0, 1); got ${c.dropout}.`,
    isNonNegative(c.l1) && isNonNegative(c.l2) ? null : 'l1 and l2 must be numbers >= 0.',
    isNonNegative(c.lr) ? null : `the learning rate must be a number >= 0; got ${c.lr}.`,
    c.epochs === null || isPositiveInt(c.epochs) ? null : `epochs must be an integer >= 1; got ${c.epochs}.`,
    c.steps === null || isPositiveInt(c.steps) ? null : `steps must be an integer >= 1; got ${c.steps}.`,
    c.epochs !== null || c.steps !== null ? null : 'give epochs or steps.',
    isPositiveInt(c.batchSize) ? null : `batch size must be an integer >= 1; got ${c.batchSize}.`,
    Number.isInteger(c.seed) ? null : `seed must be an integer; got ${c.seed}.`,
    c.clipNorm === null || (Number.isFinite(c.clipNorm) && c.clipNorm > 0) ? null : `clip norm must be > 0; got ${c.clipNorm}.`,
    c.patience === null || isPositiveInt(c.patience) ? null : `patience must be an integer >= 1; got ${c.patience}.`,
    c.validationFraction >= 0 && c.testFraction >= 0 && c.validationFraction + c.testFraction < 1
      ? null
      : 'validation and test fractions must be >= 0 and sum to less than 1.',
    isPositiveInt(c.detailsEvery) ? null : 'detailsEvery must be an integer >= 1.',
    isPositiveInt(c.histogramBins) ? null : 'histogramBins must be an integer >= 1.',
    c.optimizer.momentum >= 0 && c.optimizer.momentum < 1 ? null : 'momentum must be in [0, 1).',
    c.optimizer.beta1 >= 0 && c.optimizer.beta1 < 1 && c.optimizer.beta2 >= 0 && c.optimizer.beta2 < 1 ? null : 'beta1 and beta2 must be in [0, 1).',
    c.optimizer.rho >= 0 && c.optimizer.rho < 1 ? null : 'rho must be in [0, 1).',
    c.optimizer.epsilon > 0 ? null : 'epsilon must be > 0.',
    isNonNegative(c.optimizer.weightDecay) ? null : 'weight decay must be >= 0.',
    oneOf(c.precision!, PRECISIONS, 'precision'),
    oneOf(c.lossScaling!, LOSS_SCALINGS, 'loss scaling'),
    Number.isFinite(c.lossScale) && c.lossScale! > 0 ? null : `the loss scale must be a number > 0; got ${c.lossScale}.`,
    isPositiveInt(c.workers!) && c.workers! <= MAX_WORKERS ? null : `workers must be an integer from 1 to ${MAX_WORKERS}; got ${c.workers}.`,
    oneOf(c.mode!, PARALLEL_MODES, 'mode'),
    Number.isInteger(c.staleness) && c.staleness! >= 0 ? null : `staleness must be an integer >= 0; got ${c.staleness}.`,
    c.workers! > 1 && c.precision !== 'float32' ? 'data-parallel training (workers > 1) runs in float32; set precision to float32 or use one worker.' : null,
    c.patience !== null && c.validationFraction === 0 ? 'early stopping needs a validation split (validationFraction > 0).' : null,
  ].filter((p): p is string => p !== null);
  if (problems.length) return configError(problems[0]!);
  return ok(c);
}

/**
 * The task a model trains on: `logistic` is binary, `linear` regression, `softmax` a classification
 * (binary or multiclass from the data), mlp and cnn take the data's task. `dataTask` is the catalog's
 * task or the one inferred from the target; an explicit `config.task` wins over it.
 * Returns an error message when the model cannot do the task.
 */
export function taskForModel(model: ModelKind, dataTask: Task, explicit: Task | null): { task: Task } | { error: string } {
  const task = explicit ?? dataTask;
  if (model === 'logistic') {
    return task === 'binary' ? { task } : { error: `logistic regression is for two classes, but this target is ${describeTask(task)}; use softmax (or mlp).` };
  }
  if (model === 'linear') {
    return task === 'regression' ? { task } : { error: `linear regression needs a numeric target to predict, but this target is ${describeTask(task)}; use logistic or softmax.` };
  }
  if (model === 'softmax' && task === 'regression') {
    return { error: 'softmax regression predicts classes, but this target is numeric (regression); use linear (or mlp).' };
  }
  return { task };
}

function describeTask(task: Task): string {
  return task === 'regression' ? 'numeric (regression)' : task === 'binary' ? 'two classes (binary)' : 'several classes (multiclass)';
}

/** The output head for a task and model: softmax regression keeps K outputs even for two classes. */
export function headFor(task: Task, model: ModelKind): OutputHead {
  if (task === 'regression') return 'identity';
  if (task === 'binary' && model !== 'softmax') return 'sigmoid';
  return 'softmax';
}

/** Steps in one epoch: ceil(trainRows / batchSize) (the last batch may be smaller). */
export function stepsPerEpoch(trainRows: number, batchSize: number): number {
  return Math.max(1, Math.ceil(trainRows / batchSize));
}

/** Total steps of a run. */
export function totalSteps(config: TrainConfig, trainRows: number): number {
  return config.steps ?? (config.epochs ?? 1) * stepsPerEpoch(trainRows, config.batchSize);
}
