/**
 * Bootstrap intervals for every metric of a model from ONE set of resamples. Calling the core's
 * `bootstrapCi` once per metric would redraw the same n indices per metric (the draws are most of the
 * cost at a million rows); here every metric is evaluated on each resample of `resampleIndices` (the
 * resamples `bootstrapCi` draws) and recorded, then each metric's percentile interval is read off its
 * recorded values.
 */
import { averagePrecision, rocAuc } from './curves';
import { intervalKeys } from './definitions';
import { multiclassMetrics } from './multiclass';
import { brierScore, logLoss } from './probabilistic';
import { regressionMetrics } from './regression';
import { buildSweep } from './sweep';
import { thresholdMetricsAt } from './threshold';
import { quantileSorted, resampleIndices } from './bootstrap';
import type { LoadedPredictions } from './predictions';

/** A percentile interval; null bounds when no resample gave a defined value. */
export interface IntervalValue {
  lower: number | null;
  upper: number | null;
}

export interface ManyIntervals {
  intervals: Record<string, IntervalValue>;
  /** Per key, the resamples on which the metric was defined (not null, not NaN). */
  valid: Record<string, number>;
}

export interface BootstrapHooks {
  /** Fraction of resamples done, about every 100 ms. */
  onProgress?: (fraction: number) => void;
  /**
   * Awaited about every 100 ms: a worker yields here so that other requests (a cancel among them)
   * are heard during a long run. Throwing from it stops the run.
   */
  pause?: () => Promise<void>;
}

/**
 * Percentile intervals for several metrics evaluated on the same resamples. For each key, the
 * interval is the alpha/2 and 1 - alpha/2 quantiles (numpy's linear method, `quantileSorted`) of its
 * defined values, so for any single key it equals `bootstrapCi` run with that metric alone (tested).
 *
 * @param evaluate every metric on the rows `indices` (repeats allowed)
 */
export async function bootstrapMany(
  n: number,
  keys: readonly string[],
  evaluate: (indices: Int32Array) => Record<string, number | null>,
  options: { B: number; seed: number; alpha?: number },
  hooks: BootstrapHooks = {},
): Promise<ManyIntervals> {
  const alpha = options.alpha ?? 0.05;
  const values = new Map<string, Float64Array>(keys.map((k) => [k, new Float64Array(options.B)]));
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  let done = 0;
  let lastPause = Date.now();
  for (const indices of resampleIndices(n, options.B, options.seed)) {
    const result = evaluate(indices);
    for (const key of keys) {
      const v = result[key];
      if (v === null || v === undefined || Number.isNaN(v)) continue;
      const c = counts.get(key)!;
      values.get(key)![c] = v;
      counts.set(key, c + 1);
    }
    done++;
    if (Date.now() - lastPause > 100) {
      hooks.onProgress?.(done / options.B);
      await hooks.pause?.();
      lastPause = Date.now();
    }
  }
  const intervals: Record<string, IntervalValue> = {};
  const valid: Record<string, number> = {};
  for (const key of keys) {
    const c = counts.get(key)!;
    valid[key] = c;
    if (c === 0) { intervals[key] = { lower: null, upper: null }; continue; }
    const sorted = values.get(key)!.subarray(0, c).sort();
    intervals[key] = { lower: quantileSorted(sorted, alpha / 2), upper: quantileSorted(sorted, 1 - alpha / 2) };
  }
  return { intervals, valid };
}

/** Keys resampled for binary models: those definitions.ts gives an interval (the report's keys minus the counts and ks). */
export const BINARY_BOOTSTRAP_KEYS: readonly string[] = intervalKeys('binary');

/**
 * Every binary metric on a resample: one sweep of the resampled rows gives the ranking metrics and
 * the threshold metrics at `threshold`; log loss and Brier when the scores are probabilities.
 */
export function binaryResampleEvaluator(labels: Uint8Array, scores: Float64Array, threshold: number, probabilities: boolean) {
  const y = new Uint8Array(labels.length);
  const s = new Float64Array(labels.length);
  return (indices: Int32Array): Record<string, number | null> => {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      y[k] = labels[i]!;
      s[k] = scores[i]!;
    }
    const sweep = buildSweep(y, s);
    const t = thresholdMetricsAt(sweep, threshold);
    return {
      roc_auc: rocAuc(sweep),
      average_precision: averagePrecision(sweep),
      log_loss: probabilities ? logLoss(y, s) : null,
      brier: probabilities ? brierScore(y, s) : null,
      accuracy: t.accuracy, precision: t.precision, recall: t.recall, specificity: t.specificity,
      fpr: t.fpr, fnr: t.fnr, f1: t.f1, mcc: t.mcc, balanced_accuracy: t.balanced_accuracy,
    };
  };
}

/** Every regression metric on a resample. */
export function regressionResampleEvaluator(yTrue: Float64Array, yPred: Float64Array) {
  const a = new Float64Array(yTrue.length);
  const b = new Float64Array(yTrue.length);
  return (indices: Int32Array): Record<string, number | null> => {
    for (let k = 0; k < indices.length; k++) {
      a[k] = yTrue[indices[k]!]!;
      b[k] = yPred[indices[k]!]!;
    }
    return { ...regressionMetrics(a, b).values };
  };
}

/** Every multiclass metric on a resample (probabilities row-major n x K, or predicted class codes). */
export function multiclassResampleEvaluator(labels: Int32Array, K: number, model: { proba: Float64Array } | { yPred: Int32Array }) {
  const n = labels.length;
  const y = new Int32Array(n);
  const proba = 'proba' in model ? new Float64Array(n * K) : null;
  const pred = 'yPred' in model ? new Int32Array(n) : null;
  return (indices: Int32Array): Record<string, number | null> => {
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      y[k] = labels[i]!;
      if (proba && 'proba' in model) proba.set(model.proba.subarray(i * K, i * K + K), k * K);
      if (pred && 'yPred' in model) pred[k] = model.yPred[i]!;
    }
    return { ...multiclassMetrics(y, proba ? { proba } : { yPred: pred! }, K).values };
  };
}

/**
 * The metrics of model `index` of a loaded file that have intervals (`intervalKeys` of definitions.ts),
 * and their evaluator on a resample (binary: at `threshold`).
 */
export function modelResampler(l: LoadedPredictions, index: number, threshold: number): { keys: string[]; evaluate: (indices: Int32Array) => Record<string, number | null> } {
  if (l.task === 'binary') {
    const m = l.models[index]!;
    return { keys: [...BINARY_BOOTSTRAP_KEYS], evaluate: binaryResampleEvaluator(l.labels, m.values, threshold, m.kind === 'probability') };
  }
  if (l.task === 'regression') return { keys: intervalKeys('regression'), evaluate: regressionResampleEvaluator(l.yTrue, l.models[index]!.values) };
  const m = l.models[index]!;
  const keys = intervalKeys('multiclass', m.kind === 'probabilities');
  return { keys, evaluate: multiclassResampleEvaluator(l.labels, l.classes.length, m.kind === 'probabilities' ? { proba: m.values } : { yPred: m.values }) };
}
