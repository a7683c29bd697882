/**
 * Baselines computed next to every run, on the same validation and test rows with the same metric
 * functions, so "is my model any good?" has an answer on the same screen:
 * - random: classification = uniformly random class probabilities (Dirichlet(1), seeded); binary =
 *   a uniform random score; regression = a random training target per row (seeded).
 * - majority (classification): every row gets the training class frequencies (predicts the most
 *   frequent class). mean (regression): every row gets the training mean.
 * - linear model: regression = ordinary least squares in float64 (a ridge of 1e-8 times the mean of
 *   diag(X'X) keeps collinear one-hot columns solvable); binary = logistic regression, multiclass =
 *   softmax regression, both with scikit-learn's default objective (LogisticRegression(C=1): mean log
 *   loss + ||W||^2 / (2n), intercept unpenalised), fitted full-batch with Adam and a cosine schedule.
 */
import type { PreparedData } from '../data/preprocess';
import type { Rng } from '../random';
import { readSync, type DeviceReads } from './device-reads';
import { evaluatePartReads, metricsFor, type MetricValues, type Predictions } from './evaluation';
import { plainStep } from './instrumented-step';
import { buildModelSpec } from './model';
import { DEFAULT_OPTIMIZER } from './optimizers';
import { learningRateAt, DEFAULT_SCHEDULE } from './schedules';
import { deviceBatchFromRows, disposeBatch } from './device-batch';
import { createTrainableModel, disposeTrainableModel } from './trainable';

export interface BaselineResult {
  name: 'random' | 'majority' | 'mean' | 'linear' | 'logistic' | 'softmax';
  description: string;
  validation: MetricValues;
  test: MetricValues;
}

/** Full-batch steps used to fit the logistic / softmax baseline. */
export const LINEAR_BASELINE_STEPS = 300;

function classFrequencies(data: PreparedData): Float64Array {
  const K = data.classes!.length;
  const f = new Float64Array(K);
  for (const c of data.train.y) f[c]!++;
  return f.map((v) => v / data.train.n);
}

function constantPredictions(data: PreparedData, n: number, make: (i: number) => { score?: number; proba?: ArrayLike<number> }): Predictions {
  const K = data.classes?.length ?? 0;
  if (data.task === 'multiclass') {
    const proba = new Float64Array(n * K);
    for (let i = 0; i < n; i++) proba.set(make(i).proba!, i * K);
    return { task: data.task, score: new Float64Array(0), proba };
  }
  return { task: data.task, score: Float64Array.from({ length: n }, (_, i) => make(i).score!), proba: new Float64Array(0) };
}

function onBoth(data: PreparedData, predict: (n: number, part: 'validation' | 'test') => Predictions): { validation: MetricValues; test: MetricValues } {
  const K = data.classes?.length ?? 0;
  return {
    validation: metricsFor(predict(data.validation.n, 'validation'), data.validation.y, K, data.d),
    test: metricsFor(predict(data.test.n, 'test'), data.test.y, K, data.d),
  };
}

/** Solves A x = b for symmetric positive definite A (n x n, row-major) by Cholesky; float64. */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError('matrix is not positive definite');
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * z[k]!;
    z[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** OLS coefficients [w_1..w_d, intercept] of y on the row-major x [n, d], in float64. */
export function leastSquares(x: Float32Array, y: Float64Array, n: number, d: number): Float64Array {
  const p = d + 1;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j]!;
    row[d] = 1;
    for (let j = 0; j < p; j++) {
      xty[j]! += row[j]! * y[i]!;
      for (let k = 0; k <= j; k++) xtx[j * p + k]! += row[j]! * row[k]!;
    }
  }
  let trace = 0;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) xtx[k * p + j] = xtx[j * p + k]!;
    trace += xtx[j * p + j]!;
  }
  const ridge = (1e-8 * trace) / p;
  for (let j = 0; j < d; j++) xtx[j * p + j]! += ridge;
  return solveSpd(xtx, xty, p);
}

