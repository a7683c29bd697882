/**
 * One hyperparameter-search trial: train a model with the trial's settings on the worker's data and
 * read the objective. Runs in a trial worker (search.worker.ts) or, where Workers are unavailable, on
 * the page through the same function.
 */
import type { TrainConfig } from '../core/train/config';
import { createTableCache, type ExperimentData } from './experiments-data';
import { trainModel } from './experiments-model';
import type { SearchObjective, TrialOutcome } from './search-protocol';

/**
 * Effort the trial skips because nobody looks at it: baselines, and per-layer activation statistics
 * after the first step. Neither changes the weights, so the stored config (without these) retrains
 * the same model on the Train page.
 */
export function trialTrainingConfig(config: TrainConfig): TrainConfig {
  return { ...config, baselines: false, detailsEvery: 1_000_000 };
}

export interface TrialService {
  init(data: ExperimentData): void;
  run(config: TrainConfig, objective: SearchObjective, backend: string): TrialOutcome;
}

export function createTrialService(now: () => number = () => globalThis.performance.now()): TrialService {
  const tables = createTableCache(2);
  let data: ExperimentData | null = null;
  return {
    init(d) {
      data = d;
    },
    run(config, objective, backend) {
      const t0 = now();
      const failed = (message: string): TrialOutcome => ({
        score: null, status: 'error', message, metrics: { train: {}, validation: {} }, parameters: 0, ms: now() - t0, epochs: 0, backend,
      });
      if (!data) return failed('The worker has no data (init was not sent).');
      const loaded = tables(data);
      if (!loaded.ok) return failed(loaded.error.message);
      const trained = trainModel(loaded.value, trialTrainingConfig(config));
      if (!trained.ok) return failed(trained.error.message);
      const s = trained.value.summary;
      const metrics = { train: s.final.train, validation: s.final.validation };
      const value = metrics[objective.part][objective.key];
      let score: number | null = typeof value === 'number' && Number.isFinite(value) ? value : null;
      let message = s.stopReason;
      if (s.status === 'diverged') {
        score = null;
      } else if (score === null) {
        message = `${objective.key} is not defined on the ${objective.part} rows (${objective.part === 'validation' && s.rows.validation === 0 ? 'there are none' : 'e.g. one class only'}).`;
      }
      return { score, status: s.status, message, metrics, parameters: s.parameters, ms: now() - t0, epochs: s.epochs, backend };
    },
  };
}
