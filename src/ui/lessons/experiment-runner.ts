/**
 * Runs one lesson experiment with the core runners, wherever it is called from (the experiment Worker,
 * or the page when Workers are unavailable). TensorFlow.js is set up on first use: wasm (the app's own
 * .wasm assets, never a CDN) with cpu as the fallback; the lessons' models are small, and on machines
 * without a GPU wasm is the fastest backend (DESIGN.md: ~5 ms per step against ~33 ms for WebGL).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { Experiment } from '../../core/lessons/experiment';
import { runMetricsExperiment } from '../../core/lessons/run-metrics';
import { runTrainExperiment } from '../../core/lessons/run-train';
import type { ExperimentProgress, ExperimentResult } from './experiment-protocol';

let backend: Promise<string> | null = null;

async function activate(): Promise<string> {
  tf.env().set('PROD', true);
  if (typeof WebAssembly === 'object') {
    try {
      // Absolute URLs: inside a Worker, relative paths resolve against the worker script, not the page.
      const abs = (u: string): string => new URL(u, globalThis.location?.href).href;
      setWasmPaths({
        'tfjs-backend-wasm.wasm': abs(wasmPlain),
        'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
        'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreadedSimd),
      });
      if ((await tf.setBackend('wasm')) && tf.getBackend() === 'wasm') return 'wasm';
    } catch {
      // Fall through to cpu: a refused WebAssembly compile must not stop the lesson.
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  // Read back: a failed setBackend can leave another backend active.
  return tf.getBackend();
}

/** The active backend's name, activating it on the first call. */
export function ensureLessonBackend(): Promise<string> {
  backend ??= activate();
  return backend;
}

/** Runs the experiment; `files` holds the bundled files it reads (see filesNeeded). */
export async function runLessonExperiment(
  experiment: Experiment,
  files: Readonly<Record<string, string>>,
  options: { onProgress?: (p: ExperimentProgress) => void; signal?: { aborted: boolean }; pause?: () => Promise<void> } = {},
): Promise<{ result: ExperimentResult; backend: string }> {
  const name = await ensureLessonBackend();
  const loadText = async (path: string): Promise<string> => {
    const text = files[path];
    if (text === undefined) throw new Error(`datasets/${path} was not loaded`);
    return text;
  };
  if (experiment.kind === 'metrics') return { result: await runMetricsExperiment(experiment, { loadText }), backend: name };
  const result = await runTrainExperiment(experiment, {
    loadText,
    pause: options.pause,
    signal: options.signal,
    onProgress: (p) => options.onProgress?.({ label: p.label, fraction: p.done / p.total }),
  });
  return { result, backend: name };
}
