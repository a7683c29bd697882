/**
 * The Experiments worker's state: the last few loaded tables and rebuilt models. A stored model is
 * referred to by a `ModelRef`; the worker rebuilds it once and keeps it (with its predictor's tensors)
 * until four newer ones push it out.
 */
import { ok, type Result } from '../core/result';
import { createTableCache } from './experiments-data';
import { linearCoefficients, measureLatencyPerRow, ModelPredictor, restoreModel, type TrainedModel } from './experiments-model';
import type { ModelRef, TrainedModelInfo } from './experiments-types';

/** Models kept at once (each holds tensors). */
const CAPACITY = 4;

export interface ModelCache {
  tables: ReturnType<typeof createTableCache>;
  models: Map<string, { model: TrainedModel; predictor: ModelPredictor }>;
}

export function createModelCache(): ModelCache {
  return { tables: createTableCache(CAPACITY), models: new Map() };
}

/** A trained model as the page keeps it, with its latency per row measured on the test rows. */
export function describeModel(model: TrainedModel, name: string, predictor: ModelPredictor): TrainedModelInfo {
  const test = model.data.test.n > 0 ? model.data.test : model.data.validation;
  return {
    name, config: model.config, params: model.params, summary: model.summary, coefficients: linearCoefficients(model),
    latencyMsPerRow: measureLatencyPerRow(predictor, test.x, test.n),
  };
}

/** Keeps a model under `key` (the newest last), freeing the oldest beyond the capacity. */
export function rememberModel(cache: ModelCache, key: string, model: TrainedModel): ModelPredictor {
  const old = cache.models.get(key);
  if (old) old.predictor.dispose();
  const predictor = new ModelPredictor(model);
  cache.models.delete(key);
  cache.models.set(key, { model, predictor });
  while (cache.models.size > CAPACITY) {
    const [oldest, entry] = cache.models.entries().next().value!;
    entry.predictor.dispose();
    cache.models.delete(oldest);
  }
  return predictor;
}

/** The model a `ModelRef` names: the cached one, or rebuilt from its data, config and parameters. */
export function loadModel(cache: ModelCache, ref: ModelRef): Result<{ model: TrainedModel; predictor: ModelPredictor }> {
  const hit = cache.models.get(ref.key);
  // Keys name immutable models (a stored model is never retrained under the same key).
  if (hit) return ok(hit);
  const loaded = cache.tables(ref.data);
  if (!loaded.ok) return loaded;
  const restored = restoreModel(loaded.value, ref.config, ref.params, null);
  if (!restored.ok) return restored;
  const predictor = rememberModel(cache, ref.key, restored.value);
  return ok({ model: restored.value, predictor });
}

/** Frees every cached model's tensors. */
export function disposeModels(cache: ModelCache): void {
  for (const m of cache.models.values()) m.predictor.dispose();
  cache.models.clear();
}
