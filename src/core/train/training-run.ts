/**
 * A training run driven one step at a time, so a Worker can pause, resume, stop and step once, and the
 * CLI can simply loop. Each `step()` uploads one batch, runs the instrumented step, checks the numbers
 * for NaN/Inf, and at the end of an epoch evaluates the training and validation rows with the metrics
 * engine, tracks every training row, and applies early stopping. `finish()` restores the best weights
 * (with early stopping), evaluates the test rows, computes the baselines and frees every tensor.
 *
 * Randomness: initialisation, shuffling, dropout and the split come from `runStreams(config.seed)`;
 * the same seed on the same backend gives the same losses step for step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedData } from '../data/preprocess';
import { shuffledIndices, type Rng } from '../random';
import { computeBaselinesReads, type BaselineResult } from './baselines';
import { boundaryGridReads, type BoundaryAxes, type BoundaryGrid } from './boundary-grid';
import { stepsPerEpoch, totalSteps, headFor, type TrainConfig } from './config';
import { deviceBatchFromRows, disposeBatch } from './device-batch';
import { detectLossGrowth, diagnoseDivergence, type DivergenceReport } from './divergence';
import { readAsync, readSync, type DeviceReads } from './device-reads';
import { evaluatePartReads, type MetricValues, type Predictions } from './evaluation';
import { ExampleTracker, type ExampleReport } from './example-tracking';
import { instrumentedStepReads, plainStepReads, type StepRequest, type StepSettings } from './instrumented-step';
import { allReduce, splitBatch, type GradientPool } from './data-parallel';
import { externalGradientStepReads } from './parallel-step';
import { formatOf, roundInPlace } from './low-precision';
import { initialLossScale, nextLossScale, type LossScaleState } from './loss-scaling';
import { buildModelSpec, initialParameters, type ModelSpec } from './model';
import { learningRateAt } from './schedules';
import type { StepRecord } from './step-record';
import { runStreams } from './train-data';
import { createTrainableModel, disposeTrainableModel, retargetTrainableModel, readParameters, writeParameters, type TrainableModel } from './trainable';

export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  /** Steps done when the epoch ended. */
  step: number;
  /** Metrics on all training rows at the end of the epoch (engine keys plus `loss`). */
  train: MetricValues;
  /** The same on the validation rows (empty when there are none). */
  validation: MetricValues;
  /** Whether the validation loss was the best so far. */
  best: boolean;
  /** True for the last epoch of a run that ended mid-epoch (a step budget). */
  partial: boolean;
  /** Wall time of the epoch's steps and evaluation. */
  ms: number;
}

export type RunStatus = 'ready' | 'running' | 'completed' | 'early-stopped' | 'diverged' | 'stopped';

/** Facts about the run a person wants next to the curves. */
export interface RunInfo {
  /** The TensorFlow.js backend the run was created on (tf.getBackend()). */
  backend: string;
  task: PreparedData['task'];
  head: ModelSpec['head'];
  classes: string[] | null;
  features: string[];
  parameters: number;
  layers: { name: string; kind: 'dense' | 'conv'; kernelShape: number[]; parameters: number }[];
  rows: { train: number; validation: number; test: number };
  stepsPerEpoch: number;
  totalSteps: number;
  missing: PreparedData['missing'];
  targetScale: PreparedData['targetScale'];
  /**
   * Mean and standard deviation of each input feature over the training rows, as the model sees them
   * (after imputation and scaling): about 0 and 1 when standardised on the training rows.
   */
  inputStats?: { mean: number[]; std: number[] };
  /** Data-parallel runs: how many workers, which mode, and what they are (set by the shell that made them). */
  parallel?: { workers: number; mode: 'sync' | 'async'; staleness: number; pool: string };
}

