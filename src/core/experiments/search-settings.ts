/**
 * Which training settings a hyperparameter search can vary, with sensible default ranges, and how a
 * trial's parameter values become a full TrainConfig. Parameter names are the engine's own field
 * paths (`lr`, `optimizer.name`, `schedule.name`) plus two derived ones for the architecture:
 * `hidden.width` (units of every hidden layer) and `hidden.layers` (how many), so a search can trade
 * depth against width without a combinatorial list of shapes.
 */
import { ACTIVATION_NAMES } from '../train/activations';
import { resolveTrainConfig, type TrainConfig, type TrainConfigInput } from '../train/config';
import { INIT_NAMES, type ModelKind } from '../train/model';
import { OPTIMIZER_NAMES } from '../train/optimizers';
import { SCHEDULE_NAMES } from '../train/schedules';
import type { Task } from '../data/preprocess';
import type { ParamSpec, ParamValue, ParamValues, SearchSpace } from '../stats';
import type { Result } from '../result';

export interface SearchableSetting {
  /** The parameter name (a TrainConfig path or hidden.width / hidden.layers). */
  name: string;
  label: string;
  group: 'Optimisation' | 'Architecture' | 'Regularisation' | 'Data';
  /** The default range or choices offered when the setting is switched on. */
  spec: ParamSpec;
  /** For numbers: the widest range the form accepts. */
  limits?: { min: number; max: number };
  /** For choices: every value the form offers (the default spec may start with fewer). */
  options?: readonly ParamValue[];
  hint: string;
}

const bool: readonly ParamValue[] = [true, false];

/** Every setting a search can vary, in the order the form lists them. */
export const SEARCHABLE_SETTINGS: readonly SearchableSetting[] = [
  { name: 'lr', label: 'Learning rate', group: 'Optimisation', spec: { name: 'lr', type: 'continuous', low: 1e-3, high: 0.3, scale: 'log' }, limits: { min: 1e-6, max: 10 }, hint: 'Searched on a log scale: 0.001 to 0.01 is as wide as 0.01 to 0.1.' },
  { name: 'batchSize', label: 'Batch size', group: 'Optimisation', spec: { name: 'batchSize', type: 'integer', low: 8, high: 128, scale: 'log' }, limits: { min: 1, max: 4096 }, hint: 'Rows per step.' },
  { name: 'epochs', label: 'Epochs', group: 'Optimisation', spec: { name: 'epochs', type: 'integer', low: 5, high: 40 }, limits: { min: 1, max: 1000 }, hint: 'Passes over the training rows; longer trials cost more.' },
  { name: 'optimizer.name', label: 'Optimiser', group: 'Optimisation', spec: { name: 'optimizer.name', type: 'categorical', choices: ['sgd', 'momentum', 'adam'] }, options: OPTIMIZER_NAMES, hint: 'How each step uses the gradient.' },
  { name: 'optimizer.momentum', label: 'Momentum', group: 'Optimisation', spec: { name: 'optimizer.momentum', type: 'continuous', low: 0.5, high: 0.99 }, limits: { min: 0, max: 0.999 }, hint: 'Used by momentum and nesterov only.' },
  { name: 'schedule.name', label: 'LR schedule', group: 'Optimisation', spec: { name: 'schedule.name', type: 'categorical', choices: [...SCHEDULE_NAMES] }, options: SCHEDULE_NAMES, hint: 'How the rate changes over the run.' },
  { name: 'model', label: 'Model', group: 'Architecture', spec: { name: 'model', type: 'categorical', choices: ['mlp', 'logistic'] }, hint: 'Only models that fit the task are kept.' },
  { name: 'hidden.width', label: 'Hidden units per layer', group: 'Architecture', spec: { name: 'hidden.width', type: 'integer', low: 4, high: 64, scale: 'log' }, limits: { min: 1, max: 1024 }, hint: 'Every hidden layer gets this many units.' },
  { name: 'hidden.layers', label: 'Hidden layers', group: 'Architecture', spec: { name: 'hidden.layers', type: 'integer', low: 1, high: 3 }, limits: { min: 1, max: 6 }, hint: 'Depth of the MLP.' },
  { name: 'activation', label: 'Activation', group: 'Architecture', spec: { name: 'activation', type: 'categorical', choices: ['relu', 'tanh', 'gelu'] }, options: ACTIVATION_NAMES, hint: 'Non-linearity of the hidden layers.' },
  { name: 'init', label: 'Initialisation', group: 'Architecture', spec: { name: 'init', type: 'categorical', choices: INIT_NAMES.filter((n) => n !== 'zeros') }, options: INIT_NAMES, hint: 'zeros is off by default: it cannot learn.' },
  { name: 'dropout', label: 'Dropout', group: 'Regularisation', spec: { name: 'dropout', type: 'continuous', low: 0, high: 0.5 }, limits: { min: 0, max: 0.95 }, hint: 'After each hidden layer.' },
  { name: 'l2', label: 'L2 penalty', group: 'Regularisation', spec: { name: 'l2', type: 'continuous', low: 1e-6, high: 1e-1, scale: 'log' }, limits: { min: 1e-9, max: 10 }, hint: 'Log scale; to include "no penalty", compare with a run at 0.' },
  { name: 'l1', label: 'L1 penalty', group: 'Regularisation', spec: { name: 'l1', type: 'continuous', low: 1e-6, high: 1e-1, scale: 'log' }, limits: { min: 1e-9, max: 10 }, hint: 'Log scale.' },
  { name: 'optimizer.weightDecay', label: 'Weight decay (AdamW)', group: 'Regularisation', spec: { name: 'optimizer.weightDecay', type: 'continuous', low: 1e-4, high: 0.1, scale: 'log' }, limits: { min: 1e-8, max: 1 }, hint: 'Used by adamw only.' },
  { name: 'clipNorm', label: 'Gradient clip norm', group: 'Regularisation', spec: { name: 'clipNorm', type: 'continuous', low: 0.1, high: 10, scale: 'log' }, limits: { min: 1e-3, max: 1e3 }, hint: 'Global L2 norm.' },
  { name: 'standardize', label: 'Standardise features', group: 'Data', spec: { name: 'standardize', type: 'categorical', choices: bool }, options: bool, hint: 'With and without, to see what scaling does.' },
  { name: 'classWeights', label: 'Balanced class weights', group: 'Data', spec: { name: 'classWeights', type: 'categorical', choices: bool }, options: bool, hint: 'Classification only.' },
];

