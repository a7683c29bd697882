/**
 * float16 / bfloat16 rounding as tf ops, so a training step can round weights, activations and
 * gradients on the device (simulated low precision: the values are rounded, the arithmetic between
 * roundings stays float32, as on hardware that accumulates in float32).
 *
 * The same rule as low-precision.ts (round to nearest, ties to even, overflow to +-Infinity, gradual
 * underflow through the subnormals), built from ops every backend has: the exponent e = floor(log2|x|)
 * from a logarithm, corrected by one where the logarithm lands on the wrong side of a power of two,
 * clamped at the format's smallest normal exponent; then r = round(x / 2^(e - m)) * 2^(e - m), where
 * tf.round is banker's rounding (ties to even) and the divisions by powers of two are exact.
 * Tested equal to roundToFormat on the boundary values and on random float32 values (cpu and wasm).
 * On WebGL/WebGPU the GPU's own float rules (subnormals, pow) may differ in the last place: say so.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FloatFormat } from './low-precision';

/** x rounded to `format`, element-wise (NaN and +-Infinity kept). Call inside tf.tidy. */
export function roundTensor<T extends tf.Tensor>(x: T, format: FloatFormat): T {
  return tf.tidy(() => {
    const a = tf.abs(x);
    const finite = tf.less(a, Infinity); // false for +-Infinity and NaN
    const safe = tf.where(tf.logicalAnd(finite, tf.greater(a, 0)), a, tf.onesLike(a)); // log of 1 where 0/inf/NaN
    let e = tf.floor(tf.mul(tf.log(safe), Math.LOG2E));
    // The logarithm can be off by one next to a power of two: fix e so that 2^e <= a < 2^(e+1).
    e = tf.where(tf.greater(tf.pow(2, e), safe), tf.sub(e, 1), e);
    e = tf.where(tf.lessEqual(tf.pow(2, tf.add(e, 1)), safe), tf.add(e, 1), e);
    e = tf.maximum(e, format.minExponent); // subnormals share the smallest normal's spacing
    const ulp = tf.pow(2, tf.sub(e, format.mantissaBits));
    const r = tf.mul(tf.round(tf.div(x, ulp)), ulp);
    const overflow = tf.greater(tf.abs(r), format.maxFinite);
    const rounded = tf.where(overflow, tf.mul(tf.sign(x), Infinity), r);
    return tf.where(finite, rounded, x) as T;
  });
}

/** How many entries rounding flushed to zero: x != 0 and r == 0 (a float32 scalar count). */
export function flushedCount(x: tf.Tensor, rounded: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.logicalAnd(tf.notEqual(x, 0), tf.equal(rounded, 0)), 'float32')));
}

/** The same per layer: a [L] vector of counts, from the [P] vectors and the [P, L] layer indicator. */
export function flushedPerLayer(x: tf.Tensor1D, rounded: tf.Tensor1D, indicator: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const flushed = tf.cast(tf.logicalAnd(tf.notEqual(x, 0), tf.equal(rounded, 0)), 'float32');
    return tf.reshape(tf.matMul(tf.reshape(flushed, [1, -1]), indicator), [-1]);
  });
}

/** 1 when every entry is finite, else 0 (x * 0 is NaN exactly for NaN and +-Infinity; no tf.isNaN, absent on WASM). */
export function allFinite(x: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.cast(tf.equal(tf.sum(tf.mul(x, 0)), 0), 'float32') as tf.Scalar);
}
