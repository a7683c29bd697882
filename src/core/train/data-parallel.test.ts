import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSyntheticEntry } from '../data/catalog';
import { labelledTableFromSynthetic } from '../data/table';
import type { Task } from '../data/preprocess';
import { resolveTrainConfig, type TrainConfigInput } from './config';
import { allReduce, InProcessGradientPool, shardSetupFor, splitBatch } from './data-parallel';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { prepareTrainingData } from './train-data';
import { TrainingRun, type TrainResult } from './training-run';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function prepare(input: TrainConfigInput, source: Source = moons()) {
  const config = resolveTrainConfig({ baselines: false, ...input });
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareTrainingData(source.table, config.value, source.task);
  if (!prepared.ok) throw new Error(prepared.error.message);
  return prepared.value;
}

type Source = { table: ReturnType<typeof labelledTableFromSynthetic>; task: Task };

function moons(): Source {
  const entry = findSyntheticEntry('two-moons')!;
  return { table: labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 150, seed: 4 })), task: entry.task };
}

async function trainParallel(input: TrainConfigInput, workers: number, source: Source = moons()): Promise<TrainResult> {
  const { data, config } = prepare({ ...input, workers }, source);
  const run = new TrainingRun(data, config);
  const pool = new InProcessGradientPool(workers);
  await pool.setup(shardSetupFor(data, run.spec, tf.getBackend()));
  try {
    while (!run.done) await run.stepParallel(pool);
  } catch (err) {
    run.dispose();
    throw err;
  }
  pool.dispose();
  return run.finish();
}

function trainOne(input: TrainConfigInput, source: Source = moons()): TrainResult {
  const { data, config } = prepare(input, source);
  const run = new TrainingRun(data, config);
  while (!run.done) run.step();
  return run.finish();
}

/** Largest |a - b| / (1 + |b|) over two weight vectors. */
function maxRelative(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
  return worst;
}

describe('splitBatch and allReduce', () => {
  it('cuts a batch into near-equal contiguous shards and drops empty ones', () => {
    const p = Int32Array.from({ length: 10 }, (_, i) => i);
    expect(splitBatch(p, 3).map((s) => Array.from(s))).toEqual([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(splitBatch(p.subarray(0, 2), 4).map((s) => s.length)).toEqual([1, 1]);
  });
  it('sums the gradient terms and losses in worker order; the output max |z| is the largest', () => {
    const r = allReduce(
      [
        { grad: Float32Array.from([1, 2]), dataLoss: 0.25, maxAbs: Float32Array.from([3, 1]), ms: 1 },
        { grad: Float32Array.from([0.5, -2]), dataLoss: 0.5, maxAbs: Float32Array.from([2, 4]), ms: 1 },
      ],
      2, 2,
    );
    expect(Array.from(r.grad)).toEqual([1.5, 0]);
    expect(r.dataLoss).toBe(0.75);
    expect(Array.from(r.maxAbs)).toEqual([3, 4]);
  });
});

// Measured: the weights differ by at most 5e-8 to 7e-8 relative (summation order) on cpu and wasm after 30 Adam steps.
const TOLERANCE = 1e-5;

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`synchronous data-parallel SGD equals one worker on ${backend}`, () => {
    const base: TrainConfigInput = { hidden: [16, 16], steps: 30, batchSize: 32, seed: 11, l2: 1e-3 };
    for (const workers of [2, 3, 4]) {
      it(`${workers} workers: the same weights, losses and metrics to float32 tolerance (Adam, L2, a partial last batch)`, async () => {
        await useTestBackend(backend);
        try {
          const one = trainOne(base);
          const many = await trainParallel(base, workers);
          expect(many.steps).toHaveLength(30);
          expect(maxRelative(many.parameters, one.parameters)).toBeLessThan(TOLERANCE);
          many.steps.forEach((r, i) => {
            expect(Math.abs(r.loss - one.steps[i]!.loss)).toBeLessThan(TOLERANCE);
            expect(Math.abs(r.grad_norm - one.steps[i]!.grad_norm) / one.steps[i]!.grad_norm).toBeLessThan(1e-4);
            r.layers.forEach((l, j) => expect(Math.abs(l.output_max_abs! - one.steps[i]!.layers[j]!.output_max_abs!)).toBeLessThan(1e-4 * (1 + l.output_max_abs!)));
            expect(r.allreduce_ms).toBeGreaterThanOrEqual(0);
          });
          expect(Math.abs(many.final.test.loss! - one.final.test.loss!)).toBeLessThan(TOLERANCE);
        } finally {
          await useTestBackend('cpu');
        }
      });
    }
    it('SGD with momentum, softmax on iris, class weights: 3 workers equal one', async () => {
      await useTestBackend(backend);
      try {
        const input: TrainConfigInput = { model: 'softmax', optimizer: { name: 'momentum' }, lr: 0.1, steps: 20, batchSize: 20, seed: 2, classWeights: true };
        const one = trainOne(input, bundledTable('iris'));
        const many = await trainParallel(input, 3, bundledTable('iris'));
        expect(maxRelative(many.parameters, one.parameters)).toBeLessThan(TOLERANCE);
      } finally {
        await useTestBackend('cpu');
      }
    });
  });
}

describe('asynchronous mode (stale gradients)', () => {
  const base: TrainConfigInput = { hidden: [16], steps: 40, batchSize: 16, seed: 3, optimizer: { name: 'sgd' }, lr: 0.5 };
  it('staleness 0 is the synchronous run, bit for bit', async () => {
    const sync = await trainParallel(base, 2);
    const async0 = await trainParallel({ ...base, mode: 'async', staleness: 0 }, 2);
    expect(async0.parameters).toEqual(sync.parameters);
  });
  it('stale gradients change the run, and more staleness moves it further from the synchronous one', async () => {
    const sync = await trainParallel(base, 2);
    const stale2 = await trainParallel({ ...base, mode: 'async', staleness: 2 }, 2);
    const stale8 = await trainParallel({ ...base, mode: 'async', staleness: 8 }, 2);
    expect(stale2.steps[0]!.loss).toBe(sync.steps[0]!.loss); // the first step has nothing older to use
    const d2 = maxRelative(stale2.parameters, sync.parameters);
    const d8 = maxRelative(stale8.parameters, sync.parameters);
    expect(d2).toBeGreaterThan(1e-3);
    expect(d8).toBeGreaterThan(d2);
  });
});
