/**
 * Learning and validation curves in the Experiments worker. The data is prepared once with the run's
 * settings (its seed fixes the split and the preprocessing); every point then trains a fresh model
 * with the engine on part of the training rows (learning curve) or with one setting changed
 * (validation curve), and is scored on its own training rows and the shared validation rows with the
 * page's row metrics (experiments-metrics.ts). Repeat r trains with seed + r (initialisation and
 * batch order) and, for the learning curve, its own seeded order of the training rows.
 *
 * The preprocessing (scaling, imputation) is fitted once on the whole training split, not refitted
 * per subset: the validation rows never take part, and it keeps the points comparable.
 */
import { learningCurvePlan, fitLearningCurve, summarizeCurve, validationCurveVerdict, type CurvePoint } from '../core/experiments/learning-curve';
import { moreDataOrFeatures } from '../core/experiments/data-or-features';
import { CURVE_PARAM_INFO, withCurveParam, type CurveParam } from '../core/experiments/curve-params';
import type { PreparedData, PreparedPart } from '../core/data/preprocess';
import { fail, ok, type Result } from '../core/result';
import { resolveTrainConfig, type TrainConfig } from '../core/train/config';
import type { ModelCache } from './experiments-cache';
import type { ExperimentData } from './experiments-data';
import { importanceOf } from './experiments-explain';
import { experimentError as err, metricInfo, rowMetric, type RowMetricDefinition } from './experiments-metrics';
import { ModelPredictor, prepareModel, rowValues, trainPrepared, type TrainedModel } from './experiments-model';
import type { LearningCurveOutcome, Progress, ValidationCurveOutcome } from './experiments-types';

/** Numbers the full-size models handed to the importance (cache keys name one model each). */
let curveModels = 0;

export interface LearningCurveOptions {
  metric: string;
  points: number;
  repeats: number;
  seed: number;
  /** k of "k times more rows" (default [2, 5, 10]). */
  factors?: number[];
  /** Permutation importance of the full-size model for the more-data-or-features panel (default true). */
  importance?: boolean;
  minFraction?: number;
}

export interface ValidationCurveOptions {
  metric: string;
  param: CurveParam;
  values: number[];
  repeats: number;
}

function subsetPart(part: PreparedPart, picks: ArrayLike<number>, d: number): PreparedPart {
  const n = picks.length;
  const x = new Float32Array(n * d);
  const y = new Float64Array(n);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = picks[i]!;
    x.set(part.x.subarray(j * d, (j + 1) * d), i * d);
    y[i] = part.y[j]!;
    rows[i] = part.rows[j]!;
  }
  return { rows, n, x, y };
}

function scoreOf(model: TrainedModel, predictor: ModelPredictor, part: PreparedPart, metric: RowMetricDefinition): number {
  if (part.n === 0) return NaN;
  const K = model.data.classes?.length ?? 0;
  const v = metric.compute(part.y, rowValues(predictor.predict(part.x, part.n), part.n, metric.view, K));
  return v === null || !Number.isFinite(v) ? NaN : v;
}

/** Trains one point and scores it on its training rows and the validation rows. */
function trainPoint(cache: ModelCache, data: ExperimentData, prepared: PreparedData, config: TrainConfig, metric: RowMetricDefinition): { model: TrainedModel; train: number; validation: number } {
  const loaded = cache.tables(data);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const model = trainPrepared(loaded.value, prepared, config);
  const predictor = new ModelPredictor(model);
  try {
    return { model, train: scoreOf(model, predictor, prepared.train, metric), validation: scoreOf(model, predictor, prepared.validation, metric) };
  } finally {
    predictor.dispose();
  }
}

function prepareFor(cache: ModelCache, data: ExperimentData, config: TrainConfig): Result<{ data: PreparedData; config: TrainConfig; warnings: string[] }> {
  const loaded = cache.tables(data);
  if (!loaded.ok) return loaded;
  const prepared = prepareModel(loaded.value, config);
  if (!prepared.ok) return prepared;
  if (prepared.value.data.validation.n < 2) return fail(err('no-validation', 'Curves are scored on the validation rows: set a validation fraction above 0.'));
  return ok({ ...prepared.value, warnings: [...loaded.warnings, ...prepared.warnings] });
}

