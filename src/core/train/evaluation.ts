/**
 * Metrics of a model's outputs on one part of the data, from the metrics engine (src/core/metrics),
 * so the numbers are exactly those the Metrics page shows for the same predictions.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedData, PreparedPart, Task } from '../data/preprocess';
import { binaryMetrics, multiclassMetrics, regressionMetrics } from '../metrics';
import { readSync, type DeviceReads } from './device-reads';
import { perExampleLossJs } from './losses';
import { forward, type OutputHead } from './model';
import type { TrainableModel } from './trainable';

/** Metric values by the metrics engine's keys (e.g. accuracy, log_loss, roc_auc, rmse, r2), plus `loss`. */
export type MetricValues = Record<string, number | null>;

/** Predictions in the form the Metrics page takes: P(positive), class probabilities, or values. */
export interface Predictions {
  task: Task;
  /** binary: P(class 1) per row; regression: the prediction in the target's units; multiclass: unused (empty). */
  score: Float64Array;
  /** multiclass: n x K probabilities, row-major; otherwise empty. */
  proba: Float64Array;
}

export interface SetEvaluation {
  n: number;
  /** Metrics from the engine, plus `loss`: the mean training loss (unweighted) over the rows. */
  metrics: MetricValues;
  /** Per-row training loss (regression: in standardised units when the target is standardised). */
  perExampleLoss: Float64Array;
  /** Classification: 1 where the predicted class is right. Null for regression. */
  correct: Uint8Array | null;
  predictions: Predictions;
}

/** Converts raw model outputs (row-major [n, width]) to predictions in the data's units. */
export function outputsToPredictions(outputs: Float32Array, n: number, head: OutputHead, task: Task, data: Pick<PreparedData, 'targetScale'>): Predictions {
  const width = n > 0 ? outputs.length / n : 0;
  if (task === 'regression') {
    const s = data.targetScale;
    return { task, score: Float64Array.from(outputs, (z) => (s ? z * s.std + s.mean : z)), proba: new Float64Array(0) };
  }
  const proba = new Float64Array(n * Math.max(width, 2));
  const K = head === 'sigmoid' ? 2 : width;
  for (let i = 0; i < n; i++) {
    if (head === 'sigmoid') {
      const p = 1 / (1 + Math.exp(-outputs[i]!));
      proba[2 * i] = 1 - p;
      proba[2 * i + 1] = p;
    } else {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, outputs[i * K + k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(outputs[i * K + k]! - max);
      for (let k = 0; k < K; k++) proba[i * K + k] = Math.exp(outputs[i * K + k]! - max) / sum;
    }
  }
  if (task === 'binary') {
    return { task, score: Float64Array.from({ length: n }, (_, i) => proba[2 * i + 1]!), proba: new Float64Array(0) };
  }
  return { task, score: new Float64Array(0), proba };
}

/** Engine metrics for predictions against `y` (class codes or values). Empty parts give an empty record. */
export function metricsFor(predictions: Predictions, y: Float64Array, classes: number, predictors: number): MetricValues {
  if (y.length === 0) return {};
  if (predictions.task === 'binary') return { ...binaryMetrics(y, predictions.score).values };
  if (predictions.task === 'regression') return { ...regressionMetrics(y, predictions.score, { predictors }).values };
  return { ...multiclassMetrics(y, { proba: predictions.proba }, classes).values };
}

/**
 * Runs the model on a part (one forward pass, one read: the yielded outputs), then computes the engine's
 * metrics, the per-row loss and correctness. `training` keeps dropout on (the "evaluate in training
 * mode" switch).
 */
export function* evaluatePartReads(model: TrainableModel, part: PreparedPart, data: PreparedData, options: { training: boolean; dropoutSeed: number }): DeviceReads<SetEvaluation> {
  const { spec } = model;
  const task = data.task;
  const n = part.n;
  if (n === 0) {
    return { n, metrics: {}, perExampleLoss: new Float64Array(0), correct: null, predictions: { task, score: new Float64Array(0), proba: new Float64Array(0) } };
  }
  const outputs = yield tf.tidy(() => {
    const x = tf.tensor2d(part.x, [n, data.d]);
    return forward(spec, model.params, x, { training: options.training, dropoutSeed: options.dropoutSeed });
  });
  const predictions = outputsToPredictions(outputs, n, spec.head, task, data);
  if (!outputs.every(Number.isFinite)) {
    // A diverged model: the metrics engine rightly refuses non-finite scores.
    return { n, metrics: { loss: NaN }, perExampleLoss: new Float64Array(n).fill(NaN), correct: null, predictions };
  }
  const classes = data.classes?.length ?? 0;
  const metrics = metricsFor(predictions, part.y, classes, data.d);
  const lossTargets = task === 'regression' && data.targetScale ? part.y.map((v) => (v - data.targetScale!.mean) / data.targetScale!.std) : part.y;
  const perExampleLoss = perExampleLossJs(spec.head, outputs, lossTargets, spec.outputs);
  let total = 0;
  for (const l of perExampleLoss) total += l;
  metrics.loss = total / n;
  let correct: Uint8Array | null = null;
  if (task !== 'regression') {
    correct = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const predicted = task === 'binary' ? (predictions.score[i]! >= 0.5 ? 1 : 0) : argmaxRow(predictions.proba, i, classes);
      correct[i] = predicted === part.y[i] ? 1 : 0;
    }
  }
  return { n, metrics, perExampleLoss, correct, predictions };
}

/** evaluatePartReads driven synchronously. */
export function evaluatePart(model: TrainableModel, part: PreparedPart, data: PreparedData, options: { training: boolean; dropoutSeed: number }): SetEvaluation {
  return readSync(evaluatePartReads(model, part, data, options));
}

function argmaxRow(proba: Float64Array, i: number, K: number): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (proba[i * K + k]! > proba[i * K + best]!) best = k;
  return best;
}
