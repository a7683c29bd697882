/**
 * Seeded 2-D teaching datasets (two moons, circles, XOR, spiral) and a noisy linear regression.
 *
 * Every generator is a pure function of its parameters: the same `seed` gives the same bytes, in the
 * page, in a Worker and in Node. Randomness comes only from `createRng` (src/core/random.ts).
 *
 * Result shape (`SyntheticDataset`): column-friendly typed arrays, not row objects.
 * - `x` is row-major: feature j of row i is `x[i * d + j]`.
 * - `y` holds class labels 0/1 (binary) or real targets (regression).
 * Binary generators are balanced: class counts differ by at most one (class 1 gets the extra row when n is
 * odd, as in scikit-learn). Rows are shuffled by default, so the first rows are not all one class.
 *
 * Noise is Gaussian with standard deviation `noise`, added independently to every coordinate after the
 * noise-free point is placed and labelled (as scikit-learn does), so noisy points may cross the boundary.
 */
import { createRng, shuffledIndices, type Rng } from '../random';

export type SyntheticTask = 'binary' | 'regression';

/** A generated dataset. `x` is row-major `n * d`; `y` has length `n`. */
export interface SyntheticDataset {
  /** The generator's id, e.g. 'two-moons' (the same id as in the dataset catalog). */
  name: string;
  task: SyntheticTask;
  /** Number of rows. */
  n: number;
  /** Number of features. */
  d: number;
  /** Length `d`: 'x1', 'x2', ... */
  featureNames: string[];
  /** Row-major features, length `n * d`. */
  x: Float64Array;
  /** Labels 0/1 (binary) or targets (regression), length `n`. */
  y: Float64Array;
}

/** Parameters shared by every generator. */
export interface SyntheticParams {
  /** Number of rows: an integer >= 2 for binary generators, >= 1 for regression. */
  n: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (binary) or to y (regression); >= 0. */
  noise: number;
  /** Seed for `createRng`. */
  seed: number;
  /** Shuffle the rows (default true). The set of rows, noise included, does not depend on this flag. */
  shuffle?: boolean;
}

export interface CirclesParams extends SyntheticParams {
  /** Radius of the inner circle relative to the outer (unit) circle, in [0, 1); default 0.8 as in scikit-learn. */
  factor?: number;
}

export interface NoisyLinearParams extends SyntheticParams {
  /** Number of features (default 1). */
  d?: number;
  /** One slope for every feature, or one per feature (length d). Default 2. */
  slope?: number | readonly number[];
  /** Default 1. */
  intercept?: number;
}

/** Throws RangeError on parameters no generator can honour (a bug in the caller, not a data error). */
function checkCommon(p: SyntheticParams, minN: number): void {
  if (!Number.isInteger(p.n) || p.n < minN) throw new RangeError(`n must be an integer >= ${minN}, got ${p.n}`);
  if (!Number.isFinite(p.noise) || p.noise < 0) throw new RangeError(`noise must be a finite number >= 0, got ${p.noise}`);
  if (!Number.isFinite(p.seed)) throw new RangeError(`seed must be a finite number, got ${p.seed}`);
}

/**
 * numpy.linspace(start, stop, num, endpoint): `start + i * step`, with the last point set to `stop` exactly
 * when `endpoint` is true, so our noise-free points equal scikit-learn's to the last bit (up to sin/cos).
 */
function linspace(start: number, stop: number, num: number, endpoint: boolean): Float64Array {
  const out = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) out[i] = start + i * step;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

function featureNames(d: number): string[] {
  return Array.from({ length: d }, (_, j) => `x${j + 1}`);
}

/**
 * One seed, three independent streams (forked in a fixed order): placing points, noise, shuffling.
 * Separate streams mean that turning the noise up or shuffling off does not move the clean points.
 */
interface Streams {
  place: Rng;
  noise: Rng;
  shuffle: Rng;
}

function streams(seed: number): Streams {
  const root = createRng(seed);
  const place = root.fork();
  const noise = root.fork();
  const shuffle = root.fork();
  return { place, noise, shuffle };
}

/**
 * Adds noise (drawn in original row order, so the noisy row set does not depend on shuffling), then
 * shuffles the rows unless `p.shuffle === false`.
 */
