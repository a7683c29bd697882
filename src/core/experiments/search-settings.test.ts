import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, resolveTrainConfig } from '../train/config';
import { gridValues, validateSearchSpace, type ParamValue } from '../stats';
import { configForTrial, defaultSearchSpace, defaultSpecFor, formatParamValue, modelsForTask, SEARCHABLE_SETTINGS, settingOptions } from './search-settings';

describe('configForTrial', () => {
  it('applies top-level, optimiser and schedule fields by path', () => {
    const r = configForTrial(DEFAULT_TRAIN_CONFIG, { lr: 0.05, 'optimizer.name': 'sgd', 'schedule.name': 'cosine', dropout: 0.2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lr).toBe(0.05);
    expect(r.value.optimizer.name).toBe('sgd');
    expect(r.value.optimizer.momentum).toBe(DEFAULT_TRAIN_CONFIG.optimizer.momentum);
    expect(r.value.schedule.name).toBe('cosine');
    expect(r.value.dropout).toBe(0.2);
    expect(DEFAULT_TRAIN_CONFIG.optimizer.name).toBe('adam'); // the base is not modified
  });

  it('builds the hidden layers from width and depth, each defaulting to the base', () => {
    const ok = (p: Record<string, ParamValue>) => {
      const r = configForTrial({ ...DEFAULT_TRAIN_CONFIG, hidden: [10, 20, 30] }, p);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.hidden;
    };
    expect(ok({ 'hidden.width': 16 })).toEqual([16, 16, 16]);
    expect(ok({ 'hidden.layers': 2 })).toEqual([10, 10]);
    expect(ok({ 'hidden.width': 8, 'hidden.layers': 1 })).toEqual([8]);
    expect(ok({ lr: 0.1 })).toEqual([10, 20, 30]);
  });

  it('lets an epochs parameter replace a step budget, and reports settings the engine refuses', () => {
    const steps = resolveTrainConfig({ steps: 100 });
    if (!steps.ok) throw new Error('setup');
    const r = configForTrial(steps.value, { epochs: 7 });
    expect(r.ok && r.value.epochs === 7 && r.value.steps === null).toBe(true);
    const bad = configForTrial(DEFAULT_TRAIN_CONFIG, { dropout: 1.5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('dropout');
  });

  it('accepts every value on the default grid, and every offered choice, of every searchable setting', () => {
    for (const setting of SEARCHABLE_SETTINGS) {
      const spec = defaultSpecFor(setting, 'binary');
      expect(validateSearchSpace([spec]).ok).toBe(true);
      for (const value of gridValues(spec, 3)) {
        const r = configForTrial(DEFAULT_TRAIN_CONFIG, { [setting.name]: value });
        if (!r.ok) throw new Error(`${setting.name}=${String(value)}: ${r.error.message}`);
      }
      for (const value of settingOptions(setting, 'binary')) {
        const r = configForTrial(DEFAULT_TRAIN_CONFIG, { [setting.name]: value });
        if (!r.ok) throw new Error(`${setting.name}=${String(value)}: ${r.error.message}`);
      }
      if (setting.limits && spec.type !== 'categorical') {
        expect(setting.limits.min).toBeLessThanOrEqual(spec.low);
        expect(setting.limits.max).toBeGreaterThanOrEqual(spec.high);
      }
    }
  });
});

describe('task-aware defaults', () => {
  it('offers only models that can learn the task', () => {
    expect(modelsForTask('regression')).toEqual(['mlp', 'linear']);
    expect(modelsForTask('multiclass')).not.toContain('logistic');
    const model = SEARCHABLE_SETTINGS.find((s) => s.name === 'model')!;
    const spec = defaultSpecFor(model, 'regression');
    expect(spec.type === 'categorical' && spec.choices).toEqual(['mlp', 'linear']);
    expect(defaultSearchSpace('binary').map((p) => p.name)).toEqual(['lr', 'hidden.width']);
  });

  it('formats values compactly', () => {
    expect(formatParamValue(0.012345)).toBe('0.0123');
    expect(formatParamValue(0.00012345)).toBe('1.23e-4');
    expect(formatParamValue(0.0001)).toBe('1e-4');
    expect(formatParamValue(32)).toBe('32');
    expect(formatParamValue('adam')).toBe('adam');
    expect(formatParamValue(true)).toBe('true');
  });
});
