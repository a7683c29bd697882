/**
 * Drift tab actions: load a reference and a current CSV (or a one-click example), run the drift
 * check in the Experiments worker, train a model on the reference and score it on both, save and export.
 */
import { findBundledEntry } from '../core/data/catalog';
import { decodeCsvBytes } from '../core/csv/decode';
import { parseCsv } from '../core/csv/parse';
import { driftToCsv } from '../core/stats';
import { resolveTrainConfig } from '../core/train/config';
import type { ModelKind } from '../core/train/model';
import { modelsForTask } from '../core/experiments/search-settings';
import { CancelledError, experimentsClient } from '../workers/experiments-client';
import { findDriftExample } from '../workers/experiments-drift';
import { rowMetric } from '../workers/experiments-metrics';
import { newExperimentId } from './experiments-db';
import { getExperiments, messageOf, patchSlice, saveRecord, type DriftFile, type DriftSlice, type SavedDrift } from './experiments-store';

const drift = () => getExperiments().drift;

/** The header of a CSV text (first record only: cheap even for a large file). */
export function csvHeader(file: DriftFile): string[] {
  // The header and one data row: enough for the parser to settle the delimiter.
  const parsed = parseCsv(file.text.split('\n', 2).join('\n'), file.name);
  return parsed.ok ? parsed.value.header : [];
}

/** A column to leave out as the target: the current choice if both files have it, else one named like a target. */
function guessTarget(reference: DriftFile, current: DriftFile, previous: string): string {
  const a = csvHeader(reference), b = new Set(csvHeader(current));
  const shared = a.filter((h) => b.has(h));
  if (previous && shared.includes(previous)) return previous;
  return shared.find((h) => ['target', 'label', 'y', 'class', 'y_true'].includes(h.toLowerCase())) ?? '';
}

export function updateDrift(patch: Partial<Pick<DriftSlice, 'target' | 'alpha' | 'psiThreshold'>>): void {
  patchSlice('drift', patch);
}

export function setDriftModel(patch: Partial<Pick<DriftSlice['model'], 'kind' | 'metric'>>): void {
  patchSlice('drift', { model: { ...drift().model, ...patch } });
}

const resetModel = (): DriftSlice['model'] => ({ ...drift().model, status: 'idle', message: '', outcome: null });

/** Loads one of the two files; runs the check when both are there. */
export async function setDriftFile(which: 'reference' | 'current', file: File): Promise<void> {
  // Decoded as every other page decodes a file (UTF-16 with a BOM, Windows-1252, binary refused).
  const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  if (!decoded.ok) {
    patchSlice('drift', { status: 'failed', message: decoded.error.message });
    return;
  }
  const loaded: DriftFile = { name: file.name, text: decoded.value };
  const next = { ...drift(), [which]: loaded };
  const target = next.reference && next.current ? guessTarget(next.reference, next.current, next.target) : next.target;
  patchSlice('drift', { [which]: loaded, exampleId: null, outcome: null, target, model: resetModel(), message: '' });
  if (next.reference && next.current) await runDrift();
}

/** One click: a bundled dataset split into two seeded halves, the second shifted (or not). */
export async function runDriftExample(id: string): Promise<void> {
  const example = findDriftExample(id);
  const entry = example ? findBundledEntry(example.dataset) : undefined;
  if (!example || !entry) return;
  patchSlice('drift', { status: 'running', message: 'Making the example…', outcome: null, model: resetModel() });
  try {
    const { fetchBundledFile } = await import('../core/data/bundled-files');
    const text = await fetchBundledFile(entry.file);
    const made = await experimentsClient().request('drift-example', { example: id, text, fileName: entry.file });
    if (!made.ok) {
      patchSlice('drift', { status: 'failed', message: made.error.message });
      return;
    }
    patchSlice('drift', {
      exampleId: id, target: made.value.target,
      reference: { name: `${example.dataset}-reference.csv`, text: made.value.reference },
      current: { name: `${example.dataset}-current${example.shifts.length ? '-shifted' : ''}.csv`, text: made.value.current },
      model: { ...resetModel(), kind: entry.task === 'regression' ? 'linear' : 'mlp' },
    });
    await runDrift();
  } catch (error) {
    patchSlice('drift', { status: 'failed', message: messageOf(error) });
  }
}

