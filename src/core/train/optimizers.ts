/**
 * Optimisers as small pure update rules over tensors.
 *
 * We write them ourselves instead of using `tf.train.*` because the workbench must show their internals:
 * the moment estimates, the exact update that was applied, AdamW's decoupled decay and a learning rate
 * that changes every step. Each rule takes the current weights `w`, the gradient `g`, the state and the
 * step number and returns the update `u` (so that `w_new = w + u`) and the new state. Nothing is mutated:
 * the caller (the training step, inside `tf.tidy`) assigns the results to its variables.
 *
 * Conventions follow PyTorch's `torch.optim` with default arguments (dampening 0, no amsgrad, no
 * centring), so a run can be checked against it:
 * - sgd:      u = -lr g
 * - momentum: m = mu m + g;                 u = -lr m
 * - nesterov: m = mu m + g;                 u = -lr (g + mu m)
 * - adam:     m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 *             u = -lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
 * - adamw:    adam's u, minus lr * wd * w (decay decoupled from the gradient, Loshchilov & Hutter 2019)
 * - rmsprop:  v = rho v + (1-rho) g^2;      u = -lr g / (sqrt(v) + eps)
 * - adagrad:  v = v + g^2;                  u = -lr g / (sqrt(v) + eps)
 * All moments start at zero; `t` is the 1-based number of the update being made.
 */
import * as tf from '@tensorflow/tfjs-core';

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Hyper-parameters of every optimiser; each rule reads only the ones it uses. Plain, serialisable data. */
export interface OptimizerConfig {
  name: OptimizerName;
  /** mu for momentum and nesterov (default 0.9). */
  momentum: number;
  /** Adam's first-moment decay b1 (default 0.9). */
  beta1: number;
  /** Adam's second-moment decay b2 (default 0.999). */
  beta2: number;
  /** RMSprop's decay of the squared-gradient average (default 0.9, as in Keras and Hinton's lecture). */
  rho: number;
  /** Added to the root of the second moment (default 1e-8) for adam, adamw, rmsprop and adagrad. */
  epsilon: number;
  /** AdamW's decoupled weight decay wd (default 0.01, as in PyTorch); applied to every parameter. */
  weightDecay: number;
}

/** PyTorch's defaults, except RMSprop's rho (0.9, as Keras) and one epsilon (1e-8) for all adaptive rules. */
export const DEFAULT_OPTIMIZER: Omit<OptimizerConfig, 'name'> = {
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  rho: 0.9,
  epsilon: 1e-8,
  weightDecay: 0.01,
};

/** The optimiser's memory: `m` (velocity or first moment) and `v` (second moment); null when unused. */
export interface OptimizerState {
  m: tf.Tensor | null;
  v: tf.Tensor | null;
}

/** Whether the optimiser keeps a first moment / velocity `m`. */
export function hasFirstMoment(name: OptimizerName): boolean {
  return name === 'momentum' || name === 'nesterov' || name === 'adam' || name === 'adamw';
}

/** Whether the optimiser keeps a second moment `v` (running squared gradients). */
export function hasSecondMoment(name: OptimizerName): boolean {
  return name === 'adam' || name === 'adamw' || name === 'rmsprop' || name === 'adagrad';
}

/** Zero state for parameters of the given shape. The caller owns (and disposes) the tensors. */
export function initialOptimizerState(name: OptimizerName, shape: number[]): OptimizerState {
  return {
    m: hasFirstMoment(name) ? tf.zeros(shape) : null,
    v: hasSecondMoment(name) ? tf.zeros(shape) : null,
  };
}

/** The result of one rule application: the update to add to the weights and the next state. */
export interface OptimizerStepResult {
  update: tf.Tensor;
  state: OptimizerState;
}

function need(t: tf.Tensor | null, what: string): tf.Tensor {
  if (!t) throw new Error(`optimizer state is missing ${what}`);
  return t;
}

/**
 * One update of the rule named in `config` (formulas in the file comment). `t` is 1-based (it drives
 * Adam's bias correction); `lr` is the learning rate in effect for this step. Call inside `tf.tidy` and
 * keep what you need: every returned tensor is new.
 */
export function optimizerStep(
  config: OptimizerConfig,
  w: tf.Tensor,
  g: tf.Tensor,
  state: OptimizerState,
  t: number,
  lr: number,
): OptimizerStepResult {
  if (!(t >= 1)) throw new RangeError(`optimizer step t must be >= 1, got ${t}`);
  switch (config.name) {
    case 'sgd':
      return { update: tf.mul(g, -lr), state: { m: null, v: null } };
    case 'momentum':
    case 'nesterov': {
      const m = tf.add(tf.mul(need(state.m, 'm'), config.momentum), g);
      const direction = config.name === 'nesterov' ? tf.add(g, tf.mul(m, config.momentum)) : m;
      return { update: tf.mul(direction, -lr), state: { m, v: null } };
    }
    case 'adam':
    case 'adamw': {
      const { beta1, beta2, epsilon } = config;
      const m = tf.add(tf.mul(need(state.m, 'm'), beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(need(state.v, 'v'), beta2), tf.mul(tf.square(g), 1 - beta2));
      const mHat = tf.div(m, 1 - beta1 ** t);
      const vHat = tf.div(v, 1 - beta2 ** t);
      let update = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), -lr);
      if (config.name === 'adamw' && config.weightDecay !== 0) {
        update = tf.sub(update, tf.mul(w, lr * config.weightDecay));
      }
      return { update, state: { m, v } };
    }
    case 'rmsprop': {
      const v = tf.add(tf.mul(need(state.v, 'v'), config.rho), tf.mul(tf.square(g), 1 - config.rho));
      return { update: tf.mul(tf.div(g, tf.add(tf.sqrt(v), config.epsilon)), -lr), state: { m: null, v } };
    }
    case 'adagrad': {
      const v = tf.add(need(state.v, 'v'), tf.square(g));
      return { update: tf.mul(tf.div(g, tf.add(tf.sqrt(v), config.epsilon)), -lr), state: { m: null, v } };
    }
  }
}
