import { beforeAll, describe, expect, it } from 'vitest';
import { resolveTrainConfig, type TrainConfigInput } from '../core/train/config';
import { useTestBackend } from '../core/train/test-backends';
import { createTrialService, trialTrainingConfig } from './search-trial';

const config = (input: TrainConfigInput) => {
  const r = resolveTrainConfig(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

beforeAll(async () => {
  await useTestBackend('cpu');
});

describe('trial service', () => {
  const service = createTrialService();
  service.init({ kind: 'synthetic', id: 'two-moons', params: { n: 120, noise: 0.2, seed: 4 } });

  it('scores a trial by the objective on the validation rows', () => {
    const out = service.run(config({ hidden: [4], epochs: 3 }), { part: 'validation', key: 'loss', maximize: false }, 'cpu');
    expect(out.status).toBe('completed');
    expect(out.score).toBe(out.metrics.validation.loss);
    expect(out.epochs).toBe(3);
    expect(out.parameters).toBe(2 * 4 + 4 + 4 + 1);
    const acc = service.run(config({ hidden: [4], epochs: 3 }), { part: 'validation', key: 'accuracy', maximize: true }, 'cpu');
    expect(acc.score).toBe(acc.metrics.validation.accuracy);
  });

  it('fails trials that diverge, lack the metric, or have no data', () => {
    const diverged = service.run(config({ hidden: [8], epochs: 5, lr: 1e6, optimizer: { name: 'sgd' }, standardize: false }), { part: 'validation', key: 'loss', maximize: false }, 'cpu');
    expect(diverged.status).toBe('diverged');
    expect(diverged.score).toBeNull();
    const noMetric = service.run(config({ hidden: [4], epochs: 1 }), { part: 'validation', key: 'r2', maximize: true }, 'cpu');
    expect(noMetric.score).toBeNull();
    expect(noMetric.message).toContain('r2');
    const empty = createTrialService().run(config({}), { part: 'validation', key: 'loss', maximize: false }, 'cpu');
    expect(empty.status).toBe('error');
  });

  it('skips baselines and activation statistics, which do not change the weights', () => {
    const c = trialTrainingConfig(config({ baselines: true, detailsEvery: 10 }));
    expect(c.baselines).toBe(false);
    expect(c.detailsEvery).toBeGreaterThan(1000);
  });
});
