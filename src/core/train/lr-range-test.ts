/**
 * The learning-rate range test (Smith 2017, "Cyclical Learning Rates for Training Neural Networks";
 * popularised as fastai's `lr_find`): train from the initial weights while the learning rate grows
 * exponentially each step, record the loss, and stop once it blows up. The loss curve against the rate
 * falls, bottoms out, then explodes; a good rate sits well before the bottom.
 *
 * Suggestion: the rate at the minimum of the smoothed loss divided by 10 (fastai's `lr_min / 10`).
 * The rate where the smoothed loss falls fastest (per log-rate) is reported too (`steepest`).
 */
import type { PreparedData } from '../data/preprocess';
import { shuffledIndices } from '../random';
import { headFor, type TrainConfig } from './config';
import { deviceBatchFromRows, disposeBatch } from './device-batch';
import { plainStep } from './instrumented-step';
import { buildModelSpec, initialParameters } from './model';
import { runStreams } from './train-data';
import { createTrainableModel, disposeTrainableModel } from './trainable';

export interface LrRangeTestOptions {
  /** First rate (default 1e-6). */
  minLr?: number;
  /** Last rate (default 10). */
  maxLr?: number;
  /** Steps from minLr to maxLr (default 100). */
  steps?: number;
  /** Stop when the smoothed loss exceeds this multiple of its minimum (default 4). */
  divergeFactor?: number;
  /** Exponential smoothing factor of the loss (default 0.9; bias-corrected). */
  beta?: number;
}

export interface LrRangeTestResult {
  lrs: number[];
  losses: number[];
  smoothed: number[];
  /** The suggested rate; null when the loss never fell. */
  suggestedLr: number | null;
  /** Rate at the minimum smoothed loss. */
  minLossLr: number | null;
  /** Rate at the steepest fall of the smoothed loss. */
  steepestLr: number | null;
  /** True when the loss blew up before maxLr. */
  stoppedEarly: boolean;
  message: string;
}

/** The rate at step t of n, growing exponentially from minLr to maxLr. */
export function rangeTestLr(t: number, n: number, minLr: number, maxLr: number): number {
  return n <= 1 ? minLr : minLr * (maxLr / minLr) ** (t / (n - 1));
}

/** Picks the suggestion from recorded rates and losses (see the file comment). */
export function suggestLearningRate(lrs: readonly number[], smoothed: readonly number[]): Pick<LrRangeTestResult, 'suggestedLr' | 'minLossLr' | 'steepestLr'> {
  if (smoothed.length < 3) return { suggestedLr: null, minLossLr: null, steepestLr: null };
  let iMin = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i]! < smoothed[iMin]!) iMin = i;
  if (!(smoothed[iMin]! < smoothed[0]!)) return { suggestedLr: null, minLossLr: null, steepestLr: null };
  let iSteep = 0;
  let steepest = Infinity;
  for (let i = 1; i <= iMin; i++) {
    const slope = (smoothed[i]! - smoothed[i - 1]!) / (Math.log(lrs[i]!) - Math.log(lrs[i - 1]!));
    if (slope < steepest) {
      steepest = slope;
      iSteep = i;
    }
  }
  return { suggestedLr: lrs[iMin]! / 10, minLossLr: lrs[iMin]!, steepestLr: lrs[iSteep]! };
}

/**
 * Runs the range test with the configured model, optimiser, batch size and seed (fresh weights from the
 * seed; the run's own weights are not touched). Batches follow the seeded epoch shuffles.
 */
export function runLrRangeTest(data: PreparedData, config: TrainConfig, options: LrRangeTestOptions = {}): LrRangeTestResult {
  const minLr = options.minLr ?? 1e-6;
  const maxLr = options.maxLr ?? 10;
  const n = options.steps ?? 100;
  const divergeFactor = options.divergeFactor ?? 4;
  const beta = options.beta ?? 0.9;
  const streams = runStreams(config.seed);
  const spec = buildModelSpec(
    { kind: config.model, hidden: config.hidden, activation: config.activation, dropout: config.dropout, init: config.init },
    data.d,
    headFor(data.task, config.model),
    data.classes?.length ?? 1,
  );
  const model = createTrainableModel(spec, initialParameters(spec, config.init, streams.init), config.optimizer.name);
  const settings = { optimizer: config.optimizer, l1: config.l1, l2: config.l2, clipNorm: config.clipNorm, histogramBins: 1 };
  const lrs: number[] = [];
  const losses: number[] = [];
  const smoothed: number[] = [];
  let order: Int32Array = new Int32Array(0);
  let pos = 0;
  let avg = 0;
  let best = Infinity;
  let stoppedEarly = false;
  try {
    for (let t = 0; t < n; t++) {
      if (pos >= order.length) {
        order = shuffledIndices(data.train.n, streams.shuffle);
        pos = 0;
      }
      const rows = order.subarray(pos, Math.min(pos + config.batchSize, order.length));
      pos += rows.length;
      const lr = rangeTestLr(t, n, minLr, maxLr);
      const batch = deviceBatchFromRows(data, spec, data.train, rows, data.classWeights);
      let loss: number;
      try {
        loss = plainStep(model, batch, settings, { lr, dropoutSeed: streams.dropout.uint32(), details: false, epoch: 1 });
      } finally {
        disposeBatch(batch);
      }
      if (!Number.isFinite(loss)) {
        stoppedEarly = true;
        break;
      }
      avg = beta * avg + (1 - beta) * loss;
      const s = avg / (1 - beta ** (t + 1));
      lrs.push(lr);
      losses.push(loss);
      smoothed.push(s);
      best = Math.min(best, s);
      if (t > 0 && s > divergeFactor * best) {
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    disposeTrainableModel(model);
  }
  const pick = suggestLearningRate(lrs, smoothed);
  const message =
    pick.suggestedLr === null
      ? 'The loss never fell over the range: check the data and the model, or widen the range.'
      : `Suggested learning rate ${pick.suggestedLr.toPrecision(2)} (the smoothed loss is lowest at ${pick.minLossLr!.toPrecision(2)}; steepest fall at ${pick.steepestLr!.toPrecision(2)}).`;
  return { lrs, losses, smoothed, ...pick, stoppedEarly, message };
}
