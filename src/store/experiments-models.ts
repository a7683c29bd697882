/**
 * Models tab actions: choose candidate models, train them all on the same split in the Experiments
 * worker, rank them by a metric with bootstrap intervals and costs, keep the trained models (for
 * importance and drift), save and export the comparison.
 */
import type { Task } from '../core/data/preprocess';
import { rankingToCsv } from '../core/stats';
import { resolveTrainConfig, type TrainConfig } from '../core/train/config';
import type { ModelKind } from '../core/train/model';
import { describeDataset, type DatasetChoice } from '../core/train/settings';
import { CancelledError, experimentsClient } from '../workers/experiments-client';
import { rowMetric } from '../workers/experiments-metrics';
import type { ComparisonOutcome } from '../workers/experiments-service';
import { newExperimentId, type ExperimentRecord } from './experiments-db';
import {
  datasetTask, experimentDataFor, getExperiments, messageOf, patchSlice, saveRecord,
  type CandidateSpec, type ModelsSetup, type StoredModel,
} from './experiments-store';
import { bestTrial } from './experiments-search';
import { objectiveFor } from '../core/experiments/objectives';
import { refreshModelOptions } from './experiments-importance';

const models = () => getExperiments().models;

const candidate = (name: string, model: ModelKind, hidden: number[] = []): CandidateSpec => ({ name, enabled: true, model, hidden, overrides: {} });

/**
 * The candidates offered for a task: the simplest model that can do it (whose coefficients can be
 * read), a small MLP and a wider one. The trade-off between them is the point of the comparison.
 */
export function presetCandidates(task: Task): CandidateSpec[] {
  if (task === 'regression') return [candidate('linear', 'linear'), candidate('mlp-8', 'mlp', [8]), candidate('mlp-32-32', 'mlp', [32, 32])];
  if (task === 'binary') return [candidate('logistic', 'logistic'), candidate('mlp-8', 'mlp', [8]), candidate('mlp-32-32', 'mlp', [32, 32])];
  return [candidate('softmax', 'softmax'), candidate('mlp-16', 'mlp', [16]), candidate('mlp-64-64', 'mlp', [64, 64])];
}

export function updateModelsSetup(patch: Partial<ModelsSetup>): void {
  patchSlice('models', { setup: { ...models().setup, ...patch } });
}

/** Fills the candidates and metric for the dataset's task (when none are set yet, or the data changed). */
export function setModelsDataset(dataset: DatasetChoice): void {
  const task = datasetTask(dataset) ?? 'binary';
  updateModelsSetup({ dataset, candidates: presetCandidates(task), metric: rowMetric(task, null).key });
}

export function initModelsDefaults(): void {
  const { setup } = models();
  if (setup.candidates.length === 0) setModelsDataset(setup.dataset);
}

/**
 * Adds the search's best trial as a candidate: its settings that differ from the comparison's base,
 * except the seed and split fractions, which every candidate shares so they are tested on the same rows.
 */
export function addSearchBest(): string | null {
  const s = getExperiments().search;
  const task = datasetTask(s.setup.dataset) ?? 'binary';
  const best = bestTrial(s.trials, objectiveFor(task, s.setup.objective).maximize);
  if (!best?.config) return 'Run a search first: its best trial can then join the comparison.';
  // A comparison not set up yet starts on the search's data, with the usual candidates.
  if (models().setup.candidates.length === 0) setModelsDataset(s.setup.dataset);
  const { setup } = models();
  if (JSON.stringify(setup.dataset) !== JSON.stringify(s.setup.dataset)) return 'The search ran on other data; choose the same dataset here first.';
  const overrides: Partial<TrainConfig> = {};
  for (const [key, value] of Object.entries(best.config) as [keyof TrainConfig, unknown][]) {
    if (['seed', 'validationFraction', 'testFraction', 'model', 'hidden', 'baselines', 'task'].includes(key)) continue;
    if (JSON.stringify(value) !== JSON.stringify(setup.base[key])) (overrides as Record<string, unknown>)[key] = value;
  }
  const name = `search-best-${best.id}`;
  const list = setup.candidates.filter((c) => c.name !== name);
  list.push({ name, enabled: true, model: best.config.model, hidden: [...best.config.hidden], overrides });
  updateModelsSetup({ candidates: list });
  return null;
}

