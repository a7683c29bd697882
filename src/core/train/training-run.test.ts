import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSyntheticEntry } from '../data/catalog';
import { labelledTableFromSynthetic } from '../data/table';
import { resolveTrainConfig, type TrainConfigInput } from './config';
import { findNonFinite } from './divergence';
import { learningRateAt } from './schedules';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { prepareTrainingData } from './train-data';
import { TrainingRun, trainToCompletion } from './training-run';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function moons(n: number, seed = 1) {
  const entry = findSyntheticEntry('two-moons')!;
  return { table: labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n, seed })), task: entry.task };
}

function prepare(source: ReturnType<typeof moons>, input: TrainConfigInput) {
  const config = resolveTrainConfig({ baselines: false, ...input });
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareTrainingData(source.table, config.value, source.task);
  if (!prepared.ok) throw new Error(prepared.error.message);
  return prepared.value;
}

describe('reproducibility', () => {
  const input: TrainConfigInput = { hidden: [16, 16], dropout: 0.2, steps: 40, batchSize: 16 };
  const losses = (seed: number) => {
    const { data, config } = prepare(moons(120), { ...input, seed });
    return trainToCompletion(data, config).steps.map((s) => s.loss);
  };
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`the same seed gives identical losses step for step on ${backend}; another seed differs`, async () => {
      await useTestBackend(backend);
      try {
        const a = losses(7);
        const b = losses(7);
        expect(a).toHaveLength(40);
        expect(b).toEqual(a);
        const c = losses(8);
        expect(c).not.toEqual(a);
      } finally {
        await useTestBackend('cpu');
      }
    });
  }
});

