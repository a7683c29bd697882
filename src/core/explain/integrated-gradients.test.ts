import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random';
import { featureMeans, integratedGradients, type ValueAndGradient } from './integrated-gradients';

function randomVector(rng: Rng, d: number, scale = 1): Float64Array {
  return Float64Array.from({ length: d }, () => rng.normal() * scale);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function linearModel(w: Float64Array, c: number): ValueAndGradient {
  return (x) => ({ value: dot(w, x) + c, grad: w });
}

function logisticModel(w: Float64Array, c: number): ValueAndGradient {
  return (x) => {
    const p = sigmoid(dot(w, x) + c);
    return { value: p, grad: w.map((wi) => wi * p * (1 - p)) };
  };
}

/**
 * A 2-layer tanh network written out by hand: p = sigmoid(v . tanh(W x + b) + c), W [H x d] row-major,
 * with its input gradient dp/dx = p (1 - p) W^T (v * (1 - tanh^2)).
 */
function tanhNetwork(rng: Rng, d: number, hidden: number): ValueAndGradient {
  const W = randomVector(rng, hidden * d, 1.2 / Math.sqrt(d));
  const b = randomVector(rng, hidden, 0.3);
  const v = randomVector(rng, hidden, 2 / Math.sqrt(hidden));
  const c = 0.2;
  return (x) => {
    const t = new Float64Array(hidden);
    for (let h = 0; h < hidden; h++) t[h] = Math.tanh(dot(W.subarray(h * d, (h + 1) * d), x) + b[h]!);
    const p = sigmoid(dot(v, t) + c);
    const grad = new Float64Array(d);
    for (let h = 0; h < hidden; h++) {
      const back = p * (1 - p) * v[h]! * (1 - t[h]! * t[h]!);
      for (let i = 0; i < d; i++) grad[i] = grad[i]! + back * W[h * d + i]!;
    }
    return { value: p, grad };
  };
}

describe('integrated gradients', () => {
  it('linear model: attributions are w_i (x_i - b_i) exactly (closed form), whatever the steps', () => {
    const rng = createRng(1);
    const w = randomVector(rng, 6);
    const f = linearModel(w, 0.7);
    for (let r = 0; r < 20; r++) {
      const x = randomVector(rng, 6, 2);
      const baseline = randomVector(rng, 6);
      for (const steps of [1, 3, 64]) {
        const ig = integratedGradients(f, x, { baseline, steps });
        for (let i = 0; i < 6; i++) expect(ig.attributions[i]).toBeCloseTo(w[i]! * (x[i]! - baseline[i]!), 12);
        expect(Math.abs(ig.completenessGap)).toBeLessThan(1e-12);
        expect(ig.evaluations).toBe(steps + 1);
      }
    }
  });

  it('a worked example: f = 2 x0 + 3 x1 at [1, 1] from zeros gives [2, 3]', () => {
    const ig = integratedGradients(linearModel(Float64Array.from([2, 3]), 0), [1, 1]);
    expect(Array.from(ig.attributions)).toEqual([2, 3]);
    expect(ig.value).toBe(5);
    expect(ig.baselineValue).toBe(0);
    expect(ig.converged).toBeNull();
  });

  it('logistic model: completeness to 1e-3 on 300 rows, and the closed form w_i d_i (p(x) - p(b)) / (w . d)', () => {
    const rng = createRng(2);
    const d = 8;
    let worst = 0;
    for (let r = 0; r < 300; r++) {
      const w = randomVector(rng, d, 1.5);
      const c = rng.normal();
      const f = logisticModel(w, c);
      const x = randomVector(rng, d, 1.5);
      const ig = integratedGradients(f, x);
      worst = Math.max(worst, Math.abs(ig.completenessGap));
      expect(Math.abs(ig.sum - (ig.value - ig.baselineValue))).toBeLessThanOrEqual(1e-3);
      // Along the path z(a) = c + a (w . x), so integral sigmoid'(z(a)) da = (p(x) - p(0)) / (w . x).
      const wx = dot(w, x);
      const px = sigmoid(c + wx);
      const p0 = sigmoid(c);
      expect(ig.value).toBe(px);
      expect(ig.baselineValue).toBe(p0);
      for (let i = 0; i < d; i++) {
        const exact = (w[i]! * x[i]! * (px - p0)) / wx;
        expect(Math.abs(ig.attributions[i]! - exact)).toBeLessThan(1e-3);
      }
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('2-layer tanh network: completeness to 1e-3 on 300 rows from zeros and from the feature means', () => {
    const rng = createRng(3);
    const d = 5;
    const rows = 300;
    const X = randomVector(rng, rows * d, 1.5);
    const means = featureMeans(X, rows, d);
    for (let net = 0; net < 3; net++) {
      const f = tanhNetwork(rng, d, 16);
      for (let r = 0; r < rows; r++) {
        const x = X.subarray(r * d, (r + 1) * d);
        for (const baseline of [undefined, means]) {
          const ig = integratedGradients(f, x, { baseline });
          expect(Math.abs(ig.completenessGap), `net ${net} row ${r}`).toBeLessThanOrEqual(1e-3);
          expect(ig.sum).toBeCloseTo(ig.value - ig.baselineValue, 3);
        }
      }
    }
  });

  it('the trapezoid error falls as 1/steps^2 and a tolerance doubles the steps, reusing evaluations', () => {
    const f = tanhNetwork(createRng(4), 4, 8);
    const x = Float64Array.from([2.5, -2, 1.5, 3]);
    const gaps = [4, 8, 16, 32].map((steps) => Math.abs(integratedGradients(f, x, { steps }).completenessGap));
    for (let k = 1; k < gaps.length; k++) expect(gaps[k - 1]! / gaps[k]!).toBeGreaterThan(3); // ~4 for 1/m^2
    const refined = integratedGradients(f, x, { steps: 4, tolerance: 1e-7 });
    expect(refined.converged).toBe(true);
    expect(Math.abs(refined.completenessGap)).toBeLessThanOrEqual(1e-7);
    expect(refined.evaluations).toBe(refined.steps + 1); // every earlier point reused
    expect(refined.steps).toBeGreaterThan(4);
    // The refined result is the plain one at the same number of steps.
    const plain = integratedGradients(f, x, { steps: refined.steps });
    for (let i = 0; i < 4; i++) expect(refined.attributions[i]).toBeCloseTo(plain.attributions[i]!, 12);
    const capped = integratedGradients(f, x, { steps: 2, tolerance: 1e-15, maxSteps: 16 });
    expect(capped.steps).toBe(16);
    expect(capped.converged).toBe(false);
  });

  it('a feature the model ignores, or one at its baseline value, gets exactly 0', () => {
    const w = Float64Array.from([1, 0, -2]);
    const ig = integratedGradients(logisticModel(w, 0), [1, 5, 0]);
    expect(ig.attributions[1]).toBe(0);
    expect(Object.is(ig.attributions[2], 0) || Object.is(ig.attributions[2], -0)).toBe(true);
  });

  it('refuses bad steps and mismatched shapes', () => {
    const f = linearModel(Float64Array.from([1, 2]), 0);
    expect(() => integratedGradients(f, [1, 2], { steps: 0 })).toThrow(RangeError);
    expect(() => integratedGradients(f, [1, 2], { baseline: [0] })).toThrow(RangeError);
    expect(() => integratedGradients(f, [1, 2, 3])).toThrow(RangeError);
    expect(() => featureMeans([1, 2, 3], 2, 2)).toThrow(RangeError);
  });

  it('featureMeans averages each column of row-major X', () => {
    expect(Array.from(featureMeans([1, 10, 3, 20, 5, 60], 3, 2))).toEqual([3, 30]);
  });
});
