/**
 * Hidden-layer activation functions, referred to by name so a configuration stays plain data.
 */
import * as tf from '@tensorflow/tfjs-core';

export const ACTIVATION_NAMES = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu'] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** Slope of leaky ReLU for negative inputs (PyTorch's default negative_slope). */
export const LEAKY_RELU_SLOPE = 0.01;

/**
 * Applies the activation elementwise.
 * - relu: max(0, x); leaky_relu: x if x > 0 else 0.01 x; tanh; sigmoid: 1 / (1 + e^-x)
 * - gelu: x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), the exact form (PyTorch `nn.GELU()` default),
 *   not the tanh approximation.
 */
export function applyActivation(name: ActivationName, x: tf.Tensor): tf.Tensor {
  switch (name) {
    case 'relu':
      return tf.relu(x);
    case 'leaky_relu':
      return tf.leakyRelu(x, LEAKY_RELU_SLOPE);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'gelu':
      return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
  }
}

/** Whether a unit can "die": ReLU-like activations whose gradient is zero (relu) or tiny (leaky) for x <= 0. */
export function canDie(name: ActivationName): boolean {
  return name === 'relu' || name === 'leaky_relu';
}
