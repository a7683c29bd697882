/**
 * The metrics report: every metric of every model in a prediction file, in the one JSON shape that
 * the `metrics` CLI command prints with `--json`, the metrics worker returns and the Evaluate page
 * renders. Numbers come from the metric functions of this folder (one definition per metric); this
 * file only chooses which to call and turns their caveats into readable warnings.
 *
 * Shape (keys in this order):
 *   { task, rows, target, threshold, warnings: string[], models: { <model>: { <metric key>: value } } }
 * - binary: threshold is the decision threshold (positive when score >= threshold); each model has
 *   exactly BINARY_REPORT_KEYS;
 * - regression: threshold null; REGRESSION_REPORT_KEYS (adjusted_r2 needs `features`);
 * - multiclass: threshold null; MULTICLASS_REPORT_KEYS plus `log_loss` and `roc_auc_ovr_macro` for
 *   models given as probabilities (absent for models given as predicted labels).
 * An undefined metric is null, and `warnings` has a line naming the model and the metric.
 *
 * `compareModels` (bottom of the file) compares two models of the same file with DeLong, McNemar and
 * a paired bootstrap, for the page's comparison view.
 */
import { ok, type Result } from '../result';
import { binaryMetrics, type BinaryMetricsOptions } from './binary';
import { pairedBootstrapAucDiff, pairedBootstrapDiff, type BootstrapOptions, type PairedBootstrapInterval } from './bootstrap';
import { delongAuc, delongTest, type DelongAuc, type DelongComparison } from './delong';
import {
  BINARY_METRIC_KEYS, BINARY_PROBABILITY_KEYS, MULTICLASS_LABEL_KEYS, MULTICLASS_PROBABILITY_KEYS, REGRESSION_METRIC_KEYS,
} from './definitions';
import { mcnemarAtThresholds, mcnemarTest, type McNemarResult } from './mcnemar';
import { argmaxRows, multiclassMetrics } from './multiclass';
import { loadPredictionsFromCsv, type ReadPredictionFileOptions } from './prediction-file';
import type { BinaryModel, LoadedBinary, LoadedMulticlass, LoadedPredictions, LoadedRegression, PredictionTask } from './predictions';
import { regressionMetrics, rootMeanSquaredError } from './regression';
import type { Sweep } from './sweep';
import type { MetricWarning } from './warnings';
import { thresholdRangeWarning } from './threshold-range';
import { quoteExcerpt } from '../text/excerpt';

export { loadPredictionsFromCsv, readPredictionFile, type PredictionFile, type ReadPredictionFileOptions } from './prediction-file';

/** Binary model keys, in display order (the CLI contract; from definitions.ts). */
export const BINARY_REPORT_KEYS = BINARY_METRIC_KEYS;
/** Regression model keys, in display order (the CLI contract; from definitions.ts). */
export const REGRESSION_REPORT_KEYS = REGRESSION_METRIC_KEYS;
/** Multiclass scalar keys every model has, in display order (the CLI contract; plus `confusion`). */
export const MULTICLASS_REPORT_KEYS = MULTICLASS_LABEL_KEYS;
/** Multiclass keys present only for models given as probabilities. */
export { MULTICLASS_PROBABILITY_KEYS };

/** Every scalar key a model of this task can report (what alert rules and the slice views may name). */
export function reportKeysFor(task: PredictionTask): string[] {
  if (task === 'binary') return [...BINARY_REPORT_KEYS];
  if (task === 'regression') return [...REGRESSION_REPORT_KEYS];
  return [...MULTICLASS_REPORT_KEYS, ...MULTICLASS_PROBABILITY_KEYS];
}

export type BinaryReportKey = (typeof BINARY_REPORT_KEYS)[number];
export type RegressionReportKey = (typeof REGRESSION_REPORT_KEYS)[number];
export type MulticlassReportKey = (typeof MULTICLASS_REPORT_KEYS)[number];