/** The setting called `name`, or undefined. */
export function searchableSetting(name: string): SearchableSetting | undefined {
  return SEARCHABLE_SETTINGS.find((s) => s.name === name);
}

/** Models that can learn a task (logistic for binary, linear for regression, softmax for classes, always mlp). */
export function modelsForTask(task: Task): ModelKind[] {
  if (task === 'regression') return ['mlp', 'linear'];
  if (task === 'binary') return ['mlp', 'logistic', 'softmax'];
  return ['mlp', 'softmax'];
}

/** Every value a categorical setting can take for a task (models that fit the task). */
export function settingOptions(setting: SearchableSetting, task: Task): readonly ParamValue[] {
  if (setting.name === 'model') return modelsForTask(task);
  return setting.options ?? (setting.spec.type === 'categorical' ? setting.spec.choices : []);
}

/** The setting's default spec adapted to a task (model choices that fit it). */
export function defaultSpecFor(setting: SearchableSetting, task: Task): ParamSpec {
  if (setting.name === 'model' && setting.spec.type === 'categorical') return { ...setting.spec, choices: modelsForTask(task) };
  return setting.spec.type === 'categorical' ? { ...setting.spec, choices: [...setting.spec.choices] } : { ...setting.spec };
}

/** The default search: learning rate and hidden width, the two that matter most for a small MLP. */
export function defaultSearchSpace(task: Task): SearchSpace {
  return ['lr', 'hidden.width'].map((n) => defaultSpecFor(searchableSetting(n)!, task));
}

/**
 * A trial's settings: `base` with each parameter applied. `hidden.width` and `hidden.layers` rebuild
 * `hidden` (missing one taken from the base: its first width, its depth). Returns the engine's
 * validation error for combinations it refuses.
 *
 * @example
 * configForTrial(DEFAULT_TRAIN_CONFIG, { lr: 0.05, 'hidden.width': 16, 'optimizer.name': 'sgd' })
 * // ok: { ...defaults, lr: 0.05, hidden: [16, 16], optimizer: { name: 'sgd', ... } }
 */
export function configForTrial(base: TrainConfig, params: ParamValues): Result<TrainConfig> {
  const input: Record<string, unknown> = structuredClone(base) as unknown as Record<string, unknown>;
  const optimizer = input.optimizer as Record<string, unknown>;
  const schedule = input.schedule as Record<string, unknown>;
  let width: number | null = null;
  let layers: number | null = null;
  for (const [name, value] of Object.entries(params)) {
    if (name === 'hidden.width') width = Number(value);
    else if (name === 'hidden.layers') layers = Number(value);
    else if (name.startsWith('optimizer.')) optimizer[name.slice('optimizer.'.length)] = value;
    else if (name.startsWith('schedule.')) schedule[name.slice('schedule.'.length)] = value;
    else input[name] = value;
  }
  if (width !== null || layers !== null) {
    const depth = layers ?? Math.max(1, base.hidden.length);
    input.hidden = Array.from({ length: depth }, () => width ?? base.hidden[0] ?? 32);
  }
  // An epochs parameter replaces a step budget (the engine refuses both).
  if ('epochs' in params) input.steps = null;
  return resolveTrainConfig(input as TrainConfigInput);
}

/** The value as a person reads it in a table (3 significant digits for non-integers). */
export function formatParamValue(value: ParamValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : Math.abs(value) < 1e-3 ? value.toExponential(2).replace(/\.?0+e/, 'e') : String(Number(value.toPrecision(3)));
  return String(value);
}