/** Score against training-set size, the power-law extrapolation, and (optionally) each feature's worth. */
export function learningCurveOf(cache: ModelCache, data: ExperimentData, config: TrainConfig, options: LearningCurveOptions, progress?: Progress): Result<LearningCurveOutcome> {
  const prep = prepareFor(cache, data, config);
  if (!prep.ok) return prep;
  const { data: prepared, config: resolved } = prep.value;
  const metric = rowMetric(prepared.task, options.metric);
  const classes = prepared.classes?.length ?? 0;
  const plan = learningCurvePlan({
    poolRows: prepared.train.n, points: options.points, repeats: options.repeats, seed: options.seed,
    minFraction: options.minFraction ?? 0.1, minRows: Math.max(8, 2 * classes),
  });
  if (plan.sizes.length < 3) return fail(err('too-few-rows', `A learning curve needs at least three sizes; ${prepared.train.n} training rows give ${plan.sizes.length}.`));
  const withImportance = options.importance !== false;
  const total = plan.sizes.length * plan.orders.length + (withImportance ? 2 : 0);
  const points: CurvePoint[] = [];
  let full: TrainedModel | null = null;
  let done = 0;
  plan.orders.forEach((order, r) => {
    for (const n of plan.sizes) {
      progress?.(done / total, `Training on ${n} rows (repeat ${r + 1} of ${plan.orders.length})`);
      const part = { ...prepared, train: subsetPart(prepared.train, order.subarray(0, n), prepared.d) };
      const p = trainPoint(cache, data, part, { ...resolved, seed: resolved.seed + r }, metric);
      points.push({ x: n, repeat: r, train: p.train, validation: p.validation });
      if (r === 0 && n === prepared.train.n) full = p.model;
      done++;
    }
  });
  const nMax = prepared.train.n;
  const factors = options.factors ?? [2, 5, 10];
  const at = [...plan.sizes, ...[1.5, 2, 3, 5, 10].map((k) => Math.round(k * nMax))];
  // Every row metric is at most 1 (scores) or at least 0 (losses): the asymptote may not pass that.
  const fit = fitLearningCurve(points, metric.higherIsBetter, { at, factors, resamples: 200, seed: options.seed, cMin: metric.higherIsBetter ? -1 : 0 });
  let features: LearningCurveOutcome['features'] = null;
  if (withImportance && full) {
    progress?.(done / total, 'Measuring what each feature is worth');
    const m = full as TrainedModel;
    const imp = importanceOf(cache, { key: `curve:${++curveModels}`, data, config: m.config, params: m.params }, { metric: metric.key, repeats: 5, seed: options.seed, pdFeatures: 0 });
    if (imp.ok) features = imp.value.result.features.map((f) => ({ feature: f.feature, gain: f.mean, lower: f.lower, upper: f.upper }));
  }
  const s = fit?.sign ?? 1;
  // Gains are falls in err: for a score (err = -score) that is its rise, for a loss its fall, so they
  // are already "higher is better", the units of permutation importance.
  const advice = fit && features ? moreDataOrFeatures(fit.gains[0]!, features, metric.label) : null;
  progress?.(1, 'Done');
  return ok({
    metric: metricInfo(metric), rows: { pool: nMax, validation: prepared.validation.n }, sizes: plan.sizes, repeats: plan.orders.length, seed: options.seed,
    points, summary: summarizeCurve(points),
    fit: fit && {
      a: fit.fit.a, b: fit.fit.b, c: fit.fit.c, bAtBound: fit.fit.bAtBound, sign: s, huber: fit.huber, fitted: fit.fitted, resamples: fit.resamples,
      asymptote: s * fit.fit.c,
      bands: fit.bands.map((b) => ({ n: b.n, score: s * b.fit, low: Math.min(s * b.low, s * b.high), high: Math.max(s * b.low, s * b.high) })),
      gains: fit.gains.map((g) => ({ factor: g.factor, gain: g.gain, low: g.low, high: g.high })),
    },
    features, advice,
  }, prep.value.warnings);
}

/** Score against one setting: train and validation, repeats for the spread. */
export function validationCurveOf(cache: ModelCache, data: ExperimentData, config: TrainConfig, options: ValidationCurveOptions, progress?: Progress): Result<ValidationCurveOutcome> {
  const prep = prepareFor(cache, data, config);
  if (!prep.ok) return prep;
  const { data: prepared, config: resolved } = prep.value;
  const metric = rowMetric(prepared.task, options.metric);
  const info = CURVE_PARAM_INFO[options.param];
  if (info.hiddenOnly && resolved.model !== 'mlp' && resolved.model !== 'cnn') {
    return fail(err('bad-param', `${info.label} needs a model with hidden layers (mlp or cnn); this is ${resolved.model}.`));
  }
  if (options.values.length < 2) return fail(err('bad-param', 'A validation curve needs at least two values.'));
  const repeats = Math.max(1, Math.floor(options.repeats));
  const points: CurvePoint[] = [];
  const total = options.values.length * repeats;
  for (const [i, value] of options.values.entries()) {
    const c = resolveTrainConfig(withCurveParam(resolved, options.param, value));
    if (!c.ok) return fail(err('bad-param', `${info.label} = ${value}: ${c.error.message}`));
    for (let r = 0; r < repeats; r++) {
      progress?.((i * repeats + r) / total, `${info.label} = ${value} (repeat ${r + 1} of ${repeats})`);
      const p = trainPoint(cache, data, prepared, { ...c.value, task: resolved.task, seed: resolved.seed + r }, metric);
      points.push({ x: value, repeat: r, train: p.train, validation: p.validation });
    }
  }
  const summary = summarizeCurve(points);
  progress?.(1, 'Done');
  return ok({
    metric: metricInfo(metric), param: options.param, label: info.label, scale: info.scale, repeats, rows: { train: prepared.train.n, validation: prepared.validation.n },
    points, summary, verdict: validationCurveVerdict(summary, metric.higherIsBetter),
  }, prep.value.warnings);
}
