/**
 * The Experiments worker's work, callable in any thread (the worker's message switch calls it; tests
 * call it in Node): train and compare models, permutation importance and partial dependence for a
 * trained model, and the drift check between two CSV files with the model's metric on each.
 *
 * Models are referred to by a `ModelRef` (data, settings, parameters): the worker rebuilds a model
 * from it once and keeps the last few, so the page can store models in IndexedDB and use them again
 * after a reload without retraining.
 */
import { parseCsv } from '../core/csv/parse';
import { encodeTarget, inferTask, transformRows, type Task } from '../core/data/preprocess';
import { labelledTableFromCsv } from '../core/data/table';
import { fail, ok, type DataError, type Result } from '../core/result';
import {
  driftCheck, partialDependence, permutationImportance, rankModelsByBootstrap,
  type DriftOptions, type DriftReport, type PermutationImportanceResult, type Ranking,
} from '../core/stats';
import type { TrainConfig } from '../core/train/config';
import type { MetricValues } from '../core/train/evaluation';
import { createTableCache, type ExperimentData } from './experiments-data';
import { driftFeaturesFromCsv, findDriftExample, makeDriftExample } from './experiments-drift';
import { asScore, rowMetric, type RowMetricDefinition } from './experiments-metrics';
import { quoteExcerpt } from '../core/text/excerpt';
import {
  linearCoefficients, measureLatencyPerRow, ModelPredictor, prepareRawRows, rawRows, restoreModel, rowValues, trainModel,
  type LinearCoefficients, type ModelSummary, type TrainedModel,
} from './experiments-model';

/** A stored model: enough to rebuild it exactly (the split and preprocessing follow from the config's seed). */
export interface ModelRef {
  /** Stable id of the model (the worker caches by it). */
  key: string;
  data: ExperimentData;
  config: TrainConfig;
  params: Float32Array;
}

/** A trained model as the page keeps it. */
export interface TrainedModelInfo {
  name: string;
  config: TrainConfig;
  params: Float32Array;
  summary: ModelSummary;
  coefficients: LinearCoefficients | null;
  /** Inference latency per row on the test rows in the worker (ms). */
  latencyMsPerRow: number;
}

export interface MetricInfo {
  key: string;
  label: string;
  higherIsBetter: boolean;
}

export interface ComparisonOutcome {
  metric: MetricInfo;
  /** Rows the models were ranked on (the shared test split). */
  rows: number;
  ranking: Ranking;
  models: TrainedModelInfo[];
}

export interface PartialDependence1d {
  feature: string;
  kind: 'numeric' | 'categorical';
  /** Grid values (category codes for categorical features). */
  values: number[];
  /** Category names of the codes in `values`, for categorical features. */
  labels: string[] | null;
  average: number[];
}

export interface PartialDependence2d {
  features: [string, string];
  x: number[];
  y: number[];
  /** z[i][j]: average prediction at (x[i], y[j]). */
  z: number[][];
}

export interface ImportanceOutcome {
  metric: MetricInfo;
  /** Which rows were permuted: the validation split, or the test split when there is none. */
  part: 'validation' | 'test';
  rows: number;
  result: PermutationImportanceResult;
  /** What the partial dependence plots show, e.g. "P(1)" or "predicted target". */
  pdOutput: string;
  pd: PartialDependence1d[];
  pd2: PartialDependence2d | null;
}

export interface DriftOutcome {
  report: DriftReport;
  /** The target column (left out of the comparison) and the task it implies, for the model check. */
  target: { name: string; task: Task } | null;
  /** Every column of the reference file, for choosing the target. */
  columns: string[];
  warnings: string[];
  reference: { file: string; rows: number };
  current: { file: string; rows: number };
}

export interface ModelOnDataOutcome {
  metric: MetricInfo;
  /** The model's held-out test rows of the data it was trained on. */
  reference: { rows: number; metrics: MetricValues };
  current: { file: string; rows: number; metrics: MetricValues };
}

export type Progress = (fraction: number, label: string) => void;

const err = (kind: string, message: string): DataError => ({ kind, message, file: null, row: null, column: null });

function metricInfo(m: RowMetricDefinition): MetricInfo {
  return { key: m.key, label: m.label, higherIsBetter: m.higherIsBetter };
}

/** Features with the largest importances first, numeric first among ties; for the partial-dependence plots. */
function pdFeatureOrder(result: PermutationImportanceResult, max: number): number[] {
  return [...result.features].sort((a, b) => b.mean - a.mean).slice(0, max).map((f) => f.index);
}

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
  /** Frees every cached model's tensors. */
  dispose(): void;
}

