/**
 * One code path for synchronous and asynchronous reads from the device.
 *
 * Code that needs numbers back is written as a generator that yields each tensor it wants read and
 * receives the values. `readSync` drives it with `dataSync()` (CPU, WASM, WebGL: simple loops, tests,
 * the CLI); `readAsync` with `await data()` (WebGPU, whose synchronous read is slow, and anything in a
 * Worker that should not block). The driver disposes every yielded tensor after reading it.
 */
import type * as tf from '@tensorflow/tfjs-core';

export type DeviceReads<T> = Generator<tf.Tensor, T, Float32Array>;

/** Runs `reads`, reading each yielded tensor with dataSync(). */
export function readSync<T>(reads: DeviceReads<T>): T {
  let next = reads.next();
  while (!next.done) {
    const tensor = next.value;
    let values: Float32Array;
    try {
      values = tensor.dataSync() as Float32Array;
    } finally {
      tensor.dispose();
    }
    next = reads.next(values);
  }
  return next.value;
}

/** Runs `reads`, reading each yielded tensor with `await data()`. */
export async function readAsync<T>(reads: DeviceReads<T>): Promise<T> {
  let next = reads.next();
  while (!next.done) {
    const tensor = next.value;
    let values: Float32Array;
    try {
      values = (await tensor.data()) as Float32Array;
    } finally {
      tensor.dispose();
    }
    next = reads.next(values);
  }
  return next.value;
}
