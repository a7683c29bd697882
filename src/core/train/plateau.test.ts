import { beforeAll, describe, expect, it } from 'vitest';
import { findSyntheticEntry } from '../data/catalog';
import { labelledTableFromSynthetic, type LabelledTable } from '../data/table';
import type { Task } from '../data/preprocess';
import { resolveTrainConfig, type TrainConfigInput } from './config';
import { plateauOrMinimum, WINDOW } from './plateau';
import type { StepRecord } from './step-record';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { prepareTrainingData } from './train-data';
import { trainToCompletion } from './training-run';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function source(dataset: string): { table: LabelledTable; task: Task } {
  const entry = findSyntheticEntry(dataset);
  if (entry) return { table: labelledTableFromSynthetic(entry.generate(entry.defaults)), task: entry.task };
  return bundledTable(dataset);
}

/** A real run through the engine; its step records. */
function steps(dataset: string, input: TrainConfigInput): StepRecord[] {
  const { table, task } = source(dataset);
  const config = resolveTrainConfig({ baselines: false, detailsEvery: 1000, epochs: null, ...input });
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareTrainingData(table, config.value, task);
  if (!prepared.ok) throw new Error(prepared.error.message);
  return trainToCompletion(prepared.value.data, prepared.value.config).steps;
}

describe('plateau or minimum on real runs of both kinds', () => {
  // A flat region crossed with a learning rate far too small: the gradient is there and steady.
  const plateaus: [string, string, TrainConfigInput][] = [
    ['two moons, SGD at 1e-4', 'two-moons', { optimizer: { name: 'sgd' }, lr: 1e-4, steps: 200 }],
    ['two moons, Adam at 1e-5', 'two-moons', { lr: 1e-5, steps: 200 }],
    ['iris, SGD at 1e-4', 'iris', { optimizer: { name: 'sgd' }, lr: 1e-4, steps: 200 }],
    ['two moons, full-batch SGD at 1e-3', 'two-moons', { optimizer: { name: 'sgd' }, lr: 1e-3, steps: 200, batchSize: 1000 }],
  ];
  for (const [name, dataset, input] of plateaus) {
    it(`plateau: ${name}`, () => {
      const report = plateauOrMinimum(steps(dataset, input));
      expect(report.verdict, report.evidence.join('\n')).toBe('plateau');
      expect(report.signals!.cosGradPrev!).toBeGreaterThan(0.5);
      expect(report.signals!.gradNormVsStart!).toBeGreaterThan(0.5);
      expect(report.suggestion).toMatch(/Raise the learning rate/);
    });
  }

  // Convex problems with a true minimum (L2 keeps the softmax weights finite), trained to convergence.
  const minima: [string, string, TrainConfigInput][] = [
    ['iris softmax + L2, Adam', 'iris', { model: 'softmax', lr: 0.05, steps: 600, l2: 0.01 }],
    ['iris softmax + L2, full-batch gradient descent', 'iris', { model: 'softmax', optimizer: { name: 'sgd' }, lr: 0.5, steps: 600, l2: 0.01, batchSize: 1000 }],
    ['diabetes linear regression, SGD', 'diabetes', { model: 'linear', optimizer: { name: 'sgd' }, lr: 0.05, steps: 600 }],
    ['iris MLP + L2, Adam', 'iris', { hidden: [16], lr: 0.01, steps: 800, l2: 0.001 }],
  ];
  for (const [name, dataset, input] of minima) {
    it(`minimum: ${name}`, () => {
      const report = plateauOrMinimum(steps(dataset, input));
      expect(report.verdict, report.evidence.join('\n')).toBe('minimum');
      expect(report.signals!.gradNormVsStart!).toBeLessThan(0.5);
    });
  }

  it('early in a healthy run the loss is still falling: unclear', () => {
    const report = plateauOrMinimum(steps('iris', { model: 'softmax', lr: 0.05, steps: 40 }));
    expect(report.verdict).toBe('unclear');
    expect(report.summary).toMatch(/still falling/);
  });
});

/** A hand-made record with the fields the detector reads. */
function record(step: number, loss: number, grad: number, cosPrev: number | null): StepRecord {
  return {
    step, epoch: 1, loss, data_loss: loss, grad_norm: grad, weight_norm: 10, update_norm: 1e-3, update_ratio: 1e-4, cos_update_grad: 1, cos_grad_prev: cosPrev,
    lr: 0.01, clipped: false, ms: 1, memory: { tensors: 0, bytes: 0 }, details: false, layers: [],
  };
}

describe('plateau or minimum: the rules', () => {
  it('too few steps is unclear and says how many it needs', () => {
    const r = plateauOrMinimum(Array.from({ length: 10 }, (_, i) => record(i + 1, 1, 1, 0.9)));
    expect(r.verdict).toBe('unclear');
    expect(r.summary).toMatch(/Too few steps/);
    expect(r.signals).toBeNull();
  });

  it('a non-finite loss in the window is unclear (diverged)', () => {
    const r = plateauOrMinimum(Array.from({ length: 60 }, (_, i) => record(i + 1, i === 50 ? NaN : 1, 1, 0.9)));
    expect(r.verdict).toBe('unclear');
    expect(r.summary).toMatch(/diverged/);
  });

  it('reads only the last WINDOW steps: an early fall does not hide a later plateau', () => {
    const run = Array.from({ length: 300 }, (_, i) => record(i + 1, i < 100 ? 2 - i / 100 : 1, i < 100 ? 1 : 0.8, 0.95));
    const r = plateauOrMinimum(run);
    expect(r.signals!.steps).toBe(WINDOW);
    expect(r.signals!.from).toBe(201);
    expect(r.verdict).toBe('plateau');
  });

  it('a flat loss with a vanished gradient is a minimum even when successive gradients agree', () => {
    const run = Array.from({ length: 120 }, (_, i) => record(i + 1, 0.3, i < 10 ? 1 : 1e-3, 0.99));
    expect(plateauOrMinimum(run).verdict).toBe('minimum');
  });

  it('a flat loss with a noisy gradient that never shrank is unclear, not a minimum', () => {
    const run = Array.from({ length: 120 }, (_, i) => record(i + 1, 0.7, 1, i % 2 ? 0.1 : -0.1));
    expect(plateauOrMinimum(run).verdict).toBe('unclear');
  });

  it('noisy batch losses around a constant count as flat (within two standard errors)', () => {
    const run = Array.from({ length: 120 }, (_, i) => record(i + 1, 0.1 * (1 + 0.8 * Math.sin(i * 2.3)), i < 10 ? 1 : 0.2, -0.05));
    const r = plateauOrMinimum(run);
    expect(r.verdict).toBe('minimum');
  });
});