/** A candidate's full settings: the base with its model, hidden layers and overrides. */
export function candidateConfig(base: TrainConfig, c: CandidateSpec) {
  return resolveTrainConfig({ ...base, ...c.overrides, model: c.model, hidden: c.hidden.length ? c.hidden : base.hidden, seed: base.seed, validationFraction: base.validationFraction, testFraction: base.testFraction });
}

/** Trains every enabled candidate and ranks them. */
export async function startComparison(): Promise<void> {
  const m = models();
  if (m.status === 'running') return;
  const chosen = m.setup.candidates.filter((c) => c.enabled);
  if (chosen.length === 0) {
    patchSlice('models', { message: 'Choose at least one model.', status: 'failed' });
    return;
  }
  const configs: { name: string; config: TrainConfig }[] = [];
  for (const c of chosen) {
    const r = candidateConfig(m.setup.base, c);
    if (!r.ok) {
      patchSlice('models', { status: 'failed', message: `${c.name}: ${r.error.message}` });
      return;
    }
    configs.push({ name: c.name, config: r.value });
  }
  patchSlice('models', { status: 'running', message: '', progress: { fraction: 0, label: 'Preparing the data' }, outcome: null });
  let outcome: ComparisonOutcome;
  try {
    const data = await experimentDataFor(m.setup.dataset);
    const r = await experimentsClient().request('compare-models', { data, candidates: configs, metric: m.setup.metric, B: m.setup.B, seed: m.setup.bootstrapSeed },
      (fraction, label) => patchSlice('models', { progress: { fraction, label } }),
    );
    if (!r.ok) {
      patchSlice('models', { status: 'failed', message: r.error.message, progress: null });
      return;
    }
    outcome = r.value;
  } catch (error) {
    patchSlice('models', { status: error instanceof CancelledError ? 'cancelled' : 'failed', message: error instanceof CancelledError ? 'Cancelled.' : messageOf(error), progress: null });
    return;
  }
  const id = newExperimentId('comparison');
  patchSlice('models', { status: 'done', progress: null, outcome, recordId: id });
  const now = Date.now();
  const leader = outcome.ranking.models[0]!;
  const dataLabel = describeDataset(m.setup.dataset);
  await saveRecord({
    id, kind: 'comparison', name: `${outcome.models.length} models, ${dataLabel}`, createdAt: now, updatedAt: now,
    summary: `leader ${leader.name}: ${outcome.metric.key} ${leader.score.toPrecision(4)}`,
    value: { outcome, setup: m.setup },
  });
  // Every trained model is kept, so importance and drift can use it after a reload.
  for (const info of outcome.models) {
    const value: StoredModel = { dataset: m.setup.dataset, config: info.config, params: info.params, info: withoutParams(info), origin: 'models' };
    const modelRecord: ExperimentRecord<StoredModel> = {
      id: newExperimentId('model'), kind: 'model', name: `${info.name} on ${dataLabel}`, createdAt: now, updatedAt: now,
      summary: `${info.summary.parameters} parameters, test ${outcome.metric.key} ${outcome.ranking.models.find((r) => r.name === info.name)?.score.toPrecision(4) ?? '?'}`,
      value,
    };
    await saveRecord(modelRecord);
  }
  await refreshModelOptions();
}

function withoutParams(info: ComparisonOutcome['models'][number]): StoredModel['info'] {
  const { params: _p, config: _c, ...rest } = info;
  return rest;
}

export function cancelComparison(): void {
  if (models().status === 'running') experimentsClient().cancel();
}

/** Shows a saved comparison. */
export function openSavedComparison(record: ExperimentRecord<{ outcome: ComparisonOutcome; setup: ModelsSetup }>): void {
  if (models().status === 'running') return;
  patchSlice('models', { outcome: record.value.outcome, setup: record.value.setup, status: 'done', recordId: record.id, message: '' });
}

export function comparisonCsv(): string {
  const o = models().outcome;
  return o ? rankingToCsv(o.ranking) : '';
}

/** The comparison as JSON (parameters left out: they are in the saved models). */
export function comparisonJson(): string {
  const m = models();
  if (!m.outcome) return '';
  return JSON.stringify({ setup: m.setup, metric: m.outcome.metric, rows: m.outcome.rows, ranking: m.outcome.ranking, models: m.outcome.models.map(withoutParams) }, null, 2);
}
