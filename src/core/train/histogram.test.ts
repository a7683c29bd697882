import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';

describe('histogram', () => {
  it('bins equal-width from min to max, the max in the last bin', () => {
    expect(histogram([0, 1, 2, 3, 4, 4, 10], 5)).toEqual({ min: 0, max: 10, counts: [2, 2, 2, 0, 1], nonFinite: 0 });
  });
  it('respects the [start, end) range and counts non-finite values apart', () => {
    expect(histogram([100, 1, NaN, 3, Infinity, -100], 2, 1, 5)).toEqual({ min: 1, max: 3, counts: [1, 1], nonFinite: 2 });
  });
  it('puts constant values in the middle bin', () => {
    expect(histogram([0, 0, 0], 4).counts).toEqual([0, 0, 3, 0]);
  });
  it('handles an empty range', () => {
    expect(histogram([], 3)).toEqual({ min: 0, max: 0, counts: [0, 0, 0], nonFinite: 0 });
  });
});
