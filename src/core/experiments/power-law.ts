/**
 * A power law fitted to a learning curve: err(n) = a * n^(-b) + c, with a >= 0 (more rows never make
 * the fitted error worse) and b in [bMin, bMax]. `err` is anything where lower is better (a loss, or
 * minus a score); c is the error the curve levels off at, a and b how fast it gets there.
 *
 * The fit is a variable projection: for a fixed exponent b the model is linear in (a, c), so the best
 * (a, c) is a small (weighted) least-squares problem, and only b is searched (a grid over
 * [bMin, bMax] refined by golden section). That finds the global optimum in b, which a local
 * optimiser started from a guess (scipy's curve_fit) may miss on a flat, noisy curve.
 *
 * Robust fit: with `huber: k` the objective is Huber's (r^2/2 for |r| <= k, k|r| - k^2/2 beyond), the
 * same as scipy.optimize.least_squares(loss='huber', f_scale=k); for fixed b it is convex in (a, c)
 * and solved by iteratively reweighted least squares. An outlying repeat then pulls the curve less.
 *
 * Uncertainty: `bootstrapPowerLaw` resamples whole repeats (each repeat is one nested series of
 * subsets, so its points are correlated), refits, and reports percentile bands of the prediction
 * at any n, including the predicted gain from k times more rows.
 */
import { createRng } from '../random';

export interface PowerLawFit {
  a: number;
  b: number;
  c: number;
  /** The objective at the optimum: residual sum of squares / 2, or the Huber sum. */
  objective: number;
  /** Observations fitted. */
  points: number;
  /** The exponent ended on a bound of its range: the data do not pin the curve down, read the extrapolation with care. */
  bAtBound: boolean;
}

export interface PowerLawOptions {
  bMin?: number;
  bMax?: number;
  /** Huber threshold in the units of err (> 0); null or absent: least squares. */
  huber?: number | null;
  /** Grid points over b before the golden-section refinement (default 120). */
  grid?: number;
  /** The least err can be (c >= cMin): 0 for a loss, -1 for minus a score of at most 1; default -Infinity. */
  cMin?: number;
}

export const DEFAULT_B_RANGE = { min: 0.05, max: 2 } as const;

export function powerLawAt(fit: Pick<PowerLawFit, 'a' | 'b' | 'c'>, n: number): number {
  return fit.a * Math.pow(n, -fit.b) + fit.c;
}

/**
 * Weighted least squares of y on [x, 1] with a >= 0 and c >= cMin: returns [a, c]. The problem is
 * convex, so the optimum is the unconstrained one if feasible, else the best point on a boundary
 * (a = 0, or c = cMin), which each have a closed form.
 */
function linearFit(x: Float64Array, y: ArrayLike<number>, w: Float64Array, cMin: number): [number, number] {
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w[i]!;
    sw += wi; sx += wi * x[i]!; sy += wi * y[i]!; sxx += wi * x[i]! * x[i]!; sxy += wi * x[i]! * y[i]!;
  }
  const det = sw * sxx - sx * sx;
  if (Math.abs(det) > 1e-300 * sw * sxx) {
    const a = (sw * sxy - sx * sy) / det;
    const c = (sy - a * sx) / sw;
    if (a >= 0 && c >= cMin) return [a, c];
  }
  // Weighted sum of squares of a candidate, up to a constant: only differences matter.
  const cost = (a: number, c: number) => a * a * sxx + c * c * sw + 2 * a * c * sx - 2 * a * sxy - 2 * c * sy;
  const flat: [number, number] = [0, Math.max(cMin, sy / sw)];
  if (!Number.isFinite(cMin)) return flat;
  const onFloor: [number, number] = [Math.max(0, (sxy - cMin * sx) / sxx), cMin];
  return cost(...onFloor) < cost(...flat) ? onFloor : flat;
}

function huberLoss(r: number, k: number | null): number {
  if (k === null) return 0.5 * r * r;
  const ar = Math.abs(r);
  return ar <= k ? 0.5 * r * r : k * ar - 0.5 * k * k;
}

/** For one b: the best (a, c) and the objective (least squares in one solve; Huber by IRLS). */
function profile(n: ArrayLike<number>, y: ArrayLike<number>, b: number, k: number | null, cMin: number): { a: number; c: number; objective: number } {
  const m = n.length;
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) x[i] = Math.pow(n[i]!, -b);
  const w = new Float64Array(m).fill(1);
  let [a, c] = linearFit(x, y, w, cMin);
  if (k !== null) {
    for (let iter = 0; iter < 200; iter++) {
      for (let i = 0; i < m; i++) {
        const r = Math.abs(y[i]! - a * x[i]! - c);
        w[i] = r <= k ? 1 : k / r;
      }
      const [a2, c2] = linearFit(x, y, w, cMin);
      const moved = Math.abs(a2 - a) + Math.abs(c2 - c);
      a = a2;
      c = c2;
      if (moved <= 1e-15 * (1 + Math.abs(a) + Math.abs(c))) break;
    }
  }
  let objective = 0;
  for (let i = 0; i < m; i++) objective += huberLoss(y[i]! - a * x[i]! - c, k);
  return { a, c, objective };
}

/**
 * Fits err = a n^-b + c to observations (n_i, err_i). Needs at least three distinct n; returns null
 * otherwise (or when a value is not finite).
 */
