/**
 * Trained models for the Experiments page, built from the training engine's own parts: a run of
 * `TrainingRun` (the same steps, evaluation and metrics as the Train page), its final parameters,
 * and a predictor that runs the engine's `forward` on new rows.
 *
 * Why this exists: `TrainingRun.finish()` returns metrics and test predictions but frees the model, so
 * there is no way to predict on new rows (drift: "the metric on the current data"; permutation
 * importance and partial dependence: thousands of predictions on permuted rows). We read the
 * parameters before `finish()` (and, with early stopping, the best epoch's parameters, which is what
 * `finish()` restores) and rebuild the forward pass from them.
 *
 * Rows can be given either prepared (the model's input columns: standardised numbers, one-hot
 * categories) or raw (one column per table feature, categorical values as codes into the table's
 * sorted categories): raw rows go through the run's fitted preprocessing (`transformRows`), so
 * permutation importance shuffles whole table columns, never half of a one-hot group.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedData, Task } from '../core/data/preprocess';
import { transformRows } from '../core/data/preprocess';
import type { FeatureColumn, LabelledTable } from '../core/data/table';
import { fail, ok, type Result } from '../core/result';
import { headFor, type TrainConfig } from '../core/train/config';
import { outputsToPredictions, metricsFor, type MetricValues, type Predictions } from '../core/train/evaluation';
import { buildModelSpec, forward, type ModelSpec } from '../core/train/model';
import { prepareTrainingData } from '../core/train/train-data';
import { TrainingRun, type RunStatus } from '../core/train/training-run';
import type { LoadedTable } from './experiments-data';
import type { RowView } from './experiments-metrics';

/** What a trained model reports (plain data: crosses to the page and is stored). */
export interface ModelSummary {
  task: Task;
  classes: string[] | null;
  /** The model's input columns (after one-hot encoding). */
  inputs: string[];
  /** The table's feature columns (what importance and drift talk about). */
  rawFeatures: { name: string; kind: 'numeric' | 'categorical' }[];
  parameters: number;
  status: RunStatus;
  stopReason: string;
  /** Early stopping put the best epoch's weights back (the kept parameters are those). */
  restoredBestWeights: boolean;
  /** Wall time of the training steps (not the final evaluation), in this worker. */
  trainingMs: number;
  epochs: number;
  steps: number;
  final: { train: MetricValues; validation: MetricValues; test: MetricValues };
  rows: { train: number; validation: number; test: number };
}

/** A model with everything needed to predict: the prepared data (split and fitted preprocessing), spec and parameters. */
export interface TrainedModel {
  config: TrainConfig;
  table: LabelledTable;
  data: PreparedData;
  spec: ModelSpec;
  params: Float32Array;
  summary: ModelSummary;
}

function rawFeatureKinds(table: LabelledTable): ModelSummary['rawFeatures'] {
  return table.features.map((f) => ({ name: f.name, kind: f.kind }));
}

/**
 * Prepares the data exactly as a Train-page run with `config` would (same seed, same split, same
 * preprocessing) and builds the model spec; no training. Errors are the engine's (model vs task, shapes).
 */
export function prepareModel(loaded: LoadedTable, config: TrainConfig): Result<{ config: TrainConfig; data: PreparedData }> {
  return prepareTrainingData(loaded.table, config, loaded.task);
}

export interface TrainModelOptions {
  /** Called after each epoch (for progress). */
  onEpoch?: (epoch: number, step: number, totalSteps: number) => void;
}

/**
 * Trains to completion with the engine (synchronous device reads: call it in a Worker) and keeps the
 * final parameters. With early stopping the kept parameters are those of the best epoch, as the
 * engine's `finish()` restores them, so predictions here match `summary.final`.
 */
export function trainModel(loaded: LoadedTable, config: TrainConfig, options: TrainModelOptions = {}): Result<TrainedModel> {
  const prepared = prepareModel(loaded, config);
  if (!prepared.ok) return prepared;
  const { data, config: resolved } = prepared.value;
  return ok(trainPrepared(loaded, data, resolved, options), prepared.warnings);
}

/**
 * Trains on data that is already prepared (e.g. a subset of a run's training rows, for a learning
 * curve); `config` must be resolved (its task set). The seed fixes initialisation and shuffling only:
 * the split is whatever `data` holds.
 */
export function trainPrepared(loaded: LoadedTable, data: PreparedData, resolved: TrainConfig, options: TrainModelOptions = {}): TrainedModel {
  const run = new TrainingRun(data, resolved, { keepSteps: false });
  let bestParams: Float32Array | null = null;
  let last: Float32Array;
  let trainingMs: number;
  try {
    const t0 = globalThis.performance.now();
    while (!run.done) {
      const out = run.step();
      if (out.epoch) {
        // The engine keeps the best epoch's weights only for early stopping; so do we.
        if (resolved.patience !== null && out.epoch.best) bestParams = run.parameters();
        options.onEpoch?.(out.epoch.epoch, out.epoch.step, run.info.totalSteps);
      }
    }
    trainingMs = globalThis.performance.now() - t0;
    last = run.parameters();
  } catch (error) {
    run.dispose();
    throw error;
  }
  const result = run.finish();
  const params = result.restoredBestWeights && bestParams ? bestParams : last;
  const summary: ModelSummary = {
    task: data.task,
    classes: data.classes,
    inputs: data.featureNames,
    rawFeatures: rawFeatureKinds(loaded.table),
    parameters: run.spec.paramCount,
    status: result.status,
    stopReason: result.stopReason,
    restoredBestWeights: result.restoredBestWeights,
    trainingMs,
    epochs: result.epochs.length,
    steps: run.stepsDone,
    final: result.final,
    rows: result.info.rows,
  };
  return { config: resolved, table: loaded.table, data, spec: run.spec, params, summary };
}

