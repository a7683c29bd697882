/**
 * Pearson's chi-square test of homogeneity / independence on an r x c contingency table, matching
 * scipy.stats.chi2_contingency(observed) with its defaults (correction=True, lambda_=None).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

export interface ChiSquareResult {
  /** sum over cells of (O - E)^2 / E, O possibly Yates-adjusted (see `correctionApplied`). */
  statistic: number;
  /** P(chi^2_dof >= statistic) = 1 - stdlib chisquare CDF: accurate to ~1e-16 absolute, so values
   * below ~1e-15 are not resolved (they come out as 0 or a few 1e-16). */
  pValue: number;
  /** (r - 1)(c - 1) after nothing is dropped: scipy's expected.size - sum(shape) + ndim - 1. */
  dof: number;
  /** E[i][j] = rowTotal_i colTotal_j / total. */
  expected: number[][];
  /** True when dof = 1 and the correction was requested (Yates' continuity correction). */
  correctionApplied: boolean;
}

/**
 * Chi-square test on a table of non-negative counts (rows x columns, at least one cell).
 *
 * Expected counts E = row total x column total / grand total. With dof = 1 (a 2 x 2 table) and
 * `correction` (default true, as scipy), Yates' correction moves every observed count towards its
 * expected count by min(0.5, |O - E|) before the statistic is formed; for larger tables no correction
 * is applied, whatever `correction` says. dof = 0 (a single row or column) gives statistic 0, p = 1.
 *
 * Throws RangeError for a negative or non-finite count, an empty or ragged table, a zero total, or
 * a zero expected count (an all-zero row or column), which scipy also rejects.
 *
 * @example
 * chiSquareContingency([[12, 5], [7, 16]]) // statistic 4.8122..., pValue 0.02826 (Yates), dof 1
 */
export function chiSquareContingency(observed: readonly (readonly number[])[], correction = true): ChiSquareResult {
  const r = observed.length;
  const c = observed[0]?.length ?? 0;
  if (r === 0 || c === 0) throw new RangeError('chiSquareContingency: empty table');
  const rowTotals = new Array<number>(r).fill(0);
  const colTotals = new Array<number>(c).fill(0);
  let total = 0;
  for (let i = 0; i < r; i++) {
    const row = observed[i]!;
    if (row.length !== c) throw new RangeError('chiSquareContingency: ragged table');
    for (let j = 0; j < c; j++) {
      const o = row[j]!;
      if (!(o >= 0) || !Number.isFinite(o)) throw new RangeError(`chiSquareContingency: invalid count ${o}`);
      rowTotals[i]! += o;
      colTotals[j]! += o;
      total += o;
    }
  }
  if (total === 0) throw new RangeError('chiSquareContingency: no data (all counts are zero)');
  const expected = rowTotals.map((rt) => colTotals.map((ct) => (rt * ct) / total));
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      if (expected[i]![j] === 0) {
        throw new RangeError(`chiSquareContingency: expected count is zero at (${i}, ${j}): an empty row or column`);
      }
    }
  }
  const dof = r * c - (r + c) + 2 - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof, expected, correctionApplied: false };
  const correctionApplied = dof === 1 && correction;
  let statistic = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = expected[i]![j]!;
      let o = observed[i]![j]!;
      if (correctionApplied) {
        const diff = e - o;
        o += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      statistic += ((o - e) * (o - e)) / e;
    }
  }
  const pValue = Math.min(1, Math.max(0, 1 - chisquareCdf(statistic, dof)));
  return { statistic, pValue, dof, expected, correctionApplied };
}