function finish(
  name: string,
  task: SyntheticTask,
  d: number,
  x: Float64Array,
  y: Float64Array,
  p: SyntheticParams,
  rng: Streams,
  addNoiseTo: 'x' | 'y',
): SyntheticDataset {
  const n = y.length;
  if (p.noise > 0) {
    if (addNoiseTo === 'x') for (let k = 0; k < x.length; k++) x[k] = x[k]! + p.noise * rng.noise.normal();
    else for (let i = 0; i < n; i++) y[i] = y[i]! + p.noise * rng.noise.normal();
  }
  if (p.shuffle === false) return { name, task, n, d, featureNames: featureNames(d), x, y };
  const order = shuffledIndices(n, rng.shuffle);
  const xs = new Float64Array(n * d);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const src = order[i]!;
    ys[i] = y[src]!;
    for (let j = 0; j < d; j++) xs[i * d + j] = x[src * d + j]!;
  }
  return { name, task, n, d, featureNames: featureNames(d), x: xs, y: ys };
}

/**
 * Two interleaving half circles, geometry identical to `sklearn.datasets.make_moons`:
 * class 0 (n_out = floor(n/2) rows): (cos t, sin t) for t = linspace(0, pi, n_out);
 * class 1 (n - n_out rows): (1 - cos t, 0.5 - sin t) for t = linspace(0, pi, n - n_out).
 * With `noise: 0, shuffle: false` the rows equal `make_moons(n, shuffle=False)` exactly (to ~1 ulp of sin/cos).
 *
 * @example twoMoons({ n: 4, noise: 0, seed: 1, shuffle: false })
 *   // x rows (1, 0), (-1, sin pi = 1.2e-16), (0, 0.5), (2, 0.5 - 1.1e-16); y = [0, 0, 1, 1]
 */
export function twoMoons(p: SyntheticParams): SyntheticDataset {
  checkCommon(p, 2);
  const nOut = Math.floor(p.n / 2);
  const nIn = p.n - nOut;
  const x = new Float64Array(p.n * 2);
  const y = new Float64Array(p.n);
  const tOut = linspace(0, Math.PI, nOut, true);
  const tIn = linspace(0, Math.PI, nIn, true);
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(tOut[i]!);
    x[2 * i + 1] = Math.sin(tOut[i]!);
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    x[2 * r] = 1 - Math.cos(tIn[i]!);
    x[2 * r + 1] = 1 - Math.sin(tIn[i]!) - 0.5;
    y[r] = 1;
  }
  return finish('two-moons', 'binary', 2, x, y, p, streams(p.seed), 'x');
}

/**
 * Two concentric circles, geometry identical to `sklearn.datasets.make_circles`:
 * class 0 (floor(n/2) rows) on the unit circle, class 1 (the rest) on the circle of radius `factor`,
 * angles evenly spaced from 0 without the endpoint 2*pi (linspace(0, 2*pi, m, endpoint=False)).
 * With `noise: 0` every point lies exactly (to rounding) at radius 1 or `factor`.
 */
export function circles(p: CirclesParams): SyntheticDataset {
  checkCommon(p, 2);
  const factor = p.factor ?? 0.8;
  if (!(factor >= 0 && factor < 1)) throw new RangeError(`factor must be in [0, 1), got ${factor}`);
  const nOut = Math.floor(p.n / 2);
  const nIn = p.n - nOut;
  const x = new Float64Array(p.n * 2);
  const y = new Float64Array(p.n);
  const tOut = linspace(0, 2 * Math.PI, nOut, false);
  const tIn = linspace(0, 2 * Math.PI, nIn, false);
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(tOut[i]!);
    x[2 * i + 1] = Math.sin(tOut[i]!);
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    x[2 * r] = Math.cos(tIn[i]!) * factor;
    x[2 * r + 1] = Math.sin(tIn[i]!) * factor;
    y[r] = 1;
  }
  return finish('circles', 'binary', 2, x, y, p, streams(p.seed), 'x');
}

/** Noise-free XOR points keep this distance from both axes, so the clean problem has a margin (as in TF Playground). */
export const XOR_MARGIN = 0.05;

/**
 * XOR: points uniform in the four quadrants of [-1, 1]^2 (each coordinate's magnitude uniform in
 * [XOR_MARGIN, 1]), label 1 when the signs of x1 and x2 differ (x1 * x2 < 0), 0 when they agree.
 * Rows are dealt to the quadrants in the order (+,+), (+,-), (-,-), (-,+), so each quadrant gets
 * floor(n/4) or one more and the classes differ by at most one row.
 */