describe('asynchronous reads', () => {
  it('stepAsync / finishAsync (await data(), as on WebGPU) give the same run as step / finish, without leaks', async () => {
    const { data, config } = prepare(moons(120), { hidden: [8], steps: 12, batchSize: 32, baselines: true });
    const sync = trainToCompletion(data, config);
    const before = tf.memory().numTensors;
    const run = new TrainingRun(data, config);
    while (!run.done) await run.stepAsync();
    const asyncResult = await run.finishAsync();
    expect(asyncResult.steps.map((s) => s.loss)).toEqual(sync.steps.map((s) => s.loss));
    expect(asyncResult.final.test).toEqual(sync.final.test);
    expect(asyncResult.baselines).toEqual(sync.baselines);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('no leaks', () => {
  it('tf.memory().numTensors is the same after step 100 and after step 2000', () => {
    const { data, config } = prepare(moons(300), { hidden: [8], steps: 2000, batchSize: 64, detailsEvery: 10, optimizer: { name: 'adamw' } });
    const before = tf.memory().numTensors;
    const run = new TrainingRun(data, config, { keepSteps: false });
    const counts = new Map<number, number>();
    while (!run.done) {
      const { record } = run.step();
      if (record.step === 100 || record.step === 2000) counts.set(record.step, tf.memory().numTensors);
    }
    expect(counts.get(100)).toBeGreaterThan(0);
    expect(counts.get(2000)).toBe(counts.get(100));
    run.finish();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('NaN / Inf diagnosis', () => {
  it('a huge learning rate stops the run and names the step and the layer that went non-finite first', () => {
    const { data, config } = prepare(moons(200), { hidden: [16, 16], optimizer: { name: 'sgd' }, lr: 1e6, epochs: 50 });
    const result = trainToCompletion(data, config);
    expect(result.status).toBe('diverged');
    const d = result.divergence!;
    // every earlier step was finite; the reported step is the first that was not
    const firstBad = result.steps.findIndex((s) => findNonFinite(s) !== null);
    expect(d.step).toBe(result.steps[firstBad]!.step);
    expect(result.steps.length).toBe(firstBad + 1);
    expect(d.what).toBe('activations'); // the weights grew until the forward pass overflowed
    expect(['hidden1', 'hidden2', 'output']).toContain(d.layer);
    expect(d.message).toContain(`layer "${d.layer}"`);
    expect(d.message).toContain(`step ${d.step}`);
    expect(d.causes.join(' ')).toMatch(/learning rate 1000000 is very high/);
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without a better validation loss and restores the best weights', () => {
    // A wide network on few noisy points overfits: the validation loss turns up after a few epochs.
    const entry = findSyntheticEntry('two-moons')!;
    const source = { table: labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 120, noise: 0.45, seed: 3 })), task: entry.task };
    const { data, config } = prepare(source, { hidden: [64, 64], lr: 0.03, epochs: 200, batchSize: 16, patience: 3, validationFraction: 0.3 });
    const result = trainToCompletion(data, config);
    expect(result.status).toBe('early-stopped');
    expect(result.restoredBestWeights).toBe(true);
    const best = result.epochs.find((e) => e.epoch === result.bestEpoch)!;
    expect(best.best).toBe(true);
    expect(result.epochs.length).toBe(result.bestEpoch! + 3);
    const later = result.epochs.slice(-3).map((e) => e.validation.loss!);
    later.forEach((l) => expect(l).toBeGreaterThanOrEqual(best.validation.loss!));
    // the final metrics are those of the best epoch's weights
    expect(result.final.validation.loss).toBeCloseTo(best.validation.loss!, 10);
    expect(result.final.validation.loss).toBeLessThan(result.epochs.at(-1)!.validation.loss!);
  });
});

describe('a run end to end', () => {
  it('records the scheduled learning rate at every step, epochs with engine metrics, baselines and test metrics', () => {
    const { table, task } = bundledTable('breast-cancer');
    const config = resolveTrainConfig({ epochs: 3, hidden: [16], schedule: { name: 'cosine' }, lr: 0.01 });
    if (!config.ok) throw new Error(config.error.message);
    const prepared = prepareTrainingData(table, config.value, task);
    if (!prepared.ok) throw new Error(prepared.error.message);
    const result = trainToCompletion(prepared.value.data, prepared.value.config);
    const total = result.info.totalSteps;
    expect(result.steps).toHaveLength(total);
    result.steps.forEach((s, t) => expect(s.lr).toBeCloseTo(learningRateAt(0.01, prepared.value.config.schedule, t, total), 12));
    expect(result.epochs).toHaveLength(3);
    expect(Object.keys(result.epochs[0]!.validation)).toEqual(expect.arrayContaining(['accuracy', 'roc_auc', 'log_loss', 'loss']));
    expect(result.final.test.roc_auc).toBeGreaterThan(0.95);
    expect(result.baselines.map((b) => b.name)).toEqual(['random', 'majority', 'logistic']);
    expect(result.baselines[1]!.test.roc_auc).toBe(0.5);
    // details (activations, histograms) on step 1 and every 10th step after
    expect(result.steps.filter((s) => s.details).map((s) => s.step).slice(0, 3)).toEqual([1, 11, 21]);
    const h = result.steps[0]!.layers[0]!;
    expect(h.dead_share).toBeGreaterThanOrEqual(0);
    expect(h.grad_hist!.counts.reduce((a, b) => a + b, 0)).toBe(30 * 16 + 16);
    expect(h.m_norm).toBeGreaterThan(0);
    expect(result.examples.trainRows).toBe(result.info.rows.train);
    expect(result.info.backend).toBe('cpu');
    expect(result.exampleHistory.losses).toHaveLength(3);
    expect(result.exampleHistory.correct[2]).toHaveLength(result.info.rows.train);
    // the per-example history agrees with the epoch's loss
    const mean = result.exampleHistory.losses[2]!.reduce((a, b) => a + b, 0) / result.info.rows.train;
    expect(mean).toBeCloseTo(result.epochs[2]!.train.loss!, 5);
  });

  it('evaluating in training mode keeps dropout on: the same weights score differently', () => {
    const base: TrainConfigInput = { hidden: [32], dropout: 0.5, epochs: 5, seed: 2 };
    const a = prepare(moons(200), base);
    const b = prepare(moons(200), { ...base, evalTrainingMode: true });
    const ra = trainToCompletion(a.data, a.config);
    const rb = trainToCompletion(b.data, b.config);
    expect(rb.steps.map((s) => s.loss)).toEqual(ra.steps.map((s) => s.loss)); // same training
    expect(rb.final.test.loss).not.toBe(ra.final.test.loss);
  });
});

