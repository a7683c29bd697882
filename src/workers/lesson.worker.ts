/// <reference lib="webworker" />
/**
 * The lesson experiment Worker: only the message switch (lesson-runner.ts `lessonMessageHandler`).
 * Training runs here, off the page's thread.
 */
import type { FromExperimentWorker, ToExperimentWorker } from './lesson-protocol';
import { lessonMessageHandler } from './lesson-runner';

const handle = lessonMessageHandler((m: FromExperimentWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m));

self.onmessage = (event: MessageEvent<ToExperimentWorker>) => {
  void handle(event.data);
};