export function xor(p: SyntheticParams): SyntheticDataset {
  checkCommon(p, 2);
  const rng = streams(p.seed);
  const signs: readonly (readonly [number, number])[] = [[1, 1], [1, -1], [-1, -1], [-1, 1]];
  const x = new Float64Array(p.n * 2);
  const y = new Float64Array(p.n);
  let row = 0;
  for (let q = 0; q < 4; q++) {
    const count = Math.floor(p.n / 4) + (q < p.n % 4 ? 1 : 0);
    const [s1, s2] = signs[q]!;
    for (let i = 0; i < count; i++, row++) {
      x[2 * row] = s1 * (XOR_MARGIN + (1 - XOR_MARGIN) * rng.place.next());
      x[2 * row + 1] = s2 * (XOR_MARGIN + (1 - XOR_MARGIN) * rng.place.next());
      y[row] = s1 * s2 < 0 ? 1 : 0;
    }
  }
  return finish('xor', 'binary', 2, x, y, p, rng, 'x');
}

/** How many turns each spiral arm makes (1.75, as in TensorFlow Playground's spiral). */
export const SPIRAL_TURNS = 1.75;

/**
 * Two interleaved spiral arms in the unit disc. Class c (0 or 1) with m rows places point i at radius
 * r = (i + 0.5) / m and angle t = 2*pi*SPIRAL_TURNS*r + c*pi: (r sin t, r cos t). Class 0 gets
 * floor(n/2) rows. Deterministic without noise; the half-step offset keeps both arms off the origin.
 */
export function spiral(p: SyntheticParams): SyntheticDataset {
  checkCommon(p, 2);
  const counts = [Math.floor(p.n / 2), p.n - Math.floor(p.n / 2)] as const;
  const x = new Float64Array(p.n * 2);
  const y = new Float64Array(p.n);
  let row = 0;
  for (let c = 0; c < 2; c++) {
    const m = counts[c]!;
    for (let i = 0; i < m; i++, row++) {
      const r = (i + 0.5) / m;
      const t = 2 * Math.PI * SPIRAL_TURNS * r + c * Math.PI;
      x[2 * row] = r * Math.sin(t);
      x[2 * row + 1] = r * Math.cos(t);
      y[row] = c;
    }
  }
  return finish('spiral', 'binary', 2, x, y, p, streams(p.seed), 'x');
}

/**
 * Linear regression data: each feature uniform in [-1, 1], y = intercept + sum_j slope_j * x_j + noise * N(0, 1).
 * With `noise: 0`, y is exactly that linear function of x (up to floating-point addition).
 * Defaults: d = 1, slope = 2, intercept = 1. A single slope applies to every feature.
 */
export function noisyLinear(p: NoisyLinearParams): SyntheticDataset {
  checkCommon(p, 1);
  const d = p.d ?? 1;
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be an integer >= 1, got ${d}`);
  const slopeIn = p.slope ?? 2;
  const slopes = typeof slopeIn === 'number' ? new Array<number>(d).fill(slopeIn) : [...slopeIn];
  if (slopes.length !== d) throw new RangeError(`slope has ${slopes.length} values but d = ${d}`);
  if (!slopes.every(Number.isFinite)) throw new RangeError('every slope must be finite');
  const intercept = p.intercept ?? 1;
  if (!Number.isFinite(intercept)) throw new RangeError(`intercept must be finite, got ${intercept}`);
  const rng = streams(p.seed);
  const x = new Float64Array(p.n * d);
  const y = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) {
    let v = intercept;
    for (let j = 0; j < d; j++) {
      const xij = 2 * rng.place.next() - 1;
      x[i * d + j] = xij;
      v += slopes[j]! * xij;
    }
    y[i] = v;
  }
  return finish('noisy-linear', 'regression', d, x, y, p, rng, 'y');
}

/**
 * The dataset as CSV text, in the same layout as the bundled files: a header of the feature names then
 * `target` (last), one row per line, '\n' line ends, a trailing newline. Numbers are JavaScript's shortest
 * round-tripping form (`String(v)`), so parsing the text gives back the identical float64 values; labels
 * print as `0` / `1`.
 */
export function toCsv(ds: SyntheticDataset): string {
  const lines: string[] = [[...ds.featureNames, 'target'].join(',')];
  const cells: string[] = new Array<string>(ds.d + 1);
  for (let i = 0; i < ds.n; i++) {
    for (let j = 0; j < ds.d; j++) cells[j] = String(ds.x[i * ds.d + j]!);
    cells[ds.d] = String(ds.y[i]!);
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
