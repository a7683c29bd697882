/**
 * Search spaces for hyperparameter search: typed parameters, plain serialisable data (a space can be
 * stored, put in a URL, sent to a Worker), and the maps between parameter values and the unit cube
 * that the strategies work in.
 *
 * Encoding to [0, 1]^D (D = numeric parameters + total categorical choices):
 * - continuous: (t(v) - t(low)) / (t(high) - t(low)), t = ln for scale 'log', identity otherwise;
 * - integer: the same over [low - 1/2, high + 1/2], so each integer owns an equal slice of the
 *   (transformed) interval and decoding rounds to the nearest integer;
 * - categorical: one-hot, one dimension per choice; decoding takes the largest coordinate.
 */
import type { Rng } from '../random';
import { fail, ok, type Result } from '../result';

export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

export type ParamSpec =
  | { name: string; type: 'continuous'; low: number; high: number; scale?: 'linear' | 'log' }
  | { name: string; type: 'integer'; low: number; high: number; scale?: 'linear' | 'log' }
  | { name: string; type: 'categorical'; choices: readonly ParamValue[] };

export type SearchSpace = readonly ParamSpec[];

function spaceError(message: string, column: string | null = null): Result<never> {
  return fail({ kind: 'search-space', message, file: null, row: null, column });
}

/**
 * Checks a space: at least one parameter, unique names, finite bounds with low < high (low <= high
 * for integers), positive bounds for log scale (low >= 1 for log integers), integer bounds for
 * integers, at least one distinct choice for categoricals.
 */
export function validateSearchSpace(space: SearchSpace): Result<SearchSpace> {
  if (space.length === 0) return spaceError('The search space has no parameters.');
  const names = new Set<string>();
  for (const p of space) {
    if (!p.name) return spaceError('Every parameter needs a name.');
    if (names.has(p.name)) return spaceError(`Parameter "${p.name}" is defined twice.`, p.name);
    names.add(p.name);
    if (p.type === 'categorical') {
      if (p.choices.length === 0) return spaceError(`Parameter "${p.name}" has no choices.`, p.name);
      if (new Set(p.choices).size !== p.choices.length) return spaceError(`Parameter "${p.name}" lists a choice twice.`, p.name);
      continue;
    }
    if (!Number.isFinite(p.low) || !Number.isFinite(p.high)) return spaceError(`Parameter "${p.name}" needs finite bounds.`, p.name);
    if (p.type === 'continuous' ? !(p.low < p.high) : !(p.low <= p.high)) {
      return spaceError(`Parameter "${p.name}": low (${p.low}) must be below high (${p.high}).`, p.name);
    }
    if (p.type === 'integer' && !(Number.isInteger(p.low) && Number.isInteger(p.high))) {
      return spaceError(`Parameter "${p.name}" is an integer: its bounds must be integers.`, p.name);
    }
    if (p.scale === 'log' && !(p.type === 'integer' ? p.low >= 1 : p.low > 0)) {
      return spaceError(`Parameter "${p.name}" is on a log scale: its lower bound must be ${p.type === 'integer' ? 'at least 1' : 'positive'}.`, p.name);
    }
  }
  return ok(space);
}

/** Number of unit-cube dimensions of the space. */
export function encodedDimension(space: SearchSpace): number {
  return space.reduce((d, p) => d + (p.type === 'categorical' ? p.choices.length : 1), 0);
}

/** Transformed interval [a, b] a numeric parameter is mapped from. */
function transformedRange(p: Exclude<ParamSpec, { type: 'categorical' }>): [number, number] {
  const lo = p.type === 'integer' ? p.low - 0.5 : p.low;
  const hi = p.type === 'integer' ? p.high + 0.5 : p.high;
  return p.scale === 'log' ? [Math.log(lo), Math.log(hi)] : [lo, hi];
}

/** Unit-interval coordinate u of a numeric parameter back to its value (rounded and clamped for integers). */
function decodeNumeric(p: Exclude<ParamSpec, { type: 'categorical' }>, u: number): number {
  if (p.type === 'continuous' && u <= 0) return p.low; // exact bounds, not exp(log(low))
  if (p.type === 'continuous' && u >= 1) return p.high;
  const [a, b] = transformedRange(p);
  const t = a + Math.min(Math.max(u, 0), 1) * (b - a);
  const v = p.scale === 'log' ? Math.exp(t) : t;
  if (p.type === 'integer') return Math.min(p.high, Math.max(p.low, Math.round(v)));
  return Math.min(p.high, Math.max(p.low, v));
}

function encodeNumeric(p: Exclude<ParamSpec, { type: 'categorical' }>, v: number): number {
  const [a, b] = transformedRange(p);
  const t = p.scale === 'log' ? Math.log(v) : v;
  return (t - a) / (b - a);
}

