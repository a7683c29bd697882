import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../core/train/config';
import { ok, fail } from '../core/result';
import type { SearchConfig } from '../core/stats';
import { defaultWorkerCount, runSearchPool, type PoolEvent, type WorkerLike } from './search-pool';
import { inThreadProposer, type ProposerFactory } from './search-proposer';
import type { SearchWorkerRequest, SearchWorkerResponse } from './search-protocol';

const space: SearchConfig['space'] = [{ name: 'lr', type: 'continuous', low: 1e-4, high: 1, scale: 'log' }];
const objective = { part: 'validation' as const, key: 'loss', maximize: false };
const data = { kind: 'synthetic' as const, id: 'two-moons', params: { n: 50, noise: 0.1, seed: 1 } };
const toConfig = (p: Record<string, unknown>) => ok<TrainConfig>({ ...DEFAULT_TRAIN_CONFIG, lr: p.lr as number });
/** A known objective: best at lr = 0.01. */
const lossAt = (lr: number): number => (Math.log10(lr) + 2) ** 2;

interface FakeOptions {
  /** Worker indices that refuse to start. */
  failInit?: number[];
  /** (worker, nth trial of that worker) pairs that crash the worker. */
  crashOn?: [number, number][];
  /** Delay of a trial in ms for worker i. */
  delay?: (worker: number) => number;
}

/** Fake trial workers: reply asynchronously with lossAt(lr); record how many trials run at once. */
function fakeWorkers(opts: FakeOptions = {}) {
  let inFlight = 0;
  let maxInFlight = 0;
  const terminated: number[] = [];
  const factory = (index: number): WorkerLike => {
    let trials = 0;
    let alive = true;
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      terminate: () => {
        alive = false;
        terminated.push(index);
      },
      postMessage(request: SearchWorkerRequest) {
        const reply = (data: SearchWorkerResponse, ms = 0) => setTimeout(() => alive && w.onmessage?.({ data }), ms);
        if (request.type === 'init') {
          if (opts.failInit?.includes(index)) reply({ type: 'failed', message: `no backend in worker ${index}` });
          else reply({ type: 'ready', backend: 'cpu', reason: 'test' });
          return;
        }
        trials++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const crash = opts.crashOn?.some(([wi, k]) => wi === index && k === trials);
        setTimeout(() => {
          inFlight--;
          if (!alive) return;
          if (crash) {
            w.onerror?.({ message: 'out of memory' });
            return;
          }
          const score = lossAt(request.config.lr);
          w.onmessage?.({
            data: {
              type: 'trial-done', trialId: request.trialId,
              outcome: { score, status: 'completed', message: '', metrics: { train: {}, validation: { loss: score } }, parameters: 1, ms: 1, epochs: 1, backend: 'cpu' },
            },
          });
        }, opts.delay?.(index) ?? 1 + index);
      },
    };
    return w;
  };
  return { factory, maxInFlight: () => maxInFlight, terminated };
}

