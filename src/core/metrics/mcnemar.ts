/**
 * McNemar's test: do two classifiers, scored on the same rows, have the same error rate?
 *
 * Only the discordant rows carry information: b = rows model A gets right and model B gets wrong,
 * c = rows A gets wrong and B gets right. Under H0, b ~ Binomial(b + c, 1/2).
 *
 * Which p-value to read (`recommended`): the exact binomial test when b + c < 25, the chi-square
 * test with continuity correction otherwise. Below 25 discordant rows the chi-square approximation
 * of the discrete binomial is poor; from 25 on the corrected chi-square is within a few percent of the
 * exact p-value and is the figure most tools report. (The threshold of 25 is the usual rule, e.g.
 * statsmodels' mcnemar documentation and Fagerland, Lydersen & Laake 2013, BMC Med Res Methodol 13:91,
 * who find the exact test conservative but safe for small samples.)
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** Discordant-pair count below which the exact binomial p-value is the recommended one. */
export const MCNEMAR_EXACT_BELOW = 25;

export interface McNemarResult {
  /** Rows model A classifies correctly and model B does not. */
  b: number;
  /** Rows model B classifies correctly and model A does not. */
  c: number;
  /** Rows both classify correctly. */
  bothCorrect: number;
  /** Rows both classify wrongly. */
  bothWrong: number;
  /** (b - c)^2 / (b + c); null when b + c = 0. */
  chi2: number | null;
  /** P(chi2_1 >= chi2); 1 when b + c = 0. Matches scipy.stats.chi2.sf(chi2, 1). */
  pValueChi2: number;
  /** Edwards' continuity correction: max(0, |b - c| - 1)^2 / (b + c); null when b + c = 0. */
  chi2Corrected: number | null;
  /** P(chi2_1 >= chi2Corrected); 1 when b + c = 0. */
  pValueChi2Corrected: number;
  /** Exact two-sided binomial p-value, as scipy.stats.binomtest(b, b + c, 0.5).pvalue; 1 when b + c = 0. */
  pValueExact: number;
  /** 'exact' when b + c < 25, else 'chi2-corrected' (see the file comment). */
  recommended: 'exact' | 'chi2-corrected';
  /** The p-value named by `recommended`. */
  pValue: number;
}

/**
 * Upper tail of the chi-square distribution with one degree of freedom.
 * Computed as 2 Phi(-sqrt(x)) (chi2_1 is the square of a standard normal), which keeps full
 * relative precision in the far tail where 1 - chisquareCdf(x, 1) would cancel to 0 below ~1e-16.
 */
export function chiSquare1Sf(x: number): number {
  if (!(x > 0)) return 1;
  return Math.min(1, 2 * normalCdf(-Math.sqrt(x), 0, 1));
}

/**
 * Exact two-sided binomial test of k successes in n trials with p = 1/2:
 * min(1, 2 P(X <= min(k, n - k))), which for p = 1/2 equals scipy.stats.binomtest(k, n, 0.5).pvalue
 * (the distribution is symmetric, so "outcomes at most as likely as k" are the two equal tails).
 * Returns 1 for n = 0.
 */