export interface TrainResult {
  config: TrainConfig;
  info: RunInfo;
  status: RunStatus;
  /** Why the run ended, in one sentence. */
  stopReason: string;
  /** Every step record (when the run keeps them). */
  steps: StepRecord[];
  epochs: EpochRecord[];
  bestEpoch: number | null;
  restoredBestWeights: boolean;
  /** Metrics with the final weights (the best ones when early stopping restored them). */
  final: { train: MetricValues; validation: MetricValues; test: MetricValues };
  /** Test-row predictions (for the Metrics page), with the test rows' table indices. */
  testPredictions: { rows: Int32Array; y: Float64Array; predictions: Predictions };
  /** The final weights, flat in the model spec's order (the best ones when early stopping restored them). */
  parameters: Float32Array;
  baselines: BaselineResult[];
  divergence: DivergenceReport | null;
  examples: ExampleReport;
  /**
   * Every training row's loss and correctness at the end of every epoch (for a rows x epochs view):
   * `losses[e][i]` and `correct[e][i]` are for table row `rows[i]` after epoch e + 1; `correct` is empty
   * for regression.
   */
  exampleHistory: { rows: Int32Array; losses: Float32Array[]; correct: Uint8Array[] };
}

export interface StepOutcome {
  record: StepRecord;
  /** Set when this step ended an epoch. */
  epoch: EpochRecord | null;
  /** No more steps: call finish(). */
  done: boolean;
}

export interface TrainingRunOptions {
  /**
   * Keep every StepRecord for the result (true, the default: the CLI's --json), none (false: a Worker
   * streams them instead), or only the last N (the CLI's --keep-steps N: memory stays bounded for any
   * run length; the summary does not depend on the records kept).
   */
  keepSteps?: boolean | number;
  /** Keep only the last N epoch records and per-row epoch arrays (default: all). */
  keepEpochs?: number;
  /**
   * Stop when the loss grows by orders of magnitude with every number finite (divergence.ts). Default
   * true; a lesson that shows what happens after the blow-up (raw inputs, then dead units) turns it off.
   */
  stopOnLossGrowth?: boolean;
  /** Labels of the table rows (for example summaries); defaults to the class name or target value. */
  labels?: readonly string[];
  /** false: every epoch visits the training rows in their stored order (the sorted-no-shuffle fault). Default true. */
  shuffle?: boolean;
  /** The training loss override of the wrong-loss fault (see wrong-loss.ts). */
  loss?: StepSettings['loss'];
}

const HISTORY = 20;

/** Per-column mean and population standard deviation of an n x d row-major matrix. */
function columnStats(x: Float32Array, n: number, d: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  if (n === 0) return { mean, std: sq };
  for (let i = 0; i < n * d; i++) mean[i % d]! += x[i]! / n;
  for (let i = 0; i < n * d; i++) sq[i % d]! += (x[i]! - mean[i % d]!) ** 2 / n;
  return { mean, std: sq.map(Math.sqrt) };
}

/**
 * One run: owns the model's tensors from construction until finish() (or dispose()). Not re-entrant:
 * call step()/stepAsync() one at a time, then finish()/finishAsync() once.
 */
export class TrainingRun {
  private _config: TrainConfig;
  readonly data: PreparedData;
  readonly spec: ModelSpec;
  readonly info: RunInfo;
  private readonly model: TrainableModel;
  private settings: StepSettings;
  private readonly shuffle: boolean;
  private readonly shuffleRng: Rng;
  private readonly dropoutRng: Rng;
  private readonly baselineRng: Rng;
  private readonly evalDropoutRng: Rng;
  private readonly keepSteps: number;
  private readonly keepEpochs: number;
  private readonly steps: StepRecord[] = [];
  private epochCount = 0;
  /** The run's first step, the reference of the loss-growth check (divergence.ts). */
  private firstRecord: StepRecord | null = null;
  private readonly stopOnLossGrowth: boolean;
  private readonly history: StepRecord[] = [];
  private readonly epochs: EpochRecord[] = [];
  private readonly tracker: ExampleTracker;
  private order: Int32Array = new Int32Array(0);
  private positionInEpoch = 0;
  private epoch = 0;
  private epochStart = 0;
  private bestLoss = Infinity;
  private bestEpoch: number | null = null;
  private bestParams: Float32Array | null = null;
  private sinceBest = 0;
  private _status: RunStatus = 'ready';
  private stopReason = '';
  private divergence: DivergenceReport | null = null;
  private disposed = false;
  /** 16-bit runs: the loss scaler, and the float32 run of the same seed trained on the same batches. */
  private lossScaleState: LossScaleState;
  private readonly reference: TrainableModel | null = null;
  /** Data-parallel runs: the weights before the last few updates (async mode sends stale ones). */
  private readonly paramHistory: Float32Array[] = [];

