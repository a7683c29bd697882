/**
 * Student's t distribution for integer degrees of freedom: the CDF in closed form and its quantile,
 * for t-based confidence intervals over a handful of repeats.
 */

/**
 * P(T <= t) for Student's t with `df` (a positive integer) degrees of freedom, from the finite
 * trigonometric series (Abramowitz & Stegun 26.7.3-4): with theta = atan(t / sqrt(df)),
 * P(|T| <= t) = (2/pi)(theta + sin theta (cos theta + 2/3 cos^3 theta + ...)) for odd df and
 * sin theta (1 + 1/2 cos^2 theta + 3/8 cos^4 theta + ...) for even df, each with (df - 1)/2 terms.
 */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`studentTCdf: df must be a positive integer, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const s = Math.sin(theta), c = Math.cos(theta), c2 = c * c;
  let a: number;
  if (df % 2 === 1) {
    let sum = 0;
    if (df > 1) {
      let term = c;
      sum = c;
      for (let k = 3; k <= df - 2; k += 2) {
        term *= (c2 * (k - 1)) / k;
        sum += term;
      }
    }
    a = (2 / Math.PI) * (theta + s * sum);
  } else {
    let term = 1, sum = 1;
    for (let k = 2; k <= df - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    a = s * sum;
  }
  a = Math.min(1, a);
  return t >= 0 ? (1 + a) / 2 : (1 - a) / 2;
}

/**
 * The q-quantile of Student's t with integer `df` (scipy.stats.t.ppf(q, df)), by bisection on
 * `studentTCdf` to full double precision. q in (0, 1); q = 0.5 gives 0.
 *
 * @example
 * studentTQuantile(0.975, 4) // 2.7764451051977987
 */
export function studentTQuantile(q: number, df: number): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`studentTQuantile: q must be in (0, 1), got ${q}`);
  if (q === 0.5) return 0;
  if (q < 0.5) return -studentTQuantile(1 - q, df);
  let lo = 0, hi = 1;
  while (studentTCdf(hi, df) < q) { lo = hi; hi *= 2; }
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (studentTCdf(mid, df) < q) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
