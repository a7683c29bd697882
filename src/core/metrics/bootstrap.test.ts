import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  bootstrapAucCi, bootstrapCi, bootstrapMetricCi, pairedBootstrapAucDiff, pairedBootstrapDiff, quantileSorted,
} from './bootstrap';

/** AUC by counting pairs (ties 1/2): the brute-force reference, O(P N). Null with one class. */
function pairAuc(y: ArrayLike<number>, s: ArrayLike<number>): number | null {
  let num = 0, p = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    p++;
    for (let j = 0; j < y.length; j++) {
      if (y[j] === 1) continue;
      num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  const q = y.length - p;
  return p === 0 || q === 0 ? null : num / (p * q);
}

/** Binormal population: positives ~ N(d, 1), negatives ~ N(0, 1); AUC = Phi(d / sqrt 2). */
function binormal(n: number, d: number, seed: number, prevalence = 0.5, round = 0): { y: Uint8Array; s: Float64Array } {
  const rng = createRng(seed);
  const y = new Uint8Array(n), s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < prevalence ? 1 : 0;
    const v = rng.normal() + d * y[i]!;
    s[i] = round ? Math.round(v * round) / round : v;
  }
  return { y, s };
}

/** Rows reordered by score descending, positives before negatives within a tie. */
function sortedForFastPath(y: Uint8Array, s: Float64Array): { y: Uint8Array; s: Float64Array } {
  const order = Array.from(y, (_, i) => i).sort((a, b) => s[b]! - s[a]! || y[b]! - y[a]!);
  return { y: Uint8Array.from(order, (i) => y[i]!), s: Float64Array.from(order, (i) => s[i]!) };
}

describe('quantileSorted', () => {
  it('interpolates linearly like numpy.quantile', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 15);
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 15);
    expect(quantileSorted([5], 0.5)).toBe(5);
    expect(quantileSorted([1, 3], 0)).toBe(1);
    expect(quantileSorted([1, 3], 1)).toBe(3);
  });
});

describe('bootstrapCi', () => {
  const rng = createRng(11);
  const x = Float64Array.from({ length: 400 }, () => 10 + 2 * rng.normal());
  const mean = (idx: Int32Array): number => { let t = 0; for (const i of idx) t += x[i]!; return t / idx.length; };

  it('brackets the estimate, repeats with the same seed and moves with another', () => {
    const a = bootstrapCi(x.length, mean, { B: 500, seed: 1 });
    const b = bootstrapCi(x.length, mean, { B: 500, seed: 1 });
    const c = bootstrapCi(x.length, mean, { B: 500, seed: 2 });
    expect(a.lower!).toBeLessThan(a.estimate!);
    expect(a.upper!).toBeGreaterThan(a.estimate!);
    expect(b).toEqual(a);
    expect(c.lower).not.toBe(a.lower);
    expect(a).toMatchObject({ B: 500, validResamples: 500, alpha: 0.05 });
  });

  it('gives about the normal-theory width 2 * 1.96 * sd / sqrt(n) for a mean', () => {
    let m = 0, v = 0;
    for (const t of x) m += t / x.length;
    for (const t of x) v += (t - m) ** 2 / (x.length - 1);
    const expected = 2 * 1.96 * Math.sqrt(v / x.length);
    const r = bootstrapCi(x.length, mean, { B: 2000, seed: 3 });
    expect((r.upper! - r.lower!) / expected).toBeGreaterThan(0.9);
    expect((r.upper! - r.lower!) / expected).toBeLessThan(1.1);
    const r90 = bootstrapCi(x.length, mean, { B: 2000, seed: 3, alpha: 0.1 });
    expect(r90.upper! - r90.lower!).toBeLessThan(r.upper! - r.lower!);
  });

  it('drops resamples where the metric is undefined and reports null when none is left', () => {
    const r = bootstrapCi(10, (idx) => (idx.includes(0) ? 1 : null), { B: 300, seed: 4 });
    // P(row 0 drawn at least once in 10 draws) = 1 - 0.9^10 = 0.651
    expect(r.validResamples).toBeGreaterThan(150);
    expect(r.validResamples).toBeLessThan(250);
    expect(r.estimate).toBe(1);
    const none = bootstrapCi(5, () => NaN, { B: 20 });
    expect(none).toMatchObject({ estimate: null, lower: null, upper: null, validResamples: 0, B: 20 });
  });

  it('rejects bad options', () => {
    expect(() => bootstrapCi(5, () => 1, { B: 0 })).toThrow(RangeError);
    expect(() => bootstrapCi(5, () => 1, { alpha: 1 })).toThrow(RangeError);
    expect(() => bootstrapCi(0, () => 1)).toThrow(RangeError);
  });
});

