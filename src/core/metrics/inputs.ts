/**
 * Input checks shared by the metric functions. Bad shapes or values reaching a metric are bugs in the
 * caller (the CSV loader validates user data and reports it as a DataError), so these throw.
 */

/** Throws a RangeError unless the two arrays have the same length. */
export function assertSameLength(a: ArrayLike<number>, b: ArrayLike<number>, what = 'yTrue and yScore'): void {
  if (a.length !== b.length) throw new RangeError(`${what} must have the same length, got ${a.length} and ${b.length}`);
}

/** Throws a RangeError unless every label is exactly 0 or 1; returns the number of positives. */
export function countBinaryLabels(yTrue: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i]!;
    if (y === 1) positives++;
    else if (y !== 0) throw new RangeError(`binary labels must be 0 or 1, got ${y} at index ${i}`);
  }
  return positives;
}

/** Throws a RangeError unless every value is a finite number (NaN and ±Infinity are rejected). */
export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new RangeError(`${what} must be finite numbers, got ${values[i]} at index ${i}`);
  }
}

/** Throws a RangeError unless every label is an integer code in 0..nClasses-1. */
export function assertClassCodes(codes: ArrayLike<number>, nClasses: number, what: string): void {
  if (!Number.isInteger(nClasses) || nClasses < 1) throw new RangeError(`nClasses must be a positive integer, got ${nClasses}`);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= nClasses) {
      throw new RangeError(`${what} must be integer class codes in 0..${nClasses - 1}, got ${c} at index ${i}`);
    }
  }
}

/** Throws a RangeError unless every value lies in [0, 1] (probabilities). */
export function assertProbabilities(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const p = values[i]!;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${what} must be probabilities in [0, 1], got ${p} at index ${i}`);
  }
}
