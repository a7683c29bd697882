/**
 * What a run exports to: the whole run as JSON, its step log as CSV (one row per step, per-layer
 * columns `<layer>.<quantity>`), and its test-set predictions as a CSV the Metrics page reads
 * (the bundled prediction-file layout: `y_true` first, then one column per model, or `<model>:<class>`
 * per class for multiclass). Pure functions over plain data.
 */
import { csvText } from '../text/csv-cell';
import type { StepRecord } from './step-record';

const STEP_COLUMNS = ['step', 'epoch', 'loss', 'data_loss', 'grad_norm', 'weight_norm', 'update_norm', 'update_ratio', 'm_norm', 'v_norm', 'cos_update_grad', 'cos_grad_prev', 'lr', 'clipped', 'ms'] as const;
const LAYER_COLUMNS = ['grad_norm', 'weight_norm', 'update_norm', 'update_ratio', 'm_norm', 'v_norm', 'cos_update_grad', 'cos_grad_prev', 'act_mean', 'act_std', 'dead_share'] as const;

/** A number for CSV: full precision, empty for missing, NaN/Infinity spelled out (as pandas reads them). */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v);
  return csvText(String(v));
}

/**
 * The step log as CSV: the step-level fields, tensor memory, then every layer's fields. Layers are taken
 * from the first record; `dead_share` of -1 (activations that cannot die) is written empty.
 */
export function stepsToCsv(steps: readonly StepRecord[]): string {
  const layerNames = steps[0]?.layers.map((l) => l.name) ?? [];
  const header = [...STEP_COLUMNS, 'memory_tensors', 'memory_bytes', ...layerNames.flatMap((n) => LAYER_COLUMNS.map((c) => `${n}.${c}`))];
  const lines = [header.map(cell).join(',')];
  for (const r of steps) {
    const row: unknown[] = STEP_COLUMNS.map((c) => r[c]);
    row.push(r.memory.tensors, r.memory.bytes);
    for (const name of layerNames) {
      const l = r.layers.find((x) => x.name === name);
      for (const c of LAYER_COLUMNS) {
        const v = l?.[c];
        row.push(c === 'dead_share' && typeof v === 'number' && v < 0 ? null : v);
      }
    }
    lines.push(row.map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Test-set predictions as the engine returns them (TrainResult.testPredictions, made plain). */
export interface StoredPredictions {
  task: 'binary' | 'multiclass' | 'regression';
  /** Class labels in code order; null for regression. */
  classes: string[] | null;
  /** Class codes (classification) or target values (regression). */
  y: number[];
  /** binary: P(second class); regression: prediction. */
  score: number[];
  /** multiclass: n x K probabilities, row-major. */
  proba: number[];
}

/** The model's column name in predictionsToCsv's file (no commas, colons, quotes or line breaks). */
export function predictionsModelName(model: string): string {
  return model.replace(/[,:\n\r"]/g, ' ').trim() || 'model';
}

/**
 * Predictions as a Metrics-page CSV, with `model` as the model column name. Binary files give y_true as
 * 0/1 (1 = the second class, `classes[1]`, the positive one) so the file needs no positive-label choice.
 */
export function predictionsToCsv(p: StoredPredictions, model: string): string {
  const name = predictionsModelName(model);
  const n = p.y.length;
  const lines: string[] = [];
  if (p.task === 'multiclass') {
    const classes = p.classes ?? [];
    const K = classes.length;
    lines.push(['y_true', ...classes.map((c) => `${name}:${c}`)].map(cell).join(','));
    for (let i = 0; i < n; i++) {
      const row: unknown[] = [classes[p.y[i]!] ?? p.y[i]];
      for (let k = 0; k < K; k++) row.push(p.proba[i * K + k]);
      lines.push(row.map(cell).join(','));
    }
  } else {
    lines.push(['y_true', name].map(cell).join(','));
    for (let i = 0; i < n; i++) lines.push([p.y[i], p.score[i]].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** A file name from a run name: lowercase words joined by dashes. */
export function fileStem(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run';
}
