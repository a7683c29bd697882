import { describe, expect, it } from 'vitest';
import type { BaselineResult } from './baselines';
import { majorityBaselineFinding } from './majority-finding';

const majority = (accuracy: number): BaselineResult => ({ name: 'majority', description: 'predicts "0"', validation: { accuracy }, test: { accuracy } });

describe('majorityBaselineFinding', () => {
  it('fires when the model is no more accurate than predicting the majority class (95% negatives: 0.95 for free)', () => {
    const f = majorityBaselineFinding({ validation: { accuracy: 0.95 }, test: { accuracy: 0.95 } }, [majority(0.95)]);
    expect(f?.id).toBe('no-better-than-majority');
    expect(f?.evidence).toContain('validation accuracy 0.950');
  });
  it('is quiet when the model beats it by more than one row in 200, for regression (no majority) and without metrics', () => {
    expect(majorityBaselineFinding({ validation: { accuracy: 0.96 }, test: { accuracy: 0.96 } }, [majority(0.95)])).toBeNull();
    expect(majorityBaselineFinding({ validation: { r2: 0.1 }, test: { r2: 0.1 } }, [])).toBeNull();
    expect(majorityBaselineFinding(null, [majority(0.5)])).toBeNull();
  });
  it('uses the test split when there is no validation split', () => {
    const f = majorityBaselineFinding({ validation: {}, test: { accuracy: 0.5 } }, [majority(0.6)]);
    expect(f?.evidence).toContain('test accuracy 0.500');
  });
});