/**
 * Rebuilds a model from stored parameters (a model trained earlier, or a Train-page run's weights):
 * prepares the data with the stored config (the split and preprocessing follow from its seed) and
 * checks that the parameter count matches the architecture.
 */
export function restoreModel(loaded: LoadedTable, config: TrainConfig, params: Float32Array, summary: Omit<ModelSummary, 'inputs' | 'rawFeatures' | 'parameters' | 'rows'> | null): Result<TrainedModel> {
  const prepared = prepareModel(loaded, config);
  if (!prepared.ok) return prepared;
  const { data, config: resolved } = prepared.value;
  // The spec exactly as TrainingRun's constructor builds it.
  const spec = buildModelSpec(
    { kind: resolved.model, hidden: resolved.hidden, activation: resolved.activation, dropout: resolved.dropout, init: resolved.init },
    data.d,
    headFor(data.task, resolved.model),
    data.classes?.length ?? 1,
  );
  if (params.length !== spec.paramCount) {
    return fail({
      kind: 'model-mismatch',
      message: `The stored model has ${params.length} parameters but its settings build ${spec.paramCount}; it cannot be restored on this data.`,
      file: null, row: null, column: null,
    });
  }
  const full: ModelSummary = {
    task: data.task, classes: data.classes, inputs: data.featureNames, rawFeatures: rawFeatureKinds(loaded.table),
    parameters: spec.paramCount, rows: { train: data.train.n, validation: data.validation.n, test: data.test.n },
    status: summary?.status ?? 'completed', stopReason: summary?.stopReason ?? '', restoredBestWeights: summary?.restoredBestWeights ?? false, trainingMs: summary?.trainingMs ?? NaN,
    epochs: summary?.epochs ?? 0, steps: summary?.steps ?? 0, final: summary?.final ?? { train: {}, validation: {}, test: {} },
  };
  return ok({ config: resolved, table: loaded.table, data, spec, params, summary: full }, prepared.warnings);
}

/** Rows per forward pass: bounds the tensors' memory for permutation importance's large calls. */
const ROWS_PER_PASS = 8192;

/**
 * Predictions of a model on prepared rows, with the parameters held on the device. Call `dispose()`
 * when done; `tf.memory()` is back where it was afterwards.
 */
export class ModelPredictor {
  readonly model: TrainedModel;
  private readonly paramsTensor: tf.Tensor1D;
  private disposed = false;

  constructor(model: TrainedModel) {
    this.model = model;
    this.paramsTensor = tf.tensor1d(model.params);
  }

  /** Raw outputs (logits, or the standardised regression value), row-major [n, outputs]. */
  outputs(x: Float32Array, n: number): Float32Array {
    if (this.disposed) throw new Error('the predictor was disposed');
    const { spec } = this.model;
    const d = spec.inputs;
    if (x.length !== n * d) throw new RangeError(`expected ${n} x ${d} inputs, got ${x.length} values`);
    const out = new Float32Array(n * spec.outputs);
    for (let start = 0; start < n; start += ROWS_PER_PASS) {
      const rows = Math.min(ROWS_PER_PASS, n - start);
      const part = tf.tidy(() => forward(spec, this.paramsTensor, tf.tensor2d(x.subarray(start * d, (start + rows) * d), [rows, d]), { training: false }));
      out.set(part.dataSync() as Float32Array, start * spec.outputs);
      part.dispose();
    }
    return out;
  }

  /** Predictions in the data's units (P(positive), class probabilities, or values), as the engine's evaluation makes them. */
  predict(x: Float32Array, n: number): Predictions {
    return outputsToPredictions(this.outputs(x, n), n, this.model.spec.head, this.model.data.task, this.model.data);
  }

  /** The engine's metrics (plus nothing else) of the predictions against `y`. */
  metrics(x: Float32Array, y: Float64Array): MetricValues {
    const n = y.length;
    return metricsFor(this.predict(x, n), y, this.model.data.classes?.length ?? 0, this.model.data.d);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.paramsTensor.dispose();
  }
}

