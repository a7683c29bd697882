/**
 * DeLong's test for ROC AUCs: the variance of one AUC and the test of two correlated AUCs measured
 * on the same rows (DeLong, DeLong & Clarke-Pearson 1988), with the fast algorithm of
 * Sun & Xu (2014), "Fast Implementation of DeLong's Algorithm for Comparing the Areas Under
 * Correlated Receiver Operating Characteristic Curves", IEEE Signal Processing Letters 21(11).
 *
 * Structural components. With m positives X_i and n negatives Y_j and the kernel
 * psi(x, y) = 1 if x > y, 1/2 if x = y, 0 otherwise:
 *   V10_i = (1/n) sum_j psi(X_i, Y_j)   (one per positive)
 *   V01_j = (1/m) sum_i psi(X_i, Y_j)   (one per negative)
 *   AUC   = mean(V10) = mean(V01)
 * For k models, S10 and S01 are the k x k sample covariances (divisor m - 1, n - 1) of the V10 and
 * V01 vectors, and Cov(AUC) = S10 / m + S01 / n.
 *
 * Sun & Xu compute V10_i = (Tz_i - Tx_i) / n with midranks Tz over all rows and Tx over the
 * positives only. Tz_i - Tx_i is exactly "negatives below X_i plus half the negatives tied with it",
 * so here it is read off the sorted negative scores by two binary searches (and V01 likewise from the
 * sorted positives): the same numbers, O((m + n) log(m + n)) per model with the native typed-array
 * sort and no index sort.
 *
 * Labels: 1 is positive, any other value negative. Scores must be finite (the prediction loader
 * guarantees it); a higher score means "more positive".
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** The 0.975 quantile of the standard normal, for 95% intervals. */
export const Z_975 = 1.959963984540054;

/** AUCs of k models on the same rows and their DeLong covariance matrix. */
export interface DelongCovariance {
  /** aucs[r] = ROC AUC of model r (matches sklearn.metrics.roc_auc_score). */
  aucs: number[];
  /** k x k covariance of the AUC estimates, row-major: cov[r][s]. */
  cov: number[][];
  positives: number;
  negatives: number;
}

/** One AUC with its DeLong standard error and a 95% Wald interval. */
export interface DelongAuc {
  auc: number;
  variance: number;
  se: number;
  /** auc -/+ 1.96 se, clipped to [0, 1] (as pROC's ci.auc does). */
  ci95: [number, number];
  positives: number;
  negatives: number;
}

/** DeLong's test of H0: AUC1 = AUC2 for two models scored on the same rows. */
export interface DelongComparison {
  auc1: number;
  auc2: number;
  /** auc1 - auc2. */
  diff: number;
  /** Standard error of diff: sqrt(var1 + var2 - 2 cov12). */
  se: number;
  /** diff / se; 0 when se = 0 and diff = 0 (identical rankings), +/-Infinity when se = 0 otherwise. */
  z: number;
  /** Two-sided: 2 * Phi(-|z|). */
  pValue: number;
  /** diff -/+ 1.96 se, clipped to [-1, 1]. */
  ci95: [number, number];
  positives: number;
  negatives: number;
}

/** Number of elements of sorted `a` strictly below x. */
function countBelow(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Number of elements of sorted `a` at or below x. */
function countAtOrBelow(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Structural components of one model: v10 (one per positive, in row order) and v01 (one per
 * negative, in row order). See the file comment for the definitions.
 */
export function delongComponents(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
): { v10: Float64Array; v01: Float64Array } {
  const n = yTrue.length;
  if (score.length !== n) throw new RangeError(`delong: ${score.length} scores for ${n} labels`);
  let m = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === 1) m++;
  const pos = new Float64Array(m), neg = new Float64Array(n - m);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    const s = score[i]!;
    if (!Number.isFinite(s)) throw new RangeError(`delong: score ${s} at index ${i} is not finite`);
    if (yTrue[i] === 1) pos[a++] = s; else neg[b++] = s;
  }
  const posSorted = pos.slice().sort(), negSorted = neg.slice().sort();
  const v10 = new Float64Array(m), v01 = new Float64Array(n - m);
  const nNeg = n - m;
  for (let i = 0; i < m; i++) {
    const x = pos[i]!;
    const below = countBelow(negSorted, x);
    v10[i] = (below + 0.5 * (countAtOrBelow(negSorted, x) - below)) / nNeg;
  }
  for (let j = 0; j < nNeg; j++) {
    const y = neg[j]!;
    const atOrBelow = countAtOrBelow(posSorted, y);
    const below = countBelow(posSorted, y);
    // positives above y, plus half the positives tied with y
    v01[j] = (m - atOrBelow + 0.5 * (atOrBelow - below)) / m;
  }
  return { v10, v01 };
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

/** Sample covariance (divisor len - 1) of two equally long vectors with known means. */
function covariance(a: Float64Array, ma: number, b: Float64Array, mb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - ma) * (b[i]! - mb);
  return s / (a.length - 1);
}

