/**
 * What one training step reports. Keys are snake_case because the same objects are printed by
 * `cli train --json`, stored with a run and read by the Train page: one name per quantity everywhere.
 *
 * Norms are L2 norms over all of a layer's parameters (kernel and bias together); the step-level
 * fields are the same quantities over all parameters. Numbers that do not exist are `null` (a ratio
 * with a zero denominator, a cosine with a zero vector, the previous gradient on the first step).
 * A non-finite value (NaN, or a norm too large for float32) is kept as is in memory; JSON writes it as null.
 */
import type { Histogram } from './histogram';

/** Per-layer numbers of one step. */
export interface LayerStepRecord {
  /** e.g. 'hidden1', 'conv2', 'output', or the model name for one-layer models. */
  name: string;
  /** ||g|| of the raw gradient (before clipping). */
  grad_norm: number;
  /** ||w|| after this step's update. */
  weight_norm: number;
  /** ||u|| of the update applied (w_new - w). */
  update_norm: number;
  /** ||u|| / ||w_before||; null when the weights were all zero. */
  update_ratio: number | null;
  /** ||m||, the first moment (Adam, AdamW) or velocity (momentum, Nesterov), after the update; raw, not bias-corrected. */
  m_norm?: number;
  /** ||v||, the second moment (Adam, AdamW, RMSprop; Adagrad's running sum), after the update; raw. */
  v_norm?: number;
  /** cos(u, -g): 1 for plain SGD, below 1 when momentum or adaptive scaling turn the step. */
  cos_update_grad: number | null;
  /** cos(g_t, g_{t-1}): near -1 when the step oscillates across a valley, near 1 on a steady slope. */
  cos_grad_prev: number | null;
  /**
   * max |z| over the batch of this layer's outputs z (pre-activation; logits for the output layer).
   * instrumentedStep sets it on every step; optional so hand-made records (tests, fixtures) may omit it.
   */
  output_max_abs?: number;
  /** Detail steps, hidden layers only: mean and std of the activations over the batch (before dropout and pooling). */
  act_mean?: number;
  act_std?: number;
  /** Detail steps, ReLU-like hidden layers: share of units whose pre-activation is <= 0 for the whole batch. */
  dead_share?: number;
  /** Detail steps: histograms of the raw gradient and of the weights after the update. */
  grad_hist?: Histogram;
  weight_hist?: Histogram;
}

export interface StepRecord {
  /** 1-based number of the update. */
  step: number;
  /** 1-based epoch the step belongs to. */
  epoch: number;
  /** The objective being minimised on this batch: data_loss + penalty. */
  loss: number;
  /** Mean (sample-weighted) loss over the batch, without the L1/L2 penalty. */
  data_loss: number;
  grad_norm: number;
  weight_norm: number;
  update_norm: number;
  update_ratio: number | null;
  m_norm?: number;
  v_norm?: number;
  cos_update_grad: number | null;
  cos_grad_prev: number | null;
  /** The learning rate in effect for this step (after the schedule). */
  lr: number;
  /** Whether gradient clipping scaled this step's gradient down. */
  clipped: boolean;
  /** Wall time of the step, read-back included, in milliseconds. */
  ms: number;
  /** tf.memory() after the step. */
  memory: { tensors: number; bytes: number };
  /** Whether activation statistics and histograms were collected on this step (every K steps). */
  details: boolean;
  layers: LayerStepRecord[];
  /**
   * float16/bfloat16 runs only (see precision-step.ts): values flushed to zero by rounding, per layer
   * (its parameter gradient and the activation gradients at its outputs).
   */
  flushed_to_zero?: Record<string, number>;
  /** 16-bit runs: the rounded gradient overflowed, so this step's update was skipped (weights unchanged). */
  overflow_skipped?: boolean;
  /** 16-bit runs: the loss-scaling factor this step used (1 without loss scaling). */
  loss_scale?: number;
  /** 16-bit runs: the loss of the float32 run of the same seed on the same batch, at the same step. */
  loss_float32?: number;
  /** Data-parallel runs (workers > 1): wall time of sending the weights and all-reducing the gradients, in ms. */
  allreduce_ms?: number;
}
