/**
 * The training step in simulated 16-bit precision (float16 or bfloat16), with optional loss scaling.
 *
 * Simulated by rounding (no hardware half precision is used): the arithmetic runs in float32 and the
 * values are rounded to the format where 16-bit hardware would store them:
 * - the inputs, and every layer's pre-activation and output in the forward pass (activations);
 * - the gradient flowing back into each of those (the backward pass's activation gradients), through a
 *   custom gradient: this is where small gradients underflow, the reason loss scaling exists;
 * - the parameter gradient;
 * - the weights after every update (there is no float32 master copy: an update smaller than half the
 *   weight's spacing is lost, which is what "16 bits is not enough" looks like).
 * The optimiser's state and the update itself are float32 (as mixed-precision optimisers keep them).
 *
 * Loss scaling multiplies the loss by S before the backward pass, so gradients that would fall below the
 * format's smallest subnormal are kept; the parameter gradient is divided by S again (in float32) before
 * the update. When a rounded gradient overflows (+-Infinity or NaN), the step is skipped: weights and
 * moments stay as they were (`overflow_skipped`), and a dynamic scaler halves S (see loss-scaling.ts).
 *
 * Counted per layer: the values the rounding flushed to zero (non-zero before, zero after) among the
 * layer's parameter gradient and the activation gradients at its outputs (`flushed_to_zero`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchLoss, penalty } from './losses';
import type { FloatFormat } from './low-precision';
import { forward } from './model';
import { optimizerStep } from './optimizers';
import { allFinite, flushedCount, flushedPerLayer, roundTensor } from './tensor-rounding';
import type { DeviceBatch, StepRequest, StepSettings } from './instrumented-step';
import type { TrainableModel } from './trainable';
import { probabilitySquaredError } from './wrong-loss';

/** What the step settings carry for a 16-bit run (absent for float32). */
export interface PrecisionSettings {
  format: FloatFormat;
}

/** The tensors of one low-precision step (inside the caller's tf.tidy). */
export interface LowPrecisionStep {
  /** The unscaled objective and data loss, from the rounded forward pass. */
  loss: tf.Scalar;
  dataLoss: tf.Scalar;
  /** The parameter gradient as rounded and unscaled (may hold +-Infinity/NaN on an overflow). */
  grad: tf.Tensor1D;
  /** The update actually applied: rounded new weights minus old (zero on a skipped step). */
  update: tf.Tensor1D;
  newParams: tf.Tensor1D;
  m: tf.Tensor | null;
  v: tf.Tensor | null;
  /** [L] values flushed to zero per layer. */
  flushed: tf.Tensor1D;
  /** 1 when the rounded gradient was finite (the update was applied), 0 when the step was skipped. */
  finite: tf.Scalar;
}

/**
 * Forward, backward and update as described at the top of the file. `kept` collects tensors made in the
 * backward pass that must outlive it (the caller disposes them); `stats` and `maxAbs` as in forward().
 */
export function lowPrecisionLossGradUpdate(
  model: TrainableModel,
  batch: DeviceBatch,
  settings: StepSettings & { precision: PrecisionSettings },
  request: StepRequest,
  kept: tf.Tensor[],
  stats: tf.Tensor[] | undefined,
  maxAbs?: tf.Tensor[],
): LowPrecisionStep {
  const { spec, params } = model;
  const format = settings.precision.format;
  const scale = request.lossScale ?? 1;
  const activationFlushes: tf.Tensor[][] = spec.layers.map(() => []);
  // One rounding per layer: forward rounds the value; backward rounds the incoming gradient and counts
  // what that flushed to zero (kept: it is made inside the backward pass's own tidy).
  const roundAt = spec.layers.map((_, l) =>
    tf.customGrad(((x: tf.Tensor) => ({
      value: roundTensor(x, format),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const g = Array.isArray(dy) ? dy[0]! : dy;
        const r = roundTensor(g, format);
        activationFlushes[l]!.push(tf.keep(flushedCount(g, r)));
        return [r];
      },
    })) as unknown as Parameters<typeof tf.customGrad>[0]),
  );
  const x = roundTensor(batch.x, format);
  let loss: tf.Scalar | null = null;
  let dataLoss: tf.Scalar | null = null;
  const { grads } = tf.variableGrads(() => {
    const outputs = forward(spec, params, x, {
      training: true, dropoutSeed: request.dropoutSeed, stats, maxAbs,
      round: (t, l) => roundAt[l]!(t) as tf.Tensor,
    });
    const data = settings.loss === 'mse-probabilities' ? probabilitySquaredError(spec.head, outputs, batch.y) : batchLoss(spec.head, outputs, batch.y, batch.weights);
    const pen = penalty(params, model.mask, settings.l1, settings.l2);
    const total = pen ? tf.add(data, pen) as tf.Scalar : data;
    dataLoss = tf.keep(data);
    loss = pen ? tf.keep(total) : dataLoss;
    kept.push(dataLoss);
    if (pen) kept.push(loss);
    return scale === 1 ? total : tf.mul(total, scale) as tf.Scalar;
  }, [params]);
  for (const list of activationFlushes) kept.push(...list);

  const scaled = grads[params.name] as tf.Tensor1D;
  const rounded = roundTensor(scaled, format);
  const paramFlushes = flushedPerLayer(scaled, rounded, model.indicator);
  const perLayer = tf.stack(activationFlushes.map((list) => (list.length ? tf.addN(list) : tf.scalar(0))));
  const flushed = tf.add(paramFlushes, perLayer) as tf.Tensor1D;
  const finite = allFinite(rounded);
  const ok = tf.greater(finite, 0.5);
  const grad = (scale === 1 ? rounded : tf.div(rounded, scale)) as tf.Tensor1D;
  // The optimiser must not see Infinity/NaN even on a skipped step (its result is discarded then).
  let used = tf.where(ok, grad, tf.zerosLike(grad)) as tf.Tensor1D;
  if (settings.clipNorm !== null) {
    const norm = tf.sqrt(tf.sum(tf.square(used)));
    used = tf.mul(used, tf.minimum(1, tf.div(settings.clipNorm, tf.maximum(norm, 1e-30))));
  }
  if (model.trainMask) used = tf.mul(used, model.trainMask) as tf.Tensor1D;
  const step = optimizerStep(settings.optimizer, params, used, { m: model.m, v: model.v }, model.t + 1, request.lr);
  const proposed = model.trainMask ? tf.mul(step.update, model.trainMask) : step.update;
  const newParams = tf.where(ok, roundTensor(tf.add(params, proposed), format), params) as tf.Tensor1D;
  const update = tf.sub(newParams, params) as tf.Tensor1D;
  const keepOld = (next: tf.Tensor | null, old: tf.Tensor | null): tf.Tensor | null => (next && old ? tf.where(ok, next, old) : next);
  return { loss: loss!, dataLoss: dataLoss!, grad, update, newParams, m: keepOld(step.state.m, model.m), v: keepOld(step.state.v, model.v), flushed, finite };
}
