/**
 * The nearest counterfactual of one row for a binary classifier: the smallest change to the input
 * that flips the predicted class, measured in the model's input units (the app's standardised
 * features: a change of 1 = one training standard deviation).
 *
 * Search (DeepFool, Moosavi-Dezfooli et al. 2016, for one decision boundary): from x, repeatedly
 * linearise the score s around the current point and step to where the linearisation crosses the
 * threshold t, plus a small overshoot:
 *   L2:  step = -(s - t) g / |g|^2             (the closest crossing of the tangent plane)
 *   L1:  step = -(s - t) / g_i along the single feature i with the largest |g_i| (greedy per feature:
 *        the L1-closest crossing of the tangent plane changes one feature)
 * each step capped at `maxStepNorm`. When two consecutive L2 gradients point against each other (a
 * ReLU kink or a ridge, where plain steps zigzag), the step follows the sum of the two unit gradients.
 * The points form a piecewise-linear path, each segment scanned at `resolution` spacing (at least 8
 * points); at the first scanned point on the other side, bisection between it and the scanned point
 * before finds the crossing, and the counterfactual is the flipped end of the final bracket, so it
 * really flips (not merely "reaches" the threshold). The path returned stops there: every point
 * before it keeps the original class (up to the scan spacing), so no smaller change along the path
 * flips the prediction. For a linear score this is the exact nearest counterfactual in the chosen
 * norm (L2: the orthogonal projection onto the boundary; L1: one feature moved); for a curved
 * boundary it is a local one, the nearest along the path found.
 *
 * The class of a score s is positive when s >= t. Pass the logit and t = logit(threshold) for the
 * quickest search (the boundary of a logistic model is then exactly linear); any score works.
 * Frozen features never change; optional bounds keep each feature in [lower, upper].
 */
import type { ValueAndGradient } from './integrated-gradients';

export type CounterfactualNorm = 'l1' | 'l2';

/** Every segment is scanned at no fewer points than this, however short. */
const MIN_SCAN_POINTS = 8;

