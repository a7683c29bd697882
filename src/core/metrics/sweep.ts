/**
 * The shared kernel of every ranking and threshold metric: confusion counts at every distinct threshold.
 * ROC, precision-recall, KS, cost curves and O(log n) threshold queries all read the same `Sweep`.
 */
import { assertFinite, assertSameLength, countBinaryLabels } from './inputs';
import { sortFloat64Ascending } from './radix-sort';

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
  assertFinite(yScore, 'scores');
  const nPositive = countBinaryLabels(yTrue);
  const n = yTrue.length;
  const nNegative = n - nPositive;
  const pos = new Float64Array(nPositive);
  const neg = new Float64Array(nNegative);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (yTrue[i] === 1) pos[p++] = yScore[i]!;
    else neg[q++] = yScore[i]!;
  }
  sortFloat64Ascending(pos);
  sortFloat64Ascending(neg);
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
  while (i >= 0 || j >= 0) {
    const pv = i >= 0 ? pos[i]! : -Infinity;
    const nv = j >= 0 ? neg[j]! : -Infinity;
    const v = pv > nv ? pv : nv;
    // `===` treats -0 and +0 as one threshold, like numpy's np.diff(y_score) != 0.
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    thresholds[m] = v;
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