/** Runs the drift check on the loaded files and saves the report. */
export async function runDrift(): Promise<void> {
  const d = drift();
  if (!d.reference || !d.current) return;
  patchSlice('drift', { status: 'running', message: '', outcome: null });
  try {
    const r = await experimentsClient().request('drift', {
      reference: d.reference, current: d.current, target: d.target || null,
      options: { alpha: d.alpha, psiThreshold: d.psiThreshold },
    });
    if (!r.ok) {
      patchSlice('drift', { status: 'failed', message: r.error.message });
      return;
    }
    const task = r.value.target?.task ?? null;
    const kinds = task ? modelsForTask(task) : ['mlp' as ModelKind];
    const kind = kinds.includes(drift().model.kind) ? drift().model.kind : kinds[0]!;
    const id = newExperimentId('drift');
    patchSlice('drift', {
      status: 'done', outcome: r.value, recordId: id,
      model: { ...drift().model, task, kind, metric: task ? rowMetric(task, drift().model.metric).key : '' },
    });
    await save(id);
  } catch (error) {
    patchSlice('drift', { status: error instanceof CancelledError ? 'cancelled' : 'failed', message: messageOf(error) });
  }
}

async function save(id: string): Promise<void> {
  const d = drift();
  if (!d.outcome) return;
  const now = Date.now();
  const value: SavedDrift = { outcome: d.outcome, exampleId: d.exampleId, target: d.target, model: d.model.outcome };
  const verdict = d.outcome.report.drifted ? `drift in ${d.outcome.report.driftedFeatures.join(', ')}` : 'no drift';
  await saveRecord({
    id, kind: 'drift', name: `${d.outcome.reference.file} vs ${d.outcome.current.file}`, createdAt: now, updatedAt: now, summary: verdict, value,
  });
}

/**
 * Trains the chosen model on the reference file (its own seeded train/validation/test split) and
 * scores it on the reference's held-out test rows and on every row of the current file.
 */
export async function runDriftModelCheck(): Promise<void> {
  const d = drift();
  if (!d.reference || !d.current || !d.outcome?.target || d.model.status === 'running') return;
  const task = d.outcome.target.task;
  const config = resolveTrainConfig({ model: d.model.kind, hidden: d.model.kind === 'mlp' ? [16, 16] : [], epochs: 40, lr: 0.01, baselines: false });
  if (!config.ok) {
    patchSlice('drift', { model: { ...d.model, status: 'failed', message: config.error.message } });
    return;
  }
  patchSlice('drift', { model: { ...d.model, status: 'running', message: `Training ${d.model.kind} on ${d.reference.name}…`, outcome: null } });
  try {
    const data = { kind: 'csv' as const, name: d.reference.name, text: d.reference.text, target: d.outcome.target.name, task };
    const trained = await experimentsClient().request('train-model', { data, config: config.value, name: `drift-${d.model.kind}` });
    if (!trained.ok) {
      patchSlice('drift', { model: { ...drift().model, status: 'failed', message: trained.error.message } });
      return;
    }
    const ref = { key: `drift:${d.recordId}:${d.model.kind}`, data, config: trained.value.config, params: trained.value.params };
    const metric = rowMetric(task, d.model.metric).key;
    const scored = await experimentsClient().request('model-on-data', { model: ref, current: d.current, metric });
    if (!scored.ok) {
      patchSlice('drift', { model: { ...drift().model, status: 'failed', message: scored.error.message } });
      return;
    }
    patchSlice('drift', { model: { ...drift().model, status: 'done', message: '', outcome: scored.value, metric } });
    if (d.recordId) await save(d.recordId);
  } catch (error) {
    patchSlice('drift', { model: { ...drift().model, status: 'failed', message: messageOf(error) } });
  }
}

/** Shows a saved drift report (the files themselves are not stored). */
export function openSavedDrift(record: { id: string; value: SavedDrift }): void {
  const v = record.value;
  patchSlice('drift', {
    outcome: v.outcome, exampleId: v.exampleId, target: v.target, recordId: record.id, status: 'done', message: '',
    reference: null, current: null,
    model: { ...drift().model, outcome: v.model, status: v.model ? 'done' : 'idle', task: v.outcome.target?.task ?? null },
  });
}

export function driftCsv(): string {
  const o = drift().outcome;
  return o ? driftToCsv(o.report) : '';
}

export function driftJson(): string {
  const d = drift();
  return d.outcome ? JSON.stringify({ ...d.outcome, model: d.model.outcome }, null, 2) : '';
}
