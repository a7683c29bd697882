import { describe, expect, it } from 'vitest';
import { chiSquareContingency } from './chi-square';
import { closeTo, statsFixtures } from './test-fixtures';

describe('chiSquareContingency (scipy.stats.chi2_contingency)', () => {
  for (const c of statsFixtures.chi2) {
    it(c.name, () => {
      const r = chiSquareContingency(c.table, c.correction);
      expect(r.dof).toBe(c.dof);
      expect(closeTo(r.statistic, c.statistic, 1e-12, 1e-14), `${r.statistic} vs ${c.statistic}`).toBe(true);
      // 1 - CDF: absolute accuracy ~1e-16, so tiny p-values are checked absolutely.
      expect(closeTo(r.pValue, c.pValue, 1e-9, 1e-15), `${r.pValue} vs ${c.pValue}`).toBe(true);
      r.expected.forEach((row, i) => row.forEach((e, j) => expect(closeTo(e, c.expected[i]![j]!, 1e-14)).toBe(true)));
    });
  }

  it('applies Yates only to 2 x 2 tables, and only when asked', () => {
    expect(chiSquareContingency([[12, 5], [7, 16]]).correctionApplied).toBe(true);
    expect(chiSquareContingency([[12, 5], [7, 16]], false).correctionApplied).toBe(false);
    expect(chiSquareContingency([[30, 45, 25], [40, 35, 25]], true).correctionApplied).toBe(false);
  });

  it('hand-checked 2 x 2 without correction: (ad - bc)^2 N / (row and column totals)', () => {
    const [a, b, c, d] = [12, 5, 7, 16];
    const n = a + b + c + d;
    const expected = ((a * d - b * c) ** 2 * n) / ((a + b) * (c + d) * (a + c) * (b + d));
    expect(chiSquareContingency([[a, b], [c, d]], false).statistic).toBeCloseTo(expected, 12);
  });

  it('rejects tables scipy rejects', () => {
    expect(() => chiSquareContingency([[1, 0], [2, 0]])).toThrow(/expected count is zero/);
    expect(() => chiSquareContingency([[0, 0], [0, 0]])).toThrow(/no data/);
    expect(() => chiSquareContingency([[1, -1], [2, 3]])).toThrow(/invalid count/);
    expect(() => chiSquareContingency([[1, 2], [3]])).toThrow(/ragged/);
  });
});
