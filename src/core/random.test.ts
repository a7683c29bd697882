import { describe, expect, it } from 'vitest';
import { createRng, shuffledIndices } from './random';

describe('createRng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and normals with mean 0, variance 1', () => {
    const rng = createRng(7);
    const n = 200_000;
    let su = 0, sn = 0, sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = rng.normal();
      sn += z; sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  it('shuffles to a permutation', () => {
    const p = shuffledIndices(1000, createRng(1));
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(p.slice(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
