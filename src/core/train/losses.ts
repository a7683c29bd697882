/**
 * Training losses, on tensors (for gradients) and in plain JavaScript (for evaluation, in float64).
 * The two agree up to float32 rounding; both are computed from logits in the numerically stable form.
 *
 * - identity head (regression): squared error (z - y)^2; the batch loss is the mean (MSE, no 1/2).
 * - sigmoid head (binary):  softplus form of binary cross-entropy with logits,
 *                           max(z, 0) - z y + log(1 + e^-|z|)  (= -y log p - (1-y) log(1-p), p = sigmoid z)
 * - softmax head:           -log softmax(z)[y] = logsumexp(z) - z_y
 * With sample weights w_i the batch loss is mean_i(w_i * loss_i) (Keras' convention; balanced class
 * weights average 1 over the training set, so the scale matches the unweighted loss).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OutputHead } from './model';

/**
 * Per-example loss [B] from outputs [B, outputs] and targets: [B, 1] values (identity), [B, 1] 0/1
 * labels (sigmoid) or [B, K] one-hot rows (softmax).
 */
export function perExampleLoss(head: OutputHead, outputs: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  switch (head) {
    case 'identity':
      return tf.reshape(tf.square(tf.sub(outputs, targets)), [-1]);
    case 'sigmoid': {
      const z = outputs;
      const loss = tf.add(tf.sub(tf.relu(z), tf.mul(z, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
      return tf.reshape(loss, [-1]);
    }
    case 'softmax':
      return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(outputs)), 1));
  }
}

/** Mean of the per-example losses, weighted by `weights` [B] when given: mean(w_i * loss_i). */
export function batchLoss(head: OutputHead, outputs: tf.Tensor2D, targets: tf.Tensor2D, weights: tf.Tensor1D | null): tf.Scalar {
  const per = perExampleLoss(head, outputs, targets);
  return tf.mean(weights ? tf.mul(per, weights) : per);
}

/**
 * Penalty l1 * sum|w| + l2 * sum w^2 over the entries where `mask` is 1 (kernels; biases are not
 * penalised). Keras' L1L2 regulariser convention (no factor 1/2).
 */
export function penalty(params: tf.Tensor1D, mask: tf.Tensor1D, l1: number, l2: number): tf.Scalar | null {
  if (l1 === 0 && l2 === 0) return null;
  const masked = tf.mul(params, mask);
  let total: tf.Scalar | null = null;
  if (l1 !== 0) total = tf.mul(tf.sum(tf.abs(masked)), l1) as tf.Scalar;
  if (l2 !== 0) {
    const sq = tf.mul(tf.sum(tf.square(masked)), l2) as tf.Scalar;
    total = total ? (tf.add(total, sq) as tf.Scalar) : sq;
  }
  return total;
}

/**
 * The same per-example losses in float64 JavaScript, from outputs read back row-major [n, outputs].
 * `y` holds targets (identity), 0/1 labels (sigmoid) or class indices (softmax).
 */
export function perExampleLossJs(head: OutputHead, outputs: ArrayLike<number>, y: ArrayLike<number>, width: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (head === 'identity') {
      out[i] = (outputs[i]! - y[i]!) ** 2;
    } else if (head === 'sigmoid') {
      const z = outputs[i]!;
      // max(z, 0) - z y is exact for 0/1 labels, so a confident right answer keeps its tiny loss.
      out[i] = Math.max(z, 0) - z * y[i]! + Math.log1p(Math.exp(-Math.abs(z)));
    } else {
      let max = -Infinity;
      for (let k = 0; k < width; k++) max = Math.max(max, outputs[i * width + k]!);
      let sum = 0;
      for (let k = 0; k < width; k++) sum += Math.exp(outputs[i * width + k]! - max);
      out[i] = max + Math.log(sum) - outputs[i * width + y[i]!]!;
    }
  }
  return out;
}
