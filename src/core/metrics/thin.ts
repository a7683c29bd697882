/**
 * Thinning of long curves for drawing. A million-row ROC curve has up to a million points; a screen
 * shows at most a few thousand distinct pixels along it, and Plotly slows down long before that.
 * Thinning only changes what is drawn: every number shown elsewhere comes from the exact sweep.
 */

/**
 * Indices of the points of a polyline to draw: the first, the last, and the next point each time
 * the path since the last kept point has grown by more than `L / maxPoints`, where L is the total
 * path length measured in axis units divided by `xScale` and `yScale`.
 *
 * So at most `maxPoints + 2` points are kept, consecutive kept points are at most one step of path
 * apart (the drawn line never leaves the true curve by more than that), and a curve that already has
 * at most `maxPoints` points is returned whole. NaN coordinates count as no movement.
 *
 * @param x, y the curve (same length)
 * @param maxPoints how many points to aim for (>= 2)
 * @param xScale, yScale the axes' spans, so that both directions weigh alike (e.g. 1 and 1 for ROC)
 * @example thinPolyline([0, 0.1, 0.2, 1], [0, 0.1, 0.2, 1], 2) // Int32Array [0, 2, 3]
 */
export function thinPolyline(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints: number,
  xScale = 1,
  yScale = 1,
): Int32Array {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`thinPolyline: x has ${n} points, y has ${y.length}`);
  if (!(maxPoints >= 2)) throw new RangeError(`thinPolyline: maxPoints must be >= 2, got ${maxPoints}`);
  if (n <= maxPoints) return Int32Array.from({ length: n }, (_, i) => i);
  const sx = xScale > 0 ? xScale : 1;
  const sy = yScale > 0 ? yScale : 1;
  const step = (i: number): number => {
    const d = Math.hypot((x[i]! - x[i - 1]!) / sx, (y[i]! - y[i - 1]!) / sy);
    return Number.isNaN(d) ? 0 : d;
  };
  let total = 0;
  for (let i = 1; i < n; i++) total += step(i);
  const keep = new Int32Array(maxPoints + 2);
  let k = 0;
  keep[k++] = 0;
  const eps = total / maxPoints;
  let travelled = 0;
  for (let i = 1; i < n - 1; i++) {
    travelled += step(i);
    if (travelled > eps && k < maxPoints + 1) {
      keep[k++] = i;
      travelled = 0;
    }
  }
  keep[k++] = n - 1;
  return keep.slice(0, k);
}

/** The values of `values` at `indices`, as a new Float64Array. */
export function pick(values: ArrayLike<number>, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]!]!;
  return out;
}
