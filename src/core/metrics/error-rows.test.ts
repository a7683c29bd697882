import { describe, expect, it } from 'vitest';
import { binaryErrorRows, multiclassErrorRows, regressionErrorRows, topRows } from './error-rows';

describe('topRows', () => {
  it('keeps the largest keys, largest first, ties in row order', () => {
    const keys = [3, 9, 9, 1, 9, 5];
    expect([...topRows(keys.length, (i) => keys[i]!, 2)]).toEqual([1, 2]);
    expect([...topRows(keys.length, (i) => keys[i]!, 4)]).toEqual([1, 2, 4, 5]);
  });

  it('agrees with a full sort on random keys', () => {
    let state = 12345;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const keys = Array.from({ length: 5000 }, () => Math.floor(next() * 300));
    const expected = keys.map((k, i) => ({ k, i })).sort((a, b) => b.k - a.k || a.i - b.i).slice(0, 37).map((e) => e.i);
    expect([...topRows(keys.length, (i) => keys[i]!, 37)]).toEqual(expected);
  });

  it('skips NaN and -Infinity keys', () => {
    const keys = [NaN, -Infinity, 2];
    expect([...topRows(3, (i) => keys[i]!, 3)]).toEqual([2]);
  });
});

describe('error rows', () => {
  it('binary: only rows on the wrong side of the threshold, farthest first', () => {
    const y = [1, 1, 0, 0, 1];
    const s = [0.9, 0.1, 0.5, 0.2, 0.45];
    // t = 0.5: row 1 (1 scored 0.1, 0.4 short), row 2 (0 scored 0.5 >= t, 0 past), row 4 (0.05 short)
    expect([...binaryErrorRows(y, s, 0.5, 10)]).toEqual([1, 4, 2]);
  });

  it('multiclass: wrong rows by the probability of the wrong prediction', () => {
    const y = [0, 1, 2];
    const pred = [1, 1, 0];
    const proba = [0.3, 0.7, 0, 0, 1, 0, 0.9, 0, 0.1];
    expect([...multiclassErrorRows(y, pred, proba, 3, 5)]).toEqual([2, 0]);
  });

  it('regression: largest absolute error first', () => {
    expect([...regressionErrorRows([1, 2, 3], [1.5, 0, 3.1], 2)]).toEqual([1, 0]);
  });
});
