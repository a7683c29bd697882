/**
 * Models as a flat parameter vector plus a layout, and a forward pass written with plain tf ops.
 *
 * All parameters live in ONE float32 vector: each layer owns a contiguous range (kernel, then bias).
 * That keeps the optimiser a handful of ops per step whatever the depth, and lets the instrumented step
 * compute every per-layer norm with one matrix product against a layer-indicator matrix.
 *
 * Architectures:
 * - linear / logistic / softmax: one dense layer from the inputs to the outputs.
 * - mlp: dense hidden layers (`hidden` units each) with an activation and optional dropout, then the output.
 * - cnn (for square images, e.g. the 8x8 digits): conv 3x3 (8 filters) -> act -> max-pool 2 ->
 *   conv 3x3 (16 filters) -> act -> max-pool 2 -> flatten -> dense hidden layers -> output.
 *   Convolutions are written as im2col with matrix products (see conv3x3Same) because the WASM backend
 *   has no Conv2DBackpropFilter kernel; the result equals tf.conv2d with 'same' padding (tested).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { applyActivation, canDie, type ActivationName } from './activations';

export const MODEL_KINDS = ['linear', 'logistic', 'softmax', 'mlp', 'cnn'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const INIT_NAMES = ['glorot', 'he', 'zeros'] as const;
export type InitName = (typeof INIT_NAMES)[number];

/**
 * How the outputs are read: 'identity' (regression, one output), 'sigmoid' (binary, one logit) or
 * 'softmax' (K logits, K >= 2).
 */
export type OutputHead = 'identity' | 'sigmoid' | 'softmax';

/** The user's architectural choices (plain data). */
export interface ArchitectureConfig {
  kind: ModelKind;
  /** Units of each hidden dense layer (mlp; cnn after the convolutions). Ignored by linear models. */
  hidden: number[];
  activation: ActivationName;
  /** Dropout rate after each hidden layer's activation, in [0, 1). */
  dropout: number;
  init: InitName;
}

/** One layer's place in the flat parameter vector. */
export interface LayerLayout {
  name: string;
  kind: 'dense' | 'conv';
  /** dense: [inputs, units]; conv: [3, 3, inChannels, filters]. */
  kernelShape: number[];
  /** Output units (dense) or filters (conv). */
  units: number;
  /** Start of the kernel in the flat vector; the bias follows it. */
  offset: number;
  kernelSize: number;
  /** kernelSize + units (the bias). */
  size: number;
  /** null for the output layer. */
  activation: ActivationName | null;
  /** Dropout after the activation (hidden dense layers only; 0 = none). */
  dropout: number;
  /** conv only: the input's height and width (square), before this layer. */
  side?: number;
  fanIn: number;
  fanOut: number;
}

export interface ModelSpec {
  kind: ModelKind;
  head: OutputHead;
  inputs: number;
  outputs: number;
  layers: LayerLayout[];
  paramCount: number;
  /** cnn only: the input image's side (inputs = side * side). */
  imageSide?: number;
}

/** Filters of the two convolutions of the cnn. */
export const CNN_FILTERS = [8, 16] as const;

/**
 * Lays out the parameters of an architecture for `inputs` features and the given head.
 * Throws RangeError on shapes no model can take (callers validate user input first, see config.ts).
 */
export function buildModelSpec(arch: ArchitectureConfig, inputs: number, head: OutputHead, classes: number): ModelSpec {
  if (!(inputs >= 1)) throw new RangeError(`a model needs at least one input feature, got ${inputs}`);
  const outputs = head === 'softmax' ? classes : 1;
  if (head === 'softmax' && !(classes >= 2)) throw new RangeError(`softmax needs at least 2 classes, got ${classes}`);
  const layers: LayerLayout[] = [];
  let offset = 0;
  const addDense = (name: string, nIn: number, units: number, activation: ActivationName | null, dropout: number): void => {
    const kernelSize = nIn * units;
    layers.push({
      name, kind: 'dense', kernelShape: [nIn, units], units, offset, kernelSize, size: kernelSize + units,
      activation, dropout, fanIn: nIn, fanOut: units,
    });
    offset += kernelSize + units;
  };
  let width = inputs;
  let imageSide: number | undefined;
  if (arch.kind === 'cnn') {
    const side = Math.round(Math.sqrt(inputs));
    if (side * side !== inputs || side % 4 !== 0) {
      throw new RangeError(`cnn needs a square image whose side is a multiple of 4 (e.g. 8x8 = 64 features), got ${inputs} features`);
    }
    imageSide = side;
    let channels = 1;
    let s = side;
    CNN_FILTERS.forEach((filters, i) => {
      const kernelSize = 9 * channels * filters;
      layers.push({
        name: `conv${i + 1}`, kind: 'conv', kernelShape: [3, 3, channels, filters], units: filters, offset, kernelSize,
        size: kernelSize + filters, activation: arch.activation, dropout: 0, side: s, fanIn: 9 * channels, fanOut: 9 * filters,
      });
      offset += kernelSize + filters;
      channels = filters;
      s /= 2;
    });
    width = s * s * channels;
  }
  if (arch.kind === 'mlp' || arch.kind === 'cnn') {
    arch.hidden.forEach((units, i) => {
      if (!(Number.isInteger(units) && units >= 1)) throw new RangeError(`hidden layer sizes must be integers >= 1, got ${units}`);
      addDense(`hidden${i + 1}`, width, units, arch.activation, arch.dropout);
      width = units;
    });
  }
  addDense(arch.kind === 'mlp' || arch.kind === 'cnn' ? 'output' : arch.kind, width, outputs, null, 0);
  return { kind: arch.kind, head, inputs, outputs, layers, paramCount: offset, ...(imageSide ? { imageSide } : {}) };
}

