/**
 * The app's CNN (see train/model.ts: conv 3x3 'same' -> act -> max-pool 2, twice, then dense layers)
 * evaluated in plain float64 TypeScript for ONE image, keeping every layer's maps, with the gradient of
 * one output with respect to the input pixels by backpropagation. What the explanation views need (a
 * few thousand passes for integrated gradients, every intermediate for the feature maps) without
 * TensorFlow.js, on the page or in Node. Parameters are the run's flat float32 vector, read with the
 * model's layout; dropout is off (inference). Tested equal to the tfjs forward pass, and the gradient
 * against finite differences.
 *
 * Layouts: an image or map is pixel-major with channels last, index (y * side + x) * C + c (as the tfjs
 * pass reshapes it); a conv kernel [3, 3, C, F] is row-major, index ((dy * 3 + dx) * C + c) * F + f,
 * and output pixel (y, x) reads input pixel (y + dy - 1, x + dx - 1), zero outside the image (a
 * cross-correlation, as tf.conv2d).
 */
import type { LayerLayout, ModelSpec } from '../train/model';
import { activate, headValueAndGradient, type ModelOutputTarget } from './dense-input-function';
import type { ValueAndGradient } from './integrated-gradients';

/** One layer of one pass. */
export interface CnnLayerTrace {
  layer: LayerLayout;
  /** Pre-activation: conv [side * side * F], dense [units] (the logits for the output layer). */
  pre: Float64Array;
  /** After the activation (same shape as pre); equals pre for the output layer. */
  act: Float64Array;
  /** conv: the activation's derivative at pre; dense hidden likewise; null for the output layer. */
  deriv: Float64Array | null;
  /** conv only: after 2x2 max-pooling, [(side / 2)^2 * F], and the index into act of each maximum. */
  pooled: Float64Array | null;
  poolArg: Int32Array | null;
}

export interface CnnTrace {
  input: Float64Array;
  layers: CnnLayerTrace[];
  /** The output layer's values (logits; the prediction for regression). */
  outputs: Float64Array;
}

/** Whether `spec` is the app's cnn (conv layers with a square input side). */
export function isCnnSpec(spec: ModelSpec): boolean {
  return spec.kind === 'cnn' && spec.imageSide !== undefined && spec.layers.some((l) => l.kind === 'conv');
}

function conv(layer: LayerLayout, params: ArrayLike<number>, input: Float64Array): Float64Array {
  const side = layer.side!;
  const [, , c, f] = layer.kernelShape as [number, number, number, number];
  const out = new Float64Array(side * side * f);
  const biasAt = layer.offset + layer.kernelSize;
  for (let p = 0; p < side * side; p++) for (let j = 0; j < f; j++) out[p * f + j] = params[biasAt + j]!;
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const o = (py * side + px) * f;
      for (let k = 0; k < 9; k++) {
        const qy = py + Math.floor(k / 3) - 1;
        const qx = px + (k % 3) - 1;
        if (qy < 0 || qy >= side || qx < 0 || qx >= side) continue;
        const q = (qy * side + qx) * c;
        for (let ch = 0; ch < c; ch++) {
          const v = input[q + ch]!;
          if (v === 0) continue;
          const row = layer.offset + (k * c + ch) * f;
          for (let j = 0; j < f; j++) out[o + j] = out[o + j]! + v * params[row + j]!;
        }
      }
    }
  }
  return out;
}

/** Gradient with respect to the conv's input from the gradient with respect to its pre-activation. */
function convBackward(layer: LayerLayout, params: ArrayLike<number>, gPre: Float64Array): Float64Array {
  const side = layer.side!;
  const [, , c, f] = layer.kernelShape as [number, number, number, number];
  const gIn = new Float64Array(side * side * c);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const o = (py * side + px) * f;
      for (let k = 0; k < 9; k++) {
        const qy = py + Math.floor(k / 3) - 1;
        const qx = px + (k % 3) - 1;
        if (qy < 0 || qy >= side || qx < 0 || qx >= side) continue;
        const q = (qy * side + qx) * c;
        for (let ch = 0; ch < c; ch++) {
          const row = layer.offset + (k * c + ch) * f;
          let s = 0;
          for (let j = 0; j < f; j++) s += gPre[o + j]! * params[row + j]!;
          gIn[q + ch] = gIn[q + ch]! + s;
        }
      }
    }
  }
  return gIn;
}

/** 2x2 max-pooling with stride 2 of a [side, side, F] map; the first maximum wins a tie. */
function maxPool(act: Float64Array, side: number, f: number): { pooled: Float64Array; arg: Int32Array } {
  const half = side / 2;
  const pooled = new Float64Array(half * half * f);
  const arg = new Int32Array(half * half * f);
  for (let oy = 0; oy < half; oy++) {
    for (let ox = 0; ox < half; ox++) {
      for (let j = 0; j < f; j++) {
        let best = -Infinity;
        let at = 0;
        for (let a = 0; a < 4; a++) {
          const i = ((2 * oy + (a >> 1)) * side + 2 * ox + (a & 1)) * f + j;
          if (act[i]! > best) {
            best = act[i]!;
            at = i;
          }
        }
        pooled[(oy * half + ox) * f + j] = best;
        arg[(oy * half + ox) * f + j] = at;
      }
    }
  }
  return { pooled, arg };
}

