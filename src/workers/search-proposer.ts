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
import type { ProposerRequest, ProposerResponse } from './search-protocol';

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

/** The search in its own worker; falls back to this thread if the worker cannot start. */
export const workerProposer: ProposerFactory = (config, history) => {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./search-proposer.worker.ts', import.meta.url), { type: 'module', name: 'search-proposals' });
  } catch {
    return inThreadProposer(config, history);
  }
  let nextId = 1;
  const waiting = new Map<number, { resolve: (t: Trial | null) => void; reject: (e: Error) => void }>();
  const failAll = (message: string): void => {
    for (const [id, w] of waiting) {
      waiting.delete(id);
      w.reject(new Error(message));
    }
  };
  worker.onmessage = (event: MessageEvent<ProposerResponse>) => {
    const m = event.data;
    if (m.type === 'failed') {
      failAll(m.message);
      return;
    }
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    w.resolve(m.trial);
  };
  worker.onerror = (event) => failAll(`the proposal worker stopped: ${event.message}`);
  const post = (message: ProposerRequest): void => worker.postMessage(message);
  post({ type: 'init', config, history: [...history] });
  return {
    ask: () =>
      new Promise<Trial | null>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        post({ type: 'ask', id });
      }),
    tell: (trialId, score) => post({ type: 'tell', trialId, score }),
    dispose: () => {
      worker.terminate();
      failAll('cancelled');
    },
  };
};
