/**
 * One training step: forward, backward, optional clipping, the optimiser's update, and (instrumented)
 * every per-layer statistic, read back from the device in ONE read.
 *
 * How the single read works: the per-parameter products g*g, w*w (before and after), u*u, u*g,
 * g*g_prev, m*m and v*v are stacked into a [R, P] matrix and multiplied by the [P, L] layer-indicator
 * matrix, giving every per-layer sum in one [R, L] tensor. That, the loss, the activation summaries and
 * (on detail steps) the raw gradient and weights for histograms are concatenated into one vector and
 * read with a single `dataSync()`. Non-finite values are detected in JavaScript on the numbers read back
 * (`tf.isNaN` is unreliable on some backends).
 */
import * as tf from '@tensorflow/tfjs-core';
import { readAsync, readSync, type DeviceReads } from './device-reads';
import { histogram } from './histogram';
import { batchLoss, penalty } from './losses';
import { forward, hiddenLayers } from './model';
import { probabilitySquaredError } from './wrong-loss';
import { optimizerStep, type OptimizerConfig } from './optimizers';
import type { LayerStepRecord, StepRecord } from './step-record';
import type { TrainableModel } from './trainable';
import { lowPrecisionLossGradUpdate, type PrecisionSettings } from './precision-step';

/** A batch already on the device. `y` is [B, 1] (identity, sigmoid heads) or one-hot [B, K] (softmax). */
export interface DeviceBatch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  /** Per-example weights (class weights), or null. */
  weights: tf.Tensor1D | null;
}

/** The fixed settings of a run's steps. */
export interface StepSettings {
  optimizer: OptimizerConfig;
  l1: number;
  l2: number;
  /** Clip the gradient to this global L2 norm; null = no clipping. */
  clipNorm: number | null;
  /** Bins of the gradient and weight histograms on detail steps. */
  histogramBins: number;
  /** 'mse-probabilities' trains a classifier on the squared error of its probabilities (the wrong-loss fault). */
  loss?: 'mse-probabilities';
  /** Simulated float16/bfloat16 (see precision-step.ts); absent = float32. */
  precision?: PrecisionSettings;
}

/** What changes from step to step. */
export interface StepRequest {
  lr: number;
  /** Seed for this step's dropout masks. */
  dropoutSeed: number;
  /** Collect activation statistics and histograms (every K steps). */
  details: boolean;
  /** 1-based epoch, copied into the record. */
  epoch: number;
  /** Loss-scaling factor of this step (16-bit precisions only; default 1). */
  lossScale?: number;
}

const now = (): number => globalThis.performance.now();

/**
 * Builds the loss, takes its gradient with respect to the flat parameters, and computes the update.
 * Inside tf.tidy. `kept` collects tensors that must outlive the gradient's inner tidy (caller disposes).
 */
function lossGradUpdate(
  model: TrainableModel,
  batch: DeviceBatch,
  settings: StepSettings,
  request: StepRequest,
  kept: tf.Tensor[],
  stats: tf.Tensor[] | undefined,
  maxAbs?: tf.Tensor[],
): { loss: tf.Scalar; dataLoss: tf.Scalar; grad: tf.Tensor1D; update: tf.Tensor1D; newParams: tf.Tensor1D; m: tf.Tensor | null; v: tf.Tensor | null; flushed?: tf.Tensor1D; finite?: tf.Scalar } {
  if (settings.precision) return lowPrecisionLossGradUpdate(model, batch, settings as StepSettings & { precision: PrecisionSettings }, request, kept, stats, maxAbs);
  const { spec, params } = model;
  let dataLoss: tf.Scalar | null = null;
  const { value, grads } = tf.variableGrads(() => {
    const outputs = forward(spec, params, batch.x, { training: true, dropoutSeed: request.dropoutSeed, stats, maxAbs });
    const data = settings.loss === 'mse-probabilities' ? probabilitySquaredError(spec.head, outputs, batch.y) : batchLoss(spec.head, outputs, batch.y, batch.weights);
    const pen = penalty(params, model.mask, settings.l1, settings.l2);
    if (!pen) return data;
    dataLoss = tf.keep(data);
    kept.push(dataLoss);
    return tf.add(data, pen);
  }, [params]);
  const grad = grads[params.name] as tf.Tensor1D;
  return { loss: value, dataLoss: dataLoss ?? value, grad, ...updateFromGradient(model, grad, settings, request) };
}

