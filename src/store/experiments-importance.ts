/**
 * Importance tab actions: list the models that can be inspected (models kept by the Models tab or
 * trained here, and Train-page runs that saved their weights), train one quickly when there is none,
 * compute permutation importance and partial dependence in the Experiments worker, save and export.
 */
import type { Task } from '../core/data/preprocess';
import { importanceToCsv } from '../core/stats';
import { resolveTrainConfig, type TrainConfig } from '../core/train/config';
import type { ModelKind } from '../core/train/model';
import { describeDataset, type DatasetChoice, type TrainSettings } from '../core/train/settings';
import { CancelledError, experimentsClient } from '../workers/experiments-client';
import { rowMetric } from '../workers/experiments-metrics';
import type { ModelRef } from '../workers/experiments-service';
import {
  datasetTask, experimentDataFor, experimentsDb, getExperiments, messageOf, patchSlice, saveRecord, setExperiments,
  type ImportanceSlice, type ModelOption, type SavedImportance, type StoredModel,
} from './experiments-store';
import { newExperimentId, type ExperimentRecord } from './experiments-db';
import { RunsDb } from './runs-db';

const importance = () => getExperiments().importance;

/** A Train-page run's saved weights, if the run kept them in the shape the Train page writes. */
function trainRunModel(settings: unknown, weights: unknown): { dataset: DatasetChoice; config: TrainConfig; params: Float32Array } | null {
  if (!settings || typeof settings !== 'object' || !weights || typeof weights !== 'object') return null;
  const s = settings as Partial<TrainSettings>;
  const w = weights as { params?: unknown; config?: unknown };
  if (!(w.params instanceof Float32Array) || !w.config || typeof w.config !== 'object' || !s.dataset || s.dataset.source === 'upload') return null;
  const config = resolveTrainConfig(w.config as TrainConfig);
  return config.ok ? { dataset: s.dataset, config: config.value, params: w.params } : null;
}

let runsDb: Promise<RunsDb> | null = null;

/** Train-page runs that finished with weights, as model options (read-only; never written here). */
async function trainRunOptions(): Promise<{ option: ModelOption; model: StoredModel }[]> {
  runsDb ??= RunsDb.open();
  const runs = await runsDb;
  const out: { option: ModelOption; model: StoredModel }[] = [];
  for (const meta of await runs.list()) {
    if (meta.kind !== 'train' || meta.status !== 'done') continue;
    const found = trainRunModel(meta.config, await runs.getArtifact(meta.id, 'weights'));
    if (!found) continue;
    out.push({
      option: {
        id: `run:${meta.id}`, name: meta.name, detail: `Train page run on ${meta.datasetLabel}`, origin: 'train-run',
        task: found.config.task ?? datasetTask(found.dataset) ?? 'binary',
      },
      model: { ...found, origin: 'train-run', info: null },
    });
  }
  return out;
}

const trainRuns = new Map<string, StoredModel>();

/** Re-reads the models that can be inspected. */
export async function refreshModelOptions(): Promise<void> {
  const db = await experimentsDb();
  const stored = await db.list<StoredModel>('model');
  const options: ModelOption[] = stored.map((r) => ({ id: r.id, name: r.name, detail: r.summary, origin: r.value.origin, task: storedModelTask(r.value) }));
  try {
    for (const { option, model } of await trainRunOptions()) {
      trainRuns.set(option.id, model);
      options.push(option);
    }
  } catch {
    // The runs database is the Train page's; if it cannot be read, its runs are simply not offered.
  }
  setExperiments({ modelOptions: options });
  const current = importance().modelId;
  if (!current || !options.some((o) => o.id === current)) patchSlice('importance', { modelId: options[0]?.id ?? null });
}

/** A stored model by option id (experiments DB, or a Train-page run), or null. */
export async function storedModel(id: string): Promise<StoredModel | null> {
  if (id.startsWith('run:')) return trainRuns.get(id) ?? null;
  const record = await (await experimentsDb()).get<StoredModel>(id);
  return record?.value ?? null;
}

export function updateImportance(patch: Partial<Pick<ImportanceSlice, 'modelId' | 'metric' | 'repeats' | 'seed'>>): void {
  patchSlice('importance', patch);
}

export function updateQuickTrain(patch: Partial<{ dataset: DatasetChoice; model: ModelKind }>): void {
  patchSlice('importance', { quick: { ...importance().quick, ...patch } });
}

