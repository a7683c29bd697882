import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../random';
import { buildModelSpec, initialParameters } from '../train/model';
import { nearestCounterfactual, vectorNorm, type CounterfactualNorm, type CounterfactualResult } from './counterfactual';
import { denseInputFunction } from './dense-input-function';
import type { ValueAndGradient } from './integrated-gradients';

function randomVector(rng: Rng, d: number, scale = 1): Float64Array {
  return Float64Array.from({ length: d }, () => rng.normal() * scale);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** A logistic model's logit w . x + c (its boundary is the hyperplane logit = 0). */
function logitModel(w: Float64Array, c: number): ValueAndGradient {
  return (x) => ({ value: dot(w, x) + c, grad: w });
}

/** sigmoid(v . tanh(W x + b) + c), hand-written with its input gradient. */
function tanhNetwork(rng: Rng, d: number, hidden: number): ValueAndGradient {
  const W = randomVector(rng, hidden * d, 1.5 / Math.sqrt(d));
  const b = randomVector(rng, hidden, 0.5);
  const v = randomVector(rng, hidden, 3 / Math.sqrt(hidden));
  return (x) => {
    const t = new Float64Array(hidden);
    for (let h = 0; h < hidden; h++) t[h] = Math.tanh(dot(W.subarray(h * d, (h + 1) * d), x) + b[h]!);
    const p = sigmoid(dot(v, t));
    const grad = new Float64Array(d);
    for (let h = 0; h < hidden; h++) {
      const back = p * (1 - p) * v[h]! * (1 - t[h]! * t[h]!);
      for (let i = 0; i < d; i++) grad[i] = grad[i]! + back * W[h * d + i]!;
    }
    return { value: p, grad };
  };
}

/**
 * The Done-when check: the counterfactual flips the class, and no point of the search path closer to
 * x than it does (the path sampled densely, 200 points per segment, every segment up to the last).
 * Returns the number of path points.
 */
function checkFlipsAndMinimalOnPath(f: ValueAndGradient, x: Float64Array, r: CounterfactualResult, threshold: number, norm: CounterfactualNorm): number {
  expect(r.found).toBe(true);
  const positive = (p: Float64Array): boolean => f(p).value >= threshold;
  expect(positive(x)).toBe(r.originalPositive);
  expect(positive(r.counterfactual!)).toBe(!r.originalPositive);
  expect(r.counterfactualScore).toBe(f(r.counterfactual!).value);
  expect(r.distance).toBeCloseTo(vectorNorm(r.change!, norm), 12);
  expect(r.path[0]).toEqual(x);
  expect(r.path[r.path.length - 1]).toEqual(r.counterfactual);
  // Every point before the counterfactual along the path keeps the class, so in particular no point of
  // the path closer to x flips it; `closer` counts those, to show the check is not vacuous.
  let closer = 0;
  const flippedEarlier: string[] = [];
  for (let s = 0; s + 1 < r.path.length; s++) {
    const a = r.path[s]!;
    const b = r.path[s + 1]!;
    const last = s + 2 === r.path.length;
    for (let k = 0; k < (last ? 200 : 201); k++) {
      const p = a.map((v, i) => v + (k / 200) * (b[i]! - v));
      if (vectorNorm(p.map((v, i) => v - x[i]!), norm) < r.distance!) closer += 1;
      if (positive(p) !== r.originalPositive) flippedEarlier.push(`segment ${s}, point ${k}`);
    }
  }
  expect(flippedEarlier).toEqual([]);
  expect(closer).toBeGreaterThan(0);
  return r.path.length;
}

describe('nearest counterfactual', () => {
  it('linear logit, L2: the orthogonal projection onto the boundary, |w . x + c| / |w| away (closed form)', () => {
    const rng = createRng(1);
    for (let r = 0; r < 100; r++) {
      const w = randomVector(rng, 5, 2);
      const c = rng.normal();
      const x = randomVector(rng, 5, 2);
      const f = logitModel(w, c);
      const res = nearestCounterfactual(f, x, { maxStepNorm: Infinity });
      const margin = dot(w, x) + c;
      const w2 = dot(w, w);
      expect(res.distance!).toBeCloseTo(Math.abs(margin) / Math.sqrt(w2), 7);
      for (let i = 0; i < 5; i++) expect(res.change![i]!).toBeCloseTo((-margin * w[i]!) / w2, 7);
      checkFlipsAndMinimalOnPath(f, x, res, 0, 'l2');
    }
  });

  it('linear logit, L1: only the feature with the largest |w_i| moves, by |margin| / |w_i|', () => {
    const rng = createRng(2);
    for (let r = 0; r < 100; r++) {
      const w = randomVector(rng, 6, 2);
      const c = rng.normal();
      const x = randomVector(rng, 6, 2);
      const f = logitModel(w, c);
      const res = nearestCounterfactual(f, x, { norm: 'l1', maxStepNorm: Infinity });
      const margin = dot(w, x) + c;
      const j = Array.from(w).reduce((best, v, i) => (Math.abs(v) > Math.abs(w[best]!) ? i : best), 0);
      expect(res.distance!).toBeCloseTo(Math.abs(margin) / Math.abs(w[j]!), 7);
      res.change!.forEach((v, i) => (i === j ? expect(v).toBeCloseTo(-margin / w[j]!, 7) : expect(v).toBe(0)));
      checkFlipsAndMinimalOnPath(f, x, res, 0, 'l1');
    }
  });

  it('a step cap makes a path of several segments; the result is the same crossing', () => {
    const w = Float64Array.from([1, 2]);
    const f = logitModel(w, -10); // from the origin the boundary is sqrt(20) ~ 4.47 away
    const res = nearestCounterfactual(f, [0, 0], { maxStepNorm: 1 });
    expect(res.path.length).toBe(6);
    expect(res.distance!).toBeCloseTo(Math.sqrt(20), 7);
    checkFlipsAndMinimalOnPath(f, Float64Array.from([0, 0]), res, 0, 'l2');
  });

  it('tanh network scoring probabilities at 0.5: flips, and nothing smaller on the path does, L2 and L1', () => {
    const rng = createRng(3);
    let flippedRows = 0;
    for (let net = 0; net < 4; net++) {
      const f = tanhNetwork(rng, 4, 12);
      for (let r = 0; r < 40; r++) {
        const x = randomVector(rng, 4, 1.5);
        for (const norm of ['l2', 'l1'] as const) {
          const res = nearestCounterfactual(f, x, { threshold: 0.5, norm, maxStepNorm: 0.5 });
          if (!res.found) continue; // a region the network never leaves (checked below to be rare)
          flippedRows += 1;
          checkFlipsAndMinimalOnPath(f, x, res, 0.5, norm);
        }
      }
    }
    expect(flippedRows).toBeGreaterThan(280); // of 320
  });

  it("an app MLP through denseInputFunction's logit", () => {
    const spec = buildModelSpec({ kind: 'mlp', hidden: [16], activation: 'relu', dropout: 0, init: 'he' }, 3, 'sigmoid', 2);
    const rng = createRng(5);
    const params = initialParameters(spec, 'he', rng);
    const f = denseInputFunction(spec, params, { output: 'logit' });
    for (let r = 0; r < 40; r++) {
      const x = randomVector(rng, 3, 1.5);
      const res = nearestCounterfactual(f, x);
      if (res.found) checkFlipsAndMinimalOnPath(f, x, res, 0, 'l2');
    }
  });

  it('frozen features never change; bounds hold', () => {
    const f = logitModel(Float64Array.from([3, 1, 1]), -2);
    const res = nearestCounterfactual(f, [0, 0, 0], { mutable: [false, true, true], upper: [5, 0.5, 5], maxStepNorm: Infinity });
    expect(res.found).toBe(true);
    expect(res.change![0]).toBe(0);
    for (const p of res.path) expect(p[1]!).toBeLessThanOrEqual(0.5);
    expect(res.counterfactual![1]).toBeCloseTo(0.5, 9);
    expect(res.counterfactual![2]).toBeCloseTo(1.5, 6);
    checkFlipsAndMinimalOnPath(f, Float64Array.from([0, 0, 0]), res, 0, 'l2');
  });

  it('reports when nothing can flip the class', () => {
    const constant: ValueAndGradient = (x) => ({ value: 1, grad: new Float64Array(x.length) });
    const r = nearestCounterfactual(constant, [1, 2]);
    expect(r).toMatchObject({ found: false, stopped: 'no-direction', counterfactual: null, distance: null });
    const frozen = nearestCounterfactual(logitModel(Float64Array.from([1, 1]), 0), [1, 1], { mutable: [false, false] });
    expect(frozen.stopped).toBe('no-direction');
    const bounded = nearestCounterfactual(logitModel(Float64Array.from([1]), -10), [0], { upper: [3] });
    expect(bounded.found).toBe(false);
  });

  it('a row exactly on the threshold (positive) is moved just below it', () => {
    const f = logitModel(Float64Array.from([1, 0]), 0);
    const r = nearestCounterfactual(f, [0, 4]);
    expect(r.originalPositive).toBe(true);
    expect(r.found).toBe(true);
    expect(r.counterfactualScore!).toBeLessThan(0);
    expect(r.distance!).toBeLessThan(1e-5);
  });
});
