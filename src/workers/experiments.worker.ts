/**
 * The Experiments worker: only the message switch (experiments-dispatch.ts). Training, comparison,
 * permutation importance, partial dependence and the drift check run here, off the page's thread.
 */
import { handleExperimentsRequest } from './experiments-dispatch';
import type { ExperimentsRequest, ExperimentsResponse } from './experiments-protocol';
import { createExperimentsService } from './experiments-service';

const service = createExperimentsService();
const scope = self as unknown as { postMessage(message: ExperimentsResponse): void };

/** At most one progress message per 50 ms: the page only needs to move a bar. */
function throttledProgress(id: number): (fraction: number, label: string) => void {
  let last = 0;
  return (fraction, label) => {
    const now = performance.now();
    if (fraction < 1 && now - last < 50) return;
    last = now;
    scope.postMessage({ type: 'progress', id, fraction, label });
  };
}

async function handle(request: ExperimentsRequest): Promise<void> {
  try {
    const result = await handleExperimentsRequest(service, request, throttledProgress(request.id));
    scope.postMessage({ type: 'answer', id: request.id, result });
  } catch (error) {
    scope.postMessage({ type: 'crashed', id: request.id, message: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}

// One request at a time, in order: the backend request is asynchronous, and nothing may touch a
// tensor before it has finished.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ExperimentsRequest>) => {
  const request = event.data;
  queue = queue.then(() => handle(request));
};