  /** `config.task` must be resolved (see prepareTrainingData). Allocates the model's tensors. */
  constructor(data: PreparedData, config: TrainConfig, options: TrainingRunOptions = {}) {
    this._config = config;
    this.data = data;
    this.shuffle = options.shuffle ?? true;
    const streams = runStreams(config.seed);
    this.shuffleRng = streams.shuffle;
    this.dropoutRng = streams.dropout;
    this.baselineRng = streams.baselines;
    this.evalDropoutRng = streams.evalDropout;
    const keep = options.keepSteps ?? true;
    this.keepSteps = keep === true ? Infinity : keep === false ? 0 : Math.max(0, Math.floor(keep));
    this.keepEpochs = options.keepEpochs ?? Infinity;
    this.stopOnLossGrowth = options.stopOnLossGrowth ?? true;
    const head = headFor(data.task, config.model);
    this.spec = buildModelSpec(
      { kind: config.model, hidden: config.hidden, activation: config.activation, dropout: config.dropout, init: config.init },
      data.d,
      head,
      data.classes?.length ?? 1,
    );
    const initial = initialParameters(this.spec, config.init, streams.init);
    const precision = config.precision ?? 'float32';
    if (precision !== 'float32') {
      // The float32 twin starts from the same draw, unrounded; the 16-bit model from its rounding.
      this.reference = createTrainableModel(this.spec, initial.slice(), config.optimizer.name, config.freeze);
      roundInPlace(initial, precision);
    }
    this.model = createTrainableModel(this.spec, initial, config.optimizer.name, config.freeze);
    this.settings = stepSettings(config, options.loss);
    this.lossScaleState = initialLossScale(config.lossScaling ?? 'none', config.lossScale ?? 1);
    const labels = options.labels ?? Array.from(allRowsLabels(data));
    this.tracker = new ExampleTracker(data.train.rows, data.lines, labels, this.keepEpochs);
    this.info = {
      backend: tf.getBackend(),
      task: data.task,
      head,
      classes: data.classes,
      features: data.featureNames,
      parameters: this.spec.paramCount,
      layers: this.spec.layers.map((l) => ({ name: l.name, kind: l.kind, kernelShape: l.kernelShape, parameters: l.size })),
      rows: { train: data.train.n, validation: data.validation.n, test: data.test.n },
      stepsPerEpoch: stepsPerEpoch(data.train.n, config.batchSize),
      totalSteps: totalSteps(config, data.train.n),
      missing: data.missing,
      targetScale: data.targetScale,
      inputStats: columnStats(data.train.x, data.train.n, data.d),
    };
  }

  get config(): TrainConfig {
    return this._config;
  }

  /**
   * Continues from the current step with `next` (a branch): learning rate, schedule, optimiser (a new
   * one starts from zero moments), batch size, regularisation, clipping, freeze and the step budget may
   * change; the architecture, the data and the seed may not. With `next` equal to the current config
   * the run goes on exactly as if nothing had happened.
   */
  changeConfig(next: TrainConfig): void {
    retargetTrainableModel(this.model, next.optimizer.name, next.freeze);
    if (this.reference) retargetTrainableModel(this.reference, next.optimizer.name, next.freeze);
    this._config = next;
    this.settings = stepSettings(next, this.settings.loss);
    this.info.stepsPerEpoch = stepsPerEpoch(this.data.train.n, next.batchSize);
    this.info.totalSteps = totalSteps(next, this.data.train.n);
    if (this._status === 'completed' && this.model.t < this.info.totalSteps) this._status = 'running';
  }

  get status(): RunStatus {
    return this._status;
  }

  /** Updates applied so far. */
  get stepsDone(): number {
    return this.model.t;
  }

