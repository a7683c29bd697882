/**
 * Test-only: TensorFlow.js backends in Node for the training tests.
 *
 * `@tensorflow/tfjs-core` alone registers no gradients in Node (its ESM `register_all_gradients` cannot be
 * imported there), so we load the `@tensorflow/tfjs` Node bundle, which registers them globally, plus the
 * WASM backend with its .wasm files read from node_modules (never a CDN). Production code takes the same
 * steps in the CLI shell (src/cli/train-command.ts) and the Worker shell.
 */
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

let wasmPathsSet = false;

/** Switch to `cpu` or `wasm` and check that it really is the active backend. */
export async function useTestBackend(name: 'cpu' | 'wasm'): Promise<void> {
  tf.env().set('PROD', true); // silences the "install tfjs-node" banner
  if (name === 'wasm' && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
    wasmPathsSet = true;
  }
  await tf.setBackend(name);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not initialise (active: ${tf.getBackend()})`);
}