describe('runSearchPool', () => {
  it('runs the whole budget with at most one trial per worker at a time, and reports the best', async () => {
    const fake = fakeWorkers();
    const events: PoolEvent[] = [];
    const run = runSearchPool({
      search: { space, strategy: 'random', budget: 12, seed: 3, maximize: false }, data, toConfig, objective, workers: 3,
      createWorker: fake.factory, onEvent: (e) => events.push(e),
    });
    const result = await run.done;
    expect(result.status).toBe('completed');
    expect(result.history).toHaveLength(12);
    expect(result.history.every((r) => r.status === 'complete')).toBe(true);
    expect(fake.maxInFlight()).toBe(3);
    const finished = events.filter((e) => e.type === 'trial-finished');
    expect(new Set(finished.map((e) => e.type === 'trial-finished' && e.trial.id)).size).toBe(12);
    const best = Math.min(...result.history.map((r) => r.score!));
    expect(result.best!.score).toBe(best);
    expect(fake.terminated.sort()).toEqual([0, 1, 2]);
  });

  it('cancels at once, keeps running trials pending, and resumes by re-running them first, up to the budget', async () => {
    const search: SearchConfig = { space, strategy: 'bayes', budget: 10, seed: 7, maximize: false };
    const fake = fakeWorkers({ delay: () => 2 });
    let finishedCount = 0;
    const run = runSearchPool({
      search, data, toConfig, objective, workers: 2, createWorker: fake.factory,
      onEvent: (e) => {
        if (e.type === 'trial-finished' && ++finishedCount === 4) run.cancel();
      },
    });
    const partial = await run.done;
    expect(partial.status).toBe('cancelled');
    expect(partial.history.filter((r) => r.status === 'complete')).toHaveLength(4);
    const pending = partial.history.filter((r) => r.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);

    const started: number[] = [];
    const resumed = await runSearchPool({
      search, history: partial.history, data, toConfig, objective, workers: 2, createWorker: fakeWorkers().factory,
      onEvent: (e) => e.type === 'trial-started' && started.push(e.trial.id),
    }).done;
    expect(resumed.status).toBe('completed');
    expect(resumed.history).toHaveLength(10);
    expect(resumed.history.every((r) => r.status === 'complete')).toBe(true);
    // The interrupted trials run first, with their original settings.
    expect(started.slice(0, pending.length).sort()).toEqual(pending.map((r) => r.id).sort());
    for (const r of pending) expect(resumed.history[r.id]!.params).toEqual(r.params);
  });

  it('fails a trial whose settings the engine refuses, without sending it to a worker', async () => {
    const events: PoolEvent[] = [];
    const result = await runSearchPool({
      search: { space, strategy: 'grid', budget: 5, seed: 1, maximize: false, gridPointsPerParam: 5 }, data, objective, workers: 2,
      toConfig: (p) => ((p.lr as number) > 0.5 ? fail({ kind: 'bad-config', message: 'too fast', file: null, row: null, column: null }) : toConfig(p)),
      createWorker: fakeWorkers().factory, onEvent: (e) => events.push(e),
    }).done;
    expect(result.status).toBe('completed');
    const failed = result.history.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.params.lr).toBe(1);
    expect(events.some((e) => e.type === 'trial-finished' && e.outcome.message === 'too fast')).toBe(true);
    expect(events.filter((e) => e.type === 'trial-started')).toHaveLength(4);
  });

  it('carries on when a worker cannot start or crashes mid-trial, and fails when none can run', async () => {
    const events: PoolEvent[] = [];
    const result = await runSearchPool({
      search: { space, strategy: 'random', budget: 8, seed: 2, maximize: false }, data, toConfig, objective, workers: 3,
      createWorker: fakeWorkers({ failInit: [0], crashOn: [[1, 2]] }).factory, onEvent: (e) => events.push(e),
    }).done;
    expect(result.status).toBe('completed');
    expect(result.history).toHaveLength(8);
    expect(result.history.filter((r) => r.status === 'failed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'worker-failed').map((e) => e.type === 'worker-failed' && e.worker)).toEqual([0, 1]);

    const none = await runSearchPool({
      search: { space, strategy: 'random', budget: 4, seed: 2, maximize: false }, data, toConfig, objective, workers: 2,
      createWorker: fakeWorkers({ failInit: [0, 1] }).factory,
    }).done;
    expect(none.status).toBe('failed');
    expect(none.history).toHaveLength(0);
  });
});

describe('runSearchPool with a slow proposer', () => {
  it('asks at most once per worker at a time, and tells every trial exactly once', async () => {
    let asking = 0, maxAsking = 0;
    const log: string[] = [];
    const slowProposer: ProposerFactory = (config, history) => {
      const inner = inThreadProposer(config, history);
      return {
        ask: async () => {
          asking++;
          maxAsking = Math.max(maxAsking, asking);
          await new Promise((r) => setTimeout(r, 5));
          asking--;
          const t = await inner.ask();
          log.push(`ask ${t?.id ?? 'none'}`);
          return t;
        },
        tell: (id, score) => {
          log.push(`tell ${id}`);
          inner.tell(id, score);
        },
        dispose: () => undefined,
      };
    };
    const result = await runSearchPool({
      search: { space, strategy: 'bayes', budget: 9, seed: 5, maximize: false }, data, toConfig, objective, workers: 3,
      createWorker: fakeWorkers().factory, createProposer: slowProposer,
    }).done;
    expect(result.status).toBe('completed');
    expect(result.history.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(maxAsking).toBeLessThanOrEqual(3);
    // Every trial is told exactly once.
    expect(log.filter((l) => l.startsWith('tell')).sort()).toEqual(result.history.map((r) => `tell ${r.id}`).sort());
  });

  it('fails the search when the proposer fails', async () => {
    const broken: ProposerFactory = () => ({ ask: () => Promise.reject(new Error('no GP')), tell: () => undefined, dispose: () => undefined });
    const result = await runSearchPool({
      search: { space, strategy: 'bayes', budget: 4, seed: 5, maximize: false }, data, toConfig, objective, workers: 2,
      createWorker: fakeWorkers().factory, createProposer: broken,
    }).done;
    expect(result.status).toBe('failed');
    expect(result.message).toContain('no GP');
  });
});

describe('defaultWorkerCount', () => {
  it('uses every core, at least one and at most eight', () => {
    expect(defaultWorkerCount(2)).toBe(2);
    expect(defaultWorkerCount(16)).toBe(8);
    expect(defaultWorkerCount(undefined)).toBe(2);
    expect(defaultWorkerCount(0)).toBe(2);
  });
});
