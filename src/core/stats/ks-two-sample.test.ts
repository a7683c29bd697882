import { describe, expect, it } from 'vitest';
import { kolmogorovTwoSidedSf, smirnovSf } from './kolmogorov';
import { ksExactEqualSizes, ksTwoSample } from './ks-two-sample';
import { closeTo, statsFixtures, weyl, type WeylSpec } from './fixture-data';

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