function dense(layer: LayerLayout, params: ArrayLike<number>, h: Float64Array): Float64Array {
  const units = layer.units;
  const z = new Float64Array(units);
  for (let j = 0; j < units; j++) z[j] = params[layer.offset + layer.kernelSize + j]!;
  for (let i = 0; i < layer.fanIn; i++) {
    const hi = h[i]!;
    if (hi === 0) continue;
    const row = layer.offset + i * units;
    for (let j = 0; j < units; j++) z[j] = z[j]! + hi * params[row + j]!;
  }
  return z;
}

function checkShapes(spec: ModelSpec, params: ArrayLike<number>): void {
  if (!isCnnSpec(spec)) throw new RangeError(`this pass covers the cnn, not ${spec.kind}`);
  if (params.length !== spec.paramCount) throw new RangeError(`params has ${params.length} values, the model ${spec.paramCount}`);
}

/** One forward pass of image `x` (spec.inputs pixels, the prepared input), keeping every layer. */
export function cnnForward(spec: ModelSpec, params: ArrayLike<number>, x: ArrayLike<number>): CnnTrace {
  checkShapes(spec, params);
  if (x.length !== spec.inputs) throw new RangeError(`the cnn takes ${spec.inputs} pixels, got ${x.length}`);
  const input = Float64Array.from(x);
  const layers: CnnLayerTrace[] = [];
  let h: Float64Array = input;
  for (const layer of spec.layers) {
    const pre = layer.kind === 'conv' ? conv(layer, params, h) : dense(layer, params, h);
    if (!layer.activation) {
      layers.push({ layer, pre, act: pre, deriv: null, pooled: null, poolArg: null });
      h = pre;
      continue;
    }
    const act = new Float64Array(pre.length);
    const deriv = new Float64Array(pre.length);
    for (let i = 0; i < pre.length; i++) {
      const r = activate(layer.activation, pre[i]!);
      act[i] = r.a;
      deriv[i] = r.da;
    }
    if (layer.kind === 'conv') {
      const { pooled, arg } = maxPool(act, layer.side!, layer.units);
      layers.push({ layer, pre, act, deriv, pooled, poolArg: arg });
      h = pooled;
    } else {
      layers.push({ layer, pre, act, deriv, pooled: null, poolArg: null });
      h = act;
    }
  }
  return { input, layers, outputs: h };
}

/** d value / d input of a pass, from d value / d outputs. */
export function cnnBackward(params: ArrayLike<number>, trace: CnnTrace, gOut: Float64Array): Float64Array {
  let g = gOut;
  for (let l = trace.layers.length - 1; l >= 0; l--) {
    const t = trace.layers[l]!;
    // g: d value / d (this layer's output: pooled for conv, act for dense).
    let gAct = g;
    if (t.poolArg) {
      gAct = new Float64Array(t.act.length);
      for (let j = 0; j < t.poolArg.length; j++) gAct[t.poolArg[j]!] = gAct[t.poolArg[j]!]! + g[j]!;
    }
    const gPre = t.deriv ? Float64Array.from(gAct, (v, i) => v * t.deriv![i]!) : gAct;
    if (t.layer.kind === 'conv') {
      g = convBackward(t.layer, params, gPre);
    } else {
      const { fanIn, units, offset } = t.layer;
      const prev = new Float64Array(fanIn);
      for (let i = 0; i < fanIn; i++) {
        let s = 0;
        for (let j = 0; j < units; j++) s += params[offset + i * units + j]! * gPre[j]!;
        prev[i] = s;
      }
      g = prev;
    }
  }
  return g;
}

/**
 * The cnn's chosen output (see ModelOutputTarget) as a function of the prepared input image, with its
 * input gradient. Throws RangeError for another model or a class index out of range.
 */
export function cnnInputFunction(spec: ModelSpec, params: ArrayLike<number>, target: ModelOutputTarget): ValueAndGradient {
  checkShapes(spec, params);
  const classIndex = target.classIndex ?? 0;
  if (!(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < spec.outputs)) {
    throw new RangeError(`class index ${classIndex} is outside the model's ${spec.outputs} outputs`);
  }
  return (x: Float64Array) => {
    const trace = cnnForward(spec, params, x);
    const head = headValueAndGradient(spec, trace.outputs, target.output, classIndex);
    return { value: head.value, grad: cnnBackward(params, trace, head.grad) };
  };
}

/** Class probabilities (softmax head; [1 - p, p] for a sigmoid head) of a pass. */
export function cnnProbabilities(spec: ModelSpec, trace: CnnTrace): Float64Array {
  const out = trace.outputs;
  if (spec.head === 'sigmoid') {
    const p = 1 / (1 + Math.exp(-out[0]!));
    return Float64Array.of(1 - p, p);
  }
  if (spec.head === 'identity') return Float64Array.from(out);
  let max = -Infinity;
  for (const v of out) max = Math.max(max, v);
  const e = Float64Array.from(out, (v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}
