import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { splitIndices } from './split';

describe('splitIndices', () => {
  it('partitions every row exactly once, in the requested sizes', () => {
    const s = splitIndices(100, { validation: 0.2, test: 0.1 }, createRng(1));
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([70, 20, 10]);
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('stratifies: each part keeps the class counts up to rounding', () => {
    const strata = Array.from({ length: 90 }, (_, i) => (i < 60 ? 0 : i < 80 ? 1 : 2));
    const s = splitIndices(90, { validation: 0.5, test: 0.25 }, createRng(2), strata);
    const count = (rows: Int32Array, k: number) => Array.from(rows).filter((r) => strata[r] === k).length;
    expect([0, 1, 2].map((k) => count(s.test, k))).toEqual([15, 5, 3]); // round(60/4), round(20/4), round(10/4) = 2.5 -> 3
    expect([0, 1, 2].map((k) => count(s.validation, k))).toEqual([30, 10, 5]);
  });

  it('is reproducible by seed and sorted within parts', () => {
    const a = splitIndices(50, { validation: 0.2, test: 0.2 }, createRng(9));
    const b = splitIndices(50, { validation: 0.2, test: 0.2 }, createRng(9));
    expect(a).toEqual(b);
    expect(Array.from(a.test)).toEqual([...a.test].sort((x, y) => x - y));
    expect(splitIndices(50, { validation: 0.2, test: 0.2 }, createRng(10)).test).not.toEqual(a.test);
  });

  it('rejects fractions that leave nothing to train on', () => {
    expect(() => splitIndices(10, { validation: 0.5, test: 0.5 }, createRng(1))).toThrow(RangeError);
  });
});
