/**
 * The TensorFlow.js backend inside the Experiments workers: wasm (its .wasm files are the app's own
 * static assets, never a CDN) with cpu as the fallback. GPU backends are not offered here: a search
 * runs one small model per worker in parallel, and on machines without a GPU the measured step times
 * (DESIGN.md: ~5 ms wasm, ~20 ms cpu, ~33 ms software WebGL) make wasm the right choice; with a GPU,
 * N workers would contend for one device anyway.
 *
 * `register_all_gradients` is imported because `@tensorflow/tfjs-core` alone registers no gradients,
 * and the engine's instrumented step differentiates.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend, type BackendHost, type BackendSelection } from '../core/train/backend-select';

export type WorkerBackendPreference = 'auto' | 'wasm' | 'cpu';

let pathsSet = false;

const host: BackendHost = {
  probe: async (name) => {
    if (name === 'cpu') return { available: true };
    if (name === 'wasm') return typeof WebAssembly === 'object' ? { available: true } : { available: false, detail: 'WebAssembly is not available' };
    return { available: false, detail: 'not used by the experiment workers' };
  },
  activate: async (name) => {
    if (name === 'wasm' && !pathsSet) {
      // Absolute URLs: a worker resolves relative paths against its own script, not the page.
      const abs = (u: string): string => new URL(u, globalThis.location?.href).href;
      setWasmPaths({
        'tfjs-backend-wasm.wasm': abs(wasmPlain),
        'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
        'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreadedSimd),
      });
      pathsSet = true;
    }
    await tf.setBackend(name);
    await tf.ready();
    return tf.getBackend();
  },
};

/** Activates wasm (or cpu, or the one asked for) in this worker and reports the choice and why. */
export function useWorkerBackend(preference: WorkerBackendPreference): Promise<BackendSelection> {
  tf.env().set('PROD', true);
  return selectBackend(preference, host, { order: ['wasm', 'cpu'], fallback: true });
}
