/**
 * Picking the rows a model got most confidently wrong, for the "high-confidence errors" table:
 * staring at those rows is how label noise, leakage and join bugs are found. These functions only
 * select and order rows; they compute no metric.
 */

/**
 * Indices of the `limit` rows with the largest finite `key(i)`, largest first; rows whose key is
 * NaN or -Infinity are never picked. Ties keep file order (smaller index first). O(n · limit) worst
 * case, O(n) in practice since most rows do not enter the top list.
 *
 * @example topRows(4, (i) => [3, 9, 9, 1][i]!, 2) // Int32Array [1, 2]
 */
export function topRows(n: number, key: (i: number) => number, limit: number): Int32Array {
  const keys = new Float64Array(limit);
  const rows = new Int32Array(limit);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (!(k > -Infinity)) continue;
    if (count === limit && !(k > keys[count - 1]!)) continue;
    // Insert after every kept key >= k, so equal keys stay in row order.
    let pos = count === limit ? count - 1 : count;
    while (pos > 0 && keys[pos - 1]! < k) {
      keys[pos] = keys[pos - 1]!;
      rows[pos] = rows[pos - 1]!;
      pos--;
    }
    keys[pos] = k;
    rows[pos] = i;
    if (count < limit) count++;
  }
  return rows.slice(0, count);
}

/**
 * Binary: rows on the wrong side of the threshold (label 1 scored below t, or label 0 scored at or
 * above t; a row is predicted positive when score >= t), ordered by how far past the threshold the
 * score lies, farthest first.
 */
export function binaryErrorRows(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number, limit: number): Int32Array {
  return topRows(labels.length, (i) => {
    const s = scores[i]!;
    if (labels[i] === 1) return s < threshold ? threshold - s : -Infinity;
    return s >= threshold ? s - threshold : -Infinity;
  }, limit);
}

/**
 * Multiclass with probabilities (row-major n x K): rows whose predicted class (given) differs from
 * the label, ordered by the probability the model gave its (wrong) prediction, highest first.
 */
export function multiclassErrorRows(labels: ArrayLike<number>, predicted: ArrayLike<number>, proba: ArrayLike<number> | null, K: number, limit: number): Int32Array {
  return topRows(labels.length, (i) => {
    const p = predicted[i]!;
    if (p === labels[i]) return -Infinity;
    return proba ? proba[i * K + p]! : 0;
  }, limit);
}

/** Regression: rows with the largest absolute error |y - ŷ|. */
export function regressionErrorRows(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, limit: number): Int32Array {
  return topRows(yTrue.length, (i) => Math.abs(yTrue[i]! - yPred[i]!), limit);
}