export type BinaryModelReport = Record<BinaryReportKey, number | null>;
export type RegressionModelReport = Record<RegressionReportKey, number | null>;
export type MulticlassModelReport = Record<MulticlassReportKey, number | null> & {
  /** K x K counts, rows = true class, columns = predicted class, in the order of `classes`. */
  confusion: number[][];
  log_loss?: number | null;
  roc_auc_ovr_macro?: number | null;
};

interface ReportBase {
  rows: number;
  target: string;
  warnings: string[];
}

export type MetricsReport =
  | (ReportBase & { task: 'binary'; threshold: number; models: Record<string, BinaryModelReport> })
  | (ReportBase & { task: 'regression'; threshold: null; models: Record<string, RegressionModelReport> })
  | (ReportBase & { task: 'multiclass'; threshold: null; models: Record<string, MulticlassModelReport> });

export interface EvaluateOptions {
  /** Binary decision threshold: positive when score >= threshold. Default 0.5. */
  threshold?: number;
  /** Regression: number of predictors k of the models, for adjusted R². Without it adjusted_r2 is null. */
  features?: number;
  /**
   * Log-loss clip for binary and multiclass models: probabilities are clipped to [eps, 1 - eps].
   * Default `LOG_LOSS_EPS` (1e-15); `Number.EPSILON` is scikit-learn 1.2's `eps="auto"`.
   */
  logLossEps?: number;
}

/** Adds one line per (model, message), naming every metric that message is about. */
export function collectWarnings(out: string[], model: string, warnings: MetricWarning[], keep: ReadonlySet<string>): void {
  const byMessage = new Map<string, string[]>();
  for (const w of warnings) {
    if (!keep.has(w.metric)) continue;
    const metrics = byMessage.get(w.message);
    if (metrics) { if (!metrics.includes(w.metric)) metrics.push(w.metric); }
    else byMessage.set(w.message, [w.metric]);
  }
  for (const [message, metrics] of byMessage) out.push(`model ${quoteExcerpt(model)}, ${metrics.join(', ')}: ${message}`);
}

function pick<K extends string>(keys: readonly K[], values: Record<string, number | null>): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  for (const k of keys) out[k] = values[k] ?? null;
  return out;
}

/** The warning for a binary model column that holds scores, not probabilities (`name`: the model as shown). */
export function scoreWarning(m: Pick<BinaryModel, 'name' | 'columns' | 'outOfRange'>, name = m.name): string {
  const where = m.outOfRange ? ` (e.g. ${m.outOfRange.value} at row ${m.outOfRange.row})` : '';
  return `model ${quoteExcerpt(name)}, ${BINARY_PROBABILITY_KEYS.join(', ')}: null because column ${quoteExcerpt(m.columns[0])} holds scores, not probabilities: ` +
    `some values lie outside [0, 1]${where}. Ranking and threshold metrics use it as a score.`;
}

/**
 * The `binaryMetrics` options for one loaded model: the threshold, the log-loss clip, and for a model
 * given as one probability column per class, both columns (so log loss is scikit-learn's on the pair).
 */
export function binaryMetricsOptionsOf(m: BinaryModel, threshold: number, logLossEps?: number): BinaryMetricsOptions {
  const out: BinaryMetricsOptions = { threshold };
  if (logLossEps !== undefined) out.logLossEps = logLossEps;
  if (m.classProbabilities) out.classProbabilities = m.classProbabilities;
  return out;
}

/** Options of the per-model reports: `evaluatePredictions`'s, and the name warnings call the model by. */
export interface ModelReportOptions extends EvaluateOptions {
  /** The model's name in warnings; default its column name (the page passes its display name). */
  name?: string;
}

/** One model's report, with its warnings (one line per message, see `collectWarnings`). */
export interface ModelReport<R> {
  report: R;
  warnings: string[];
}

/**
 * Binary model `index` of a loaded file at the threshold (default 0.5): every key of
 * BINARY_REPORT_KEYS, its warnings, and the sweep built on the way (for curves and threshold queries).
 * A score column gets one warning naming the column instead of the generic probability ones.
 */
