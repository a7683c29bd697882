/**
 * Learning curves and validation curves, independent of any model: which training rows each point
 * trains on, and what the scores say once a model has been trained on them.
 *
 * Learning curve: the training pool (the run's training split) is shuffled once per repeat (seeded:
 * repeat r uses the r-th fork of createRng(seed)), and size n_k trains on the first n_k rows of that
 * order, so within a repeat the subsets are nested (each contains the smaller ones) and the curve
 * moves only because rows were added. Repeats give every size a spread. Every point is scored on the
 * same held-out validation rows. Sizes are geometric (even steps in log n), which is where a power
 * law is a straight line.
 *
 * Scores are turned into an error where lower is better (the loss itself, or minus a score), fitted
 * with err(n) = a n^-b + c (power-law.ts), and extrapolated: the predicted gain from k times more rows.
 */
import { createRng, shuffledIndices } from '../random';
import { bootstrapPowerLaw, type PowerLawBootstrap, type PowerLawOptions } from './power-law';

export interface CurvePlanOptions {
  /** Rows in the training pool. */
  poolRows: number;
  /** Number of sizes (default 6). */
  points?: number;
  /** Smallest size as a fraction of the pool (default 0.1), at least `minRows`. */
  minFraction?: number;
  minRows?: number;
  repeats?: number;
  seed?: number;
}

/** Geometric sizes from max(minRows, minFraction * pool) to the pool, rounded and distinct. */
export function learningCurveSizes(options: CurvePlanOptions): number[] {
  const pool = Math.floor(options.poolRows);
  const points = Math.max(1, Math.floor(options.points ?? 6));
  const minRows = Math.max(1, Math.floor(options.minRows ?? 8));
  if (pool < 1) return [];
  const lo = Math.min(pool, Math.max(minRows, Math.round((options.minFraction ?? 0.1) * pool)));
  if (points === 1 || lo === pool) return [pool];
  const sizes = new Set<number>();
  for (let k = 0; k < points; k++) sizes.add(Math.round(lo * Math.pow(pool / lo, k / (points - 1))));
  return [...sizes].sort((a, b) => a - b);
}

export interface CurvePlan {
  sizes: number[];
  /** orders[r]: the pool order of repeat r; size n trains on orders[r].subarray(0, n). */
  orders: Int32Array[];
  seed: number;
}

/** The sizes and the row order of every repeat. */
export function learningCurvePlan(options: CurvePlanOptions): CurvePlan {
  const repeats = Math.max(1, Math.floor(options.repeats ?? 3));
  const seed = options.seed ?? 0;
  const master = createRng(seed);
  const orders: Int32Array[] = [];
  for (let r = 0; r < repeats; r++) orders.push(shuffledIndices(options.poolRows, master.fork()));
  return { sizes: learningCurveSizes(options), orders, seed };
}

/** One trained point: the score on its own training rows and on the validation rows (NaN if undefined). */
export interface CurvePoint {
  /** The training-set size, or the hyperparameter value. */
  x: number;
  repeat: number;
  train: number;
  validation: number;
}

export interface Spread {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Finite scores among the repeats. */
  count: number;
}

export interface CurveSummaryRow {
  x: number;
  train: Spread;
  validation: Spread;
}

function spread(values: number[]): Spread {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN, count: 0 };
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, std, min: Math.min(...v), max: Math.max(...v), count: v.length };
}

/** Mean, sample std (divisor r - 1), min and max over the repeats, per x, in x order. */
export function summarizeCurve(points: readonly CurvePoint[]): CurveSummaryRow[] {
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  return xs.map((x) => {
    const at = points.filter((p) => p.x === x);
    return { x, train: spread(at.map((p) => p.train)), validation: spread(at.map((p) => p.validation)) };
  });
}

export interface LearningCurveFit extends PowerLawBootstrap {
  /** err = sign * score: +1 for losses, -1 for scores where higher is better. */
  sign: 1 | -1;
  /** The Huber threshold used (err units), or null for least squares. */
  huber: number | null;
}

/**
 * The power law through the validation points (every repeat), with bootstrap bands over repeats.
 * The Huber threshold is 1.345 times the pooled spread between repeats (the usual 95%-efficient
 * choice); with no spread the fit is plain least squares. Results are in err units: multiply by
 * `sign` to read scores.
 */
export function fitLearningCurve(
  points: readonly CurvePoint[],
  higherIsBetter: boolean,
  options: PowerLawOptions & { resamples?: number; seed?: number; at?: readonly number[]; factors?: readonly number[]; confidence?: number; robust?: boolean } = {},
): LearningCurveFit | null {
  const sign: 1 | -1 = higherIsBetter ? -1 : 1;
  const repeats = [...new Set(points.map((p) => p.repeat))].sort((a, b) => a - b);
  const series = repeats.map((r) => {
    const own = points.filter((p) => p.repeat === r).sort((a, b) => a.x - b.x);
    return { sizes: own.map((p) => p.x), err: own.map((p) => sign * p.validation) };
  });
  let huber: number | null = null;
  if (options.robust !== false) {
    const rows = summarizeCurve(points).filter((s) => s.validation.count > 1);
    const pooled = rows.length ? Math.sqrt(rows.reduce((s, r) => s + r.validation.std ** 2, 0) / rows.length) : 0;
    huber = pooled > 0 ? 1.345 * pooled : null;
  }
  const boot = bootstrapPowerLaw(series, { ...options, huber });
  return boot ? { ...boot, sign, huber } : null;
}

// ---------------------------------------------------------------------------------------------------
// Validation curve

export interface ValidationCurveVerdict {
  /** The value with the best mean validation score. */
  best: number;
  bestScore: number;
  /** Train minus validation (in score direction) at the best value: the generalisation gap. */
  gapAtBest: number;
  /** Where the best value lies: at an end of the range (extend the range) or inside it. */
  position: 'low-end' | 'high-end' | 'inside';
}

/** The best value of a validation curve (higher mean score wins; for losses pass higherIsBetter false). */
export function validationCurveVerdict(rows: readonly CurveSummaryRow[], higherIsBetter: boolean): ValidationCurveVerdict | null {
  const sign = higherIsBetter ? 1 : -1;
  let best: CurveSummaryRow | null = null;
  for (const r of rows) if (Number.isFinite(r.validation.mean) && (!best || sign * r.validation.mean > sign * best.validation.mean)) best = r;
  if (!best) return null;
  const i = rows.indexOf(best);
  return {
    best: best.x, bestScore: best.validation.mean, gapAtBest: sign * (best.train.mean - best.validation.mean),
    position: rows.length > 2 && i === 0 ? 'low-end' : rows.length > 2 && i === rows.length - 1 ? 'high-end' : 'inside',
  };
}

/** `count` values from lo to hi: geometric for a log scale (lo > 0), else evenly spaced; integers rounded and distinct. */
export function hyperparameterGrid(lo: number, hi: number, count: number, scale: 'log' | 'linear', integer = false): number[] {
  const m = Math.max(1, Math.floor(count));
  const out: number[] = [];
  for (let k = 0; k < m; k++) {
    const t = m === 1 ? 0 : k / (m - 1);
    const v = scale === 'log' ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t;
    out.push(integer ? Math.round(v) : Number(v.toPrecision(6)));
  }
  return [...new Set(out)];
}