  get done(): boolean {
    return this._status !== 'ready' && this._status !== 'running';
  }

  /** One training step (and, at an epoch's end, the epoch's evaluation), reading with dataSync(). */
  step(): StepOutcome {
    return readSync(this.stepReads());
  }

  /** The same step reading with `await data()` (use on WebGPU, or to keep a Worker responsive). */
  stepAsync(): Promise<StepOutcome> {
    return readAsync(this.stepReads());
  }

  /** One step as device reads: the step's packed statistics, then (at an epoch's end) two evaluations. */
  *stepReads(): DeviceReads<StepOutcome> {
    const positions = this.beginStep();
    const batch = deviceBatchFromRows(this.data, this.spec, this.data.train, positions, this.data.classWeights);
    let record: StepRecord;
    try {
      const request = this.nextRequest();
      record = yield* instrumentedStepReads(this.model, batch, this.settings, request);
      if (this.reference) {
        record.loss_float32 = yield* plainStepReads(this.reference, batch, { ...this.settings, precision: undefined }, request);
      }
      if (this.settings.precision) this.lossScaleState = nextLossScale(this.lossScaleState, this.config.lossScaling ?? 'none', record.overflow_skipped === true);
    } finally {
      disposeBatch(batch);
    }
    return yield* this.endStep(record, positions.length);
  }

  /**
   * One data-parallel step (see data-parallel.ts): the batch split across `pool`'s workers, their
   * gradients all-reduced, one update here. `asyncReads` reads with `await data()` (WebGPU).
   * The record gains `allreduce_ms`: the gradient phase's wall time beyond the slowest worker's compute.
   */
  async stepParallel(pool: GradientPool, asyncReads = false): Promise<StepOutcome> {
    const stepStart = globalThis.performance.now();
    const positions = Int32Array.from(this.beginStep());
    const request = this.nextRequest();
    const staleness = this.config.mode === 'async' ? this.config.staleness ?? 0 : 0;
    const current = readParameters(this.model);
    this.paramHistory.push(current);
    if (this.paramHistory.length > staleness + 1) this.paramHistory.shift();
    const params = this.paramHistory[0]!; // `staleness` updates old (fewer at the start of the run)
    const shards = splitBatch(positions, pool.size);
    const sent = globalThis.performance.now();
    const results = await pool.gradients(shards.map((p) => ({ params, positions: p, dropoutSeed: request.dropoutSeed, batchSize: positions.length })));
    const reduced = allReduce(results, this.spec.paramCount, this.spec.layers.length);
    const gradientPhase = globalThis.performance.now() - sent;
    const slowest = Math.max(0, ...results.map((r) => r.ms));
    const reads = externalGradientStepReads(this.model, reduced, this.settings, request);
    const record = asyncReads ? await readAsync(reads) : readSync(reads);
    record.allreduce_ms = Math.max(0, gradientPhase - slowest);
    record.ms = globalThis.performance.now() - stepStart;
    const end = this.endStep(record, positions.length);
    return asyncReads ? readAsync(end) : readSync(end);
  }

  /** Starts the step: the run is running, a new epoch begins if due; returns the batch's positions. */
  private beginStep(): Int32Array {
    if (this.done) throw new Error(`the run is ${this._status}; no more steps`);
    this._status = 'running';
    if (this.positionInEpoch === 0) this.startEpoch();
    const B = this.config.batchSize;
    return this.order.subarray(this.positionInEpoch, Math.min(this.positionInEpoch + B, this.order.length));
  }

  /** The step's learning rate, dropout seed, detail flag and loss scale (draws the dropout seed). */
  private nextRequest(): StepRequest {
    const t = this.model.t;
    return {
      lr: learningRateAt(this.config.lr, this.config.schedule, t, this.info.totalSteps),
      dropoutSeed: this.dropoutRng.uint32(),
      details: t % this.config.detailsEvery === 0,
      epoch: this.epoch,
      ...(this.settings.precision ? { lossScale: this.lossScaleState.scale } : {}),
    };
  }