export function binaryModelReport(loaded: LoadedBinary, index: number, options: ModelReportOptions = {}): ModelReport<BinaryModelReport> & { sweep: Sweep } {
  const m = loaded.models[index]!;
  const threshold = options.threshold ?? 0.5;
  if (Number.isNaN(threshold)) throw new RangeError('threshold must be a number');
  const name = options.name ?? m.name;
  const r = binaryMetrics(loaded.labels, m.values, binaryMetricsOptionsOf(m, threshold, options.logLossEps));
  const warnings: string[] = [];
  const probability = new Set<string>(BINARY_PROBABILITY_KEYS);
  const keep = new Set<string>(BINARY_REPORT_KEYS.filter((k) => m.kind !== 'score' || !probability.has(k)));
  if (m.kind === 'score') warnings.push(scoreWarning(m, name));
  collectWarnings(warnings, name, r.warnings, keep);
  const v = r.values;
  const predictedPositive = (v.tp ?? 0) + (v.fp ?? 0);
  const outside = thresholdRangeWarning(threshold, name, { probabilities: m.kind !== 'score', predictedPositive, rows: predictedPositive + (v.tn ?? 0) + (v.fn ?? 0) });
  if (outside) warnings.push(outside);
  return { report: pick(BINARY_REPORT_KEYS, r.values), warnings, sweep: r.sweep };
}

/** Regression model `index`: every key of REGRESSION_REPORT_KEYS (adjusted_r2 with `features`) and its warnings. */
export function regressionModelReport(loaded: LoadedRegression, index: number, options: ModelReportOptions = {}): ModelReport<RegressionModelReport> {
  const m = loaded.models[index]!;
  const r = regressionMetrics(loaded.yTrue, m.values, options.features === undefined ? {} : { predictors: options.features });
  const warnings: string[] = [];
  collectWarnings(warnings, options.name ?? m.name, r.warnings, new Set<string>(REGRESSION_REPORT_KEYS));
  return { report: pick(REGRESSION_REPORT_KEYS, r.values), warnings };
}

/**
 * Multiclass model `index`: MULTICLASS_REPORT_KEYS, `confusion`, and for a model given as
 * probabilities MULTICLASS_PROBABILITY_KEYS (absent for a model given as labels), with its warnings.
 */
export function multiclassModelReport(loaded: LoadedMulticlass, index: number, options: ModelReportOptions = {}): ModelReport<MulticlassModelReport> {
  const m = loaded.models[index]!;
  const withProba = m.kind === 'probabilities';
  const r = multiclassMetrics(loaded.labels, withProba ? { proba: m.values } : { yPred: m.values }, loaded.classes.length,
    options.logLossEps === undefined ? {} : { logLossEps: options.logLossEps });
  const report: MulticlassModelReport = { ...pick(MULTICLASS_REPORT_KEYS, r.values), confusion: r.confusion };
  const keep = new Set<string>(MULTICLASS_REPORT_KEYS);
  if (withProba) {
    for (const k of MULTICLASS_PROBABILITY_KEYS) {
      report[k] = r.values[k];
      keep.add(k);
    }
  }
  const warnings: string[] = [];
  collectWarnings(warnings, options.name ?? m.name, r.warnings, keep);
  return { report, warnings };
}

/**
 * Every metric of every model of a loaded prediction file, in the CLI JSON shape (see the file comment).
 * Binary metrics come from `binaryMetrics`, regression from `regressionMetrics`, multiclass from
 * `multiclassMetrics`; they match scikit-learn 1.2.1 (see those functions).
 *
 * @example
 * evaluatePredictions(loaded, { threshold: 0.3 }).models.logistic.recall
 */
export function evaluatePredictions(loaded: LoadedPredictions, options: EvaluateOptions = {}): MetricsReport {
  return evaluatePredictionsWithSweeps(loaded, options).report;
}

