/**
 * TensorFlow.js backends in Node for the CLI, the benchmark and the gradient worker threads: wasm (its
 * .wasm files read from node_modules, never a CDN) and cpu. WebGPU and WebGL do not exist in Node.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendChoice, type BackendHost, type BackendName, type BackendPreference } from '../core/train/backend-select';

let tfjsLoaded = false;

/**
 * The Node backend host. Loading `@tensorflow/tfjs` registers the gradients (tfjs-core alone does
 * not, in Node) and the cpu backend.
 */
export async function nodeBackendHost(): Promise<BackendHost> {
  if (!tfjsLoaded) {
    await import('@tensorflow/tfjs');
    tf.env().set('PROD', true); // no "install tfjs-node" banner on stderr
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
    tfjsLoaded = true;
  }
  return {
    probe: async (name: BackendName) => (name === 'wasm' || name === 'cpu' ? { available: true } : { available: false, detail: 'not available in Node' }),
    activate: async (name: BackendName) => {
      // setBackend resolves false on a failed initialisation (and still names the failed backend).
      const ok = await tf.setBackend(name);
      await tf.ready();
      if (!ok) throw new Error('tf.setBackend() returned false');
      return tf.getBackend();
    },
  };
}

/** Selects the backend for the CLI and the Node benchmark (auto = wasm, then cpu). */
export async function useNodeBackend(preference: BackendPreference): Promise<{ ok: true; choice: BackendChoice } | { ok: false; message: string }> {
  const host = await nodeBackendHost();
  const r = await selectBackend(preference, host, { order: ['wasm', 'cpu'] });
  return r.ok ? { ok: true, choice: r.choice } : { ok: false, message: r.message };
}

