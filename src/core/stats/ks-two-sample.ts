/**
 * Two-sample Kolmogorov-Smirnov test (two-sided), matching scipy.stats.ks_2samp(a, b) with its
 * defaults (alternative='two-sided', method='auto') in scipy 1.10.
 *
 * Statistic: D = max over the pooled observations of |F_a(x) - F_b(x)|, with F the empirical CDFs
 * (right-continuous, so ties are handled by counting every observation <= x, as scipy's
 * searchsorted(side='right')).
 *
 * p-value, chosen as scipy 1.10 chooses:
 * - exact when max(n1, n2) <= 10000: P(D >= d) under the null, by counting lattice paths
 *   (Hodges 1958). With d = h / lcm(n1, n2): for n1 = n2 the reflection series for paths leaving the
 *   band |x - y| < h, evaluated Horner-style; otherwise the "inside" recursion of Viehmann (2021),
 *   which builds 1 - p column by column without subtractive cancellation. The statistic returned is
 *   then h / lcm (the rounding scipy applies). Should the exact value fall outside [0, 1] (it does
 *   not in practice), the asymptotic method is used instead, as scipy does.
 * - asymptotic otherwise: P = kstwo.sf(D, round(n1 n2 / (n1 + n2))), the two-sided one-sample
 *   Kolmogorov distribution at the effective sample size (see `kolmogorovTwoSidedSf`).
 *
 * Differences from scipy: NaN values are dropped (and counted) instead of propagating; empty samples
 * are a RangeError rather than a ValueError.
 */
import { kolmogorovTwoSidedSf } from './kolmogorov';

/** scipy's auto method is exact up to this many observations in the larger sample. */
export const KS_MAX_EXACT_N = 10000;

export interface KsTwoSampleResult {
  /** D = sup |F_a - F_b| (for the exact method, rounded to h / lcm(n1, n2) as scipy does). */
  statistic: number;
  /** Two-sided p-value P(D_null >= statistic). */
  pValue: number;
  /** 'exact' (path counting) or 'asymptotic' (Kolmogorov distribution at the effective n). */
  method: 'exact' | 'asymptotic';
  /** Observations used (NaN excluded). */
  n1: number;
  n2: number;
  /** NaN values dropped from each sample. */
  droppedNaN1: number;
  droppedNaN2: number;
  /** The pooled observation at which |F_a - F_b| is largest (scipy's statistic_location). */
  location: number;
  /** +1 when F_a exceeds F_b there (a tends to be smaller), -1 otherwise (scipy's statistic_sign). */
  sign: 1 | -1;
}

function sortedFinite(x: ArrayLike<number>): { sorted: Float64Array; dropped: number } {
  const out = new Float64Array(x.length);
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return { sorted: out.subarray(0, k).sort(), dropped: x.length - k };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * P(D_{n,n} >= h/n) for two samples of equal size n: 2 * sum_k (-1)^(k+1) C(2n, n - k h) / C(2n, n),
 * each ratio a product of h simple factors, nested Horner-style so no large binomial is formed.
 */
export function ksExactEqualSizes(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * P(D_{m,n} >= h / lcm(m, n)) for unequal sizes: the proportion of monotone lattice paths from
 * (0, 0) to (m, n) that touch |x/m - y/n| >= h/lcm. A(x, y) holds the proportion of paths through
 * (x, y) that have already left the band, so A = 1 outside the band and, inside,
 * A(x, y) = (x A(x-1, y) + y A(x, y-1)) / (x + y)   (Viehmann 2021), kept over a sliding window of
 * one column. O(m * window).
 */
export function ksExactUnequalSizes(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0), n = Math.min(m0, n0);
  const mg = m / g, ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj, lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + shift]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}

/** numpy.round: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Two-sided two-sample KS test; see the module comment for the method and its agreement with scipy.
 * NaN are dropped; ±Infinity are ordinary (extreme) values.
 *
 * @example
 * ksTwoSample([0, 0.1, 0.2], [5, 6, 7, 8]) // { statistic: 1, pValue: 2/35 = 0.0571..., method: 'exact', ... }
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsTwoSampleResult {
  const A = sortedFinite(a), B = sortedFinite(b);
  const x = A.sorted, y = B.sorted;
  const n1 = x.length, n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ksTwoSample: both samples need at least one non-NaN value');

  // F_a(v) - F_b(v) at every pooled value, visiting x then y in sorted order as scipy does
  // (so the first maximum found is the same observation).
  let maxS = -Infinity, minS = Infinity, locMax = 0, locMin = 0;
  const scan = (vals: Float64Array): void => {
    let i1 = 0, i2 = 0;
    for (let k = 0; k < vals.length; k++) {
      const v = vals[k]!;
      while (i1 < n1 && x[i1]! <= v) i1++;
      while (i2 < n2 && y[i2]! <= v) i2++;
      const diff = i1 / n1 - i2 / n2;
      if (diff > maxS) { maxS = diff; locMax = v; }
      if (diff < minS) { minS = diff; locMin = v; }
    }
  };
  scan(x);
  scan(y);
  const negMin = Math.min(Math.max(-minS, 0), 1);
  let d: number, location: number, sign: 1 | -1;
  if (negMin > maxS) { d = negMin; location = locMin; sign = -1; } else { d = maxS; location = locMax; sign = 1; }

  const base = { n1, n2, droppedNaN1: A.dropped, droppedNaN2: B.dropped, location, sign };
  if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    const dExact = h / lcm;
    if (h === 0) return { ...base, statistic: dExact, pValue: 1, method: 'exact' };
    const p = n1 === n2 ? ksExactEqualSizes(n1, h) : ksExactUnequalSizes(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { ...base, statistic: dExact, pValue: p, method: 'exact' };
    // Falls through to the asymptotic method with the rounded statistic, as scipy does.
    d = dExact;
  }
  const big = Math.max(n1, n2), small = Math.min(n1, n2);
  const en = (big * small) / (big + small);
  const p = kolmogorovTwoSidedSf(Math.max(1, roundHalfEven(en)), d);
  return { ...base, statistic: d, pValue: Math.min(Math.max(p, 0), 1), method: 'asymptotic' };
}
