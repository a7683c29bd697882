/**
 * Explaining a trained model on the Experiments page: permutation importance of each raw feature on
 * the held-out rows, and partial dependence plots of the most important ones. What the plots read
 * per task (a probability or the value, and its name) comes from one table, `PD_OUTPUT`.
 */
import type { Task } from '../core/data/preprocess';
import { fail, ok, type Result } from '../core/result';
import { partialDependence, permutationImportance, type PermutationImportanceResult } from '../core/stats';
import { loadModel, type ModelCache } from './experiments-cache';
import { asScore, experimentError as err, metricInfo, rowMetric, type RowView } from './experiments-metrics';
import { prepareRawRows, rawRows, rowValues, type RawRows, type TrainedModel } from './experiments-model';
import type { ImportanceOutcome, ModelRef, PartialDependence1d, PartialDependence2d, Progress } from './experiments-types';

/** The prediction the partial dependence plots show, per task, and how the page names it. */
const PD_OUTPUT: Record<Task, { view: RowView; label(model: TrainedModel, classIndex: number): string }> = {
  binary: { view: 'probability', label: (m) => `P(${m.data.classes![1]})` },
  multiclass: { view: 'probability', label: (m, k) => `P(${m.data.classes![k]})` },
  regression: { view: 'value', label: (m) => `predicted ${m.table.target.name}` },
};

type PredictView = (view: RowView, classIndex?: number) => (X: Float64Array, n: number) => Float64Array;

export interface ImportanceOptions { metric: string; repeats: number; seed: number; pdFeatures?: number; classIndex?: number }

/** Features with the largest importances first, numeric first among ties; for the partial-dependence plots. */
function pdFeatureOrder(result: PermutationImportanceResult, max: number): number[] {
  return [...result.features].sort((a, b) => b.mean - a.mean).slice(0, max).map((f) => f.index);
}

/** Permutation importance on the validation rows (the test rows without them), then the partial dependence plots. */
export function importanceOf(cache: ModelCache, ref: ModelRef, options: ImportanceOptions, progress?: Progress): Result<ImportanceOutcome> {
  const got = loadModel(cache, ref);
  if (!got.ok) return got;
  const { model, predictor } = got.value;
  const part = model.data.validation.n > 0 ? 'validation' : 'test';
  const rowsPart = model.data[part];
  if (rowsPart.n < 2) return fail(err('no-rows', 'Permutation importance needs validation (or test) rows: this model was trained without held-out rows.'));
  const metric = rowMetric(model.data.task, options.metric);
  const K = model.data.classes?.length ?? 0;
  const raw = rawRows(model.table, rowsPart.rows);
  const predictView: PredictView = (view, classIndex = 0) => (X, n) =>
    rowValues(predictor.predict(prepareRawRows(model, X, n, raw.columns), n), n, view, K, classIndex);
  const result = permutationImportance({
    X: raw.X, nRows: raw.nRows, nFeatures: raw.columns.length, y: rowsPart.y, score: asScore(metric), predict: predictView(metric.view),
    featureNames: raw.columns.map((c) => c.name), nRepeats: options.repeats, seed: options.seed,
    onProgress: (done, total) => progress?.(0.8 * done / total, 'Permuting features'),
  });
  if (!Number.isFinite(result.baseline)) {
    return fail(err('metric-undefined', `${metric.label} is not defined on the ${part} rows (e.g. only one class there); choose another metric.`));
  }
  const plots = partialDependencePlots(model, raw, predictView, result, options, progress);
  progress?.(1, 'Done');
  return ok({ metric: metricInfo(metric), part, rows: rowsPart.n, result, ...plots });
}

/** Partial dependence over the rows without missing values, of the prediction a person reads (P(class) or the value). */
function partialDependencePlots(
  model: TrainedModel, raw: RawRows, predictView: PredictView, result: PermutationImportanceResult, options: ImportanceOptions, progress?: Progress,
): Pick<ImportanceOutcome, 'pdOutput' | 'pd' | 'pd2'> {
  const p = raw.columns.length;
  const complete: number[] = [];
  for (let i = 0; i < raw.nRows; i++) {
    let finite = true;
    for (let j = 0; j < p; j++) if (!Number.isFinite(raw.X[i * p + j]!)) finite = false;
    if (finite) complete.push(i);
  }
  const Xpd = new Float64Array(complete.length * p);
  complete.forEach((i, r) => Xpd.set(raw.X.subarray(i * p, (i + 1) * p), r * p));
  const K = model.data.classes?.length ?? 0;
  const classIndex = Math.min(Math.max(0, options.classIndex ?? (K === 2 ? 1 : 0)), Math.max(0, K - 1));
  const output = PD_OUTPUT[model.data.task];
  const pdPredict = predictView(output.view, classIndex);
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
  return { pdOutput: output.label(model, classIndex), pd, pd2 };
}