/** The tensors of one step, before they are packed for the read (inside the step's tf.tidy). */
export type StepTensors = ReturnType<typeof lossGradUpdate>;

/**
 * Clipping, the freeze mask and the optimiser's update for a gradient of the flat parameters (inside
 * tf.tidy): the update, the new weights and the new optimiser state, nothing assigned yet.
 */
export function updateFromGradient(
  model: TrainableModel,
  grad: tf.Tensor1D,
  settings: StepSettings,
  request: StepRequest,
): { update: tf.Tensor1D; newParams: tf.Tensor1D; m: tf.Tensor | null; v: tf.Tensor | null } {
  const { params } = model;
  let used: tf.Tensor1D = grad;
  if (settings.clipNorm !== null) {
    const norm = tf.sqrt(tf.sum(tf.square(grad)));
    used = tf.mul(grad, tf.minimum(1, tf.div(settings.clipNorm, tf.maximum(norm, 1e-30))));
  }
  if (model.trainMask) used = tf.mul(used, model.trainMask) as tf.Tensor1D;
  const step = optimizerStep(settings.optimizer, params, used, { m: model.m, v: model.v }, model.t + 1, request.lr);
  const { state } = step;
  const update = model.trainMask ? tf.mul(step.update, model.trainMask) : step.update;
  const newParams = tf.add(params, update) as tf.Tensor1D;
  return { update: update as tf.Tensor1D, newParams, m: state.m, v: state.v };
}

function assignState(model: TrainableModel, newParams: tf.Tensor, m: tf.Tensor | null, v: tf.Tensor | null): void {
  model.params.assign(newParams as tf.Tensor1D);
  if (model.m && m) model.m.assign(m as tf.Tensor1D);
  if (model.v && v) model.v.assign(v as tf.Tensor1D);
  model.t += 1;
}

/**
 * An uninstrumented step: the same forward, backward and update, reading back only the loss (one read),
 * or nothing with `read: false`. Yields the loss tensor when reading. (Baselines, the LR range test, the
 * benchmark.)
 */
export function* plainStepReads(model: TrainableModel, batch: DeviceBatch, settings: StepSettings, request: StepRequest, read = true): DeviceReads<number> {
  const kept: tf.Tensor[] = [];
  let loss: tf.Tensor | undefined;
  try {
    loss = tf.tidy((): tf.Tensor | undefined => {
      const r = lossGradUpdate(model, batch, settings, request, kept, undefined);
      assignState(model, r.newParams, r.m, r.v);
      return read ? r.loss : undefined;
    });
  } finally {
    tf.dispose(kept);
  }
  model.prevGradSq = null; // the stored previous gradient is now stale
  if (!loss) return NaN;
  const values = yield loss;
  return values[0]!;
}

/** plainStepReads driven synchronously. */
export function plainStep(model: TrainableModel, batch: DeviceBatch, settings: StepSettings, request: StepRequest, read = true): number {
  return readSync(plainStepReads(model, batch, settings, request, read));
}

const sqrt = Math.sqrt;
const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const cosine = (dot: number, aSq: number, bSq: number): number | null => (aSq > 0 && bSq > 0 ? dot / sqrt(aSq * bSq) : null);

/**
 * One instrumented step: the update plus every statistic of StepRecord, in one read from the device
 * (the single yielded tensor). `step` in the record is the 1-based update number.
 */
