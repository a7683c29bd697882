import { beforeAll, describe, expect, it } from 'vitest';
import { resolveTrainConfig } from './config';
import { rangeTestLr, runLrRangeTest, suggestLearningRate } from './lr-range-test';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { prepareTrainingData } from './train-data';
import { trainToCompletion } from './training-run';

beforeAll(async () => {
  await useTestBackend('cpu');
});

describe('learning-rate range test', () => {
  it('grows the rate exponentially from minLr to maxLr', () => {
    expect(rangeTestLr(0, 5, 1e-4, 1)).toBeCloseTo(1e-4, 12);
    expect(rangeTestLr(2, 5, 1e-4, 1)).toBeCloseTo(1e-2, 12);
    expect(rangeTestLr(4, 5, 1e-4, 1)).toBeCloseTo(1, 12);
  });

  it('suggests a tenth of the rate at the lowest smoothed loss', () => {
    const lrs = [1e-4, 1e-3, 1e-2, 1e-1, 1];
    expect(suggestLearningRate(lrs, [1, 0.9, 0.5, 0.3, 2])).toEqual({ suggestedLr: 1e-2, minLossLr: 1e-1, steepestLr: 1e-2 });
    expect(suggestLearningRate(lrs, [1, 1.1, 1.5, 2, 3]).suggestedLr).toBeNull();
  });

  it('on breast cancer, suggests a rate that trains well, and stops once the loss blows up', () => {
    const { table, task } = bundledTable('breast-cancer');
    const config = resolveTrainConfig({ model: 'mlp', hidden: [16], optimizer: { name: 'sgd' }, batchSize: 32, baselines: false });
    if (!config.ok) throw new Error(config.error.message);
    const p = prepareTrainingData(table, config.value, task);
    if (!p.ok) throw new Error(p.error.message);
    const r = runLrRangeTest(p.value.data, p.value.config, { minLr: 1e-5, maxLr: 100, steps: 120 });
    expect(r.stoppedEarly).toBe(true);
    expect(r.suggestedLr).toBeGreaterThan(1e-3);
    expect(r.suggestedLr).toBeLessThan(10);
    expect(r.message).toMatch(/^Suggested learning rate/);
    // the suggestion trains: 3 epochs bring the validation loss well below log(2)
    const trained = trainToCompletion(p.value.data, { ...p.value.config, lr: r.suggestedLr!, epochs: 3 });
    expect(trained.status).toBe('completed');
    expect(trained.epochs.at(-1)!.validation.loss).toBeLessThan(0.3);
  });
});
