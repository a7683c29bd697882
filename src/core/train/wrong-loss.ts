/**
 * The "wrong loss for the task" fault: a classifier trained on the mean squared error between its
 * predicted probabilities and the one-hot labels instead of the cross-entropy. A real and common
 * mistake (MSE copied from a regression script); its gradient vanishes when the model is confidently
 * wrong (the sigmoid/softmax saturates), so learning is slow and the step loss is on another scale than
 * the log loss the evaluation reports: at initialisation about (K-1)/K^2 per class rather than ln K.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OutputHead } from './model';

/** mean over the batch of sum_k (p_k - y_k)^2, p = sigmoid or softmax of the logits; regression keeps its MSE. */
export function probabilitySquaredError(head: OutputHead, logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  const p = head === 'softmax' ? tf.softmax(logits) : head === 'sigmoid' ? tf.sigmoid(logits) : logits;
  return tf.mean(tf.sum(tf.square(tf.sub(p, targets)), 1));
}
