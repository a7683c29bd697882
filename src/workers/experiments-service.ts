/**
 * The Experiments worker's work, callable in any thread (the worker's message switch calls it; tests
 * call it in Node): train and compare models, permutation importance and partial dependence for a
 * trained model, and the drift check between two CSV files with the model's metric on each.
 *
 * Models are referred to by a `ModelRef` (data, settings, parameters): the worker rebuilds a model
 * from it once and keeps the last few, so the page can store models in IndexedDB and use them again
 * after a reload without retraining.
 */
import type { Result } from '../core/result';
import type { DriftOptions } from '../core/stats';
import type { TrainConfig } from '../core/train/config';
import { createModelCache, disposeModels } from './experiments-cache';
import { driftBetween, driftExampleFrom, modelOnCurrentData } from './experiments-current-data';
import type { ExperimentData } from './experiments-data';
import { importanceOf } from './experiments-explain';
import { learningCurveOf, validationCurveOf, type LearningCurveOptions, type ValidationCurveOptions } from './experiments-curves';
import { compareCandidates, trainOne } from './experiments-training';
import type {
  ComparisonOutcome, DriftOutcome, ImportanceOutcome, LearningCurveOutcome, ModelOnDataOutcome, ModelRef, Progress, TrainedModelInfo, ValidationCurveOutcome,
} from './experiments-types';

export type {
  ComparisonOutcome, DriftOutcome, ImportanceOutcome, LearningCurveOutcome, MetricInfo, ValidationCurveOutcome, ModelOnDataOutcome, ModelRef, PartialDependence1d, PartialDependence2d,
  Progress, TrainedModelInfo,
} from './experiments-types';

export interface ExperimentsService {
  trainModel(data: ExperimentData, config: TrainConfig, name: string, progress?: Progress): Result<TrainedModelInfo>;
  compareModels(
    data: ExperimentData,
    candidates: readonly { name: string; config: TrainConfig }[],
    options: { metric: string; B: number; seed: number; alpha?: number },
    progress?: Progress,
  ): Result<ComparisonOutcome>;
  importance(model: ModelRef, options: { metric: string; repeats: number; seed: number; pdFeatures?: number; classIndex?: number }, progress?: Progress): Result<ImportanceOutcome>;
  drift(reference: { name: string; text: string }, current: { name: string; text: string }, options: { target?: string } & DriftOptions): Result<DriftOutcome>;
  driftExample(id: string, datasetText: string, fileName: string): Result<{ reference: string; current: string; target: string }>;
  modelOnData(model: ModelRef, current: { name: string; text: string }, metric: string): Result<ModelOnDataOutcome>;
  learningCurve(data: ExperimentData, config: TrainConfig, options: LearningCurveOptions, progress?: Progress): Result<LearningCurveOutcome>;
  validationCurve(data: ExperimentData, config: TrainConfig, options: ValidationCurveOptions, progress?: Progress): Result<ValidationCurveOutcome>;
  /** Frees every cached model's tensors. */
  dispose(): void;
}

/** The service over a fresh cache: each method is a free function of the cache (see the files imported above). */
export function createExperimentsService(): ExperimentsService {
  const cache = createModelCache();
  return {
    trainModel: (data, config, name, progress) => trainOne(cache, data, config, name, progress),
    compareModels: (data, candidates, options, progress) => compareCandidates(cache, data, candidates, options, progress),
    importance: (ref, options, progress) => importanceOf(cache, ref, options, progress),
    drift: driftBetween,
    driftExample: driftExampleFrom,
    modelOnData: (ref, current, metric) => modelOnCurrentData(cache, ref, current, metric),
    learningCurve: (data, config, options, progress) => learningCurveOf(cache, data, config, options, progress),
    validationCurve: (data, config, options, progress) => validationCurveOf(cache, data, config, options, progress),
    dispose: () => disposeModels(cache),
  };
}