/**
 * `evaluatePredictions`, also handing back each binary model's `Sweep` (built once for the ranking
 * metrics), so a caller that goes on to draw ROC / PR curves or answer threshold queries does not
 * sort the scores again. `sweeps` is empty for regression and multiclass.
 */
export function evaluatePredictionsWithSweeps(
  loaded: LoadedPredictions,
  options: EvaluateOptions = {},
): { report: MetricsReport; sweeps: Map<string, Sweep> } {
  const sweeps = new Map<string, Sweep>();
  const warnings: string[] = [];
  const base = { rows: loaded.rows, target: loaded.target };
  const collect = <R>(models: Record<string, R>, name: string, one: ModelReport<R>) => {
    models[name] = one.report;
    warnings.push(...one.warnings);
  };
  if (loaded.task === 'binary') {
    const threshold = options.threshold ?? 0.5;
    if (Number.isNaN(threshold)) throw new RangeError('threshold must be a number');
    const models: Record<string, BinaryModelReport> = {};
    loaded.models.forEach((m, j) => {
      const one = binaryModelReport(loaded, j, { ...options, threshold });
      sweeps.set(m.name, one.sweep);
      collect(models, m.name, one);
    });
    return { report: { task: 'binary', ...base, threshold, warnings, models }, sweeps };
  }
  if (loaded.task === 'regression') {
    const models: Record<string, RegressionModelReport> = {};
    loaded.models.forEach((m, j) => collect(models, m.name, regressionModelReport(loaded, j, options)));
    return { report: { task: 'regression', ...base, threshold: null, warnings, models }, sweeps };
  }
  const models: Record<string, MulticlassModelReport> = {};
  loaded.models.forEach((m, j) => collect(models, m.name, multiclassModelReport(loaded, j, options)));
  return { report: { task: 'multiclass', ...base, threshold: null, warnings, models }, sweeps };
}

export interface MetricsFromCsvOptions extends ReadPredictionFileOptions, EvaluateOptions {}

/**
 * The whole pipeline the CLI and the worker run: `loadPredictionsFromCsv`, then `evaluatePredictions`.
 * Data problems come back as the first located `DataError`; the decoder's, parser's and loader's
 * warnings come first in the report's `warnings`.
 */
export function metricsReportFromCsv(
  input: string | Uint8Array | ArrayBuffer,
  file: string,
  options: MetricsFromCsvOptions = {},
): Result<{ report: MetricsReport; loaded: LoadedPredictions }> {
  const loaded = loadPredictionsFromCsv(input, file, options);
  if (!loaded.ok) return loaded;
  const report = evaluatePredictions(loaded.value, options);
  report.warnings.unshift(...loaded.warnings);
  return ok({ report, loaded: loaded.value });
}

/** The task names accepted by `--task`. */
export const TASK_CHOICES: readonly (PredictionTask | 'auto')[] = ['auto', 'binary', 'multiclass', 'regression'];

// ----------------------------------------------------------------------------- comparing two models

export interface CompareOptions extends BootstrapOptions {
  /** Binary decision threshold of model A (positive when score >= threshold). Default 0.5. */
  thresholdA?: number;
  /** Binary decision threshold of model B. Default: thresholdA. */
  thresholdB?: number;
}

/** Two models of one prediction file compared on the same rows. */
export interface ModelComparison {
  task: PredictionTask;
  modelA: string;
  modelB: string;
  /** Binary: DeLong's test of AUC(A) = AUC(B); null for other tasks or with < 2 rows of a class. */
  delong: DelongComparison | null;
  /** Binary: each model's AUC with its DeLong 95% interval. */
  aucA: DelongAuc | null;
  aucB: DelongAuc | null;
  /** Paired percentile bootstrap of the difference A - B of the headline metric. */
  bootstrap: PairedBootstrapInterval;
  /** Which metric `bootstrap` is about: roc_auc (binary), accuracy (multiclass), rmse (regression). */
  bootstrapMetric: 'roc_auc' | 'accuracy' | 'rmse';
  /** Classifiers: McNemar's test on the hard predictions (binary at the thresholds, multiclass argmax). */
  mcnemar: McNemarResult | null;
}