  /** After the update: keep the record, check for divergence, end the epoch when due. */
  private *endStep(record: StepRecord, rows: number): DeviceReads<StepOutcome> {
    this.positionInEpoch += rows;
    if (this.keepSteps > 0) {
      this.steps.push(record);
      // Trimmed in bulk (amortised O(1) a step), to exactly keepSteps in finish().
      if (this.steps.length >= 2 * this.keepSteps) this.steps.splice(0, this.steps.length - this.keepSteps);
    }

    this.firstRecord ??= record;
    const divergence = diagnoseDivergence(record, this.history, this.config) ?? (this.stopOnLossGrowth ? detectLossGrowth(record, this.history, this.firstRecord, this.config) : null);
    this.history.push(record);
    if (this.history.length > HISTORY) this.history.shift();
    if (divergence) {
      this.divergence = divergence;
      this._status = 'diverged';
      this.stopReason = divergence.message;
      return { record, epoch: null, done: true };
    }

    const budgetDone = this.model.t >= this.info.totalSteps;
    const epochEnded = this.positionInEpoch >= this.order.length;
    let epoch: EpochRecord | null = null;
    if (epochEnded || budgetDone) {
      epoch = yield* this.endEpoch(!epochEnded);
      this.positionInEpoch = 0;
      if (this.config.patience !== null && this.sinceBest >= this.config.patience) {
        this._status = 'early-stopped';
        this.stopReason = `Early stopping: the validation loss has not improved for ${this.config.patience} epoch(s) since epoch ${this.bestEpoch}.`;
      }
    }
    if (!this.done && budgetDone) {
      this._status = 'completed';
      this.stopReason = this.config.steps !== null ? `Completed ${this.config.steps} steps.` : `Completed ${this.config.epochs} epoch(s).`;
    }
    return { record, epoch, done: this.done };
  }

  /** Ends the run early at the user's request; call finish() next. */
  stop(): void {
    if (this.done) return;
    this._status = 'stopped';
    this.stopReason = `Stopped by the user after ${this.model.t} step(s).`;
  }

  private startEpoch(): void {
    this.epoch += 1;
    this.epochStart = globalThis.performance.now();
    this.order = this.shuffle ? shuffledIndices(this.data.train.n, this.shuffleRng) : Int32Array.from({ length: this.data.train.n }, (_, i) => i);
    this.positionInEpoch = 0;
  }

  private evalOptions(): { training: boolean; dropoutSeed: number } {
    return { training: this.config.evalTrainingMode, dropoutSeed: this.config.evalTrainingMode ? this.evalDropoutRng.uint32() : 0 };
  }

  private *endEpoch(partial: boolean): DeviceReads<EpochRecord> {
    const train = yield* evaluatePartReads(this.model, this.data.train, this.data, this.evalOptions());
    const validation = yield* evaluatePartReads(this.model, this.data.validation, this.data, this.evalOptions());
    this.tracker.record(train.perExampleLoss, train.correct);
    const monitored = validation.n > 0 ? validation.metrics.loss! : train.metrics.loss!;
    const best = Number.isFinite(monitored) && monitored < this.bestLoss;
    if (best) {
      this.bestLoss = monitored;
      this.bestEpoch = this.epoch;
      this.sinceBest = 0;
      if (this.config.patience !== null) this.bestParams = readParameters(this.model);
    } else {
      this.sinceBest += 1;
    }
    const record: EpochRecord = {
      epoch: this.epoch,
      step: this.model.t,
      train: train.metrics,
      validation: validation.metrics,
      best,
      partial,
      ms: globalThis.performance.now() - this.epochStart,
    };
    this.epochs.push(record);
    this.epochCount += 1;
    if (this.epochs.length >= 2 * this.keepEpochs) this.epochs.splice(0, this.epochs.length - this.keepEpochs);
    return record;
  }

  /**
   * Final evaluation, baselines and clean-up. Restores the best weights when early stopping is on.
   * Frees every tensor of the run: call once, after the last step (or after stop()).
   */
  finish(): TrainResult {
    return readSync(this.finishReads());
  }

  /** finish() reading with `await data()`. */
  finishAsync(): Promise<TrainResult> {
    return readAsync(this.finishReads());
  }

