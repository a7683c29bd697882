/**
 * The page's handle on lesson experiments: fetches the bundled files an experiment reads, runs it in the
 * experiment Worker (created on first use), and falls back to running on the page, with a yield between
 * steps, when a Worker cannot be created. One experiment at a time: starting another aborts the first.
 */
import type { Experiment } from '../core/lessons/experiment';
import { filesNeeded } from '../core/lessons/lesson-data';
import { fetchBundledFile } from '../core/data/bundled-files';
import type { ExperimentProgress, ExperimentResult, FromExperimentWorker, ToExperimentWorker } from './lesson-protocol';

export interface RunningExperiment {
  done: Promise<{ result: ExperimentResult; backend: string }>;
  abort(): void;
}

let worker: Worker | null = null;
let workerFailed = false;
let nextId = 1;
const pending = new Map<number, { resolve: (v: { result: ExperimentResult; backend: string }) => void; reject: (e: Error) => void; onProgress: (p: ExperimentProgress) => void }>();

function getWorker(): Worker | null {
  if (worker || workerFailed) return worker;
  try {
    worker = new Worker(new URL('./lesson.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<FromExperimentWorker>) => {
      const msg = event.data;
      const p = pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') p.onProgress(msg.progress);
      else {
        pending.delete(msg.id);
        if (msg.type === 'result') p.resolve({ result: msg.result, backend: msg.backend });
        else p.reject(new Error(msg.message));
      }
    };
    worker.onerror = (event) => {
      // A worker that fails to load: reject what is pending and run on the page from now on.
      for (const p of pending.values()) p.reject(new Error(`the experiment worker failed: ${event.message || 'could not start'}`));
      pending.clear();
      worker?.terminate();
      worker = null;
      workerFailed = true;
    };
  } catch {
    workerFailed = true;
  }
  return worker;
}

async function loadFiles(experiment: Experiment): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of filesNeeded(experiment)) files[path] = await fetchBundledFile(path);
  return files;
}

let current: RunningExperiment | null = null;

/** Starts the experiment (aborting one still running). */
export function startExperiment(experiment: Experiment, onProgress: (p: ExperimentProgress) => void): RunningExperiment {
  current?.abort();
  const id = nextId++;
  const signal = { aborted: false };
  const done = (async () => {
    const files = await loadFiles(experiment);
    const w = getWorker();
    if (w) {
      return new Promise<{ result: ExperimentResult; backend: string }>((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
        w.postMessage({ type: 'run', id, experiment, files } satisfies ToExperimentWorker);
      });
    }
    const { runLessonExperiment } = await import('./lesson-runner');
    return runLessonExperiment(experiment, files, {
      signal,
      onProgress,
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
  })();
  const running: RunningExperiment = {
    done,
    abort() {
      signal.aborted = true;
      worker?.postMessage({ type: 'abort', id } satisfies ToExperimentWorker);
    },
  };
  current = running;
  return running;
}