function findModel<M extends { name: string }>(models: M[], name: string): M {
  const m = models.find((x) => x.name === name);
  if (!m) throw new RangeError(`no model named ${JSON.stringify(name)} (have ${models.map((x) => x.name).join(', ')})`);
  return m;
}

/** Predicted class codes of a multiclass model (argmax of its probabilities, or its labels). */
function predictedClasses(m: LoadedMulticlass['models'][number], K: number): Int32Array {
  return m.kind === 'labels' ? m.values : argmaxRows(m.values, K);
}

/**
 * Compares two models of one file on the same rows, with the statistics that fit the task:
 * - binary: DeLong's test and intervals for the AUCs, a paired bootstrap of AUC(A) - AUC(B), and
 *   McNemar's test on the hard predictions at the thresholds;
 * - multiclass: McNemar's test on the predicted classes and a paired bootstrap of the accuracy difference;
 * - regression: a paired bootstrap of RMSE(A) - RMSE(B).
 * Model names are the report's; an unknown name is a bug in the caller (RangeError).
 */
export function compareModels(loaded: LoadedPredictions, modelA: string, modelB: string, options: CompareOptions = {}): ModelComparison {
  const boot: BootstrapOptions = {};
  if (options.B !== undefined) boot.B = options.B;
  if (options.seed !== undefined) boot.seed = options.seed;
  if (options.alpha !== undefined) boot.alpha = options.alpha;
  const base = { task: loaded.task, modelA, modelB };
  if (loaded.task === 'binary') {
    const a = findModel(loaded.models, modelA), b = findModel(loaded.models, modelB);
    const y = loaded.labels;
    const tA = options.thresholdA ?? 0.5;
    const tB = options.thresholdB ?? tA;
    return {
      ...base,
      delong: delongTest(y, a.values, b.values),
      aucA: delongAuc(y, a.values),
      aucB: delongAuc(y, b.values),
      bootstrap: pairedBootstrapAucDiff(y, a.values, b.values, boot),
      bootstrapMetric: 'roc_auc',
      mcnemar: mcnemarAtThresholds(y, a.values, tA, b.values, tB),
    };
  }
  if (loaded.task === 'multiclass') {
    const K = loaded.classes.length;
    const y = loaded.labels;
    const pa = predictedClasses(findModel(loaded.models, modelA), K);
    const pb = predictedClasses(findModel(loaded.models, modelB), K);
    const accuracyOn = (pred: Int32Array) => (idx: Int32Array): number => {
      let hit = 0;
      for (let i = 0; i < idx.length; i++) if (pred[idx[i]!] === y[idx[i]!]) hit++;
      return hit / idx.length;
    };
    return {
      ...base, delong: null, aucA: null, aucB: null,
      bootstrap: pairedBootstrapDiff(y.length, accuracyOn(pa), accuracyOn(pb), boot),
      bootstrapMetric: 'accuracy',
      mcnemar: mcnemarTest(y, pa, pb),
    };
  }
  const y = loaded.yTrue;
  const a = findModel(loaded.models, modelA).values, b = findModel(loaded.models, modelB).values;
  const n = y.length;
  const yBuf = new Float64Array(n), pBuf = new Float64Array(n);
  const rmseOn = (pred: Float64Array) => (idx: Int32Array): number => {
    for (let i = 0; i < n; i++) { yBuf[i] = y[idx[i]!]!; pBuf[i] = pred[idx[i]!]!; }
    return rootMeanSquaredError(yBuf, pBuf);
  };
  return {
    ...base, delong: null, aucA: null, aucB: null,
    bootstrap: pairedBootstrapDiff(n, rmseOn(a), rmseOn(b), boot),
    bootstrapMetric: 'rmse',
    mcnemar: null,
  };
}
