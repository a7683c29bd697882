import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, headFor, resolveTrainConfig, taskForModel, totalSteps } from './config';

describe('resolveTrainConfig', () => {
  it('fills defaults, and steps replace the default epochs', () => {
    const r = resolveTrainConfig({ steps: 100, optimizer: { name: 'sgd' } });
    expect(r.ok && r.value.epochs).toBeNull();
    expect(r.ok && r.value.optimizer).toEqual({ ...DEFAULT_TRAIN_CONFIG.optimizer, name: 'sgd' });
  });
  it.each([
    [{ epochs: 2, steps: 3 }, /either epochs or steps/],
    [{ model: 'tree' as never }, /model must be one of linear, logistic, softmax, mlp, cnn; got "tree"/],
    [{ dropout: 1 }, /dropout must be in \[0, 1\)/],
    [{ lr: -1 }, /learning rate must be a number >= 0/],
    [{ hidden: [8, 0] }, /hidden layer sizes/],
    [{ patience: 3, validationFraction: 0 }, /early stopping needs a validation split/],
  ])('rejects %j', (input, message) => {
    const r = resolveTrainConfig(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});

describe('tasks, heads and steps', () => {
  it('matches models to tasks and explains a mismatch', () => {
    expect(taskForModel('logistic', 'binary', null)).toEqual({ task: 'binary' });
    expect(taskForModel('logistic', 'multiclass', null)).toHaveProperty('error', expect.stringMatching(/use softmax/));
    expect(taskForModel('linear', 'binary', null)).toHaveProperty('error');
    expect(taskForModel('softmax', 'regression', null)).toHaveProperty('error');
    expect(taskForModel('mlp', 'regression', 'multiclass')).toEqual({ task: 'multiclass' });
  });
  it('uses a sigmoid for binary tasks unless the model is softmax', () => {
    expect(headFor('binary', 'mlp')).toBe('sigmoid');
    expect(headFor('binary', 'softmax')).toBe('softmax');
    expect(headFor('regression', 'mlp')).toBe('identity');
  });
  it('counts steps: epochs x ceil(rows / batch), or the step budget', () => {
    expect(totalSteps({ ...DEFAULT_TRAIN_CONFIG, epochs: 3, batchSize: 32 }, 100)).toBe(12);
    expect(totalSteps({ ...DEFAULT_TRAIN_CONFIG, epochs: null, steps: 7 }, 100)).toBe(7);
  });
});
