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
import type { ExperimentProgress, ExperimentResult, FromExperimentWorker, ToExperimentWorker } from './lesson-protocol';

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

/**
 * The message switch of the experiment Worker, and of the page when it runs experiments itself: `run`
 * starts one, `abort` stops it after its current step; answers go to `post`.
 */
export function lessonMessageHandler(post: (message: FromExperimentWorker) => void): (message: ToExperimentWorker) => Promise<void> {
  const signals = new Map<number, { aborted: boolean }>();
  /** Progress at most every 100 ms: the page only draws a bar. */
  let lastProgress = 0;
  return async (msg) => {
    if (msg.type === 'abort') {
      const s = signals.get(msg.id);
      if (s) s.aborted = true;
      return;
    }
    // Registered before the first await, so an abort that follows the run message finds it.
    const signal = { aborted: false };
    signals.set(msg.id, signal);
    try {
      const { result, backend } = await runLessonExperiment(msg.experiment, msg.files, {
        signal,
        // Yield between steps so an abort message can arrive.
        pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
        onProgress: (progress) => {
          const now = performance.now();
          if (now - lastProgress < 100) return;
          lastProgress = now;
          post({ type: 'progress', id: msg.id, progress });
        },
      });
      post({ type: 'result', id: msg.id, result, backend });
    } catch (err) {
      post({ type: 'failed', id: msg.id, message: err instanceof Error ? err.message : String(err) });
    } finally {
      signals.delete(msg.id);
    }
  };
}
