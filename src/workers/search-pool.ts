/**
 * Runs a hyperparameter search on a pool of trial workers: the page-side client of search.worker.ts.
 *
 * The search itself (core/stats `createSearch`, in a proposal worker: search-proposer.ts) only proposes
 * settings and takes scores; this pool asks it for a trial whenever a trial worker is free, so with N
 * workers N trials train at once (the Bayesian strategy spreads parallel asks with the kriging
 * believer). Everything heavy runs in workers: the page only receives one message per finished
 * trial, so it stays responsive while every core trains.
 *
 * Cancelling terminates the workers at once (a trial is one synchronous training loop). Trials that were
 * running stay `pending` in the history: resuming (`history` option) runs them first, then asks for
 * more, so a resumed search ends exactly where an uninterrupted one would have gone.
 */
import type { TrainConfig } from '../core/train/config';
import { validateSearchConfig, type ParamValues, type SearchConfig, type Trial, type TrialRecord } from '../core/stats';
import type { Result } from '../core/result';
import type { ExperimentData } from './experiments-data';
import type { WorkerBackendPreference } from './experiments-backend';
import type { SearchObjective, SearchWorkerRequest, SearchWorkerResponse, TrialOutcome } from './search-protocol';
import { inThreadProposer, workerProposer, type ProposerFactory } from './search-proposer';

