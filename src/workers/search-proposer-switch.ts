/**
 * The proposal worker's message switch over `createSearch`, shared by the worker
 * (search-proposer.worker.ts) and the channel's fallback on the page (search-proposer.ts).
 */
import { createSearch, type Search } from '../core/stats';
import type { ProposerRequest, ProposerResponse } from './search-protocol';

export function proposerMessageHandler(post: (message: ProposerResponse) => void): (request: ProposerRequest) => void {
  let search: Search | null = null;
  return (request) => {
    try {
      if (request.type === 'init') search = createSearch(request.config, request.history);
      else if (!search) throw new Error('the proposal worker was not initialised');
      else if (request.type === 'tell') search.tell(request.trialId, request.score);
      else post({ type: 'trial', id: request.id, trial: search.ask() });
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
