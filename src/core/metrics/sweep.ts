/**
 * The shared kernel of every ranking and threshold metric: confusion counts at every distinct threshold.
 * ROC, precision-recall, KS, cost curves and O(log n) threshold queries all read the same `Sweep`.
 */
import { assertSameLength } from './inputs';
import { sortFloat64Ascending } from './radix-sort';

/** Counts of a 2x2 confusion matrix. `tp + fn` = positives, `fp + tn` = negatives. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * Cumulative confusion counts at each distinct score, highest first.
 *
 * With m distinct scores, every array has length m + 1. Index 0 is the threshold `+Infinity`
 * (nothing is predicted positive, so ROC starts at (0, 0)); index i >= 1 is the i-th highest distinct
 * score, and `tps[i]`/`fps[i]` count the positives/negatives whose score is `>= thresholds[i]`.
 * So at index m everything is predicted positive: `tps[m] = nPositive`, `fps[m] = nNegative`.
 * True negatives and false negatives follow: `tn = nNegative - fps[i]`, `fn = nPositive - tps[i]`.
 *
 * Same quantities as sklearn's private `_binary_clf_curve` (fps, tps, thresholds), plus the
 * `+Infinity` row that `roc_curve` prepends (sklearn 1.2.1 uses `max score + 1` there; 1.3+ uses inf).
 */
export interface Sweep {
  /** `[+Infinity, s_1 > s_2 > ... > s_m]`: the distinct scores, descending. */
  readonly thresholds: Float64Array;
  /** True positives when predicting positive for `score >= thresholds[i]`; non-decreasing, `tps[0] = 0`. */
  readonly tps: Float64Array;
  /** False positives when predicting positive for `score >= thresholds[i]`; non-decreasing, `fps[0] = 0`. */
  readonly fps: Float64Array;
  /** Number of rows with label 1. */
  readonly nPositive: number;
  /** Number of rows with label 0. */
  readonly nNegative: number;
}

/**
 * Builds the sweep: one O(n log n) pass that every curve and threshold query then reuses.
 *
 * How: the scores of positives and of negatives are copied into two Float64Arrays, each sorted
 * natively (no comparator, no index array), then merged from the top while collapsing ties, so a group
 * of tied scores becomes one threshold carrying all of its positives and negatives at once.
 *
 * @param yTrue labels, each exactly 0 or 1 (length n)
 * @param yScore finite scores, higher meaning "more likely positive" (length n); probabilities, logits or any monotone score
 * @throws RangeError if the lengths differ, a label is not 0/1, or a score is NaN or infinite
 *
 * @example
 * // scores 0.9(1) 0.8(0) 0.8(1) 0.1(0): the two 0.8s collapse into one threshold
 * const s = buildSweep([1, 0, 1, 0], new Float64Array([0.9, 0.8, 0.8, 0.1]));
 * // s.thresholds = [Infinity, 0.9, 0.8, 0.1]
 * // s.tps        = [0,        1,   2,   2  ]
 * // s.fps        = [0,        0,   1,   2  ]
 */
export function buildSweep(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): Sweep {
  assertSameLength(yTrue, yScore);
  const n = yTrue.length;
  // One pass validates both columns and splits the scores by label (into one buffer: positives from the
  // front, negatives from the back), so a million rows are read once.
  const split = new Float64Array(n);
  let p = 0;
  let q = n;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    const s = yScore[i]!;
    if (s - s !== 0) throw new RangeError(`scores must be finite numbers, got ${s} at index ${i}`); // NaN or ±Infinity
    if (y === 1) split[p++] = s;
    else if (y === 0) split[--q] = s;
    else throw new RangeError(`binary labels must be 0 or 1, got ${y} at index ${i}`);
  }
  const pos = sortFloat64Ascending(split.subarray(0, p));
  const neg = sortFloat64Ascending(split.subarray(p));
  return mergeSortedScores(pos, neg);
}

