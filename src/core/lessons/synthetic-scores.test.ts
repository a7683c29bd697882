import { describe, expect, it } from 'vitest';
import { rocAucScore } from '../metrics';
import { syntheticScores } from './synthetic-scores';

const source = {
  kind: 'synthetic-scores' as const,
  n: 20000,
  prevalence: 0.1,
  seed: 5,
  models: [
    { id: 'cal', label: 'calibrated', separation: 2 },
    { id: 'hot', label: 'overconfident', separation: 2, temperature: 3 },
    { id: 'const', label: 'constant', constant: 0.1 },
  ],
};

describe('syntheticScores', () => {
  const { y, scores } = syntheticScores(source);
  const [cal, hot, constant] = scores.map((s) => s.score);

  it('has exactly round(n * prevalence) positives and is seeded', () => {
    expect(y.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(syntheticScores(source).scores[0]!.score).toEqual(cal);
  });

  it('AUC of a separation-d model is Phi(d / sqrt 2) (binormal), and temperature leaves it unchanged', () => {
    // Phi(2 / sqrt(2)) = Phi(1.41421) = 0.92135
    expect(rocAucScore(y, cal!)).toBeCloseTo(0.9214, 2);
    expect(rocAucScore(y, hot!)).toBe(rocAucScore(y, cal!));
  });

  it('the calibrated model is calibrated: mean score ≈ prevalence, and within a score band the positive rate ≈ the score', () => {
    expect(cal!.reduce((a, b) => a + b, 0) / cal!.length).toBeCloseTo(0.1, 2);
    let n = 0, pos = 0, sum = 0;
    cal!.forEach((p, i) => {
      if (p > 0.4 && p < 0.6) {
        n++;
        pos += y[i]!;
        sum += p;
      }
    });
    expect(Math.abs(pos / n - sum / n)).toBeLessThan(0.06);
    expect(constant!.every((p) => p === 0.1)).toBe(true);
  });

  it('rejects impossible recipes', () => {
    expect(() => syntheticScores({ ...source, prevalence: 1 })).toThrow(RangeError);
    expect(() => syntheticScores({ ...source, n: 1 })).toThrow(RangeError);
  });
});
