/**
 * Runs one lesson experiment with the core runners, wherever it is called from (the experiment Worker,
 * or the page when Workers are unavailable). TensorFlow.js is set up on first use: wasm (the app's own
 * .wasm assets, never a CDN) with cpu as the fallback; the lessons' models are small, and on machines
 * without a GPU wasm is the fastest backend (DESIGN.md: ~5 ms per step against ~33 ms for WebGL).
 */
import type { Experiment } from '../core/lessons/experiment';
import { runMetricsExperiment } from '../core/lessons/run-metrics';
import { runTrainExperiment } from '../core/lessons/run-train';
import { useWorkerBackend } from './experiments-backend';
import type { ExperimentProgress, ExperimentResult } from './lesson-protocol';

let backend: Promise<string> | null = null;

/** The active backend's name (wasm, else cpu), activating it on the first call. */
export function ensureLessonBackend(): Promise<string> {
  backend ??= useWorkerBackend('auto').then((selection) => {
    if (!selection.ok) throw new Error(selection.message);
    return selection.choice.backend;
  });
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