/** The part of a Worker the pool uses (so tests and the in-thread fallback can stand in). */
export interface WorkerLike {
  postMessage(message: SearchWorkerRequest): void;
  terminate(): void;
  onmessage: ((event: { data: SearchWorkerResponse }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export type WorkerFactory = (index: number) => WorkerLike;

/** Workers for a machine with `cores` logical cores: all of them, at least 1, at most 8 (memory: each holds TF.js and the data). */
export function defaultWorkerCount(cores: number | undefined): number {
  const n = Number.isFinite(cores) && cores! > 0 ? Math.floor(cores!) : 2;
  return Math.min(8, Math.max(1, n));
}

export type PoolEvent =
  | { type: 'worker-ready'; worker: number; backend: string; reason: string }
  | { type: 'worker-failed'; worker: number; message: string }
  | { type: 'trial-started'; trial: Trial; config: TrainConfig; worker: number }
  | { type: 'trial-finished'; trial: TrialRecord; outcome: TrialOutcome; config: TrainConfig | null };

export interface SearchPoolOptions {
  search: SearchConfig;
  /** A saved history to resume; its pending trials are run again first. */
  history?: readonly TrialRecord[];
  data: ExperimentData;
  /** A trial's parameters to its full training settings (an error fails the trial without training). */
  toConfig: (params: ParamValues) => Result<TrainConfig>;
  objective: SearchObjective;
  workers: number;
  backend?: WorkerBackendPreference;
  createWorker?: WorkerFactory;
  /** Where proposals are computed (default: a proposal worker; on this thread where Workers are unavailable). */
  createProposer?: ProposerFactory;
  onEvent?: (event: PoolEvent) => void;
}

export interface SearchPoolResult {
  status: 'completed' | 'cancelled' | 'failed';
  message: string;
  history: TrialRecord[];
  best: TrialRecord | null;
}

export interface SearchRun {
  /** Every trial asked so far, in id order (a copy). */
  history(): TrialRecord[];
  /** Stops every worker now; running trials stay pending in the history. */
  cancel(): void;
  readonly done: Promise<SearchPoolResult>;
}

/** The real trial worker. */
export function browserWorkerFactory(): WorkerFactory {
  return (index) => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: `search-trial-${index + 1}` }) as unknown as WorkerLike;
}

/**
 * A stand-in that runs trials on this thread with the same service (where Workers are unavailable).
 * Replies arrive asynchronously, as from a worker; the page is busy while a trial trains.
 */
export function inThreadWorkerFactory(): WorkerFactory {
  return () => {
    let terminated = false;
    const servicePromise = import('./search-trial').then((m) => m.createTrialService());
    let backend = 'none';
    const self: WorkerLike = {
      onmessage: null,
      onerror: null,
      terminate: () => {
        terminated = true;
      },
      postMessage(request) {
        void (async () => {
          const service = await servicePromise;
          const reply = (data: SearchWorkerResponse): void => {
            if (!terminated) setTimeout(() => self.onmessage?.({ data }), 0);
          };
          if (request.type === 'init') {
            service.init(request.data);
            const { useWorkerBackend } = await import('./experiments-backend');
            const selection = await useWorkerBackend(request.backend);
            if (!selection.ok) reply({ type: 'failed', message: selection.message });
            else {
              backend = selection.choice.backend;
              reply({ type: 'ready', backend, reason: selection.choice.reason });
            }
            return;
          }
          if (!terminated) reply({ type: 'trial-done', trialId: request.trialId, outcome: service.run(request.config, request.objective, backend) });
        })();
      },
    };
    return self;
  };
}

function failedOutcome(message: string, backend = ''): TrialOutcome {
  return { score: null, status: 'error', message, metrics: { train: {}, validation: {} }, parameters: 0, ms: 0, epochs: 0, backend };
}

/** The best completed trial (first on ties), or null. */
function bestOf(records: readonly TrialRecord[], maximize: boolean): TrialRecord | null {
  let best: TrialRecord | null = null;
  for (const r of records) {
    if (r.status !== 'complete' || r.score === null) continue;
    if (!best || (maximize ? r.score > best.score! : r.score < best.score!)) best = r;
  }
  return best;
}

/**
 * Starts the workers and the search. Every finished trial is reported through `onEvent` (in the order
 * they finish) and told to the search; `done` resolves when the budget is spent, the search is
 * cancelled, or no worker could start.
 */
// eslint-disable-next-line max-lines-per-function -- the scheduler's closures share one set of slots, records and the proposer; they are small and named (finish, tell, checkEnd, start, dispatch, kill)
export function runSearchPool(options: SearchPoolOptions): SearchRun {
  const valid = validateSearchConfig(options.search);
  if (!valid.ok) throw new RangeError(valid.error.message);
  const initial = options.history ?? [];
  // The pool's own copy of the history (the proposer keeps its own, in its worker).
  const records: TrialRecord[] = initial.map((r) => ({ ...r, params: { ...r.params } }));
  const proposer = (options.createProposer ?? (typeof Worker !== 'undefined' ? workerProposer : inThreadProposer))(options.search, initial);
  const rerun: Trial[] = records.filter((r) => r.status === 'pending').map((r) => ({ id: r.id, params: { ...r.params }, source: r.source }));
  const factory = options.createWorker ?? (typeof Worker !== 'undefined' ? browserWorkerFactory() : inThreadWorkerFactory());
  const emit = options.onEvent ?? (() => undefined);
  const count = Math.max(1, Math.floor(options.workers));
  const history = (): TrialRecord[] => records.map((r) => ({ ...r, params: { ...r.params } }));

  type Slot = { worker: WorkerLike; ready: boolean; dead: boolean; asking: boolean; trial: Trial | null; config: TrainConfig | null };
  const slots: Slot[] = [];
  let finished = false;
  /** The proposer has nothing more to give. */
  let exhausted = false;
  let resolveDone!: (r: SearchPoolResult) => void;
  const done = new Promise<SearchPoolResult>((resolve) => {
    resolveDone = resolve;
  });

  const finish = (status: SearchPoolResult['status'], message: string): void => {
    if (finished) return;
    finished = true;
    for (const s of slots) s.worker.terminate();
    proposer.dispose();
    resolveDone({ status, message, history: history(), best: bestOf(records, options.search.maximize) });
  };

  const tell = (id: number, score: number | null): TrialRecord => {
    const r = records[id]!;
    const ok = score !== null && Number.isFinite(score);
    r.status = ok ? 'complete' : 'failed';
    r.score = ok ? score : null;
    proposer.tell(id, ok ? score : null);
    return { ...r, params: { ...r.params } };
  };

  const checkEnd = (): void => {
    if (finished) return;
    if (slots.some((s) => s.trial !== null || s.asking)) return;
    if (exhausted && rerun.length === 0 && records.every((r) => r.status !== 'pending')) {
      finish('completed', `${records.length} trial(s) run.`);
    } else if (slots.every((s) => s.dead)) {
      finish('failed', 'No trial worker could run (see the messages above).');
    }
  };

  const start = (index: number, trial: Trial): void => {
    const slot = slots[index]!;
    const config = options.toConfig(trial.params);
    if (!config.ok) {
      emit({ type: 'trial-finished', trial: tell(trial.id, null), outcome: failedOutcome(config.error.message), config: null });
      return;
    }
    slot.trial = trial;
    slot.config = config.value;
    emit({ type: 'trial-started', trial, config: config.value, worker: index });
    slot.worker.postMessage({ type: 'trial', trialId: trial.id, config: config.value, objective: options.objective });
  };

  /** Gives an idle, ready worker its next trial: a re-run first, else a fresh proposal. */
  const dispatch = (index: number): void => {
    const slot = slots[index]!;
    if (finished || slot.dead || !slot.ready || slot.trial !== null || slot.asking) return;
    const again = rerun.shift();
    if (again) {
      start(index, again);
      if (slot.trial === null) dispatch(index); // refused settings: straight to the next one
      checkEnd();
      return;
    }
    if (exhausted) {
      checkEnd();
      return;
    }
    slot.asking = true;
    proposer.ask().then(
      (trial) => {
        slot.asking = false;
        if (finished) return;
        if (!trial) {
          exhausted = true;
          checkEnd();
          return;
        }
        records[trial.id] = { ...trial, params: { ...trial.params }, status: 'pending', score: null };
        if (slot.dead) {
          rerun.push(trial); // the worker died while we asked: another one takes it
          const idle = slots.findIndex((s) => s.ready && !s.dead && s.trial === null && !s.asking);
          if (idle >= 0) dispatch(idle);
          checkEnd();
          return;
        }
        start(index, trial);
        if (slot.trial === null) dispatch(index);
        checkEnd();
      },
      (error: unknown) => {
        slot.asking = false;
        finish('failed', `The search could not propose a trial: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };

  const kill = (index: number, message: string): void => {
    const slot = slots[index]!;
    if (slot.dead) return;
    slot.dead = true;
    slot.worker.terminate();
    emit({ type: 'worker-failed', worker: index, message });
    if (slot.trial) {
      const trial = slot.trial;
      slot.trial = null;
      emit({ type: 'trial-finished', trial: tell(trial.id, null), outcome: failedOutcome(message), config: slot.config });
      // Hand the work on to a live worker that is idle, if any.
      const idle = slots.findIndex((s) => s.ready && !s.dead && s.trial === null && !s.asking);
      if (idle >= 0) dispatch(idle);
    }
    checkEnd();
  };

  for (let i = 0; i < count; i++) {
    let worker: WorkerLike;
    try {
      worker = factory(i);
    } catch (error) {
      // A slot that never started is simply absent.
      emit({ type: 'worker-failed', worker: i, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const index = slots.length;
    slots.push({ worker, ready: false, dead: false, asking: false, trial: null, config: null });
    worker.onmessage = ({ data: message }) => {
      if (finished) return;
      const slot = slots[index]!;
      if (message.type === 'ready') {
        slot.ready = true;
        emit({ type: 'worker-ready', worker: index, backend: message.backend, reason: message.reason });
        dispatch(index);
      } else if (message.type === 'failed') {
        kill(index, message.message);
      } else if (message.type === 'trial-done') {
        const trial = slot.trial;
        if (!trial || trial.id !== message.trialId) return;
        slot.trial = null;
        const config = slot.config;
        slot.config = null;
        emit({ type: 'trial-finished', trial: tell(trial.id, message.outcome.score), outcome: message.outcome, config });
        dispatch(index);
        checkEnd();
      }
    };
    worker.onerror = (event) => {
      if (!finished) kill(index, `A trial worker stopped: ${event.message ?? 'unknown error'}`);
    };
    worker.postMessage({ type: 'init', data: options.data, backend: options.backend ?? 'auto' });
  }
  if (slots.length === 0) finish('failed', 'No trial worker could be started in this browser.');

  return {
    history,
    cancel: () => finish('cancelled', `Cancelled after ${records.filter((r) => r.status !== 'pending').length} finished trial(s).`),
    done,
  };
}
