/** Exports of a saved run, and the hand-off of its test predictions to the Metrics page (see metrics/handoff.ts). */
import { buildModelSpec } from '../../core/train/model';
import { headFor } from '../../core/train/config';
import { loadRunForExport } from '../../store/train-store';
import { storePredictionsHandoff } from '../metrics/handoff';
import { navigate } from '../useHashRoute';
import { downloadFile } from './download';
import { fileStem, predictionsToCsv, stepsToCsv } from '../../core/train/run-export';
import { buildTfjsExport } from './tfjs-export';

/** Downloads a run as JSON (settings, metadata, every step and epoch record, results). */
export async function exportRunJson(runId: string): Promise<string | null> {
  const loaded = await loadRunForExport(runId);
  if (!loaded) return 'That run is no longer stored.';
  const { run, predictions } = loaded;
  const doc = {
    format: 'ml-workbench-run',
    version: 1,
    id: run.meta.id,
    name: run.meta.name,
    created: new Date(run.meta.createdAt).toISOString(),
    status: run.meta.status,
    kind: run.meta.kind,
    dataset: run.meta.datasetLabel,
    backend: run.meta.backend,
    settings: run.meta.config,
    summary: run.meta.summary,
    steps: run.steps,
    epochs: run.epochs,
    test_predictions: predictions,
  };
  // NaN and Infinity become null, as in the CLI's JSON.
  downloadFile(`${fileStem(run.meta.name)}.run.json`, JSON.stringify(doc, null, 1), 'application/json');
  return null;
}

/** Downloads a run's step log as CSV. */
export async function exportStepsCsv(runId: string): Promise<string | null> {
  const loaded = await loadRunForExport(runId);
  if (!loaded) return 'That run is no longer stored.';
  downloadFile(`${fileStem(loaded.run.meta.name)}.steps.csv`, stepsToCsv(loaded.run.steps), 'text/csv');
  return null;
}

/** Downloads the trained model as TF.js model.json + weights.bin (see tfjs-export.ts). */
export async function exportModel(runId: string): Promise<string | null> {
  const loaded = await loadRunForExport(runId);
  if (!loaded) return 'That run is no longer stored.';
  const w = loaded.weights;
  if (!w) return 'This run has no saved weights (it did not finish, or it was the one-batch check).';
  const c = w.config;
  const task = w.info.task;
  const spec = buildModelSpec(
    { kind: c.model, hidden: c.hidden, activation: c.activation, dropout: c.dropout, init: c.init },
    w.info.features.length,
    headFor(task, c.model),
    w.info.classes?.length ?? 1,
  );
  const base = fileStem(loaded.run.meta.name);
  const exp = buildTfjsExport(spec, w.params, {
    baseName: base,
    targetScale: w.info.targetScale,
    metadata: {
      source: 'ML Workbench',
      run: loaded.run.meta.name,
      task,
      classes: w.info.classes,
      features: w.info.features,
      outputs: task === 'binary' ? 'P(second class)' : task === 'multiclass' ? 'class probabilities' : 'prediction in the target units',
      note: 'Inputs must be preprocessed as in training (see preprocessing); the model does not standardise or one-hot encode.',
      preprocessing: { standardize: c.standardize, impute: c.impute, missingIndicators: c.missingIndicators },
    },
  });
  downloadFile(`${base}.json`, JSON.stringify(exp.modelJson), 'application/json');
  downloadFile(exp.weightsFileName, exp.weights, 'application/octet-stream');
  return null;
}

/** Sends the run's test-set predictions to the Metrics page (see the file comment for the hand-off). */
export async function openPredictionsInMetrics(runId: string): Promise<string | null> {
  const loaded = await loadRunForExport(runId);
  if (!loaded) return 'That run is no longer stored.';
  if (!loaded.predictions || loaded.predictions.y.length === 0) return 'This run has no test-set predictions (it did not finish, or there is no test split).';
  const name = `${fileStem(loaded.run.meta.name)}.predictions.csv`;
  const csv = predictionsToCsv(loaded.predictions, loaded.run.meta.name);
  if (!storePredictionsHandoff(runId, { name, csv })) {
    // Storage full or refused: hand the text over directly; only a reload loses it.
    const { useMetricsStore } = await import('../../store/metrics-store');
    void useMetricsStore.getState().loadText(name, csv);
  }
  navigate('metrics', { from: `run:${runId}` });
  return null;
}
