/**
 * The learning-rate range test (L. Smith, "Cyclical Learning Rates for Training Neural Networks", 2017;
 * the fastai "lr_find"): train from the initial weights while the rate grows exponentially from `from`
 * to `to`, one step per rate, and record the loss. The loss first barely moves (rate too low), then
 * falls fastest, then turns up and explodes (rate too high). A common pick is a tenth of the rate at the
 * minimum of the smoothed loss.
 *
 * Built on the engine's own pieces (model layout, initialisation, batches, `plainStep`), so the numbers
 * are those a real run with that rate would see on its first steps.
 */
import type { PreparedData } from '../data/preprocess';
import { shuffledIndices } from '../random';
import { headFor, type TrainConfig } from '../train/config';
import { deviceBatchFromRows, disposeBatch } from '../train/device-batch';
import { plainStep } from '../train/instrumented-step';
import { buildModelSpec, initialParameters } from '../train/model';
import { runStreams } from '../train/train-data';
import { createTrainableModel, disposeTrainableModel } from '../train/trainable';

export interface LrRangeResult {
  /** The rate of each step taken (stops early once the loss has blown up). */
  lr: number[];
  /** The batch loss of each step. */
  loss: number[];
  /** Exponentially smoothed loss (beta 0.9, bias-corrected), as fastai plots it. */
  smoothed: number[];
  /** The rate at the minimum of the smoothed loss. */
  minLossLr: number;
  /** minLossLr / 10: a rate safely on the falling side of the curve. */
  suggested: number;
  /** The rate where the smoothed loss falls fastest per decade of rate. */
  steepestLr: number;
  /** True when the loss exploded (above 4x its minimum, or non-finite) before the last rate. */
  stoppedEarly: boolean;
}

/** Rates from `from` to `to`, evenly spaced in log scale: lr_t = from * (to/from)^(t / (steps - 1)). */
export function exponentialRates(from: number, to: number, steps: number): number[] {
  if (!(from > 0 && to > from && Number.isInteger(steps) && steps >= 2)) throw new RangeError(`need 0 < from < to and steps >= 2; got ${from}, ${to}, ${steps}`);
  return Array.from({ length: steps }, (_, t) => from * (to / from) ** (t / (steps - 1)));
}

/**
 * Summary of a range-test curve: minimum of the smoothed loss, steepest descent per unit of log10(lr).
 * Pure (no tensors), so it is tested on hand-made curves.
 */
export function summariseLrRange(lr: readonly number[], loss: readonly number[]): Pick<LrRangeResult, 'smoothed' | 'minLossLr' | 'suggested' | 'steepestLr'> {
  const smoothed: number[] = [];
  let avg = 0;
  for (let t = 0; t < loss.length; t++) {
    avg = 0.9 * avg + 0.1 * loss[t]!;
    smoothed.push(avg / (1 - 0.9 ** (t + 1)));
  }
  let best = 0;
  smoothed.forEach((v, t) => {
    if (Number.isFinite(v) && v < smoothed[best]!) best = t;
  });
  let steep = 0;
  let steepest = Infinity;
  for (let t = 1; t <= best; t++) {
    const slope = (smoothed[t]! - smoothed[t - 1]!) / (Math.log10(lr[t]!) - Math.log10(lr[t - 1]!));
    if (slope < steepest) {
      steepest = slope;
      steep = t;
    }
  }
  const minLossLr = lr[best] ?? NaN;
  return { smoothed, minLossLr, suggested: minLossLr / 10, steepestLr: lr[steep] ?? NaN };
}

/** Runs the range test on the training rows of `data` with the model and optimiser of `config`. */
export function lrRangeTest(data: PreparedData, config: TrainConfig, range: { from: number; to: number; steps: number }): LrRangeResult {
  const streams = runStreams(config.seed);
  const head = headFor(data.task, config.model);
  const spec = buildModelSpec(
    { kind: config.model, hidden: config.hidden, activation: config.activation, dropout: config.dropout, init: config.init },
    data.d,
    head,
    data.classes?.length ?? 1,
  );
  const model = createTrainableModel(spec, initialParameters(spec, config.init, streams.init), config.optimizer.name);
  const settings = { optimizer: config.optimizer, l1: config.l1, l2: config.l2, clipNorm: config.clipNorm, histogramBins: config.histogramBins };
  const rates = exponentialRates(range.from, range.to, range.steps);
  const lr: number[] = [];
  const loss: number[] = [];
  let order = shuffledIndices(data.train.n, streams.shuffle);
  let position = 0;
  let minSeen = Infinity;
  let stoppedEarly = false;
  try {
    for (let t = 0; t < rates.length; t++) {
      if (position >= order.length) {
        order = shuffledIndices(data.train.n, streams.shuffle);
        position = 0;
      }
      const positions = order.subarray(position, Math.min(position + config.batchSize, order.length));
      position += positions.length;
      const batch = deviceBatchFromRows(data, spec, data.train, positions, data.classWeights);
      let value: number;
      try {
        value = plainStep(model, batch, settings, { lr: rates[t]!, dropoutSeed: streams.dropout.uint32(), details: false, epoch: 1 });
      } finally {
        disposeBatch(batch);
      }
      lr.push(rates[t]!);
      loss.push(value);
      if (Number.isFinite(value)) minSeen = Math.min(minSeen, value);
      if (!Number.isFinite(value) || value > 4 * minSeen) {
        stoppedEarly = t < rates.length - 1;
        break;
      }
    }
  } finally {
    disposeTrainableModel(model);
  }
  return { lr, loss, ...summariseLrRange(lr, loss), stoppedEarly };
}