export interface CounterfactualOptions {
  /** Class boundary on the score: positive when score >= threshold (default 0, a logit). */
  threshold?: number;
  /** The distance minimised (default 'l2'). */
  norm?: CounterfactualNorm;
  /** Relative overshoot of each linearised step past the boundary (default 0.02). */
  overshoot?: number;
  /** Largest step in the chosen norm (default 1: one standard deviation). */
  maxStepNorm?: number;
  /** Linearised steps before giving up (default 200). */
  maxIterations?: number;
  /**
   * Each step's segment is scanned at points this far apart (in the chosen norm; default 0.01) so a
   * flip between its ends is not jumped over; a flipped region thinner than this can still be missed.
   */
  resolution?: number;
  /** Bisection stops when the bracket is shorter than this, in the chosen norm (default 1e-9). */
  tolerance?: number;
  /** true for a feature that may change (default: all). */
  mutable?: ArrayLike<boolean>;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

export interface CounterfactualResult {
  /** Whether a flipping change was found. */
  found: boolean;
  norm: CounterfactualNorm;
  threshold: number;
  /** The original class: score(x) >= threshold. */
  originalPositive: boolean;
  originalScore: number;
  /** The flipped input (null when not found). */
  counterfactual: Float64Array | null;
  /** counterfactual - x (null when not found). */
  change: Float64Array | null;
  /** |change| in the chosen norm (null when not found). */
  distance: number | null;
  counterfactualScore: number | null;
  /** The search path from x to the counterfactual (or to where the search stopped). */
  path: Float64Array[];
  /** The score at each path point. */
  pathScores: number[];
  /** Calls of the model (gradient steps and bisection). */
  evaluations: number;
  /** Why the search stopped without a flip: 'no-direction' (zero gradient on every free feature) or 'iterations'. */
  stopped: 'flipped' | 'no-direction' | 'iterations';
}

function dotProduct(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** The size of v in the norm. */
export function vectorNorm(v: ArrayLike<number>, norm: CounterfactualNorm): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += norm === 'l1' ? Math.abs(v[i]!) : v[i]! * v[i]!;
  return norm === 'l1' ? s : Math.sqrt(s);
}

/** The nearest counterfactual of x for the score f (see the top of this file). */
export function nearestCounterfactual(f: ValueAndGradient, x: ArrayLike<number>, options: CounterfactualOptions = {}): CounterfactualResult {
  const d = x.length;
  const threshold = options.threshold ?? 0;
  const norm = options.norm ?? 'l2';
  const overshoot = options.overshoot ?? 0.02;
  const maxStepNorm = options.maxStepNorm ?? 1;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-9;
  const resolution = options.resolution ?? 0.01;
  const lower = options.lower;
  const upper = options.upper;
  for (const [name, v] of [['mutable', options.mutable], ['lower', lower], ['upper', upper]] as const) {
    if (v && v.length !== d) throw new RangeError(`${name} has ${v.length} entries, x has ${d}`);
  }
  const clip = (v: number, i: number): number => Math.min(upper ? upper[i]! : Infinity, Math.max(lower ? lower[i]! : -Infinity, v));

  let evaluations = 0;
  const evaluate = (p: Float64Array): { value: number; grad: ArrayLike<number> } => {
    evaluations += 1;
    return f(p);
  };
  const start = Float64Array.from(x);
  const first = evaluate(start);
  const originalPositive = first.value >= threshold;
  const flipped = (score: number): boolean => score >= threshold !== originalPositive;

  const path: Float64Array[] = [start];
  const pathScores: number[] = [first.value];
  let current = first;
  let stopped: CounterfactualResult['stopped'] = 'iterations';
  /** The last scanned point that keeps the class, on the path's last segment. */
  let bracketStart: Float64Array = start;
  let previousGradient: Float64Array | null = null;
  for (let k = 0; k < maxIterations; k++) {
    const cur = path[path.length - 1]!;
    const margin = current.value - threshold;
    // The linearised change of score to aim for is -target; exactly on the threshold (which counts as
    // positive) aim a little below it.
    const target = margin === 0 ? 1e-6 : margin;
    // Free features: mutable, and not pinned at a bound the step would push through.
    const g = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      const gi = current.grad[i]!;
      if (options.mutable && !options.mutable[i]) continue;
      const direction = -Math.sign(target) * Math.sign(gi);
      if (direction > 0 && upper && cur[i]! >= upper[i]!) continue;
      if (direction < 0 && lower && cur[i]! <= lower[i]!) continue;
      g[i] = gi;
    }
    const step = new Float64Array(d);
    if (norm === 'l2') {
      const g2 = g.reduce((s, v) => s + v * v, 0);
      if (!(g2 > 0)) { stopped = 'no-direction'; break; }
      // Across a kink (ReLU) or a ridge, consecutive gradients can point against each other and the
      // steps zigzag; then step along the sum of the two unit gradients, on which the score moves the
      // right way on both sides: u = g/|g| + h/|h| has g.u = |g| (1 + cos) >= 0.
      let u: Float64Array = g;
      if (previousGradient && dotProduct(g, previousGradient) < 0) {
        const gn = Math.sqrt(g2);
        const hn = Math.sqrt(dotProduct(previousGradient, previousGradient));
        u = g.map((v, i) => v / gn + previousGradient![i]! / hn);
      }
      const slope = dotProduct(g, u);
      if (!(slope > 0)) u = g;
      const denominator = u === g ? g2 : slope;
      for (let i = 0; i < d; i++) step[i] = (-target * (1 + overshoot) * u[i]!) / denominator;
      previousGradient = g;
    } else {
      let best = -1;
      for (let i = 0; i < d; i++) if (g[i] !== 0 && (best < 0 || Math.abs(g[i]!) > Math.abs(g[best]!))) best = i;
      if (best < 0) { stopped = 'no-direction'; break; }
      step[best] = (-target * (1 + overshoot)) / g[best]!;
    }
    const size = vectorNorm(step, norm);
    const scale = size > maxStepNorm ? maxStepNorm / size : 1;
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++) next[i] = clip(cur[i]! + scale * step[i]!, i);
    if (next.every((v, i) => v === cur[i])) { stopped = 'no-direction'; break; }
    // Scan the segment: a curved (or piecewise-linear) score can cross and cross back between its ends.
    const length = vectorNorm(next.map((v, i) => v - cur[i]!), norm);
    const pieces = Math.max(MIN_SCAN_POINTS, Math.ceil(length / resolution));
    let end = next;
    let endScore: number | null = null;
    bracketStart = cur;
    for (let j = 1; j < pieces; j++) {
      const p = cur.map((v, i) => v + (j / pieces) * (next[i]! - v));
      const score = evaluate(p).value;
      if (flipped(score)) { end = p; endScore = score; break; }
      bracketStart = p;
    }
    current = endScore === null ? evaluate(next) : { value: endScore, grad: [] };
    path.push(end);
    pathScores.push(current.value);
    if (flipped(current.value)) { stopped = 'flipped'; break; }
  }

  const base = { norm, threshold, originalPositive, originalScore: first.value, path, pathScores };
  if (stopped !== 'flipped') {
    return { ...base, found: false, counterfactual: null, change: null, distance: null, counterfactualScore: null, evaluations, stopped };
  }
  // Bisection between the last scanned point a that keeps the class and the first b that flips; keep
  // the flipped end.
  const a = bracketStart;
  const b = path[path.length - 1]!;
  const segment = vectorNorm(b.map((v, i) => v - a[i]!), norm);
  let lo = 0;
  let hi = 1;
  let hiPoint = b;
  let hiScore = current.value;
  while ((hi - lo) * segment > tolerance && hi - lo > 1e-16) {
    const mid = (lo + hi) / 2;
    const p = a.map((v, i) => v + mid * (b[i]! - v));
    const score = evaluate(p).value;
    if (flipped(score)) { hi = mid; hiPoint = p; hiScore = score; } else lo = mid;
  }
  path[path.length - 1] = hiPoint;
  pathScores[pathScores.length - 1] = hiScore;
  const change = hiPoint.map((v, i) => v - start[i]!);
  return {
    ...base, found: true, counterfactual: hiPoint, change, distance: vectorNorm(change, norm),
    counterfactualScore: hiScore, evaluations, stopped,
  };
}