/**
 * Initial parameters, drawn from `rng` (so one seed fixes them on every backend). Biases start at 0.
 * - glorot: uniform in +-sqrt(6 / (fanIn + fanOut)) (Glorot & Bengio 2010; Keras `glorot_uniform`)
 * - he:     normal with std sqrt(2 / fanIn) (He et al. 2015; `he_normal` without truncation)
 * - zeros:  every weight 0. Every hidden unit then computes the same thing and gets the same gradient,
 *           so they stay identical forever (with ReLU the hidden gradients are exactly 0): this choice
 *           exists to show why symmetric initialisation fails.
 * For conv layers fanIn = 9 * inChannels and fanOut = 9 * filters, as Keras counts them.
 */
export function initialParameters(spec: ModelSpec, init: InitName, rng: Rng): Float32Array {
  const out = new Float32Array(spec.paramCount);
  for (const layer of spec.layers) {
    if (init === 'zeros') continue;
    const limit = Math.sqrt(6 / (layer.fanIn + layer.fanOut));
    const std = Math.sqrt(2 / layer.fanIn);
    for (let i = 0; i < layer.kernelSize; i++) {
      out[layer.offset + i] = init === 'glorot' ? (2 * rng.next() - 1) * limit : rng.normal() * std;
    }
  }
  return out;
}

/** 1 on kernel entries, 0 on biases: L1/L2 penalties apply to kernels only (as Keras' kernel_regularizer). */
export function kernelMask(spec: ModelSpec): Float32Array {
  const mask = new Float32Array(spec.paramCount);
  for (const layer of spec.layers) mask.fill(1, layer.offset, layer.offset + layer.kernelSize);
  return mask;
}

/** Layer-indicator matrix S [paramCount, layers]: S[p, l] = 1 when parameter p belongs to layer l. */
export function layerIndicator(spec: ModelSpec): Float32Array {
  const L = spec.layers.length;
  const s = new Float32Array(spec.paramCount * L);
  spec.layers.forEach((layer, l) => {
    for (let p = layer.offset; p < layer.offset + layer.size; p++) s[p * L + l] = 1;
  });
  return s;
}

/** Layers whose activations are summarised (every hidden layer, conv included): those with an activation. */
export function hiddenLayers(spec: ModelSpec): LayerLayout[] {
  return spec.layers.filter((l) => l.activation !== null);
}

export interface ForwardOptions {
  /** Dropout is applied only when true. */
  training: boolean;
  /** Seed for this pass's dropout masks (one pass = one seed; layers derive their own from it). */
  dropoutSeed?: number;
  /**
   * When set, each hidden layer pushes [mean, std, deadShare] of its activations (as a kept 1-D tensor
   * of length 3) here; deadShare is -1 for activations that cannot die. The caller disposes them.
   */
  stats?: tf.Tensor[];
  /**
   * When set, every layer pushes max|z| of its outputs z (pre-activation; logits for the output layer)
   * as a kept scalar, so a forward overflow can be traced to the layer where it starts. The caller disposes.
   */
  maxAbs?: tf.Tensor[];
  /**
   * Simulated low precision: applied to every layer's pre-activation and to its output (after
   * activation, pooling and dropout), with the layer's index. See precision-step.ts.
   */
  round?: (t: tf.Tensor, layerIndex: number) => tf.Tensor;
}