/** Trains a model right here (when there is none to inspect yet) and selects it. */
export async function quickTrain(): Promise<void> {
  const q = importance().quick;
  if (q.status === 'running') return;
  const config = resolveTrainConfig({ model: q.model, hidden: q.model === 'mlp' ? [16, 16] : [], epochs: 30, baselines: false });
  if (!config.ok) {
    patchSlice('importance', { quick: { ...q, status: 'failed', message: config.error.message } });
    return;
  }
  patchSlice('importance', { quick: { ...q, status: 'running', message: 'Training…' } });
  try {
    const data = await experimentDataFor(q.dataset);
    const name = `${q.model} on ${describeDataset(q.dataset)}`;
    const r = await experimentsClient().request('train-model', { data, config: config.value, name });
    if (!r.ok) {
      patchSlice('importance', { quick: { ...importance().quick, status: 'failed', message: r.error.message } });
      return;
    }
    const { params, config: resolved, ...info } = r.value;
    const now = Date.now();
    const id = newExperimentId('model');
    const record: ExperimentRecord<StoredModel> = {
      id, kind: 'model', name, createdAt: now, updatedAt: now,
      summary: `${info.summary.parameters} parameters, validation loss ${info.summary.final.validation.loss?.toPrecision(4) ?? '?'}`,
      value: { dataset: q.dataset, config: resolved, params, info, origin: 'importance' },
    };
    await saveRecord(record);
    await refreshModelOptions();
    patchSlice('importance', { modelId: id, quick: { ...importance().quick, status: 'done', message: `Trained ${name}.` } });
  } catch (error) {
    patchSlice('importance', { quick: { ...importance().quick, status: 'failed', message: messageOf(error) } });
  }
}

/** The task of a stored model (from its summary, else from its dataset). */
export function storedModelTask(model: StoredModel): Task {
  return model.info?.summary.task ?? datasetTask(model.dataset) ?? 'binary';
}

/** Permutation importance (and partial dependence) of the selected model on its validation rows. */
export async function startImportance(): Promise<void> {
  const s = importance();
  if (s.status === 'running' || !s.modelId) return;
  const option = getExperiments().modelOptions.find((o) => o.id === s.modelId);
  patchSlice('importance', { status: 'running', message: '', progress: { fraction: 0, label: 'Loading the model' }, outcome: null });
  try {
    const model = await storedModel(s.modelId);
    if (!model) throw new Error('That model is no longer stored.');
    const task = storedModelTask(model);
    const metric = rowMetric(task, s.metric).key;
    const ref: ModelRef = { key: s.modelId, data: await experimentDataFor(model.dataset), config: model.config, params: model.params };
    const r = await experimentsClient().request('importance', { model: ref, metric, repeats: s.repeats, seed: s.seed },
      (fraction, label) => patchSlice('importance', { progress: { fraction, label } }),
    );
    if (!r.ok) {
      patchSlice('importance', { status: 'failed', message: r.error.message, progress: null });
      return;
    }
    const outcomeModel = { id: s.modelId, name: option?.name ?? s.modelId, task };
    const id = newExperimentId('importance');
    patchSlice('importance', { status: 'done', progress: null, outcome: r.value, outcomeModel, recordId: id, metric });
    const top = [...r.value.result.features].sort((a, b) => b.mean - a.mean)[0];
    const now = Date.now();
    const value: SavedImportance = { outcome: r.value, model: outcomeModel, repeats: s.repeats, seed: s.seed };
    await saveRecord({
      id, kind: 'importance', name: `Importance: ${outcomeModel.name}`, createdAt: now, updatedAt: now,
      summary: `${r.value.metric.key}, ${s.repeats} repeats${top ? `; top ${top.feature}` : ''}`, value,
    });
  } catch (error) {
    patchSlice('importance', {
      status: error instanceof CancelledError ? 'cancelled' : 'failed', progress: null,
      message: error instanceof CancelledError ? 'Cancelled.' : messageOf(error),
    });
  }
}

export function cancelImportance(): void {
  if (importance().status === 'running') experimentsClient().cancel();
}

export function openSavedImportance(record: ExperimentRecord<SavedImportance>): void {
  if (importance().status === 'running') return;
  const v = record.value;
  patchSlice('importance', { outcome: v.outcome, outcomeModel: v.model, status: 'done', recordId: record.id, message: '', repeats: v.repeats, seed: v.seed });
}

export function importanceCsv(): string {
  const o = importance().outcome;
  return o ? importanceToCsv(o.result) : '';
}

export function importanceJson(): string {
  const s = importance();
  return s.outcome ? JSON.stringify({ model: s.outcomeModel, ...s.outcome }, null, 2) : '';
}
