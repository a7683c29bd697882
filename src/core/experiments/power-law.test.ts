import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/power-law-fixtures.json';
import { bootstrapPowerLaw, fitPowerLaw, powerLawAt } from './power-law';

describe('fitPowerLaw', () => {
  it('recovers a, b and c exactly from points on a power law (closed form)', () => {
    const n = [20, 40, 80, 160, 320, 640];
    const err = n.map((x) => 2 * Math.pow(x, -0.5) + 0.1);
    const fit = fitPowerLaw(n, err)!;
    expect(fit.a).toBeCloseTo(2, 7);
    expect(fit.b).toBeCloseTo(0.5, 8);
    expect(fit.c).toBeCloseTo(0.1, 8);
    expect(fit.objective).toBeLessThan(1e-18);
  });

  it('keeps a >= 0: a curve that rises with n fits as flat at its mean (the constrained least-squares optimum)', () => {
    const n = [10, 20, 40, 80];
    const err = [0.1, 0.2, 0.3, 0.4];
    const fit = fitPowerLaw(n, err)!;
    expect(fit.a).toBe(0);
    expect(fit.c).toBeCloseTo(0.25, 12);
    expect(fit.objective).toBeCloseTo(0.5 * (0.15 ** 2 * 2 + 0.05 ** 2 * 2), 12);
  });

  it('needs three distinct sizes and finite values', () => {
    expect(fitPowerLaw([10, 10, 20], [1, 2, 3])).toBeNull();
    expect(fitPowerLaw([10, 20, 30], [1, NaN, 3])).toBeNull();
    expect(() => fitPowerLaw([1, 2], [1])).toThrow(RangeError);
  });

  for (const c of fixtures.cases) {
    it(`matches scipy (${c.loss === 'ls' ? 'curve_fit' : "least_squares(loss='huber')"}): ${c.name}`, () => {
      const fit = fitPowerLaw(c.n, c.err, { bMin: fixtures.bMin, bMax: fixtures.bMax, huber: c.huber })!;
      // Our objective is never worse than scipy's (a global search over b), and the optimum is the same point.
      expect(fit.objective).toBeLessThanOrEqual(c.objective * (1 + 1e-9));
      expect(fit.objective).toBeCloseTo(c.objective, 12);
      expect(fit.b).toBeCloseTo(c.b, 5);
      expect(fit.a / c.a).toBeCloseTo(1, 4);
      expect(fit.c).toBeCloseTo(c.c, 5);
      if ('ls' in c && c.ls) {
        // The outliers pull least squares far from the Huber fit.
        const ls = fitPowerLaw(c.n, c.err, { bMin: fixtures.bMin, bMax: fixtures.bMax })!;
        expect(ls.b).toBeCloseTo(c.ls.b, 4);
        expect(Math.abs(ls.b - fit.b)).toBeGreaterThan(0.2);
      }
    });
  }
});

describe('bootstrapPowerLaw', () => {
  const sizes = [20, 40, 80, 160, 320];
  const series = (noise: number) =>
    [0.6, -0.3, 0.9, -0.8, 0.1].map((z, r) => ({ sizes, err: sizes.map((n, i) => 1.2 * Math.pow(n, -0.5) + 0.1 + noise * Math.sin(3 * r + 7 * i + z)) }));

  it('has a band around the fit that is seeded, narrows with less noise and predicts a positive gain from more rows', () => {
    const noisy = bootstrapPowerLaw(series(0.01), { at: [320, 1280], factors: [2, 10], resamples: 100, seed: 3 })!;
    const again = bootstrapPowerLaw(series(0.01), { at: [320, 1280], factors: [2, 10], resamples: 100, seed: 3 })!;
    expect(again).toEqual(noisy);
    const quiet = bootstrapPowerLaw(series(0.001), { at: [320, 1280], factors: [2, 10], resamples: 100, seed: 3 })!;
    for (const b of [...noisy.bands, ...quiet.bands]) {
      expect(b.low).toBeLessThanOrEqual(b.high);
    }
    expect(noisy.bands[1]!.high - noisy.bands[1]!.low).toBeGreaterThan(quiet.bands[1]!.high - quiet.bands[1]!.low);
    const g2 = quiet.gains[0]!;
    // Gain from doubling, closed form on the true curve: 1.2 (320^-0.5 - 640^-0.5).
    expect(g2.gain).toBeCloseTo(1.2 * (Math.pow(320, -0.5) - Math.pow(640, -0.5)), 2);
    expect(g2.low).toBeGreaterThan(0);
    expect(quiet.gains[1]!.gain).toBeGreaterThan(g2.gain);
    expect(quiet.bands[0]!.fit).toBeCloseTo(powerLawAt(quiet.fit, 320), 12);
    expect(quiet.fitted).toBe(100);
  });
});

describe('fitPowerLaw with a floor on c', () => {
  it('keeps the asymptote at or above cMin, on the boundary solved in closed form', () => {
    // Points on err = 1 n^-0.5 - 1.2: an accuracy above 1 would be the unconstrained asymptote.
    const n = [10, 20, 40, 80, 160];
    const err = n.map((x) => Math.pow(x, -0.5) - 1.2);
    const free = fitPowerLaw(n, err)!;
    expect(free.c).toBeCloseTo(-1.2, 8);
    const floored = fitPowerLaw(n, err, { cMin: -1 })!;
    expect(floored.c).toBe(-1);
    // For the b found, a is the least-squares slope of (err + 1) on n^-b through the origin.
    const x = n.map((v) => Math.pow(v, -floored.b));
    const a = x.reduce((s, xi, i) => s + xi * (err[i]! + 1), 0) / x.reduce((s, xi) => s + xi * xi, 0);
    expect(floored.a).toBeCloseTo(a, 10);
    expect(floored.objective).toBeGreaterThan(free.objective);
  });

  it('flags an exponent on the bound of its range', () => {
    const n = [10, 20, 40, 80];
    expect(fitPowerLaw(n, n.map((x) => 3 - 0.3 * Math.log(x)))!.bAtBound).toBe(true);
    expect(fitPowerLaw(n, n.map((x) => Math.pow(x, -0.7)))!.bAtBound).toBe(false);
  });
});