export function fitPowerLaw(n: ArrayLike<number>, err: ArrayLike<number>, options: PowerLawOptions = {}): PowerLawFit | null {
  if (n.length !== err.length) throw new RangeError(`n has ${n.length} values but err has ${err.length}`);
  const distinct = new Set<number>();
  for (let i = 0; i < n.length; i++) {
    if (!(n[i]! > 0) || !Number.isFinite(n[i]!) || !Number.isFinite(err[i]!)) return null;
    distinct.add(n[i]!);
  }
  if (distinct.size < 3) return null;
  const bMin = options.bMin ?? DEFAULT_B_RANGE.min;
  const bMax = options.bMax ?? DEFAULT_B_RANGE.max;
  const k = options.huber ?? null;
  const cMin = options.cMin ?? -Infinity;
  if (k !== null && !(k > 0)) throw new RangeError(`the Huber threshold must be > 0, got ${k}`);
  const steps = Math.max(3, options.grid ?? 120);
  const f = (b: number) => profile(n, err, b, k, cMin).objective;
  let best = 0, bestValue = Infinity;
  const grid: number[] = [];
  for (let i = 0; i < steps; i++) {
    const b = bMin + ((bMax - bMin) * i) / (steps - 1);
    grid.push(b);
    const v = f(b);
    if (v < bestValue) {
      bestValue = v;
      best = i;
    }
  }
  // Golden section on the bracket around the best grid point.
  let lo = grid[Math.max(0, best - 1)]!, hi = grid[Math.min(steps - 1, best + 1)]!;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  let f1 = f(x1), f2 = f(x2);
  for (let iter = 0; iter < 200 && hi - lo > 1e-12 * (1 + hi); iter++) {
    if (f1 <= f2) {
      hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = f(x1);
    } else {
      lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = f(x2);
    }
  }
  let b = (lo + hi) / 2;
  if (f(b) > bestValue) b = grid[best]!;
  const p = profile(n, err, b, k, cMin);
  const tol = 1e-6 * (bMax - bMin);
  return { a: p.a, b, c: p.c, objective: p.objective, points: n.length, bAtBound: b - bMin < tol || bMax - b < tol };
}

/** One repeat of a learning curve: err at each size (NaN where the run failed). */
export interface CurveSeries {
  sizes: readonly number[];
  err: readonly number[];
}


export interface PowerLawBootstrap {
  fit: PowerLawFit;
  /** Fits that succeeded out of `resamples`. */
  fitted: number;
  resamples: number;
  /** Prediction bands at each `at` size (fit value, percentile interval over the refits). */
  bands: { n: number; fit: number; low: number; high: number }[];
  /** err(nMax) - err(k nMax) for each k: positive = the error is predicted to fall. */
  gains: { factor: number; gain: number; low: number; high: number }[];
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < sorted.length ? sorted[i]! + frac * (sorted[i + 1]! - sorted[i]!) : sorted[i]!;
}

function flatten(series: readonly CurveSeries[]): { n: number[]; err: number[] } {
  const n: number[] = [], err: number[] = [];
  for (const s of series) s.sizes.forEach((size, i) => {
    if (Number.isFinite(s.err[i]!)) {
      n.push(size);
      err.push(s.err[i]!);
    }
  });
  return { n, err };
}

/**
 * The fit to every repeat's points, and percentile bands from refits to `resamples` bootstrap
 * resamples of the repeats (seeded). `at` are the sizes to predict at; `factors` the k of "k times
 * more rows than the largest size".
 */
export function bootstrapPowerLaw(
  series: readonly CurveSeries[],
  options: PowerLawOptions & { resamples?: number; seed?: number; confidence?: number; at?: readonly number[]; factors?: readonly number[] } = {},
): PowerLawBootstrap | null {
  const all = flatten(series);
  const fit = fitPowerLaw(all.n, all.err, options);
  if (!fit) return null;
  const nMax = Math.max(...all.n);
  const at = options.at ?? [];
  const factors = options.factors ?? [2];
  const resamples = options.resamples ?? 200;
  const alpha = (1 - (options.confidence ?? 0.9)) / 2;
  const rng = createRng(options.seed ?? 0);
  const preds: number[][] = at.map(() => []);
  const gains: number[][] = factors.map(() => []);
  let fitted = 0;
  for (let r = 0; r < resamples; r++) {
    const picked: CurveSeries[] = [];
    for (let i = 0; i < series.length; i++) picked.push(series[rng.int(series.length)]!);
    const d = flatten(picked);
    const refit = fitPowerLaw(d.n, d.err, options);
    if (!refit) continue;
    fitted++;
    at.forEach((n, i) => preds[i]!.push(powerLawAt(refit, n)));
    factors.forEach((k, i) => gains[i]!.push(powerLawAt(refit, nMax) - powerLawAt(refit, k * nMax)));
  }
  const band = (values: number[]) => {
    const s = [...values].sort((x, y) => x - y);
    return { low: quantile(s, alpha), high: quantile(s, 1 - alpha) };
  };
  return {
    fit, fitted, resamples,
    bands: at.map((n, i) => ({ n, fit: powerLawAt(fit, n), ...band(preds[i]!) })),
    gains: factors.map((factor, i) => ({ factor, gain: powerLawAt(fit, nMax) - powerLawAt(fit, factor * nMax), ...band(gains[i]!) })),
  };
}
