import { describe, expect, it } from 'vitest';
import type { MetricsExperiment, TrainExperiment } from './experiment';
import { applySettings, defaultSettingValues, normaliseSettingValue, readSetting, writeSetting } from './settings';

const train: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons' },
  config: { lr: 0.1, seed: 1 },
  variants: [{ id: 'low', label: 'low', config: { lr: 0.001 } }, { id: 'plain', label: 'plain' }],
};
const metrics: MetricsExperiment = { kind: 'metrics', source: { kind: 'synthetic-scores', n: 10, prevalence: 0.5, seed: 1, models: [] }, costs: { fp: 1, fn: 10 } };

describe('settings paths', () => {
  it('read numbers by path, variants by id', () => {
    expect(readSetting(train, 'config.lr')).toBe(0.1);
    expect(readSetting(train, 'variants.low.config.lr')).toBe(0.001);
    expect(readSetting(train, 'variants.nope.config.lr')).toBeUndefined();
    expect(readSetting(train, 'dataset.id')).toBeUndefined(); // not a number
    expect(readSetting(metrics, 'costs.fn')).toBe(10);
  });

  it('write returns a copy and creates missing objects on the way', () => {
    const out = writeSetting(train, 'variants.plain.config.l2', 0.01) as TrainExperiment;
    expect(out.variants[1]!.config).toEqual({ l2: 0.01 });
    expect(train.variants[1]!.config).toBeUndefined();
    expect(() => writeSetting(train, 'variants.nope.config.lr', 1)).toThrow(RangeError);
  });

  it('normalise clamps and snaps to the step grid; log settings keep 3 significant digits', () => {
    const s = { id: 'p', label: 'p', path: 'config.seed', min: 1, max: 50, step: 1 };
    expect(normaliseSettingValue(s, 7.6)).toBe(8);
    expect(normaliseSettingValue(s, 99)).toBe(50);
    expect(normaliseSettingValue(s, NaN)).toBe(1);
    expect(normaliseSettingValue({ ...s, min: 1e-5, max: 10, log: true }, 0.0123456)).toBe(0.0123);
    expect(normaliseSettingValue({ ...s, min: 0, max: 1, step: 0.05 }, 0.33)).toBe(0.35);
  });

  it('apply and defaults round-trip', () => {
    const settings = [
      { id: 'lr', label: 'lr', path: 'variants.low.config.lr', min: 1e-5, max: 1, step: 1e-5, log: true },
      { id: 'seed', label: 'seed', path: 'config.seed', min: 0, max: 100, step: 1 },
    ];
    expect(defaultSettingValues(train, settings)).toEqual({ lr: 0.001, seed: 1 });
    const out = applySettings(train, settings, { lr: 0.5, seed: 7, unknown: 3 });
    expect(defaultSettingValues(out, settings)).toEqual({ lr: 0.5, seed: 7 });
  });
});
