import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import { binomialTestHalf, chiSquare1Sf, mcnemarAtThresholds, mcnemarFromCounts, mcnemarTest } from './mcnemar';
import fixtures from './fixtures/comparison-statistics.json';

function expectRel(actual: number | null, expected: number, rel = 1e-9): void {
  expect(actual).not.toBeNull();
  const tol = Math.max(rel * Math.abs(expected), 1e-300);
  expect(Math.abs(actual! - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('mcnemarFromCounts against scipy.stats.chi2.sf and scipy.stats.binomtest', () => {
  for (const c of fixtures.mcnemar) {
    it(`b=${c.b}, c=${c.c}`, () => {
      const r = mcnemarFromCounts(c.b, c.c);
      expectRel(r.chi2, c.chi2);
      expectRel(r.pValueChi2, c.pValueChi2);
      expectRel(r.chi2Corrected, c.chi2Corrected);
      expectRel(r.pValueChi2Corrected, c.pValueChi2Corrected);
      expectRel(r.pValueExact, c.pValueExact);
      const exact = c.b + c.c < 25;
      expect(r.recommended).toBe(exact ? 'exact' : 'chi2-corrected');
      expect(r.pValue).toBe(exact ? r.pValueExact : r.pValueChi2Corrected);
    });
  }

  it('matches the hand-computed example in the doc comment', () => {
    const r = mcnemarFromCounts(10, 2);
    expect(r.pValueExact).toBeCloseTo((2 * 79) / 4096, 15);
    expect(r.chi2).toBeCloseTo(64 / 12, 15);
    expect(r.chi2Corrected).toBeCloseTo(49 / 12, 15);
  });

  it('has no evidence and no statistic when the models never disagree', () => {
    const r = mcnemarFromCounts(0, 0, 90, 10);
    expect(r.chi2).toBeNull();
    expect(r.chi2Corrected).toBeNull();
    expect([r.pValueChi2, r.pValueChi2Corrected, r.pValueExact, r.pValue]).toEqual([1, 1, 1, 1]);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => mcnemarFromCounts(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarFromCounts(1.5, 2)).toThrow(RangeError);
  });
});

describe('chiSquare1Sf', () => {
  it('agrees with 1 - stdlib chisquare cdf where that subtraction is accurate', () => {
    for (const x of [0.01, 0.5, 1, 2.7, 3.841458820694124, 6.6, 12]) {
      expect(chiSquare1Sf(x)).toBeCloseTo(1 - chisquareCdf(x, 1), 14);
    }
    expect(chiSquare1Sf(3.841458820694124)).toBeCloseTo(0.05, 14);
  });

  it('keeps relative precision in the far tail, where 1 - cdf is 0', () => {
    expect(1 - chisquareCdf(100, 1)).toBe(0);
    // scipy.stats.chi2.sf(100, 1) = 1.5239706048320995e-23
    expectRel(chiSquare1Sf(100), 1.5239706048320995e-23);
  });
});

describe('binomialTestHalf', () => {
  it('sums the binomial tails exactly on small n', () => {
    // n = 5, k = 0: 2 * (1/32)
    expect(binomialTestHalf(0, 5)).toBeCloseTo(2 / 32, 15);
    // n = 20, k = 5: 2 * (1 + 20 + 190 + 1140 + 4845 + 15504) / 2^20
    expect(binomialTestHalf(5, 20)).toBeCloseTo((2 * 21700) / 1048576, 15);
    expect(binomialTestHalf(15, 20)).toBe(binomialTestHalf(5, 20));
    expect(binomialTestHalf(10, 20)).toBe(1);
    expect(binomialTestHalf(0, 0)).toBe(1);
  });
});

describe('mcnemarTest and mcnemarAtThresholds', () => {
  const y = [1, 1, 0, 0, 1, 0, 1, 0, 2, 2];
  const a = [1, 1, 0, 1, 0, 0, 1, 0, 2, 1];
  const b = [1, 0, 0, 0, 0, 1, 0, 0, 2, 0];
  it('counts the four cells of the paired table', () => {
    const r = mcnemarTest(y, a, b);
    // row: 0 both, 1 A, 2 both, 3 B, 4 neither, 5 A, 6 A, 7 both, 8 both, 9 neither
    expect([r.bothCorrect, r.b, r.c, r.bothWrong]).toEqual([4, 3, 1, 2]);
  });

  it('turns scores into predictions with score >= threshold', () => {
    const yb = [1, 0, 1, 0];
    const sa = [0.5, 0.49, 0.2, 0.7];
    const sb = [0.8, 0.8, 0.8, 0.1];
    // A at 0.5: [1,0,0,1] correct [T,T,F,F]; B at 0.8: [1,1,1,0] correct [T,F,T,T]
    const r = mcnemarAtThresholds(yb, sa, 0.5, sb, 0.8);
    expect([r.bothCorrect, r.b, r.c, r.bothWrong]).toEqual([1, 1, 2, 0]);
  });
});
