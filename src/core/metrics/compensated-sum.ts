/**
 * Accurate sums. numpy sums pairwise (error ~ log n ulp); a plain loop drifts by up to n ulp, which matters
 * for R^2 and explained variance where a sum of squares is subtracted from another. Neumaier's compensated
 * sum is at least as accurate as numpy's, so our results agree with sklearn to ~1e-12 rather than ~1e-9.
 */

/** Sum of `values` by Neumaier's compensated summation. */
export function accurateSum(values: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

/** Arithmetic mean by compensated summation; NaN for an empty input. */
export function accurateMean(values: ArrayLike<number>): number {
  return accurateSum(values) / values.length;
}