/**
 * The merge step of `buildSweep`, for callers that already hold the two sorted score lists
 * (e.g. one-vs-rest AUC, bootstrap resamples). Both inputs must be sorted ascending and finite.
 */
export function mergeSortedScores(positiveScoresAscending: Float64Array, negativeScoresAscending: Float64Array): Sweep {
  const pos = positiveScoresAscending;
  const neg = negativeScoresAscending;
  const n = pos.length + neg.length;
  const thresholds = new Float64Array(n + 1);
  const tps = new Float64Array(n + 1);
  const fps = new Float64Array(n + 1);
  thresholds[0] = Infinity;
  let m = 1;
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  // Walk both lists from the top; pv/nv are the current heads (-Infinity once a list is used up, which
  // cannot collide with a score since scores are finite). `===` treats -0 and +0 as one threshold, like
  // numpy's np.diff(y_score) != 0.
  let pv = i >= 0 ? pos[i]! : -Infinity;
  let nv = j >= 0 ? neg[j]! : -Infinity;
  while (i >= 0 || j >= 0) {
    const v = pv >= nv ? pv : nv;
    if (pv === v) {
      do {
        tp++;
        i--;
        pv = i >= 0 ? pos[i]! : -Infinity;
      } while (pv === v);
    }
    if (nv === v) {
      do {
        fp++;
        j--;
        nv = j >= 0 ? neg[j]! : -Infinity;
      } while (nv === v);
    }
    thresholds[m] = v + 0; // -0 + 0 = +0: a tie of -0 and +0 always reads as +0
    tps[m] = tp;
    fps[m] = fp;
    m++;
  }
  return {
    thresholds: m === n + 1 ? thresholds : thresholds.slice(0, m),
    tps: m === n + 1 ? tps : tps.slice(0, m),
    fps: m === n + 1 ? fps : fps.slice(0, m),
    nPositive: pos.length,
    nNegative: neg.length,
  };
}

/** Number of rows the sweep was built from. */
export function sweepSize(sweep: Sweep): number {
  return sweep.nPositive + sweep.nNegative;
}

/**
 * Index into the sweep of the decision "positive when score >= t": the last index i with
 * `thresholds[i] >= t`. Binary search, O(log m). `t = +Infinity` gives 0 (nothing positive);
 * any `t` at or below the lowest score gives the last index (everything positive).
 *
 * @throws RangeError if t is NaN
 */
export function sweepIndexAt(sweep: Sweep, t: number): number {
  if (Number.isNaN(t)) throw new RangeError('threshold must not be NaN');
  const th = sweep.thresholds;
  // Invariant: th[lo] >= t (th[0] = +Infinity >= any t); th[hi] < t or hi = length.
  let lo = 0;
  let hi = th.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (th[mid]! >= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Confusion counts at sweep index i. */
export function confusionAtIndex(sweep: Sweep, i: number): Confusion {
  const tp = sweep.tps[i]!;
  const fp = sweep.fps[i]!;
  return { tp, fp, tn: sweep.nNegative - fp, fn: sweep.nPositive - tp };
}

/**
 * Confusion counts for the decision "positive when score >= t", by binary search on the sweep: O(log n),
 * a few microseconds even for a million rows. Equals `confusionAtThreshold(yTrue, yScore, t)`.
 *
 * @example
 * const s = buildSweep([0, 0, 1, 1], new Float64Array([0.1, 0.4, 0.35, 0.8]));
 * confusionAt(s, 0.4)       // { tp: 1, fp: 1, tn: 1, fn: 1 }  (0.8 and 0.4 are >= 0.4)
 * confusionAt(s, Infinity)  // { tp: 0, fp: 0, tn: 2, fn: 2 }
 * confusionAt(s, -Infinity) // { tp: 2, fp: 2, tn: 0, fn: 0 }
 */
export function confusionAt(sweep: Sweep, t: number): Confusion {
  return confusionAtIndex(sweep, sweepIndexAt(sweep, t));
}
