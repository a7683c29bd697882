/**
 * Messages between the search pool (search-pool.ts, on the page) and each trial worker
 * (search.worker.ts). Plain, structured-cloneable data. A worker receives the data once (`init`),
 * then one `trial` at a time; cancelling a search terminates the workers (a trial is one synchronous
 * training loop, so a message could not interrupt it anyway).
 */
import type { SearchConfig, Trial, TrialRecord } from '../core/stats';
import type { RunStatus } from '../core/train/training-run';
import type { TrainConfig } from '../core/train/config';
import type { MetricValues } from '../core/train/evaluation';
import type { ExperimentData } from './experiments-data';
import type { WorkerBackendPreference } from './experiments-backend';

/** What a trial is scored on: an engine metric key (or `loss`) on the validation or training rows. */
export interface SearchObjective {
  part: 'validation' | 'train';
  key: string;
  maximize: boolean;
}

export interface TrialOutcome {
  /** The objective's value; null when the trial failed (diverged, metric undefined, bad settings). */
  score: number | null;
  status: RunStatus | 'error';
  /** Why it stopped or failed, in one sentence. */
  message: string;
  metrics: { train: MetricValues; validation: MetricValues };
  parameters: number;
  /** Wall time of the whole trial in the worker (data preparation, training, evaluation). */
  ms: number;
  epochs: number;
  /** The backend the trial ran on. */
  backend: string;
}

export type SearchWorkerRequest =
  | { type: 'init'; data: ExperimentData; backend: WorkerBackendPreference }
  | { type: 'trial'; trialId: number; config: TrainConfig; objective: SearchObjective };

export type SearchWorkerResponse =
  | { type: 'ready'; backend: string; reason: string }
  | { type: 'trial-done'; trialId: number; outcome: TrialOutcome }
  /** The worker could not start (no backend) or hit a bug outside a trial. */
  | { type: 'failed'; message: string };

/** Page -> proposal worker (search-proposer.worker.ts): the search's ask/tell, in order. */
export type ProposerRequest =
  | { type: 'init'; config: SearchConfig; history: TrialRecord[] }
  | { type: 'ask'; id: number }
  | { type: 'tell'; trialId: number; score: number | null };

export type ProposerResponse =
  | { type: 'trial'; id: number; trial: Trial | null }
  | { type: 'failed'; message: string };

/** The proposal worker's protocol map, for the channel (channel.ts). `init` and `tell` are notices; a `failed` fails every ask. */
export interface ProposerProtocol {
  toWorker: ProposerRequest;
  fromWorker: ProposerResponse;
  answers: { ask: Trial | null };
  progress: never;
  event: never;
}