describe('bootstrapAucCi (weights along one sorted order)', () => {
  it('equals the AUC recomputed by counting pairs on every materialised resample', () => {
    // Rounded scores: many ties within and across classes. Rows in the fast path's sorted order
    // (score descending, positives first within a tie) so that its positions are the rows.
    const raw = binormal(150, 0.8, 5, 0.3, 4);
    const { y, s } = sortedForFastPath(raw.y, raw.s);
    for (const seed of [1, 2, 3]) {
      const fast = bootstrapAucCi(y, s, { B: 200, seed });
      const slow = bootstrapMetricCi(y, s, pairAuc, { B: 200, seed });
      expect(fast.validResamples).toBe(slow.validResamples);
      expect(fast.estimate).toBeCloseTo(slow.estimate!, 14);
      expect(fast.lower).toBeCloseTo(slow.lower!, 14);
      expect(fast.upper).toBeCloseTo(slow.upper!, 14);
    }
  });

  it('does not depend on the row order at all (it draws sorted positions)', () => {
    const { y, s } = binormal(2000, 0.8, 15, 0.3, 20);
    const { y: ys, s: ss } = sortedForFastPath(y, s);
    expect(bootstrapAucCi(y, s, { B: 100, seed: 3 })).toEqual(bootstrapAucCi(ys, ss, { B: 100, seed: 3 }));
  });

  it('drops single-class resamples exactly as the brute-force path does', () => {
    const y = new Uint8Array([0, 1, 0, 0, 0, 0, 0, 0]);
    const s = new Float64Array([0.95, 0.9, 0.7, 0.6, 0.5, 0.3, 0.2, 0.1]);
    const fast = bootstrapAucCi(y, s, { B: 400, seed: 9 });
    const slow = bootstrapMetricCi(y, s, pairAuc, { B: 400, seed: 9 });
    expect(fast.validResamples).toBe(slow.validResamples);
    expect(fast.validResamples).toBeLessThan(400); // (7/8)^8 = 34% of resamples have no positive
    expect(fast.lower).toBeCloseTo(slow.lower!, 14);
    expect(fast.estimate).toBeCloseTo(6 / 7, 14);
  });

  it('narrows like 1 / sqrt(n)', () => {
    const small = binormal(500, 1, 6), large = binormal(8000, 1, 7);
    const ws = bootstrapAucCi(small.y, small.s, { B: 400, seed: 1 });
    const wl = bootstrapAucCi(large.y, large.s, { B: 400, seed: 1 });
    const ratio = (ws.upper! - ws.lower!) / (wl.upper! - wl.lower!);
    expect(ratio).toBeGreaterThan(3.2); // sqrt(16) = 4
    expect(ratio).toBeLessThan(5);
  });

  it('covers the population AUC about 95% of the time', () => {
    const d = 1;
    const truth = normalCdf(d / Math.SQRT2, 0, 1); // 0.7602
    const reps = 300;
    let covered = 0;
    for (let rep = 0; rep < reps; rep++) {
      const { y, s } = binormal(200, d, 1000 + rep);
      const r = bootstrapAucCi(y, s, { B: 300, seed: rep });
      if (r.lower! <= truth && truth <= r.upper!) covered++;
    }
    // Binomial sd of the coverage over 300 repetitions is ~1.3 points.
    expect(covered / reps).toBeGreaterThan(0.9);
    expect(covered / reps).toBeLessThan(0.985);
  });
});

describe('paired bootstrap', () => {
  const { y, s } = binormal(120, 1, 21, 0.4, 10);
  const rng = createRng(22);
  const s2 = Float64Array.from(s, (v) => Math.round((0.6 * v + rng.normal()) * 10) / 10);

  it('pairedBootstrapAucDiff equals pairedBootstrapDiff over brute-force AUCs', () => {
    const gather = (score: Float64Array) => (idx: Int32Array): number | null =>
      pairAuc(Array.from(idx, (i) => y[i]!), Array.from(idx, (i) => score[i]!));
    const fast = pairedBootstrapAucDiff(y, s, s2, { B: 150, seed: 5 });
    const slow = pairedBootstrapDiff(y.length, gather(s), gather(s2), { B: 150, seed: 5 });
    expect(fast.validResamples).toBe(slow.validResamples);
    expect(fast.estimateA).toBeCloseTo(pairAuc(y, s)!, 14);
    expect(fast.estimateB).toBeCloseTo(pairAuc(y, s2)!, 14);
    expect(fast.estimate).toBeCloseTo(slow.estimate!, 14);
    expect(fast.lower).toBeCloseTo(slow.lower!, 14);
    expect(fast.upper).toBeCloseTo(slow.upper!, 14);
  });

  it('is narrower than the unpaired intervals suggest when the models are correlated', () => {
    const paired = pairedBootstrapAucDiff(y, s, s2, { B: 500, seed: 6 });
    const a = bootstrapAucCi(y, s, { B: 500, seed: 7 }), b = bootstrapAucCi(y, s2, { B: 500, seed: 8 });
    const unpaired = Math.hypot(a.upper! - a.lower!, b.upper! - b.lower!);
    expect(paired.upper! - paired.lower!).toBeLessThan(unpaired);
    expect(paired.lower!).toBeLessThan(paired.estimate!);
    expect(paired.upper!).toBeGreaterThan(paired.estimate!);
  });

  it('is exactly zero-width for a model compared with itself', () => {
    const r = pairedBootstrapAucDiff(y, s, s, { B: 50, seed: 1 });
    expect([r.estimate, r.lower, r.upper]).toEqual([0, 0, 0]);
  });
});