/** Mixes a pass seed and a layer index into a dropout seed (splitmix-style, so nearby inputs differ). */
function layerSeed(seed: number, layerIndex: number): number {
  let z = (seed + Math.imul(layerIndex + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

function layerParams(params: tf.Tensor1D, layer: LayerLayout): { kernel: tf.Tensor; bias: tf.Tensor1D } {
  const kernel = tf.reshape(tf.slice(params, [layer.offset], [layer.kernelSize]), layer.kernelShape);
  const bias = tf.slice(params, [layer.offset + layer.kernelSize], [layer.units]);
  return { kernel, bias };
}

/** Cache of shift matrices by image side (constants, rebuilt as tensors inside each pass). */
const shiftCache = new Map<number, Float32Array>();

/**
 * The [s*s, 9*s*s] 0/1 matrix S with S[q, k*s*s + p] = 1 when pixel q is neighbour k (k = 3 dy + dx,
 * offsets -1..1) of pixel p, and all zeros where the neighbour falls outside the image (zero padding).
 */
export function shiftMatrix(side: number): Float32Array {
  const cached = shiftCache.get(side);
  if (cached) return cached;
  const hw = side * side;
  const m = new Float32Array(hw * 9 * hw);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      for (let dy = 0; dy < 3; dy++) {
        for (let dx = 0; dx < 3; dx++) {
          const qy = py + dy - 1;
          const qx = px + dx - 1;
          if (qy < 0 || qy >= side || qx < 0 || qx >= side) continue;
          m[(qy * side + qx) * 9 * hw + (dy * 3 + dx) * hw + py * side + px] = 1;
        }
      }
    }
  }
  shiftCache.set(side, m);
  return m;
}

/**
 * 3x3 'same' convolution as im2col by matrix products: x [B, s*s, C] (pixels row-major, channels last),
 * kernel [3, 3, C, F] -> [B, s, s, F]. The patches come from one product with the shift matrix, so the
 * gradient is made of matMuls and transposes, which every backend has and runs fast (WASM has no
 * Conv2DBackpropFilter; generic 4-D slices are slow on the CPU backend).
 */
function conv3x3Same(x: tf.Tensor3D, side: number, kernel: tf.Tensor, bias: tf.Tensor1D): tf.Tensor4D {
  const [b, hw, c] = x.shape;
  const shift = tf.tensor2d(shiftMatrix(side), [hw, 9 * hw]);
  const byChannel = tf.reshape(tf.transpose(x, [0, 2, 1]), [b * c, hw]);
  const patches = tf.reshape(tf.matMul(byChannel, shift), [b, c, 9, hw]);
  // Column order (k, c) matches the row-major flattening of the [3, 3, C, F] kernel.
  const cols = tf.reshape(tf.transpose(patches, [0, 3, 2, 1]), [b * hw, 9 * c]);
  const filters = kernel.shape[3]!;
  const out = tf.add(tf.matMul(cols, tf.reshape(kernel, [9 * c, filters])), bias);
  return tf.reshape(out, [b, side, side, filters]);
}

function summarise(pre: tf.Tensor, act: tf.Tensor, activation: ActivationName, unitAxis: number): tf.Tensor {
  const { mean, variance } = tf.moments(act);
  // A unit is dead on this batch when its pre-activation is <= 0 for every example (and position).
  const dead = canDie(activation)
    ? tf.mean(tf.cast(tf.lessEqual(tf.max(tf.reshape(pre, [-1, unitAxis]), 0), 0), 'float32'))
    : tf.scalar(-1);
  return tf.keep(tf.stack([mean, tf.sqrt(variance), dead]));
}

/**
 * The forward pass: x [B, inputs] -> outputs [B, outputs] (logits for classification heads, the
 * prediction for regression). Pure tf ops; call inside tf.tidy (or a gradient function).
 */
export function forward(spec: ModelSpec, params: tf.Tensor1D, x: tf.Tensor2D, options: ForwardOptions): tf.Tensor2D {
  const batch = x.shape[0];
  let h: tf.Tensor = x;
  spec.layers.forEach((layer, index) => {
    const { kernel, bias } = layerParams(params, layer);
    let pre: tf.Tensor;
    if (layer.kind === 'conv') {
      const side = layer.side!;
      const input = tf.reshape(h, [batch, side * side, layer.kernelShape[2]!]) as tf.Tensor3D;
      pre = conv3x3Same(input, side, kernel, bias);
    } else {
      pre = tf.add(tf.matMul(tf.reshape(h, [batch, layer.fanIn]), kernel), bias);
    }
    if (options.round) pre = options.round(pre, index);
    if (options.maxAbs) options.maxAbs.push(tf.keep(tf.max(tf.abs(pre))));
    if (!layer.activation) {
      h = pre;
      return;
    }
    let act = applyActivation(layer.activation, pre);
    if (options.stats) options.stats.push(summarise(pre, act, layer.activation, layer.units));
    if (layer.kind === 'conv') act = tf.maxPool(act as tf.Tensor4D, 2, 2, 'valid');
    if (options.training && layer.dropout > 0) {
      act = tf.dropout(act, layer.dropout, undefined, layerSeed(options.dropoutSeed ?? 0, index));
    }
    h = options.round ? options.round(act, index) : act;
  });
  return tf.reshape(h, [batch, spec.outputs]);
}
