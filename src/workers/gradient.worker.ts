/**
 * A gradient worker for data-parallel training in the browser (started by the training Worker, see
 * gradient-pool-web.ts): the backends and the message switch; the computation is the core's ShardWorker
 * (src/core/train/data-parallel.ts). It runs on the backend the run uses, so its kernels are the same.
 */
/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { handleShardCommand, type ShardCommand, type ShardWorker } from '../core/train/data-parallel';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
tf.env().set('PROD', true);

async function activate(backend: string): Promise<void> {
  const ok = await tf.setBackend(backend);
  await tf.ready();
  // The same backend as the run or nothing: another one would give other numbers.
  if (!ok || tf.getBackend() !== backend) throw new Error(`the ${backend} backend did not start in a gradient worker`);
}

const scope = self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void };
const state: { worker: ShardWorker | null } = { worker: null };
// One command at a time, in order (a compute never overtakes its setup).
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ShardCommand>) => {
  queue = queue.then(async () => {
    const { reply, transfer } = await handleShardCommand(state, event.data, activate);
    scope.postMessage(reply, transfer);
  });
};