/** One value per row in the chosen view (see experiments-metrics.ts); `classIndex` picks P(class) for multiclass 'probability'. */
export function rowValues(predictions: Predictions, n: number, view: RowView, classes: number, classIndex = 0): Float64Array {
  if (predictions.task !== 'multiclass') return predictions.score;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (view === 'class') {
      let best = 0;
      for (let k = 1; k < classes; k++) if (predictions.proba[i * classes + k]! > predictions.proba[i * classes + best]!) best = k;
      out[i] = best;
    } else {
      out[i] = predictions.proba[i * classes + classIndex]!;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Raw rows: one column per table feature

export interface RawColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Categorical: the code of a value is its index here (sorted); missing is NaN. */
  categories: string[] | null;
}

/** Row-major raw features of some table rows; categorical values as codes, missing as NaN. */
export interface RawRows {
  X: Float64Array;
  nRows: number;
  columns: RawColumn[];
}

/** The table's columns as RawColumn descriptions (categories sorted, as preprocessing sorts them). */
export function rawColumns(table: LabelledTable): RawColumn[] {
  return table.features.map((f) => {
    if (f.kind === 'numeric') return { name: f.name, kind: 'numeric', categories: null };
    const seen = new Set<string>();
    for (const v of f.values) if (v !== null) seen.add(v);
    return { name: f.name, kind: 'categorical', categories: [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
  });
}

/** Raw features of `rows` of the table (row-major). */
export function rawRows(table: LabelledTable, rows: ArrayLike<number>, columns: RawColumn[] = rawColumns(table)): RawRows {
  const p = columns.length;
  const n = rows.length;
  const X = new Float64Array(n * p);
  columns.forEach((c, j) => {
    const f = table.features.find((t) => t.name === c.name);
    if (!f || f.kind !== c.kind) throw new RangeError(`the table has no ${c.kind} column "${c.name}"`);
    if (f.kind === 'numeric') {
      for (let r = 0; r < n; r++) X[r * p + j] = f.values[rows[r]!]!;
    } else {
      const code = new Map(c.categories!.map((v, k) => [v, k]));
      for (let r = 0; r < n; r++) {
        const v = f.values[rows[r]!];
        X[r * p + j] = v === null || v === undefined ? NaN : code.get(v) ?? NaN;
      }
    }
  });
  return { X, nRows: n, columns };
}

/** A labelled table made of raw rows (target left empty), so the run's fitted preprocessing can transform them. */
function tableFromRaw(X: Float64Array, n: number, columns: readonly RawColumn[]): LabelledTable {
  const p = columns.length;
  const features: FeatureColumn[] = columns.map((c, j): FeatureColumn => {
    if (c.kind === 'numeric') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = X[i * p + j]!;
      return { name: c.name, kind: 'numeric', values };
    }
    const values: (string | null)[] = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const code = X[i * p + j]!;
      values[i] = Number.isInteger(code) ? c.categories![code] ?? null : null;
    }
    return { name: c.name, kind: 'categorical', values };
  });
  return { source: 'rows', rowCount: n, features, target: { name: '', labels: [], numeric: null }, lines: new Int32Array(n) };
}

/** Raw rows through the model's fitted preprocessing: prepared inputs, row-major [n, d]. */
export function prepareRawRows(model: TrainedModel, X: Float64Array, n: number, columns: readonly RawColumn[]): Float32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return transformRows(model.data.preprocessor, tableFromRaw(X, n, columns), rows);
}

// ---------------------------------------------------------------------------------------------------
// Costs and interpretability

/**
 * Inference latency per row in this thread: predictions on `x` repeated until at least `minMs` have
 * passed (at least twice), total time / (repeats x rows). Includes the device round trip per call.
 */
export function measureLatencyPerRow(predictor: ModelPredictor, x: Float32Array, n: number, minMs = 60): number {
  if (n === 0) return NaN;
  predictor.predict(x, n); // warm-up: kernels compiled, buffers allocated
  let reps = 0;
  const t0 = globalThis.performance.now();
  let elapsed = 0;
  while (reps < 2 || elapsed < minMs) {
    predictor.predict(x, n);
    reps++;
    elapsed = globalThis.performance.now() - t0;
  }
  return elapsed / (reps * n);
}

/** Coefficients of a one-layer model (linear, logistic, softmax): per input column and output. */
export interface LinearCoefficients {
  inputs: string[];
  /** Output names: 'value', 'logit' or the class names. */
  outputs: string[];
  /** weights[i][k]: input i to output k, in the model's (standardised) input units. */
  weights: number[][];
  intercepts: number[];
}

/** The kernel and bias of a one-layer model, or null for models with hidden layers. */
export function linearCoefficients(model: TrainedModel): LinearCoefficients | null {
  const { spec, params, data } = model;
  if (spec.layers.length !== 1) return null;
  const layer = spec.layers[0]!;
  const [nIn, nOut] = layer.kernelShape as [number, number];
  const weights = Array.from({ length: nIn }, (_, i) => Array.from({ length: nOut }, (_, k) => params[layer.offset + i * nOut + k]!));
  const intercepts = Array.from({ length: nOut }, (_, k) => params[layer.offset + layer.kernelSize + k]!);
  const outputs = spec.head === 'softmax' ? [...(data.classes ?? [])] : spec.head === 'sigmoid' ? ['logit'] : ['value'];
  return { inputs: [...data.featureNames], outputs, weights, intercepts };
}
