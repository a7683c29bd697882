/**
 * Curves tab actions: the data (bundled, synthetic, or a CSV opened here), the model, and the two
 * curves, computed in the Experiments worker with its progress shown here; CSV and JSON exports.
 */
import { parseCsv } from '../core/csv/parse';
import { decodeCsvBytes } from '../core/csv/decode';
import { hyperparameterGrid } from '../core/experiments/learning-curve';
import { CURVE_PARAM_INFO, type CurveParam } from '../core/experiments/curve-params';
import { resolveTrainConfig, type TrainConfig } from '../core/train/config';
import type { ModelKind } from '../core/train/model';
import type { ExperimentData } from '../workers/experiments-data';
import { CancelledError, experimentsClient } from '../workers/experiments-client';
import { experimentBaseConfig, experimentDataFor, getExperiments, messageOf, patchSlice, type CurvesSlice } from './experiments-store';

const curves = () => getExperiments().curves;

type Editable = Pick<CurvesSlice, 'dataset' | 'useUpload' | 'model' | 'hidden' | 'epochs' | 'metric' | 'points' | 'repeats' | 'seed' | 'lo' | 'hi' | 'count'>;

export function updateCurves(patch: Partial<Editable>): void {
  patchSlice('curves', patch);
}

/** A new swept setting starts from its usual range. */
export function chooseCurveParam(param: CurveParam): void {
  const info = CURVE_PARAM_INFO[param];
  patchSlice('curves', { param, lo: info.lo, hi: info.hi });
}

export function chooseUploadTarget(target: string): void {
  const u = curves().upload;
  if (u) patchSlice('curves', { upload: { ...u, target } });
}

/** Reads a CSV's header (the worker parses and checks the whole file when a curve starts). */
export async function openCurvesFile(file: File): Promise<void> {
  const decoded = decodeCsvBytes(await file.arrayBuffer(), file.name);
  if (!decoded.ok) {
    patchSlice('curves', { message: decoded.error.message, status: 'failed' });
    return;
  }
  const head = decoded.value.split(/\r?\n/, 21).join('\n');
  const parsed = parseCsv(head, file.name);
  if (!parsed.ok) {
    patchSlice('curves', { message: parsed.error.message, status: 'failed' });
    return;
  }
  const columns = parsed.value.header;
  if (columns.length < 2) {
    patchSlice('curves', { message: `${file.name}: a learning curve needs at least one feature column and a target; this file has ${columns.length} column.`, status: 'failed' });
    return;
  }
  patchSlice('curves', { upload: { name: file.name, text: decoded.value, columns, target: columns.at(-1)! }, useUpload: true, message: '', status: 'idle' });
}

/** The training settings of every point. */
export function curvesConfig(s: CurvesSlice): ReturnType<typeof resolveTrainConfig> {
  const hidden = s.model === 'mlp' || s.model === 'cnn' ? s.hidden : [];
  return resolveTrainConfig({ ...experimentBaseConfig(), model: s.model, hidden, epochs: s.epochs, steps: null, seed: s.seed });
}

async function curvesData(s: CurvesSlice): Promise<ExperimentData> {
  if (s.useUpload && s.upload) return { kind: 'csv', name: s.upload.name, text: s.upload.text, target: s.upload.target };
  return experimentDataFor(s.dataset);
}

async function run(kind: 'learning' | 'validation', request: (data: ExperimentData, config: TrainConfig, s: CurvesSlice) => Promise<void>): Promise<void> {
  const s = curves();
  if (s.running) return;
  const config = curvesConfig(s);
  if (!config.ok) {
    patchSlice('curves', { status: 'failed', message: config.error.message });
    return;
  }
  patchSlice('curves', { running: kind, status: 'running', message: '', progress: { fraction: 0, label: 'Starting the worker' } });
  try {
    await request(await curvesData(s), config.value, s);
  } catch (error) {
    const cancelled = error instanceof CancelledError;
    patchSlice('curves', { running: null, status: cancelled ? 'cancelled' : 'failed', progress: null, message: cancelled ? 'Cancelled.' : messageOf(error) });
  }
}

const onProgress = (fraction: number, label: string) => patchSlice('curves', { progress: { fraction, label } });

/** Score against training-set size, with the power law and the more-data-or-features comparison. */
export function startLearningCurve(): Promise<void> {
  return run('learning', async (data, config, s) => {
    const r = await experimentsClient().request('learning-curve', { data, config, options: { metric: s.metric, points: s.points, repeats: s.repeats, seed: s.seed } }, onProgress);
    if (!r.ok) patchSlice('curves', { running: null, status: 'failed', progress: null, message: r.error.message });
    else patchSlice('curves', { running: null, status: 'done', progress: null, learning: r.value, metric: r.value.metric.key, message: r.warnings.join(' ') });
  });
}

/** The values a validation curve sweeps. */
export function curveValues(s: Pick<CurvesSlice, 'param' | 'lo' | 'hi' | 'count'>): number[] {
  const info = CURVE_PARAM_INFO[s.param];
  const scale = info.scale === 'log' && s.lo > 0 ? 'log' : 'linear';
  return hyperparameterGrid(s.lo, s.hi, s.count, scale, info.integer);
}

/** Score against one setting: train and validation. */
export function startValidationCurve(): Promise<void> {
  return run('validation', async (data, config, s) => {
    const options = { metric: s.metric, param: s.param, values: curveValues(s), repeats: s.repeats };
    const r = await experimentsClient().request('validation-curve', { data, config, options }, onProgress);
    if (!r.ok) patchSlice('curves', { running: null, status: 'failed', progress: null, message: r.error.message });
    else patchSlice('curves', { running: null, status: 'done', progress: null, validation: r.value, metric: r.value.metric.key, message: r.warnings.join(' ') });
  });
}

export function cancelCurves(): void {
  if (curves().running) experimentsClient().cancel();
}

export function setCurvesModel(model: ModelKind): void {
  patchSlice('curves', { model });
}

/** Every trained point of both curves, one row each. */
export function curvesCsv(): string {
  const { learning, validation } = curves();
  const lines = ['curve,x,repeat,train,validation'];
  for (const p of learning?.points ?? []) lines.push(`learning,${p.x},${p.repeat},${p.train},${p.validation}`);
  for (const p of validation?.points ?? []) lines.push(`validation:${validation!.param},${p.x},${p.repeat},${p.train},${p.validation}`);
  return lines.join('\n') + '\n';
}

export function curvesJson(): string {
  const { learning, validation } = curves();
  return JSON.stringify({ learning, validation }, null, 2);
}
