import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  choleskyInPlace, conditionGaussianProcess, fitGaussianProcess, matern52, solveLower, solveUpperTransposed,
} from './gaussian-process';

describe('Cholesky and triangular solves', () => {
  it('factors a random SPD matrix: L L^T = A, and solves A x = b', () => {
    const n = 6, rng = createRng(4);
    const B = Float64Array.from({ length: n * n }, () => rng.normal());
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = i === j ? 0.5 : 0;
      for (let k = 0; k < n; k++) s += B[i * n + k]! * B[j * n + k]!;
      A[i * n + j] = s;
    }
    const L = A.slice();
    expect(choleskyInPlace(L, n)).toBe(true);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += L[i * n + k]! * L[j * n + k]!;
      expect(s).toBeCloseTo(A[i * n + j]!, 12);
      if (j > i) expect(L[i * n + j]).toBe(0);
    }
    const b = [1, -2, 3, 0.5, 0, 4];
    const x = solveUpperTransposed(L, solveLower(L, b, n), n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j]! * x[j]!;
      expect(s).toBeCloseTo(b[i]!, 10);
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });
});

describe('Gaussian process', () => {
  it('Matérn 5/2 closed form', () => {
    expect(matern52(0)).toBe(1);
    expect(matern52(1)).toBeCloseTo((1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 15);
  });

  it('one point: amplitude, likelihood and posterior by hand', () => {
    const r = 0.01, y = 1.7, l = 0.4;
    const gp = conditionGaussianProcess([[0.2]], [y], { lengthScales: [l], noiseRatio: r })!;
    const amp = (y * y) / (1 + r);
    expect(gp.amplitude).toBeCloseTo(amp, 14);
    expect(gp.logMarginalLikelihood).toBeCloseTo(-0.5 * Math.log(amp) - 0.5 * Math.log(1 + r) - 0.5 * (1 + Math.log(2 * Math.PI)), 13);
    const c = matern52(0.3 / l);
    const p = gp.predict([0.5]);
    expect(p.mean).toBeCloseTo((c * y) / (1 + r), 14);
    expect(p.variance).toBeCloseTo(amp * (1 - (c * c) / (1 + r)), 14);
  });

  it('two points: mean from the explicit 2 x 2 inverse', () => {
    const X = [[0.1, 0.9], [0.6, 0.3]], y = [1, -0.5], hyper = { lengthScales: [0.5, 0.8], noiseRatio: 1e-3 };
    const gp = conditionGaussianProcess(X, y, hyper)!;
    const corr = (a: number[], b: number[]): number => matern52(Math.hypot((a[0]! - b[0]!) / 0.5, (a[1]! - b[1]!) / 0.8));
    const k12 = corr(X[0]!, X[1]!), d = 1 + 1e-3, det = d * d - k12 * k12;
    const alpha = [(d * y[0]! - k12 * y[1]!) / det, (-k12 * y[0]! + d * y[1]!) / det];
    const x = [0.3, 0.5];
    expect(gp.predict(x).mean).toBeCloseTo(corr(x, X[0]!) * alpha[0]! + corr(x, X[1]!) * alpha[1]!, 13);
  });

  it('interpolates its data when the noise is small', () => {
    const X = [[0], [0.3], [0.7], [1]], y = [0, 1, -1, 0.5];
    const gp = conditionGaussianProcess(X, y, { lengthScales: [0.3], noiseRatio: 1e-8 })!;
    X.forEach((x, i) => {
      expect(gp.predict(x).mean).toBeCloseTo(y[i]!, 5);
      expect(gp.predict(x).variance).toBeLessThan(1e-6);
    });
    expect(gp.predict([0.5]).variance).toBeGreaterThan(0.01);
  });

  it('fitting maximises the likelihood and learns that an ignored dimension is irrelevant', () => {
    const rng = createRng(9);
    const X = Array.from({ length: 30 }, () => [rng.next(), rng.next()]);
    const y = X.map(([a]) => Math.sin(6 * a!));
    const gp = fitGaussianProcess(X, y);
    for (const l of [0.05, 0.2, 0.6, 3]) for (const r of [1e-6, 1e-2]) {
      expect(gp.logMarginalLikelihood).toBeGreaterThanOrEqual(conditionGaussianProcess(X, y, { lengthScales: [l, l], noiseRatio: r })!.logMarginalLikelihood);
    }
    const [l0, l1] = gp.hyperparameters.lengthScales;
    expect(l1!).toBeGreaterThan(2 * l0!);
    expect(gp.predict([0.25, 0.5]).mean).toBeCloseTo(Math.sin(1.5), 1);
  });
});
