/**
 * Uploading a batch: rows of a prepared part copied into typed arrays and sent to the device, with the
 * targets in the form the head's loss takes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedData, PreparedPart } from '../data/preprocess';
import type { DeviceBatch } from './instrumented-step';
import type { ModelSpec } from './model';

/**
 * The rows `positions` (indices into `part`) as a DeviceBatch: x [B, d]; y [B, 1] standardised targets
 * (identity head), [B, 1] 0/1 labels (sigmoid) or [B, K] one-hot rows (softmax); per-row class weights
 * when `classWeights` is given. The caller disposes the tensors.
 */
export function deviceBatchFromRows(
  data: Pick<PreparedData, 'd' | 'targetScale'>,
  spec: ModelSpec,
  part: PreparedPart,
  positions: ArrayLike<number>,
  classWeights: Float64Array | null,
): DeviceBatch {
  const b = positions.length;
  const d = data.d;
  const x = new Float32Array(b * d);
  const width = spec.head === 'softmax' ? spec.outputs : 1;
  const y = new Float32Array(b * width);
  const w = classWeights ? new Float32Array(b) : null;
  const scale = spec.head === 'identity' ? data.targetScale : null;
  for (let r = 0; r < b; r++) {
    const i = positions[r]!;
    x.set(part.x.subarray(i * d, (i + 1) * d), r * d);
    const target = part.y[i]!;
    if (spec.head === 'softmax') y[r * width + target] = 1;
    else y[r] = scale ? (target - scale.mean) / scale.std : target;
    if (w && classWeights) w[r] = classWeights[target]!;
  }
  return { x: tf.tensor2d(x, [b, d]), y: tf.tensor2d(y, [b, width]), weights: w ? tf.tensor1d(w) : null };
}

/** Frees a batch's tensors. */
export function disposeBatch(batch: DeviceBatch): void {
  tf.dispose([batch.x, batch.y]);
  if (batch.weights) batch.weights.dispose();
}
