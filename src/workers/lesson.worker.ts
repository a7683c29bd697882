/// <reference lib="webworker" />
/**
 * The lesson experiment Worker: only the message switch. Training runs here, off the page's thread.
 */
import type { FromExperimentWorker, ToExperimentWorker } from './lesson-protocol';
import { runLessonExperiment } from './lesson-runner';

const signals = new Map<number, { aborted: boolean }>();
const post = (m: FromExperimentWorker): void => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
/** Progress at most every 100 ms: the page only draws a bar. */
let lastProgress = 0;

self.onmessage = async (event: MessageEvent<ToExperimentWorker>) => {
  const msg = event.data;
  if (msg.type === 'abort') {
    const s = signals.get(msg.id);
    if (s) s.aborted = true;
    return;
  }
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
