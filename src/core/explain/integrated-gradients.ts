/**
 * Integrated gradients (Sundararajan, Taly & Yan 2017, "Axiomatic Attribution for Deep Networks"):
 * the attribution of feature i for input x against a baseline b is
 *
 *   IG_i(x) = (x_i - b_i) * integral_0^1 df/dx_i (b + a (x - b)) da,
 *
 * the gradient averaged along the straight path from b to x. By the fundamental theorem of calculus
 * along that path the attributions are COMPLETE: sum_i IG_i = f(x) - f(b). Here the integral is the
 * trapezoid rule on `steps` equal intervals (steps + 1 gradient evaluations, the two ends included, so
 * f(x) and f(b) come from the same calls); its error falls as 1/steps^2 for a smooth f. The gap between
 * the sum and f(x) - f(b) is reported with every result, so a caller (or a student) sees how well the
 * integral was resolved. With `tolerance`, the number of steps is doubled (reusing every earlier
 * evaluation) until |gap| <= tolerance or `maxSteps` is reached.
 *
 * The model is any function returning its value and its gradient with respect to the input, so the
 * algorithm is pure and tested against closed forms; see dense-input-function.ts for the app's dense models.
 */

/** A differentiable scalar model output: the value at x and d value / d x (length x.length). */
export type ValueAndGradient = (x: Float64Array) => { value: number; grad: ArrayLike<number> };

export interface IntegratedGradientsOptions {
  /** The reference input; default all zeros (with standardised features: the training mean). */
  baseline?: ArrayLike<number>;
  /** Trapezoid intervals along the path (default 64, at least 1). */
  steps?: number;
  /** When set: double the steps until |completenessGap| <= tolerance (or maxSteps). */
  tolerance?: number;
  /** Upper bound on steps when refining (default 4096). */
  maxSteps?: number;
}

export interface IntegratedGradientsResult {
  /** One attribution per feature, in the model's output units. */
  attributions: Float64Array;
  baseline: Float64Array;
  /** f(x) */
  value: number;
  /** f(baseline) */
  baselineValue: number;
  /** sum of the attributions */
  sum: number;
  /** sum - (f(x) - f(baseline)): 0 for an exact integral (the completeness check). */
  completenessGap: number;
  /** Trapezoid intervals used. */
  steps: number;
  /** Calls of the model. */
  evaluations: number;
  /** With a tolerance: whether |completenessGap| <= tolerance was reached; null without one. */
  converged: boolean | null;
}

export const DEFAULT_IG_STEPS = 64;
const DEFAULT_MAX_STEPS = 4096;

/**
 * Integrated gradients of `f` at `x` (see the top of this file).
 * @example For f(x) = 2 x0 + 3 x1 at x = [1, 1] with the zero baseline, attributions = [2, 3], gap 0.
 */
export function integratedGradients(
  f: ValueAndGradient,
  x: ArrayLike<number>,
  options: IntegratedGradientsOptions = {},
): IntegratedGradientsResult {
  const d = x.length;
  const steps0 = options.steps ?? DEFAULT_IG_STEPS;
  if (!(Number.isInteger(steps0) && steps0 >= 1)) throw new RangeError(`steps must be an integer >= 1, got ${steps0}`);
  const maxSteps = Math.max(steps0, options.maxSteps ?? DEFAULT_MAX_STEPS);
  const baseline = Float64Array.from(options.baseline ?? new Float64Array(d));
  if (baseline.length !== d) throw new RangeError(`baseline has ${baseline.length} features, x has ${d}`);
  const delta = new Float64Array(d);
  for (let i = 0; i < d; i++) delta[i] = x[i]! - baseline[i]!;

  let evaluations = 0;
  /** Adds weight * grad(b + a delta) into acc; returns the value there. */
  const addGradientAt = (a: number, weight: number, acc: Float64Array): number => {
    const point = new Float64Array(d);
    for (let i = 0; i < d; i++) point[i] = baseline[i]! + a * delta[i]!;
    const { value, grad } = f(point);
    evaluations += 1;
    if (grad.length !== d) throw new RangeError(`the model's gradient has ${grad.length} entries, x has ${d}`);
    for (let i = 0; i < d; i++) acc[i] = acc[i]! + weight * grad[i]!;
    return value;
  };

  // Trapezoid sum = (ends / 2 + interior) / steps; doubling the steps only adds the new midpoints.
  const ends = new Float64Array(d);
  const baselineValue = addGradientAt(0, 0.5, ends);
  const value = addGradientAt(1, 0.5, ends);
  const interior = new Float64Array(d);
  for (let k = 1; k < steps0; k++) addGradientAt(k / steps0, 1, interior);

  const attributions = new Float64Array(d);
  /** Fills the attributions for the current steps and returns their sum. */
  const resolve = (steps: number): number => {
    let sum = 0;
    for (let i = 0; i < d; i++) {
      attributions[i] = (delta[i]! * (ends[i]! + interior[i]!)) / steps;
      sum += attributions[i]!;
    }
    return sum;
  };
  let steps = steps0;
  let sum = resolve(steps);
  let gap = sum - (value - baselineValue);
  const tolerance = options.tolerance;
  while (tolerance !== undefined && Math.abs(gap) > tolerance && steps * 2 <= maxSteps) {
    for (let k = 0; k < steps; k++) addGradientAt((2 * k + 1) / (2 * steps), 1, interior);
    steps *= 2;
    sum = resolve(steps);
    gap = sum - (value - baselineValue);
  }
  return {
    attributions, baseline, value, baselineValue, sum, completenessGap: gap, steps, evaluations,
    converged: tolerance === undefined ? null : Math.abs(gap) <= tolerance,
  };
}

/** Per-feature means of row-major X (nRows x nFeatures): the "average row" baseline. */
export function featureMeans(X: ArrayLike<number>, nRows: number, nFeatures: number): Float64Array {
  if (X.length !== nRows * nFeatures) throw new RangeError(`X has ${X.length} values, expected ${nRows} x ${nFeatures}`);
  if (nRows < 1) throw new RangeError('feature means need at least one row');
  const means = new Float64Array(nFeatures);
  for (let r = 0; r < nRows; r++) for (let j = 0; j < nFeatures; j++) means[j] = means[j]! + X[r * nFeatures + j]!;
  for (let j = 0; j < nFeatures; j++) means[j] = means[j]! / nRows;
  return means;
}
