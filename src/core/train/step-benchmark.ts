/**
 * Timing of training steps on the active backend: the instrumented step against the same step
 * uninstrumented (which still reads its loss back, as any training loop does). Used by `npm run bench`
 * in Node (cpu, wasm) and by the training Worker for the browser backends, so both measure the same code.
 *
 * Method: a fixed, seeded regression batch already on the device; after warm-up steps, single plain and
 * instrumented steps alternate (their order flipping each time), with a detail step every few pairs, so
 * that changes in machine load hit every kind alike; each reported time is the median of its steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../random';
import { readAsync, readSync, type DeviceReads } from './device-reads';
import { instrumentedStepReads, plainStepReads, type DeviceBatch, type StepSettings } from './instrumented-step';
import { buildModelSpec, initialParameters } from './model';
import { DEFAULT_OPTIMIZER, type OptimizerName } from './optimizers';
import { createTrainableModel, disposeTrainableModel } from './trainable';

export interface StepBenchmarkOptions {
  features: number;
  hidden: number[];
  batchSize: number;
  optimizer: OptimizerName;
  /** Timed pairs of (plain, instrumented) steps. */
  pairs: number;
  /** A detail step is timed after every this many pairs. */
  detailsEvery: number;
  warmup: number;
  /** Read with `await data()` instead of dataSync() (WebGPU). */
  async: boolean;
  /**
   * Milliseconds; default performance.now() (wall time). Node can pass process CPU time, which other
   * processes' load on a shared machine does not inflate.
   */
  clock?: () => number;
}

/** The benchmark of the issue: MLP 20-64-64-1 (ReLU, Adam) at batch 256. */
export const DEFAULT_STEP_BENCHMARK: StepBenchmarkOptions = {
  features: 20,
  hidden: [64, 64],
  batchSize: 256,
  optimizer: 'adam',
  pairs: 150,
  detailsEvery: 3,
  warmup: 20,
  async: false,
};

export interface StepBenchmarkResult {
  backend: string;
  parameters: number;
  /** Median ms per uninstrumented step (loss read back). */
  plainMs: number;
  /** Median ms per instrumented step without activation statistics and histograms. */
  instrumentedMs: number;
  /** Median ms per instrumented step with activation statistics and histograms on every step (the worst case; runs do it every K steps). */
  detailsMs: number;
  /** 1000 / instrumentedMs. */
  stepsPerSecond: number;
  /** 100 (instrumentedMs / plainMs - 1): the cost of instrumentation in percent. */
  overheadPct: number;
  /** 100 (detailsMs / plainMs - 1). */
  detailsOverheadPct: number;
}

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs the benchmark on the current backend (the caller selects it). Frees everything it allocates. */
export async function benchmarkSteps(options: Partial<StepBenchmarkOptions> = {}): Promise<StepBenchmarkResult> {
  const o = { ...DEFAULT_STEP_BENCHMARK, ...options };
  const rng = createRng(1);
  const spec = buildModelSpec({ kind: 'mlp', hidden: o.hidden, activation: 'relu', dropout: 0, init: 'he' }, o.features, 'identity', 1);
  const model = createTrainableModel(spec, initialParameters(spec, 'he', rng), o.optimizer);
  const x = Float32Array.from({ length: o.batchSize * o.features }, () => rng.normal());
  const y = Float32Array.from({ length: o.batchSize }, (_, i) => x[i * o.features]! - 0.5 * x[i * o.features + 1]! + 0.1 * rng.normal());
  const batch: DeviceBatch = { x: tf.tensor2d(x, [o.batchSize, o.features]), y: tf.tensor2d(y, [o.batchSize, 1]), weights: null };
  const settings: StepSettings = { optimizer: { ...DEFAULT_OPTIMIZER, name: o.optimizer }, l1: 0, l2: 0, clipNorm: null, histogramBins: 20 };
  const request = (details: boolean) => ({ lr: 1e-3, dropoutSeed: 0, details, epoch: 1 });
  const drive = async <T>(reads: DeviceReads<T>): Promise<T> => (o.async ? readAsync(reads) : readSync(reads));
  const clock = o.clock ?? (() => globalThis.performance.now());
  const timeOne = async (step: () => Promise<unknown>): Promise<number> => {
    const t0 = clock();
    await step();
    return clock() - t0;
  };
  const plain = () => drive(plainStepReads(model, batch, settings, request(false)));
  const instrumented = () => drive(instrumentedStepReads(model, batch, settings, request(false)));
  const details = () => drive(instrumentedStepReads(model, batch, settings, request(true)));
  try {
    for (let k = 0; k < o.warmup; k++) {
      await plain();
      await instrumented();
      if (k % 4 === 0) await details();
    }
    const p: number[] = [];
    const i: number[] = [];
    const d: number[] = [];
    for (let k = 0; k < o.pairs; k++) {
      if (k % 2 === 0) {
        p.push(await timeOne(plain));
        i.push(await timeOne(instrumented));
      } else {
        i.push(await timeOne(instrumented));
        p.push(await timeOne(plain));
      }
      if (k % o.detailsEvery === 0) d.push(await timeOne(details));
    }
    const plainMs = median(p);
    const instrumentedMs = median(i);
    const detailsMs = median(d);
    return {
      backend: tf.getBackend(),
      parameters: spec.paramCount,
      plainMs,
      instrumentedMs,
      detailsMs,
      stepsPerSecond: 1000 / instrumentedMs,
      overheadPct: 100 * (instrumentedMs / plainMs - 1),
      detailsOverheadPct: 100 * (detailsMs / plainMs - 1),
    };
  } finally {
    tf.dispose([batch.x, batch.y]);
    disposeTrainableModel(model);
  }
}
