/**
 * Where the search's proposals are computed. `createSearch` is cheap for grid and random search, but a
 * Bayesian ask fits a Gaussian process to every finished trial and scores ~1,000 candidates: measured
 * here (Node, 3 parameters) about 20 ms at 50 trials, 65 ms at 100, 160 ms at 150 and 270 ms at 200,
 * growing with the cube of the trials. On the page's thread that would freeze it between trials, so
 * the pool asks a proposer worker (search-proposer.worker.ts); the in-thread proposer is the fallback
 * where Workers are unavailable, and what the unit tests use.
 *
 * Messages are handled in order on both sides, so a `tell` sent before an `ask` is always taken into
 * account by that ask.
 */
import { createSearch, type SearchConfig, type Trial, type TrialRecord } from '../core/stats';
import { createChannel } from './channel';
import type { ProposerProtocol } from './search-protocol';
import { proposerMessageHandler } from './search-proposer-switch';

export interface Proposer {
  /** The next trial, or null when the budget (or the grid) is used up. */
  ask(): Promise<Trial | null>;
  /** Reports a score (null: failed). */
  tell(trialId: number, score: number | null): void;
  dispose(): void;
}

export type ProposerFactory = (config: SearchConfig, history: readonly TrialRecord[]) => Proposer;

/** The search on this thread (answers asynchronously, like the worker). */
export const inThreadProposer: ProposerFactory = (config, history) => {
  const search = createSearch(config, history);
  return {
    ask: () => Promise.resolve(search.ask()),
    tell: (id, score) => search.tell(id, score),
    dispose: () => undefined,
  };
};

/** The search in its own worker, through the channel; falls back to this thread if the worker cannot start. */
export const workerProposer: ProposerFactory = (config, history) => {
  const channel = createChannel<ProposerProtocol>({
    name: 'proposal worker',
    create: () => new Worker(new URL('./search-proposer.worker.ts', import.meta.url), { type: 'module', name: 'search-proposals' }),
    read: (m) => (m.type === 'trial' ? { kind: 'answer', id: m.id, answer: m.trial } : { kind: 'failed', id: null, error: new Error(m.message) }),
    onPage: (post) => ({ handle: proposerMessageHandler(post) }),
  });
  channel.notify({ type: 'init', config, history: [...history] });
  return {
    ask: () => channel.request('ask', {}),
    tell: (trialId, score) => channel.notify({ type: 'tell', trialId, score }),
    dispose: () => channel.close(() => new Error('cancelled')),
  };
};
