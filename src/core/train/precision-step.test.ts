import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSyntheticEntry } from '../data/catalog';
import { labelledTableFromSynthetic } from '../data/table';
import { resolveTrainConfig, type TrainConfigInput } from './config';
import { instrumentedStep, type StepSettings } from './instrumented-step';
import { DYNAMIC_GROWTH_INTERVAL, initialLossScale, nextLossScale } from './loss-scaling';
import { FLOAT16, roundToBfloat16, roundToFloat16 } from './low-precision';
import { buildModelSpec } from './model';
import { DEFAULT_OPTIMIZER } from './optimizers';
import { useTestBackend } from './test-backends';
import { prepareTrainingData } from './train-data';
import { createTrainableModel, disposeTrainableModel, readParameters } from './trainable';
import { trainToCompletion } from './training-run';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function moons(input: TrainConfigInput) {
  const entry = findSyntheticEntry('two-moons')!;
  const table = labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 160, seed: 2 }));
  const config = resolveTrainConfig({ baselines: false, hidden: [16, 16], steps: 40, batchSize: 16, seed: 5, ...input });
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareTrainingData(table, config.value, entry.task);
  if (!prepared.ok) throw new Error(prepared.error.message);
  return prepared.value;
}

describe('16-bit training runs (simulated by rounding)', () => {
  for (const [precision, round] of [['float16', roundToFloat16], ['bfloat16', roundToBfloat16]] as const) {
    it(`${precision}: weights stay ${precision} values, every step reports flushes per layer and the float32 twin's loss`, () => {
      const { data, config } = moons({ precision });
      const result = trainToCompletion(data, config);
      expect(result.status).toBe('completed');
      for (const p of result.parameters) expect(round(p)).toBe(p);
      for (const r of result.steps) {
        expect(Object.keys(r.flushed_to_zero!)).toEqual(['hidden1', 'hidden2', 'output']);
        expect(r.overflow_skipped).toBe(false);
        expect(r.loss_scale).toBe(1);
        expect(Number.isFinite(r.loss_float32)).toBe(true);
      }
      // The twin is the float32 run of the same seed: its losses are that run's, step for step.
      const f32 = trainToCompletion(...Object.values(moons({})) as [typeof data, typeof config]);
      expect(result.steps.map((r) => r.loss_float32)).toEqual(f32.steps.map((r) => r.loss));
      expect(f32.steps[0]!.flushed_to_zero).toBeUndefined();
      // 16 bits follow float32 closely on this easy problem, but not bit for bit.
      const last = result.steps[result.steps.length - 1]!;
      expect(last.loss).not.toBe(last.loss_float32);
      expect(Math.abs(last.loss - last.loss_float32!)).toBeLessThan(0.1 * last.loss_float32! + 0.02);
    });
  }

  it('leaks no tensors (the backward pass\'s flush counts are freed)', () => {
    const { data, config } = moons({ precision: 'float16', lossScaling: 'static', lossScale: 8, steps: 5 });
    trainToCompletion(data, config); // warm-up: kernels and constants
    const before = tf.memory().numTensors;
    trainToCompletion(data, config);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a dynamic loss scale that starts too high skips the overflowing steps, halves, then trains', () => {
    const { data, config } = moons({ precision: 'float16', lossScaling: 'dynamic', lossScale: 2 ** 40 });
    const result = trainToCompletion(data, config);
    expect(result.status).toBe('completed');
    const skipped = result.steps.filter((r) => r.overflow_skipped);
    expect(skipped.length).toBeGreaterThan(5);
    expect(result.steps[0]!.overflow_skipped).toBe(true);
    // Each skip halves the scale; the weights do not move on a skipped step.
    for (let i = 1; i < result.steps.length; i++) {
      const prev = result.steps[i - 1]!;
      const r = result.steps[i]!;
      expect(r.loss_scale).toBe(prev.overflow_skipped ? prev.loss_scale! / 2 : prev.loss_scale);
      if (r.overflow_skipped) {
        expect(r.update_norm).toBe(0);
        expect(r.weight_norm).toBe(prev.weight_norm);
      }
    }
    const lastSkip = result.steps.findLastIndex((r) => r.overflow_skipped);
    expect(lastSkip).toBeLessThan(result.steps.length - 5);
    expect(result.steps[result.steps.length - 1]!.loss).toBeLessThan(result.steps[lastSkip + 1]!.loss + 0.05);
  });
});

describe('loss scaling rescues gradients that float16 flushes to zero', () => {
  // A linear regression from zero weights towards targets of about 1e-8: the gradient of the loss with
  // respect to the outputs, 2 (z - y) / B ~ 1e-8, is below half of float16's smallest subnormal
  // (2^-25 ~ 3e-8), so the backward pass flushes it to zero at the output and nothing reaches the weights.
  const spec = buildModelSpec({ kind: 'linear', hidden: [], activation: 'relu', dropout: 0, init: 'zeros' }, 3, 'identity', 1);
  const settings = (precision: boolean): StepSettings => ({
    optimizer: { ...DEFAULT_OPTIMIZER, name: 'sgd' }, l1: 0, l2: 0, clipNorm: null, histogramBins: 5, ...(precision ? { precision: { format: FLOAT16 } } : {}),
  });
  const step = (precision: boolean, lossScale: number) => {
    const model = createTrainableModel(spec, new Float32Array(4), 'sgd');
    const x = tf.tensor2d([1, 0.5, -1, 0.25, 2, 1], [2, 3]);
    const y = tf.tensor2d([1e-8, -2e-8], [2, 1]);
    try {
      const record = instrumentedStep(model, { x, y, weights: null }, settings(precision), { lr: 1, dropoutSeed: 0, details: false, epoch: 1, lossScale });
      return { record, params: readParameters(model) };
    } finally {
      tf.dispose([x, y]);
      disposeTrainableModel(model);
    }
  };

  it('without scaling every gradient entry is flushed; with S = 2^16 none is, and the gradient matches float32', () => {
    const reference = step(false, 1).record;
    expect(reference.grad_norm).toBeGreaterThan(1e-10);
    const plain = step(true, 1).record;
    expect(plain.grad_norm).toBe(0);
    expect(plain.flushed_to_zero!.linear).toBe(2); // the two output gradients
    const scaled = step(true, 2 ** 16).record;
    expect(scaled.flushed_to_zero!.linear).toBe(0);
    expect(scaled.overflow_skipped).toBe(false);
    expect(Math.abs(scaled.grad_norm - reference.grad_norm) / reference.grad_norm).toBeLessThan(2e-3);
  });
});

describe('the dynamic scaler', () => {
  it('halves on overflow, doubles after the growth interval, and is fixed for static and none', () => {
    let s = initialLossScale('dynamic', 1024);
    s = nextLossScale(s, 'dynamic', true);
    expect(s).toEqual({ scale: 512, goodSteps: 0 });
    for (let i = 0; i < DYNAMIC_GROWTH_INTERVAL - 1; i++) s = nextLossScale(s, 'dynamic', false);
    expect(s.scale).toBe(512);
    s = nextLossScale(s, 'dynamic', false);
    expect(s).toEqual({ scale: 1024, goodSteps: 0 });
    expect(nextLossScale(initialLossScale('static', 8), 'static', true).scale).toBe(8);
    expect(initialLossScale('none', 8).scale).toBe(1);
  });
});
