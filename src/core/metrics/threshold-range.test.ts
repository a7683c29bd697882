import { describe, expect, it } from 'vitest';
import { thresholdFromLink, thresholdRangeWarning } from './threshold-range';

const probs = (predictedPositive: number) => ({ probabilities: true, predictedPositive, rows: 10 });
const scores = (predictedPositive: number) => ({ probabilities: false, predictedPositive, rows: 10 });

describe('thresholdRangeWarning', () => {
  it('says nothing inside the range, [0, 1] included for probabilities', () => {
    for (const t of [0, 0.5, 1]) expect(thresholdRangeWarning(t, 'm', probs(t === 0 ? 10 : 3))).toBeNull();
    expect(thresholdRangeWarning(0.5, 'm', scores(4))).toBeNull();
    expect(thresholdRangeWarning(2, 'm', { probabilities: true, predictedPositive: 0, rows: 0 })).toBeNull();
  });

  it('probabilities: outside [0, 1], every row decided the same way', () => {
    expect(thresholdRangeWarning(2, 'logistic', probs(0))).toBe(
      'model "logistic": threshold 2 is outside [0, 1], the range of its probabilities: every row is predicted negative, so its threshold metrics say nothing about the model.');
    expect(thresholdRangeWarning(-0.25, 'logistic', probs(10))).toMatch(/threshold -0\.25 is outside \[0, 1\].*every row is predicted positive/);
  });

  it('scores: above every score, or at or below every score', () => {
    expect(thresholdRangeWarning(5, 'svm', scores(0))).toMatch(/^model "svm": threshold 5 is above every one of its scores: every row is predicted negative/);
    expect(thresholdRangeWarning(-3, 'svm', scores(10))).toMatch(/^model "svm": threshold -3 is at or below every one of its scores: every row is predicted positive/);
  });

  it('stays short for a long model name and an odd threshold', () => {
    const w = thresholdRangeWarning(1 / 3 + 1e6, 'x'.repeat(10_000), probs(0))!;
    expect(w.length).toBeLessThan(300);
    expect(w).toContain('threshold 1000000 is');
  });
});

describe('thresholdFromLink', () => {
  it('reads a number, out-of-range ones too (the warning says what they do)', () => {
    expect(thresholdFromLink('0.3')).toEqual({ value: 0.3 });
    expect(thresholdFromLink('2')).toEqual({ value: 2 });
    expect(thresholdFromLink('-1e3')).toEqual({ value: -1000 });
  });

  it('names what is not a number, in a short message', () => {
    expect(thresholdFromLink('high')).toEqual({ problem: 'The link\'s threshold must be a number; got "high". The threshold stays at its default.' });
    for (const bad of ['', ' ', 'NaN', 'Infinity', 'x'.repeat(100_000)]) {
      const r = thresholdFromLink(bad);
      expect('problem' in r && r.problem.length < 200, bad.slice(0, 10)).toBe(true);
    }
  });
});
