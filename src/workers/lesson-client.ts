/**
 * The page's handle on lesson experiments: fetches the bundled files an experiment reads and runs it
 * through the channel (channel.ts) in the experiment Worker, started on first use; where a Worker cannot
 * be created (or fails to start) the same message switch runs on the page, with a yield between steps.
 * One experiment at a time: starting another aborts the first.
 */
import type { Experiment } from '../core/lessons/experiment';
import { filesNeeded } from '../core/lessons/lesson-data';
import { fetchBundledFile } from '../core/data/bundled-files';
import { createChannel, type Reading } from './channel';
import type { ExperimentProgress, ExperimentResult, FromExperimentWorker, LessonProtocol } from './lesson-protocol';

export interface RunningExperiment {
  done: Promise<{ result: ExperimentResult; backend: string }>;
  abort(): void;
}

function readLessonMessage(message: FromExperimentWorker): Reading<LessonProtocol> {
  switch (message.type) {
    case 'progress':
      return { kind: 'progress', id: message.id, progress: message.progress };
    case 'result':
      return { kind: 'answer', id: message.id, answer: { result: message.result, backend: message.backend } };
    case 'failed':
      return { kind: 'failed', id: message.id, error: new Error(message.message) };
  }
}

const channel = createChannel<LessonProtocol>({
  name: 'experiment worker',
  create: () => new Worker(new URL('./lesson.worker.ts', import.meta.url), { type: 'module' }),
  read: readLessonMessage,
  onPage: (post) => {
    // Loaded only when needed: it brings TensorFlow.js onto the page.
    const handler = import('./lesson-runner').then((m) => m.lessonMessageHandler(post));
    return { handle: (message) => handler.then((handle) => handle(message)) };
  },
  cancel: (id) => ({ type: 'abort', id }),
});

async function loadFiles(experiment: Experiment): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of filesNeeded(experiment)) files[path] = await fetchBundledFile(path);
  return files;
}

let current: RunningExperiment | null = null;

/** Starts the experiment (aborting one still running). */
export function startExperiment(experiment: Experiment, onProgress: (p: ExperimentProgress) => void): RunningExperiment {
  current?.abort();
  const abort = new AbortController();
  const done = (async () => {
    const files = await loadFiles(experiment);
    return channel.request('run', { experiment, files }, { onProgress, signal: abort.signal });
  })();
  const running: RunningExperiment = { done, abort: () => abort.abort() };
  current = running;
  return running;
}