export function binomialTestHalf(k: number, n: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) {
    throw new RangeError(`binomialTestHalf: need integers 0 <= k <= n, got k=${k}, n=${n}`);
  }
  const t = Math.min(k, n - k);
  if (2 * t === n) return 1;
  // Sum P(X = i) for i = 0..t relative to the largest term P(X = t), walking down:
  // P(X = i - 1) / P(X = i) = i / (n - i + 1). Then scale by P(X = t) = C(n, t) / 2^n in logs,
  // so neither 2^-n nor C(n, t) overflows for large n.
  let sum = 1, term = 1;
  for (let i = t; i > 0; i--) {
    term *= i / (n - i + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  let logC = 0;
  for (let i = 1; i <= t; i++) logC += Math.log((n - t + i) / i);
  const tail = Math.exp(logC - n * Math.LN2) * sum;
  return Math.min(1, 2 * tail);
}

/**
 * McNemar's test from the discordant counts (and optionally the concordant ones, reported only).
 *
 * @example
 * // b = 10, c = 2: chi2 = 64/12 = 5.333 (p = 0.0209), corrected 49/12 = 4.083 (p = 0.0433),
 * // exact p = 2 P(Bin(12, 1/2) <= 2) = 2 * 79 / 4096 = 0.03857 (recommended, since 12 < 25)
 * mcnemarFromCounts(10, 2).pValue // 0.0385742...
 */
export function mcnemarFromCounts(b: number, c: number, bothCorrect = 0, bothWrong = 0): McNemarResult {
  for (const [name, v] of [['b', b], ['c', c], ['bothCorrect', bothCorrect], ['bothWrong', bothWrong]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`mcnemar: ${name} must be a non-negative integer, got ${v}`);
  }
  const n = b + c;
  const chi2 = n > 0 ? (b - c) ** 2 / n : null;
  const chi2Corrected = n > 0 ? Math.max(0, Math.abs(b - c) - 1) ** 2 / n : null;
  const pValueChi2 = chi2 === null ? 1 : chiSquare1Sf(chi2);
  const pValueChi2Corrected = chi2Corrected === null ? 1 : chiSquare1Sf(chi2Corrected);
  const pValueExact = binomialTestHalf(b, n);
  const recommended = n < MCNEMAR_EXACT_BELOW ? 'exact' : 'chi2-corrected';
  return {
    b, c, bothCorrect, bothWrong,
    chi2, pValueChi2, chi2Corrected, pValueChi2Corrected, pValueExact,
    recommended,
    pValue: recommended === 'exact' ? pValueExact : pValueChi2Corrected,
  };
}

/**
 * McNemar's test for two models' hard predictions on the same rows. Labels and predictions are
 * class codes (binary 0/1 or multiclass indices); a row is "correct" when prediction = label.
 */
export function mcnemarTest(
  yTrue: ArrayLike<number>,
  predA: ArrayLike<number>,
  predB: ArrayLike<number>,
): McNemarResult {
  const n = yTrue.length;
  if (predA.length !== n || predB.length !== n) {
    throw new RangeError(`mcnemar: lengths differ (labels ${n}, A ${predA.length}, B ${predB.length})`);
  }
  let b = 0, c = 0, both = 0, neither = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    const okA = predA[i] === y, okB = predB[i] === y;
    if (okA && okB) both++;
    else if (okA) b++;
    else if (okB) c++;
    else neither++;
  }
  return mcnemarFromCounts(b, c, both, neither);
}

/**
 * McNemar's test for two binary scorers, each at its own decision threshold: a row is predicted
 * positive when score >= threshold (the convention of the threshold metrics and of sklearn's
 * roc_curve). Labels: 1 positive, anything else negative.
 */
export function mcnemarAtThresholds(
  yTrue: ArrayLike<number>,
  scoreA: ArrayLike<number>,
  thresholdA: number,
  scoreB: ArrayLike<number>,
  thresholdB: number,
): McNemarResult {
  const n = yTrue.length;
  if (scoreA.length !== n || scoreB.length !== n) {
    throw new RangeError(`mcnemar: lengths differ (labels ${n}, A ${scoreA.length}, B ${scoreB.length})`);
  }
  let b = 0, c = 0, both = 0, neither = 0;
  for (let i = 0; i < n; i++) {
    const pos = yTrue[i] === 1;
    const okA = (scoreA[i]! >= thresholdA) === pos;
    const okB = (scoreB[i]! >= thresholdB) === pos;
    if (okA && okB) both++;
    else if (okA) b++;
    else if (okB) c++;
    else neither++;
  }
  return mcnemarFromCounts(b, c, both, neither);
}
