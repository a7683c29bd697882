/**
 * A hyperparameter-search trial worker: only the message switch. The pool (search-pool.ts) starts as
 * many of these as the machine has cores; each trains one trial at a time with search-trial.ts.
 */
import { useWorkerBackend } from './experiments-backend';
import type { SearchWorkerRequest, SearchWorkerResponse } from './search-protocol';
import { createTrialService } from './search-trial';

const service = createTrialService();
const scope = self as unknown as { postMessage(message: SearchWorkerResponse): void };
let backend = 'none';

self.onmessage = async (event: MessageEvent<SearchWorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'init') {
      service.init(request.data);
      const selection = await useWorkerBackend(request.backend);
      if (!selection.ok) {
        scope.postMessage({ type: 'failed', message: selection.message });
        return;
      }
      backend = selection.choice.backend;
      scope.postMessage({ type: 'ready', backend, reason: selection.choice.reason });
      return;
    }
    scope.postMessage({ type: 'trial-done', trialId: request.trialId, outcome: service.run(request.config, request.objective, backend) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (request.type === 'trial') {
      scope.postMessage({
        type: 'trial-done', trialId: request.trialId,
        outcome: { score: null, status: 'error', message: `The trial crashed: ${message}`, metrics: { train: {}, validation: {} }, parameters: 0, ms: 0, epochs: 0, backend },
      });
    } else {
      scope.postMessage({ type: 'failed', message });
    }
  }
};