export function createExperimentsService(): ExperimentsService {
  const tables = createTableCache(4);
  const models = new Map<string, { model: TrainedModel; predictor: ModelPredictor }>();

  const describe = (model: TrainedModel, name: string, predictor: ModelPredictor): TrainedModelInfo => {
    const test = model.data.test.n > 0 ? model.data.test : model.data.validation;
    return {
      name, config: model.config, params: model.params, summary: model.summary, coefficients: linearCoefficients(model),
      latencyMsPerRow: measureLatencyPerRow(predictor, test.x, test.n),
    };
  };

  const remember = (key: string, model: TrainedModel): ModelPredictor => {
    const old = models.get(key);
    if (old) old.predictor.dispose();
    const predictor = new ModelPredictor(model);
    models.delete(key);
    models.set(key, { model, predictor });
    while (models.size > 4) {
      const [oldest, entry] = models.entries().next().value!;
      entry.predictor.dispose();
      models.delete(oldest);
    }
    return predictor;
  };

  const load = (ref: ModelRef): Result<{ model: TrainedModel; predictor: ModelPredictor }> => {
    const hit = models.get(ref.key);
    // Keys name immutable models (a stored model is never retrained under the same key).
    if (hit) return ok(hit);
    const loaded = tables(ref.data);
    if (!loaded.ok) return loaded;
    const restored = restoreModel(loaded.value, ref.config, ref.params, null);
    if (!restored.ok) return restored;
    const predictor = remember(ref.key, restored.value);
    return ok({ model: restored.value, predictor });
  };

  return {
    trainModel(data, config, name, progress) {
      const loaded = tables(data);
      if (!loaded.ok) return loaded;
      const trained = trainModel(loaded.value, config, { onEpoch: (_e, step, total) => progress?.(step / total, `Training ${name}`) });
      if (!trained.ok) return trained;
      const predictor = remember(`trained:${name}:${Date.now()}`, trained.value);
      return ok(describe(trained.value, name, predictor), [...loaded.warnings, ...trained.warnings]);
    },

    compareModels(data, candidates, options, progress) {
      if (candidates.length === 0) return fail(err('no-models', 'Choose at least one model to compare.'));
      const loaded = tables(data);
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
          infos.push(describe(trained.value, c.name, predictor));
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
    },

    importance(ref, options, progress) {
      const got = load(ref);
      if (!got.ok) return got;
      const { model, predictor } = got.value;
      const part = model.data.validation.n > 0 ? 'validation' : 'test';
      const rowsPart = model.data[part];
      if (rowsPart.n < 2) return fail(err('no-rows', 'Permutation importance needs validation (or test) rows: this model was trained without held-out rows.'));
      const metric = rowMetric(model.data.task, options.metric);
      const K = model.data.classes?.length ?? 0;
      const raw = rawRows(model.table, rowsPart.rows);
      const predictView = (view: typeof metric.view, classIndex = 0) => (X: Float64Array, n: number) =>
        rowValues(predictor.predict(prepareRawRows(model, X, n, raw.columns), n), n, view, K, classIndex);
      const p = raw.columns.length;
      const result = permutationImportance({
        X: raw.X, nRows: raw.nRows, nFeatures: p, y: rowsPart.y, score: asScore(metric), predict: predictView(metric.view),
        featureNames: raw.columns.map((c) => c.name), nRepeats: options.repeats, seed: options.seed,
        onProgress: (done, total) => progress?.(0.8 * done / total, 'Permuting features'),
      });
      if (!Number.isFinite(result.baseline)) {
        return fail(err('metric-undefined', `${metric.label} is not defined on the ${part} rows (e.g. only one class there); choose another metric.`));
      }

      // Partial dependence: rows without missing values, the prediction a person reads (P(class) or the value).
      const complete: number[] = [];
      for (let i = 0; i < raw.nRows; i++) {
        let finite = true;
        for (let j = 0; j < p; j++) if (!Number.isFinite(raw.X[i * p + j]!)) finite = false;
        if (finite) complete.push(i);
      }
      const Xpd = new Float64Array(complete.length * p);
      complete.forEach((i, r) => Xpd.set(raw.X.subarray(i * p, (i + 1) * p), r * p));
      const classIndex = Math.min(Math.max(0, options.classIndex ?? (K === 2 ? 1 : 0)), Math.max(0, K - 1));
      const pdPredict = predictView(model.data.task === 'regression' ? 'value' : 'probability', classIndex);
      const pdOutput = model.data.task === 'regression' ? `predicted ${model.table.target.name}` : `P(${model.data.classes![model.data.task === 'binary' ? 1 : classIndex]})`;
      const pd: PartialDependence1d[] = [];
      let pd2: PartialDependence2d | null = null;
      if (complete.length >= 2) {
        const chosen = pdFeatureOrder(result, options.pdFeatures ?? 4);
        chosen.forEach((j, k) => {
          const col = raw.columns[j]!;
          const r = partialDependence({
            X: Xpd, nRows: complete.length, nFeatures: p, features: [j], predict: pdPredict, gridResolution: 30,
            categorical: [col.kind === 'categorical'],
          });
          progress?.(0.8 + 0.15 * (k + 1) / chosen.length, 'Partial dependence');
          if (!r.ok) return;
          pd.push({
            feature: col.name, kind: col.kind, values: r.value.values[0]!, average: r.value.average,
            labels: col.categories ? r.value.values[0]!.map((c) => col.categories![c] ?? String(c)) : null,
          });
        });
        if (p === 2 && raw.columns.every((c) => c.kind === 'numeric')) {
          const r = partialDependence({ X: Xpd, nRows: complete.length, nFeatures: 2, features: [0, 1], predict: pdPredict, gridResolution: 25 });
          if (r.ok) {
            const [xs, ys] = r.value.values as [number[], number[]];
            pd2 = { features: [raw.columns[0]!.name, raw.columns[1]!.name], x: xs, y: ys, z: xs.map((_, i) => ys.map((_, j) => r.value.average[i * ys.length + j]!)) };
          }
        }
      }
      progress?.(1, 'Done');
      return ok({ metric: metricInfo(metric), part, rows: rowsPart.n, result, pdOutput, pd, pd2 });
    },

    drift(reference, current, options) {
      const ref = parseCsv(reference.text, reference.name);
      if (!ref.ok) return ref;
      const cur = parseCsv(current.text, current.name);
      if (!cur.ok) return cur;
      const targetName = options.target && ref.value.header.includes(options.target) ? options.target : null;
      const features = driftFeaturesFromCsv(ref.value, cur.value, targetName ? [targetName] : []);
      if (!features.ok) return features;
      const report = driftCheck(features.value, options);
      if (!report.ok) return report;
      let target: DriftOutcome['target'] = null;
      if (targetName) {
        const table = labelledTableFromCsv(ref.value, targetName);
        if (table.ok) target = { name: targetName, task: inferTask(table.value.target) };
      }
      return ok({
        report: report.value,
        target,
        columns: [...ref.value.header],
        warnings: [...ref.warnings, ...cur.warnings, ...features.warnings, ...report.warnings],
        reference: { file: reference.name, rows: ref.value.rowCount },
        current: { file: current.name, rows: cur.value.rowCount },
      });
    },

    driftExample(id, datasetText, fileName) {
      const example = findDriftExample(id);
      if (!example) return fail(err('unknown-example', `There is no drift example "${id}".`));
      const csv = parseCsv(datasetText, fileName);
      if (!csv.ok) return csv;
      const made = makeDriftExample(csv.value, example);
      if (!made.ok) return made;
      return ok({ ...made.value, target: example.target });
    },

    modelOnData(ref, current, metricKey) {
      const got = load(ref);
      if (!got.ok) return got;
      const { model, predictor } = got.value;
      const parsed = parseCsv(current.text, current.name);
      if (!parsed.ok) return parsed;
      const targetName = model.table.target.name;
      const table = labelledTableFromCsv(parsed.value, targetName);
      if (!table.ok) return fail({ ...table.error, message: `${table.error.message} The model's metric on the current data needs the true ${targetName} values.` });
      for (const f of model.table.features) {
        const g = table.value.features.find((c) => c.name === f.name);
        if (!g) return fail({ kind: 'missing-column', message: `${current.name} has no usable column ${quoteExcerpt(f.name)}, which the model reads.`, file: current.name, row: null, column: f.name });
        if (g.kind !== f.kind) {
          return fail({ kind: 'column-type', message: `${current.name}, column ${quoteExcerpt(f.name)} is ${g.kind} but was ${f.kind} in the training data.`, file: current.name, row: null, column: f.name });
        }
      }
      const target = encodeTarget(table.value, model.data.task);
      if (!target.ok) return target;
      let y = target.value.y;
      if (model.data.classes) {
        // Codes of the current file's classes mapped onto the model's.
        const codes = target.value.classes!.map((c) => model.data.classes!.indexOf(c));
        const unknown = target.value.classes!.filter((_, k) => codes[k]! < 0);
        if (unknown.length) return fail({ kind: 'unknown-class', message: `${current.name} has class(es) the model never saw: ${unknown.join(', ')}.`, file: current.name, row: null, column: targetName });
        y = y.map((c) => codes[c]!);
      }
      const rows = new Int32Array(table.value.rowCount).map((_, i) => i);
      let x: Float32Array;
      try {
        // By column name; a category unseen in training is all zeros, as sklearn's handle_unknown='ignore'.
        x = transformRows(model.data.preprocessor, table.value, rows);
      } catch (error) {
        return fail(err('transform', error instanceof Error ? error.message : String(error)));
      }
      const test = model.data.test.n > 0 ? model.data.test : model.data.validation;
      const metric = rowMetric(model.data.task, metricKey);
      return ok({
        metric: metricInfo(metric),
        reference: { rows: test.n, metrics: predictor.metrics(test.x, test.y) },
        current: { file: current.name, rows: table.value.rowCount, metrics: predictor.metrics(x, y) },
      }, table.warnings);
    },

    dispose() {
      for (const m of models.values()) m.predictor.dispose();
      models.clear();
    },
  };
}