/** Parameter values to a point of the unit cube (see the module comment). */
export function encodeParams(space: SearchSpace, values: ParamValues): Float64Array {
  const out = new Float64Array(encodedDimension(space));
  let k = 0;
  for (const p of space) {
    const v = values[p.name];
    if (v === undefined) throw new RangeError(`encodeParams: missing value for "${p.name}"`);
    if (p.type === 'categorical') {
      const idx = p.choices.indexOf(v);
      if (idx < 0) throw new RangeError(`encodeParams: "${String(v)}" is not a choice of "${p.name}"`);
      out[k + idx] = 1;
      k += p.choices.length;
    } else {
      out[k++] = encodeNumeric(p, v as number);
    }
  }
  return out;
}

/** A point of the unit cube to parameter values (nearest valid value for integers and categoricals). */
export function decodeParams(space: SearchSpace, u: ArrayLike<number>): ParamValues {
  const out: ParamValues = {};
  let k = 0;
  for (const p of space) {
    if (p.type === 'categorical') {
      let best = 0;
      for (let i = 1; i < p.choices.length; i++) if (u[k + i]! > u[k + best]!) best = i;
      out[p.name] = p.choices[best]!;
      k += p.choices.length;
    } else {
      out[p.name] = decodeNumeric(p, u[k++]!);
    }
  }
  return out;
}

/**
 * Values from one unit-interval coordinate per parameter (not the one-hot encoding): numeric
 * parameters decode u as above, categoricals take choice floor(u * choices). Uniform u gives
 * uniform (or log-uniform) values and uniform choices.
 */
export function paramsFromUnit(space: SearchSpace, u: ArrayLike<number>): ParamValues {
  const out: ParamValues = {};
  space.forEach((p, i) => {
    const ui = Math.min(Math.max(u[i]!, 0), 1);
    out[p.name] = p.type === 'categorical' ? p.choices[Math.min(p.choices.length - 1, Math.floor(ui * p.choices.length))]! : decodeNumeric(p, ui);
  });
  return out;
}

/** Independent uniform draw of every parameter (log-uniform on log scales). */
export function sampleParams(space: SearchSpace, rng: Rng): ParamValues {
  return paramsFromUnit(space, space.map(() => rng.next()));
}

/**
 * Latin hypercube of n points: in each parameter's unit coordinate the n points fall one in each of
 * n equal strata (shuffled independently per parameter), so a short initial design still spreads
 * over every range and visits every choice about equally.
 */
export function latinHypercube(space: SearchSpace, n: number, rng: Rng): ParamValues[] {
  const cols = space.map(() => {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    return perm.map((s) => (s + rng.next()) / n);
  });
  return Array.from({ length: n }, (_, i) => paramsFromUnit(space, cols.map((c) => c[i]!)));
}

/**
 * Grid values of one parameter: all choices; for integers all values when there are at most
 * `pointsPerParam`, else that many evenly spaced (in the transformed scale) and rounded, duplicates
 * removed; for continuous parameters `pointsPerParam` evenly spaced values including both bounds.
 */
export function gridValues(p: ParamSpec, pointsPerParam: number): ParamValue[] {
  if (p.type === 'categorical') return [...p.choices];
  if (p.type === 'integer' && p.high - p.low + 1 <= pointsPerParam) {
    return Array.from({ length: p.high - p.low + 1 }, (_, i) => p.low + i);
  }
  const [a, b] = p.scale === 'log' ? [Math.log(p.low), Math.log(p.high)] : [p.low, p.high];
  const out: number[] = [];
  for (let i = 0; i < pointsPerParam; i++) {
    const t = pointsPerParam === 1 ? (a + b) / 2 : a + ((b - a) * i) / (pointsPerParam - 1);
    let v = p.scale === 'log' ? Math.exp(t) : t;
    if (i === pointsPerParam - 1 && pointsPerParam > 1) v = p.high;
    if (i === 0 && pointsPerParam > 1) v = p.low;
    if (p.type === 'integer') v = Math.round(v);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Size of the full grid (product of the per-parameter value counts). */
export function gridSize(space: SearchSpace, pointsPerParam: number): number {
  return space.reduce((n, p) => n * gridValues(p, pointsPerParam).length, 1);
}

/** The grid point with the given index, the first parameter varying slowest (like nested loops). */
export function gridPoint(space: SearchSpace, pointsPerParam: number, index: number): ParamValues {
  const axes = space.map((p) => gridValues(p, pointsPerParam));
  const positions = new Array<number>(space.length);
  let rest = index;
  for (let i = space.length - 1; i >= 0; i--) {
    positions[i] = rest % axes[i]!.length;
    rest = Math.floor(rest / axes[i]!.length);
  }
  const out: ParamValues = {};
  space.forEach((p, i) => { out[p.name] = axes[i]![positions[i]!]!; });
  return out;
}

/** A stable key for a set of values (parameter order of the space), to recognise repeats. */
export function paramsKey(space: SearchSpace, values: ParamValues): string {
  return JSON.stringify(space.map((p) => values[p.name]));
}
