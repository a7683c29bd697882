/**
 * Training on the Experiments page: one model, or several candidates on the same split ranked by a
 * bootstrap of the chosen metric on the shared test rows.
 */
import { fail, ok, type Result } from '../core/result';
import { rankModelsByBootstrap, type Ranking } from '../core/stats';
import type { TrainConfig } from '../core/train/config';
import { describeModel, rememberModel, type ModelCache } from './experiments-cache';
import type { ExperimentData } from './experiments-data';
import { experimentError as err, metricInfo, rowMetric } from './experiments-metrics';
import { ModelPredictor, rowValues, trainModel, type TrainedModel } from './experiments-model';
import type { ComparisonOutcome, Progress, TrainedModelInfo } from './experiments-types';

/** Trains one model and keeps it in the cache. */
export function trainOne(cache: ModelCache, data: ExperimentData, config: TrainConfig, name: string, progress?: Progress): Result<TrainedModelInfo> {
  const loaded = cache.tables(data);
  if (!loaded.ok) return loaded;
  const trained = trainModel(loaded.value, config, { onEpoch: (_e, step, total) => progress?.(step / total, `Training ${name}`) });
  if (!trained.ok) return trained;
  const predictor = rememberModel(cache, `trained:${name}:${Date.now()}`, trained.value);
  return ok(describeModel(trained.value, name, predictor), [...loaded.warnings, ...trained.warnings]);
}

/** Trains every candidate on the same split and ranks them on the shared test rows; the models are freed after. */
export function compareCandidates(
  cache: ModelCache,
  data: ExperimentData,
  candidates: readonly { name: string; config: TrainConfig }[],
  options: { metric: string; B: number; seed: number; alpha?: number },
  progress?: Progress,
): Result<ComparisonOutcome> {
  if (candidates.length === 0) return fail(err('no-models', 'Choose at least one model to compare.'));
  const loaded = cache.tables(data);
  if (!loaded.ok) return loaded;
  const infos: TrainedModelInfo[] = [];
  const trainedModels: { model: TrainedModel; predictor: ModelPredictor }[] = [];
  try {
    for (const [k, c] of candidates.entries()) {
      const trained = trainModel(loaded.value, c.config, {
        onEpoch: (_e, step, total) => progress?.((k + step / total) / (candidates.length + 1), `Training ${c.name} (${k + 1} of ${candidates.length})`),
      });
      if (!trained.ok) return fail({ ...trained.error, message: `${c.name}: ${trained.error.message}` });
      const predictor = new ModelPredictor(trained.value);
      trainedModels.push({ model: trained.value, predictor });
      infos.push(describeModel(trained.value, c.name, predictor));
    }
    const first = trainedModels[0]!.model;
    const test = first.data.test;
    if (test.n < 2) return fail(err('no-test-rows', 'Model selection needs held-out test rows: set a test fraction above 0.'));
    for (const { model } of trainedModels) {
      const rows = model.data.test.rows;
      if (rows.length !== test.rows.length || rows.some((r, i) => r !== test.rows[i])) {
        return fail(err('different-splits', 'The models were not tested on the same rows: give them the same seed and split fractions.'));
      }
    }
    const metric = rowMetric(first.data.task, options.metric);
    const K = first.data.classes?.length ?? 0;
    progress?.(candidates.length / (candidates.length + 1), 'Bootstrapping the ranking');
    const predictions = trainedModels.map(({ model, predictor }, k) => ({
      name: infos[k]!.name,
      predictions: rowValues(predictor.predict(model.data.test.x, test.n), test.n, metric.view, K),
      parameters: infos[k]!.summary.parameters,
      trainingTimeMs: infos[k]!.summary.trainingMs,
      latencyMsPerRow: infos[k]!.latencyMsPerRow,
    }));
    let ranking: Ranking;
    try {
      ranking = rankModelsByBootstrap(test.y, predictions, (y, p) => metric.compute(y, p), {
        maximize: metric.higherIsBetter, B: options.B, seed: options.seed, alpha: options.alpha ?? 0.05,
      });
    } catch (error) {
      return fail(err('metric-undefined', `${metric.label} cannot rank these models on the test rows: ${error instanceof Error ? error.message : String(error)}`));
    }
    progress?.(1, 'Done');
    return ok({ metric: metricInfo(metric), rows: test.n, ranking, models: infos }, loaded.warnings);
  } finally {
    for (const t of trainedModels) t.predictor.dispose();
  }
}
