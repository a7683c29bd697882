import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, shuffledIndices } from '../random';
import { resolveTrainConfig, type TrainConfigInput } from './config';
import { runOverfitBatch } from './overfit-batch';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { prepareTrainingData } from './train-data';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function prepared(id: string, input: TrainConfigInput) {
  const { table, task } = bundledTable(id);
  const config = resolveTrainConfig({ batchSize: 32, ...input });
  if (!config.ok) throw new Error(config.error.message);
  const p = prepareTrainingData(table, config.value, task);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

describe('overfit a single batch', () => {
  for (const id of ['iris', 'wine', 'breast-cancer', 'digits']) {
    it(`an MLP memorises a 32-row batch of ${id}: the verdict passes`, () => {
      const { data, config } = prepared(id, { model: 'mlp', hidden: [64, 64], lr: 0.01 });
      const { verdict, steps } = runOverfitBatch(data, config);
      expect(verdict.passed, verdict.message).toBe(true);
      expect(verdict.batchRows).toBe(32);
      expect(verdict.finalLoss).toBeLessThanOrEqual(0.01 * verdict.initialLoss);
      expect(steps.at(-1)!.step).toBe(verdict.passedAtStep);
      expect(verdict.explanation).toEqual([]);
    });
  }

  it('fails with a learning rate of 0, and says so', () => {
    const { data, config } = prepared('iris', { model: 'mlp', hidden: [64, 64], lr: 0 });
    const { verdict } = runOverfitBatch(data, config, { budget: 50 });
    expect(verdict.passed).toBe(false);
    expect(verdict.stepsRun).toBe(50);
    expect(verdict.bestLoss).toBe(verdict.initialLoss);
    expect(verdict.explanation.join(' ')).toMatch(/learning rate is 0/);
  });

  it('fails on shuffled labels with a model too small to memorise them, and says why', () => {
    const { data, config } = prepared('iris', { model: 'softmax', lr: 0.05 });
    // shuffle the training labels: no linear function of 4 features fits 32 random labels
    const perm = shuffledIndices(data.train.n, createRng(11));
    const y = data.train.y.slice();
    perm.forEach((j, i) => (data.train.y[i] = y[j]!));
    const { verdict } = runOverfitBatch(data, config, { budget: 400 });
    expect(verdict.passed).toBe(false);
    expect(verdict.ratio).toBeGreaterThan(0.2);
    expect(verdict.message).toMatch(/^Failed/);
    expect(verdict.explanation.join(' ')).toMatch(/too small to memorise 32 rows \(15 parameters\)/);
  });
});
