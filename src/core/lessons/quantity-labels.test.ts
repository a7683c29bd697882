import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons/index';
import { quantityLabel } from './quantity-labels';

describe('quantityLabel', () => {
  it('names the keys the issue found as column headers', () => {
    expect(quantityLabel('at[0.2].precision')).toBe('precision at t = 0.2');
    expect(quantityLabel('final.validation.loss')).toBe('validation loss');
    expect(quantityLabel('update_ratio.median')).toBe('update / weight ratio (median)');
    expect(quantityLabel('final.test.roc_auc')).toBe('test ROC AUC');
    expect(quantityLabel('baseline.majority.test.accuracy')).toBe('majority baseline: test accuracy');
    expect(quantityLabel('layer.hidden1.grad_norm.init')).toBe('hidden1: gradient norm at the start');
    expect(quantityLabel('f1')).toBe('F1 score');
  });

  it('gives every key a lesson shows a label without dots, brackets or underscores', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        for (const key of step.show ?? []) expect(quantityLabel(key), `${lesson.id}/${step.id}: ${key}`).not.toMatch(/[_[\]]|[a-z]\.[a-z]/i);
      }
    }
  });
});
