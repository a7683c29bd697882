/**
 * Seeded train / validation / test splits of row indices, stratified by class when labels are given.
 */
import { shuffledIndices, type Rng } from '../random';

export interface SplitFractions {
  /** Fraction of rows for validation, in [0, 1). */
  validation: number;
  /** Fraction of rows for the final test, in [0, 1). validation + test < 1; the rest is training. */
  test: number;
}

/** 70% train, 15% validation, 15% test. */
export const DEFAULT_SPLIT: SplitFractions = { validation: 0.15, test: 0.15 };

/** Row indices (0-based, ascending) of each part. */
export interface DataSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/**
 * Splits rows 0..n-1. Without `strata`: one seeded shuffle, then the first round(n test) rows go to
 * test, the next round(n validation) to validation, the rest to training. With `strata` (class codes
 * 0..K-1, one per row): the same within each class, so every part keeps the class proportions up to
 * rounding (as sklearn's `train_test_split(stratify=y)`, though not the same rows). Indices inside each
 * part are sorted. The same `rng` state gives the same split.
 * Throws RangeError on fractions outside [0, 1) or summing to 1 or more.
 */
export function splitIndices(n: number, fractions: SplitFractions, rng: Rng, strata?: ArrayLike<number>): DataSplit {
  const { validation, test } = fractions;
  if (!(validation >= 0 && validation < 1 && test >= 0 && test < 1 && validation + test < 1)) {
    throw new RangeError(`split fractions must be in [0, 1) and sum to less than 1, got validation ${validation}, test ${test}`);
  }
  const groups: number[][] = [];
  if (strata) {
    if (strata.length !== n) throw new RangeError(`strata has ${strata.length} entries for ${n} rows`);
    for (let i = 0; i < n; i++) (groups[strata[i]!] ??= []).push(i);
  } else {
    groups.push(Array.from({ length: n }, (_, i) => i));
  }
  const train: number[] = [];
  const val: number[] = [];
  const tst: number[] = [];
  for (const group of groups) {
    if (!group) continue;
    const order = shuffledIndices(group.length, rng);
    const nTest = Math.round(group.length * test);
    const nVal = Math.round(group.length * validation);
    order.forEach((k, pos) => {
      const row = group[k]!;
      if (pos < nTest) tst.push(row);
      else if (pos < nTest + nVal) val.push(row);
      else train.push(row);
    });
  }
  const sorted = (a: number[]): Int32Array => Int32Array.from(a).sort();
  return { train: sorted(train), validation: sorted(val), test: sorted(tst) };
}
