/**
 * The app's dense models (linear, logistic, softmax, mlp; see train/model.ts) evaluated in plain float64
 * TypeScript for ONE input row, with the gradient of one output with respect to the input by
 * backpropagation. Explaining a row needs a few hundred forward/backward passes of a small network:
 * far cheaper without TensorFlow.js, and it runs on the page, in a worker or in Node alike. The
 * parameters are the run's flat float32 vector, read with the same layout; dropout is off (inference).
 * Tested equal to the tfjs forward pass and tf.grad.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { ActivationName } from '../train/activations';
import { LEAKY_RELU_SLOPE } from '../train/activations';
import type { ModelSpec } from '../train/model';
import type { ValueAndGradient } from './integrated-gradients';

/**
 * Which scalar to explain:
 * - 'probability': sigmoid(logit) for a binary head, softmax(logits)[classIndex] for softmax, the
 *   prediction for regression (identity head);
 * - 'logit': the raw output `classIndex` (the default class is 0, the only output of a 1-output head).
 */
export interface ModelOutputTarget {
  output: 'probability' | 'logit';
  classIndex?: number;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** An activation and its derivative at z (float64). */
export function activate(name: ActivationName, z: number): { a: number; da: number } {
  switch (name) {
    case 'relu':
      return z > 0 ? { a: z, da: 1 } : { a: 0, da: 0 };
    case 'leaky_relu':
      return z > 0 ? { a: z, da: 1 } : { a: LEAKY_RELU_SLOPE * z, da: LEAKY_RELU_SLOPE };
    case 'tanh': {
      const t = Math.tanh(z);
      return { a: t, da: 1 - t * t };
    }
    case 'sigmoid': {
      const s = sigmoid(z);
      return { a: s, da: s * (1 - s) };
    }
    case 'gelu': {
      // Exact GELU z Phi(z); d/dz = Phi(z) + z phi(z).
      const phiCdf = normalCdf(z, 0, 1);
      return { a: z * phiCdf, da: phiCdf + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z) };
    }
  }
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * The explained scalar from the model's outputs (logits, or the prediction for regression) and its
 * gradient with respect to those outputs; see ModelOutputTarget.
 */
export function headValueAndGradient(spec: ModelSpec, out: Float64Array, output: ModelOutputTarget['output'], classIndex: number): { value: number; grad: Float64Array } {
  const g = new Float64Array(out.length);
  let value: number;
  if (output === 'logit' || spec.head === 'identity') {
    value = out[classIndex]!;
    g[classIndex] = 1;
  } else if (spec.head === 'sigmoid') {
    value = sigmoid(out[0]!);
    g[0] = value * (1 - value);
  } else {
    let max = -Infinity;
    for (const v of out) max = Math.max(max, v);
    let total = 0;
    const p = new Float64Array(out.length);
    for (let k = 0; k < out.length; k++) total += p[k] = Math.exp(out[k]! - max);
    for (let k = 0; k < out.length; k++) p[k]! /= total;
    value = p[classIndex]!;
    for (let k = 0; k < out.length; k++) g[k] = value * ((k === classIndex ? 1 : 0) - p[k]!);
  }
  return { value, grad: g };
}

/** Whether the plain-TS pass can evaluate this model (every kind but the cnn). */
export function supportsDenseInputFunction(spec: ModelSpec): boolean {
  return spec.layers.every((l) => l.kind === 'dense');
}

/**
 * The model's chosen output as a function of one input row, with its input gradient.
 * Throws RangeError for a cnn or a class index out of range.
 */
export function denseInputFunction(spec: ModelSpec, params: ArrayLike<number>, target: ModelOutputTarget): ValueAndGradient {
  if (!supportsDenseInputFunction(spec)) throw new RangeError(`the plain forward pass covers dense models only, not ${spec.kind}`);
  if (params.length !== spec.paramCount) throw new RangeError(`params has ${params.length} values, the model ${spec.paramCount}`);
  const classIndex = target.classIndex ?? 0;
  if (!(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < spec.outputs)) {
    throw new RangeError(`class index ${classIndex} is outside the model's ${spec.outputs} outputs`);
  }
  const layers = spec.layers;
  return (x: Float64Array) => {
    if (x.length !== spec.inputs) throw new RangeError(`the model takes ${spec.inputs} features, got ${x.length}`);
    // Forward, keeping each layer's activation derivative for the backward pass (the input gradient
    // needs only those and the kernels).
    const derivs: (Float64Array | null)[] = [];
    let h: Float64Array = x;
    for (const layer of layers) {
      const nIn = layer.fanIn;
      const units = layer.units;
      const z = new Float64Array(units);
      for (let j = 0; j < units; j++) z[j] = params[layer.offset + layer.kernelSize + j]!;
      for (let i = 0; i < nIn; i++) {
        const hi = h[i]!;
        if (hi === 0) continue;
        const row = layer.offset + i * units;
        for (let j = 0; j < units; j++) z[j] = z[j]! + hi * params[row + j]!;
      }
      if (layer.activation) {
        const dz = new Float64Array(units);
        for (let j = 0; j < units; j++) {
          const { a, da } = activate(layer.activation, z[j]!);
          z[j] = a;
          dz[j] = da;
        }
        derivs.push(dz);
      } else {
        derivs.push(null);
      }
      h = z;
    }
    const { value, grad: g } = headValueAndGradient(spec, h, target.output, classIndex);
    // Backward through the layers: g is d value / d (layer output) on entry.
    let grad = g;
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l]!;
      const dz = derivs[l];
      if (dz) for (let j = 0; j < layer.units; j++) grad[j]! *= dz[j]!;
      const prev = new Float64Array(layer.fanIn);
      for (let i = 0; i < layer.fanIn; i++) {
        const row = layer.offset + i * layer.units;
        let s = 0;
        for (let j = 0; j < layer.units; j++) s += params[row + j]! * grad[j]!;
        prev[i] = s;
      }
      grad = prev;
    }
    return { value, grad };
  };
}