export function instrumentedStepReads(model: TrainableModel, batch: DeviceBatch, settings: StepSettings, request: StepRequest): DeviceReads<StepRecord> {
  return packedStepReads(model, (kept, stats, maxAbs) => lossGradUpdate(model, batch, settings, request, kept, stats, maxAbs), settings, request, true);
}

/**
 * The instrumented step around `compute`, which makes the step's tensors (inside the step's tf.tidy;
 * tensors that must outlive inner tidies go in `kept`; forward statistics in `stats` and `maxAbs`). With
 * `activationStats` false the record has no activation statistics (the forward pass ran elsewhere).
 */
export function* packedStepReads(
  model: TrainableModel,
  compute: (kept: tf.Tensor[], stats: tf.Tensor[] | undefined, maxAbs: tf.Tensor[]) => StepTensors,
  settings: StepSettings,
  request: StepRequest,
  activationStats: boolean,
): DeviceReads<StepRecord> {
  const start = now();
  const { spec } = model;
  const L = spec.layers.length;
  const hidden = activationStats ? hiddenLayers(spec) : [];
  const kept: tf.Tensor[] = [];
  const stats: tf.Tensor[] | undefined = request.details && activationStats ? [] : undefined;
  const maxAbs: tf.Tensor[] = [];
  const hasM = model.m !== null;
  const hasV = model.v !== null;
  let all: tf.Tensor;
  try {
    all = tf.tidy(() => {
      const r = compute(kept, stats, maxAbs);
      if (stats) kept.push(...stats);
      kept.push(...maxAbs);
      const w = model.params;
      // Rows g*g, w*w, w'*w', u*u, u*g, g*g_prev, [m*m], [v*v] as one product of two stacks (3 ops, not 8).
      const left: tf.Tensor[] = [r.grad, w, r.newParams, r.update, r.update, r.grad];
      const right: tf.Tensor[] = [r.grad, w, r.newParams, r.update, r.grad, model.prevGrad];
      if (hasM && r.m) {
        left.push(r.m);
        right.push(r.m);
      }
      if (hasV && r.v) {
        left.push(r.v);
        right.push(r.v);
      }
      const sums = tf.matMul(tf.mul(tf.stack(left), tf.stack(right)), model.indicator);
      const pieces: tf.Tensor[] = [tf.stack([r.loss, r.dataLoss, ...maxAbs]), tf.reshape(sums, [-1])];
      if (stats) pieces.push(...stats);
      if (request.details) pieces.push(r.grad, r.newParams);
      // Low precision: [L] flushed-to-zero counts and the finite flag, last (decodeStep reads them from the end).
      if (r.flushed && r.finite) pieces.push(r.flushed, r.finite);
      const packed = tf.concat(pieces.map((p) => (p.rank === 1 ? p : tf.reshape(p, [-1]))));
      model.prevGrad.assign(r.grad);
      assignState(model, r.newParams, r.m, r.v);
      return packed;
    });
  } finally {
    tf.dispose(kept);
  }
  const packed = yield all;
  return decodeStep(model, packed, request, hidden.map((l) => l.name), hasM, hasV, settings, start, L);
}

/** instrumentedStepReads driven synchronously (dataSync). */
export function instrumentedStep(model: TrainableModel, batch: DeviceBatch, settings: StepSettings, request: StepRequest): StepRecord {
  return readSync(instrumentedStepReads(model, batch, settings, request));
}

/** instrumentedStepReads driven asynchronously (await data()), e.g. on WebGPU. */
export function instrumentedStepAsync(model: TrainableModel, batch: DeviceBatch, settings: StepSettings, request: StepRequest): Promise<StepRecord> {
  return readAsync(instrumentedStepReads(model, batch, settings, request));
}

