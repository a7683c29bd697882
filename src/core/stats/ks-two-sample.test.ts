import { describe, expect, it } from 'vitest';
import { kolmogorovTwoSidedSf, smirnovSf } from './kolmogorov';
import { ksExactEqualSizes, ksExactUnequalSizes, ksTwoSample } from './ks-two-sample';
import { closeTo, statsFixtures, weyl, type WeylSpec } from './test-fixtures';

describe('kolmogorovTwoSidedSf (scipy.stats.kstwo.sf)', () => {
  it('matches scipy on every branch of kolmogn', () => {
    const bad: string[] = [];
    for (const c of statsFixtures.kstwo) {
      const v = kolmogorovTwoSidedSf(c.n, c.d);
      if (!closeTo(v, c.sf, 1e-9, 1e-15)) bad.push(`n=${c.n} d=${c.d}: ${v} vs ${c.sf}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('smirnovSf (scipy.special.smirnov)', () => {
  it('matches scipy', () => {
    const bad: string[] = [];
    for (const c of statsFixtures.smirnov) {
      const v = smirnovSf(c.n, c.d);
      if (!closeTo(v, c.sf, 1e-9, 1e-15)) bad.push(`n=${c.n} d=${c.d}: ${v} vs ${c.sf}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('ksTwoSample (scipy.stats.ks_2samp)', () => {
  for (const c of statsFixtures.ks) {
    it(c.name, () => {
      const a = 'a' in c ? c.a! : weyl((c as { aSpec: WeylSpec }).aSpec);
      const b = 'b' in c ? c.b! : weyl((c as { bSpec: WeylSpec }).bSpec);
      const r = ksTwoSample(a, b);
      expect(r.method).toBe(c.method === 'exact' ? 'exact' : 'asymptotic');
      expect(closeTo(r.statistic, c.statistic, 1e-12, 0), `D ${r.statistic} vs ${c.statistic}`).toBe(true);
      expect(closeTo(r.pValue, c.pValue, 1e-9, 1e-12), `p ${r.pValue} vs ${c.pValue}`).toBe(true);
      expect(r.location).toBe(c.location);
      expect(r.sign).toBe(c.sign);
    });
  }
});

describe('exact path counts, checked by brute force', () => {
  /** P(D >= h/lcm) by enumerating every split of m + n pooled ranks into the two samples. */
  function bruteForce(m: number, n: number, h: number): number {
    const total = m + n;
    let hits = 0, all = 0;
    for (let mask = 0; mask < 1 << total; mask++) {
      let bits = 0;
      for (let t = mask; t; t &= t - 1) bits++;
      if (bits !== m) continue;
      all++;
      let x = 0, y = 0, maxDiff = 0;
      for (let i = 0; i < total; i++) {
        if (mask & (1 << i)) x++; else y++;
        maxDiff = Math.max(maxDiff, Math.abs(x * n - y * m)); // lcm-scaled |F_a - F_b| times m n / lcm
      }
      const g = gcdOf(m, n);
      if (maxDiff / g >= h) hits++;
    }
    return hits / all;
  }
  const gcdOf = (a: number, b: number): number => (b ? gcdOf(b, a % b) : a);

  it('equal sizes: reflection series = enumeration', () => {
    for (const n of [3, 5, 7]) {
      for (let h = 1; h <= n; h++) expect(ksExactEqualSizes(n, h)).toBeCloseTo(bruteForce(n, n, h), 13);
    }
  });

  it('unequal sizes: inside recursion = enumeration', () => {
    for (const [m, n] of [[3, 5], [4, 6], [2, 9], [6, 8]] as const) {
      const g = gcdOf(m, n), lcm = (m / g) * n;
      for (let h = 1; h <= lcm; h++) expect(ksExactUnequalSizes(m, n, g, h)).toBeCloseTo(bruteForce(m, n, h), 13);
    }
  });
});
