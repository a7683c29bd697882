/**
 * Messages between the page and the Experiments worker (experiments.worker.ts). Plain,
 * structured-cloneable data; every request has an id and gets progress messages and one answer.
 * Parameters travel as Float32Arrays (copied: the page keeps its own for storage).
 */
import type { DriftOptions } from '../core/stats';
import type { Result } from '../core/result';
import type { TrainConfig } from '../core/train/config';
import type { ExperimentData } from './experiments-data';
import type { WorkerBackendPreference } from './experiments-backend';
import type { LearningCurveOptions, ValidationCurveOptions } from './experiments-curves';
import type {
  ComparisonOutcome, DriftOutcome, ImportanceOutcome, LearningCurveOutcome, ModelOnDataOutcome, ModelRef, TrainedModelInfo, ValidationCurveOutcome,
} from './experiments-service';

export type ExperimentsRequest =
  | { type: 'backend'; id: number; preference: WorkerBackendPreference }
  | { type: 'train-model'; id: number; data: ExperimentData; config: TrainConfig; name: string }
  | { type: 'compare-models'; id: number; data: ExperimentData; candidates: { name: string; config: TrainConfig }[]; metric: string; B: number; seed: number }
  | { type: 'importance'; id: number; model: ModelRef; metric: string; repeats: number; seed: number; classIndex?: number }
  | { type: 'drift'; id: number; reference: { name: string; text: string }; current: { name: string; text: string }; target: string | null; options: DriftOptions }
  | { type: 'drift-example'; id: number; example: string; text: string; fileName: string }
  | { type: 'model-on-data'; id: number; model: ModelRef; current: { name: string; text: string }; metric: string }
  | { type: 'learning-curve'; id: number; data: ExperimentData; config: TrainConfig; options: LearningCurveOptions }
  | { type: 'validation-curve'; id: number; data: ExperimentData; config: TrainConfig; options: ValidationCurveOptions };

/** The answer type of each request type. */
export interface ExperimentsAnswers {
  backend: Result<{ backend: string; reason: string }>;
  'train-model': Result<TrainedModelInfo>;
  'compare-models': Result<ComparisonOutcome>;
  importance: Result<ImportanceOutcome>;
  drift: Result<DriftOutcome>;
  'drift-example': Result<{ reference: string; current: string; target: string }>;
  'model-on-data': Result<ModelOnDataOutcome>;
  'learning-curve': Result<LearningCurveOutcome>;
  'validation-curve': Result<ValidationCurveOutcome>;
}

export type ExperimentsResponse =
  | { type: 'progress'; id: number; fraction: number; label: string }
  | { type: 'answer'; id: number; result: ExperimentsAnswers[keyof ExperimentsAnswers] }
  /** An exception in the worker: a bug, not a data problem. */
  | { type: 'crashed'; id: number; message: string };

/** The Experiments worker's protocol map, for the channel (channel.ts). */
export interface ExperimentsProtocol {
  toWorker: ExperimentsRequest;
  fromWorker: ExperimentsResponse;
  answers: ExperimentsAnswers;
  progress: { fraction: number; label: string };
  event: never;
}