function decodeStep(
  model: TrainableModel,
  packed: Float32Array,
  request: StepRequest,
  hiddenNames: string[],
  hasM: boolean,
  hasV: boolean,
  settings: StepSettings,
  start: number,
  L: number,
): StepRecord {
  const { spec } = model;
  const R = 6 + (hasM ? 1 : 0) + (hasV ? 1 : 0);
  // Layout: loss, data loss, L output max-abs values, R x L sums, [3 x hidden stats], [grad, weights].
  const head = 2 + L;
  const sum = (row: number, l: number): number => packed[head + row * L + l]!;
  const total = (row: number): number => {
    let s = 0;
    for (let l = 0; l < L; l++) s += sum(row, l);
    return s;
  };
  const M_ROW = 6;
  const V_ROW = hasM ? 7 : 6;
  const prev = model.prevGradSq;
  const first = model.t === 1 || prev === null;
  const statsStart = head + R * L;
  const histStart = statsStart + (request.details ? 3 * hiddenNames.length : 0);
  const P = spec.paramCount;

  const layers: LayerStepRecord[] = spec.layers.map((layer, l) => {
    const g2 = sum(0, l), wb2 = sum(1, l), wa2 = sum(2, l), u2 = sum(3, l), ug = sum(4, l), ggp = sum(5, l);
    const rec: LayerStepRecord = {
      name: layer.name,
      grad_norm: sqrt(g2),
      weight_norm: sqrt(wa2),
      update_norm: sqrt(u2),
      update_ratio: ratio(sqrt(u2), sqrt(wb2)),
      cos_update_grad: cosine(-ug, u2, g2),
      cos_grad_prev: first ? null : cosine(ggp, g2, prev![l]!),
      output_max_abs: packed[2 + l]!,
    };
    if (hasM) rec.m_norm = sqrt(sum(M_ROW, l));
    if (hasV) rec.v_norm = sqrt(sum(V_ROW, l));
    if (request.details) {
      const h = hiddenNames.indexOf(layer.name);
      if (h >= 0) {
        rec.act_mean = packed[statsStart + 3 * h]!;
        rec.act_std = packed[statsStart + 3 * h + 1]!;
        const dead = packed[statsStart + 3 * h + 2]!;
        if (dead >= 0) rec.dead_share = dead;
      }
      rec.grad_hist = histogram(packed, settings.histogramBins, histStart + layer.offset, histStart + layer.offset + layer.size);
      rec.weight_hist = histogram(packed, settings.histogramBins, histStart + P + layer.offset, histStart + P + layer.offset + layer.size);
    }
    return rec;
  });

  const g2 = total(0), wb2 = total(1), wa2 = total(2), u2 = total(3), ug = total(4), ggp = total(5);
  let prevTotal = 0;
  if (prev) for (let l = 0; l < L; l++) prevTotal += prev[l]!;
  const gradSq = new Float64Array(L);
  for (let l = 0; l < L; l++) gradSq[l] = sum(0, l);
  model.prevGradSq = gradSq;

  const memory = tf.memory();
  const record: StepRecord = {
    step: model.t,
    epoch: request.epoch,
    loss: packed[0]!,
    data_loss: packed[1]!,
    grad_norm: sqrt(g2),
    weight_norm: sqrt(wa2),
    update_norm: sqrt(u2),
    update_ratio: ratio(sqrt(u2), sqrt(wb2)),
    cos_update_grad: cosine(-ug, u2, g2),
    cos_grad_prev: first ? null : cosine(ggp, g2, prevTotal),
    lr: request.lr,
    clipped: settings.clipNorm !== null && sqrt(g2) > settings.clipNorm,
    ms: 0,
    memory: { tensors: memory.numTensors, bytes: memory.numBytes },
    details: request.details,
    layers,
  };
  if (hasM) record.m_norm = sqrt(total(M_ROW));
  if (hasV) record.v_norm = sqrt(total(V_ROW));
  if (settings.precision) {
    const end = packed.length;
    record.flushed_to_zero = Object.fromEntries(spec.layers.map((layer, l) => [layer.name, packed[end - 1 - L + l]!]));
    record.overflow_skipped = packed[end - 1]! < 0.5;
    record.loss_scale = request.lossScale ?? 1;
  }
  record.ms = now() - start;
  return record;
}