  /** finish() as device reads. */
  *finishReads(): DeviceReads<TrainResult> {
    if (this.disposed) throw new Error('finish() was already called');
    if (!this.done) this.stop();
    try {
      let restored = false;
      if (this.config.patience !== null && this.bestParams && this._status !== 'diverged') {
        writeParameters(this.model, this.bestParams);
        restored = true;
      }
      const opts = this.evalOptions();
      const train = yield* evaluatePartReads(this.model, this.data.train, this.data, opts);
      const validation = yield* evaluatePartReads(this.model, this.data.validation, this.data, opts);
      const test = yield* evaluatePartReads(this.model, this.data.test, this.data, opts);
      if (this.epochCount === 0 && this._status !== 'diverged') this.tracker.record(train.perExampleLoss, train.correct);
      const baselines = this.config.baselines ? yield* computeBaselinesReads(this.data, this.baselineRng) : [];
      return {
        config: this.config,
        info: this.info,
        status: this._status,
        stopReason: this.stopReason,
        steps: this.steps.length > this.keepSteps ? this.steps.slice(-this.keepSteps) : this.steps,
        epochs: this.epochs.length > this.keepEpochs ? this.epochs.slice(-this.keepEpochs) : this.epochs,
        bestEpoch: this.bestEpoch,
        restoredBestWeights: restored,
        final: { train: train.metrics, validation: validation.metrics, test: test.metrics },
        testPredictions: { rows: this.data.test.rows, y: this.data.test.y, predictions: test.predictions },
        parameters: (yield this.model.params.clone()).slice(),
        baselines,
        divergence: this.divergence,
        examples: this.tracker.report(),
        exampleHistory: { rows: this.data.train.rows, losses: this.tracker.losses, correct: this.tracker.correct },
      };
    } finally {
      this.dispose();
    }
  }

  /** Frees the run's tensors (finish() does it; call this only to abandon a run). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeTrainableModel(this.model);
    if (this.reference) disposeTrainableModel(this.reference);
  }

  /** The model's predictions on a decision-boundary grid with the current weights (one read). */
  boundary(axes: BoundaryAxes): BoundaryGrid {
    return readSync(boundaryGridReads(this.spec, this.model.params, this.data, axes, this.stepsDone));
  }

  /** The same, read without blocking (WebGPU). */
  boundaryAsync(axes: BoundaryAxes): Promise<BoundaryGrid> {
    return readAsync(boundaryGridReads(this.spec, this.model.params, this.data, axes, this.stepsDone));
  }

  /** The current parameters (one read), e.g. for tests. */
  parameters(): Float32Array {
    return readParameters(this.model);
  }
}

function stepSettings(config: TrainConfig, loss: StepSettings['loss']): StepSettings {
  const format = formatOf(config.precision ?? 'float32');
  return {
    optimizer: config.optimizer, l1: config.l1, l2: config.l2, clipNorm: config.clipNorm, histogramBins: config.histogramBins,
    ...(loss ? { loss } : {}),
    ...(format ? { precision: { format } } : {}),
  };
}

/** The label of every table row that appears in the prepared data (class name or target value). */
function allRowsLabels(data: PreparedData): string[] {
  const labels: string[] = [];
  for (const part of [data.train, data.validation, data.test]) {
    part.rows.forEach((row, i) => {
      const y = part.y[i]!;
      labels[row] = data.classes ? data.classes[y]! : String(y);
    });
  }
  return labels;
}

/** Runs a whole training to the end, calling `onStep` / `onEpoch` as it goes. */
export function trainToCompletion(
  data: PreparedData,
  config: TrainConfig,
  hooks: { onStep?: (r: StepRecord) => void; onEpoch?: (e: EpochRecord) => void } = {},
  options: TrainingRunOptions = {},
): TrainResult {
  const run = new TrainingRun(data, config, options);
  try {
    while (!run.done) {
      const out = run.step();
      hooks.onStep?.(out.record);
      if (out.epoch) hooks.onEpoch?.(out.epoch);
    }
  } catch (err) {
    run.dispose();
    throw err;
  }
  return run.finish();
}
