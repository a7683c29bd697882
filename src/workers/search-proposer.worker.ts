/**
 * The search's proposals off the page's thread: only the message switch over `createSearch`
 * (see search-proposer.ts for why).
 */
import { createSearch, type Search } from '../core/stats';
import type { ProposerRequest, ProposerResponse } from './search-protocol';

const scope = self as unknown as { postMessage(message: ProposerResponse): void };
let search: Search | null = null;

self.onmessage = (event: MessageEvent<ProposerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'init') search = createSearch(request.config, request.history);
    else if (!search) throw new Error('the proposal worker was not initialised');
    else if (request.type === 'tell') search.tell(request.trialId, request.score);
    else scope.postMessage({ type: 'trial', id: request.id, trial: search.ask() });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