/** Logistic or softmax regression fitted full-batch with the training engine (see file comment). */
function* fitLinearClassifier(data: PreparedData): DeviceReads<{ validation: MetricValues; test: MetricValues }> {
  const kind = data.task === 'binary' ? 'logistic' : 'softmax';
  const head = data.task === 'binary' ? 'sigmoid' : 'softmax';
  const spec = buildModelSpec({ kind, hidden: [], activation: 'relu', dropout: 0, init: 'zeros' }, data.d, head, data.classes!.length);
  const model = createTrainableModel(spec, new Float32Array(spec.paramCount), 'adam');
  const batch = deviceBatchFromRows(data, spec, data.train, Int32Array.from({ length: data.train.n }, (_, i) => i), null);
  try {
    const settings = { optimizer: { ...DEFAULT_OPTIMIZER, name: 'adam' as const }, l1: 0, l2: 1 / (2 * data.train.n), clipNorm: null, histogramBins: 1 };
    const schedule = { ...DEFAULT_SCHEDULE, name: 'cosine' as const };
    for (let t = 0; t < LINEAR_BASELINE_STEPS; t++) {
      // No read per step: only the final evaluation leaves the device.
      plainStep(model, batch, settings, { lr: learningRateAt(0.1, schedule, t, LINEAR_BASELINE_STEPS), dropoutSeed: 0, details: false, epoch: 1 }, false);
    }
    const opts = { training: false, dropoutSeed: 0 };
    const strip = (m: MetricValues): MetricValues => {
      const { loss: _loss, ...rest } = m;
      return rest;
    };
    const validation = yield* evaluatePartReads(model, data.validation, data, opts);
    const test = yield* evaluatePartReads(model, data.test, data, opts);
    return { validation: strip(validation.metrics), test: strip(test.metrics) };
  } finally {
    disposeBatch(batch);
    disposeTrainableModel(model);
  }
}

/** Every baseline for the data's task (see the file comment). `rng` drives the random baseline only. */
export function computeBaselines(data: PreparedData, rng: Rng): BaselineResult[] {
  return readSync(computeBaselinesReads(data, rng));
}

/** computeBaselines as device reads (two reads, for the fitted classifier's evaluation). */
export function* computeBaselinesReads(data: PreparedData, rng: Rng): DeviceReads<BaselineResult[]> {
  const out: BaselineResult[] = [];
  const K = data.classes?.length ?? 0;
  if (data.task === 'regression') {
    const train = data.train.y;
    out.push({
      name: 'random',
      description: 'a random training target for every row',
      ...onBoth(data, (n) => constantPredictions(data, n, () => ({ score: train[rng.int(train.length)]! }))),
    });
    const mean = train.reduce((a, b) => a + b, 0) / train.length;
    out.push({ name: 'mean', description: `the training mean (${mean.toPrecision(4)}) for every row`, ...onBoth(data, (n) => constantPredictions(data, n, () => ({ score: mean }))) });
    const beta = leastSquares(data.train.x, train, data.train.n, data.d);
    const predict = (part: 'validation' | 'test'): Predictions => {
      const p = data[part];
      const score = new Float64Array(p.n);
      for (let i = 0; i < p.n; i++) {
        let s = beta[data.d]!;
        for (let j = 0; j < data.d; j++) s += beta[j]! * p.x[i * data.d + j]!;
        score[i] = s;
      }
      return { task: 'regression', score, proba: new Float64Array(0) };
    };
    out.push({ name: 'linear', description: 'ordinary least squares on the same features', ...onBoth(data, (_n, part) => predict(part)) });
    return out;
  }
  const freq = classFrequencies(data);
  out.push({
    name: 'random',
    description: 'random class probabilities for every row',
    ...onBoth(data, (n) =>
      constantPredictions(data, n, () => {
        if (data.task === 'binary') return { score: rng.next() };
        const e = Array.from({ length: K }, () => -Math.log(1 - rng.next()));
        const s = e.reduce((a, b) => a + b, 0);
        return { proba: e.map((v) => v / s) };
      }),
    ),
  });
  const majority = freq.indexOf(Math.max(...freq));
  out.push({
    name: 'majority',
    description: `the training class frequencies for every row (predicts "${data.classes![majority]}")`,
    ...onBoth(data, (n) => constantPredictions(data, n, () => (data.task === 'binary' ? { score: freq[1]! } : { proba: freq }))),
  });
  out.push({
    name: data.task === 'binary' ? 'logistic' : 'softmax',
    description: `${data.task === 'binary' ? 'logistic' : 'softmax'} regression (C = 1, as scikit-learn's default) on the same features`,
    ...(yield* fitLinearClassifier(data)),
  });
  return out;
}