/**
 * AUCs and their DeLong covariance matrix for k models scored on the same rows.
 *
 * Returns null when the AUC is undefined or its variance is: fewer than 2 positives or fewer than
 * 2 negatives (the sample covariances need at least two of each).
 *
 * @example
 * // labels [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8]: AUC = 3/4 (one discordant pair of four)
 * delongCovariance([0, 0, 1, 1], [[0.1, 0.4, 0.35, 0.8]])!.aucs // [0.75]
 */
export function delongCovariance(
  yTrue: ArrayLike<number>,
  scores: readonly ArrayLike<number>[],
): DelongCovariance | null {
  let m = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === 1) m++;
  const nNeg = yTrue.length - m;
  if (m < 2 || nNeg < 2) return null;
  const comps = scores.map((s) => delongComponents(yTrue, s));
  const m10 = comps.map((c) => mean(c.v10));
  const m01 = comps.map((c) => mean(c.v01));
  const k = comps.length;
  const cov: number[][] = [];
  for (let r = 0; r < k; r++) {
    const row: number[] = [];
    for (let s = 0; s < k; s++) {
      if (s < r) { row.push(cov[s]![r]!); continue; }
      const a = comps[r]!, b = comps[s]!;
      row.push(
        covariance(a.v10, m10[r]!, b.v10, m10[s]!) / m +
          covariance(a.v01, m01[r]!, b.v01, m01[s]!) / nNeg,
      );
    }
    cov.push(row);
  }
  return { aucs: m10, cov, positives: m, negatives: nNeg };
}

/**
 * ROC AUC of one model with its DeLong variance and a 95% Wald interval (auc -/+ 1.96 se, clipped
 * to [0, 1]). The AUC matches sklearn.metrics.roc_auc_score; the variance matches pROC's
 * var(roc, method = "delong"). Null with fewer than 2 positives or 2 negatives.
 */
export function delongAuc(yTrue: ArrayLike<number>, score: ArrayLike<number>): DelongAuc | null {
  const c = delongCovariance(yTrue, [score]);
  if (!c) return null;
  const auc = c.aucs[0]!;
  const variance = c.cov[0]![0]!;
  const se = Math.sqrt(variance);
  return {
    auc, variance, se,
    ci95: [Math.max(0, auc - Z_975 * se), Math.min(1, auc + Z_975 * se)],
    positives: c.positives, negatives: c.negatives,
  };
}

/**
 * DeLong's test for two correlated ROC AUCs on the same labels: z = (auc1 - auc2) / se with
 * se^2 = var1 + var2 - 2 cov12, two-sided p = 2 Phi(-|z|), and the 95% interval diff -/+ 1.96 se.
 * Agrees with pROC's roc.test(method = "delong", paired = TRUE).
 *
 * Null with fewer than 2 positives or 2 negatives. When se = 0 (for instance both models rank
 * identically), z = 0 and p = 1 if diff = 0.
 */
export function delongTest(
  yTrue: ArrayLike<number>,
  score1: ArrayLike<number>,
  score2: ArrayLike<number>,
): DelongComparison | null {
  const c = delongCovariance(yTrue, [score1, score2]);
  if (!c) return null;
  const auc1 = c.aucs[0]!, auc2 = c.aucs[1]!;
  const diff = auc1 - auc2;
  // Rounding can leave a tiny negative variance for (nearly) identical models.
  const variance = Math.max(0, c.cov[0]![0]! + c.cov[1]![1]! - 2 * c.cov[0]![1]!);
  const se = Math.sqrt(variance);
  let z: number;
  if (se > 0) z = diff / se;
  else z = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
  const pValue = Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
  return {
    auc1, auc2, diff, se, z, pValue,
    ci95: [Math.max(-1, diff - Z_975 * se), Math.min(1, diff + Z_975 * se)],
    positives: c.positives, negatives: c.negatives,
  };
}
