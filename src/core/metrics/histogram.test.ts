import { describe, expect, it } from 'vitest';
import { binValues, classHistograms, equalWidthEdges } from './histogram';

describe('histograms', () => {
  it('splits scores by class on shared bins, the last bin closed', () => {
    const h = classHistograms(Uint8Array.of(0, 1, 1, 0), Float64Array.of(0.1, 0.9, 1, 0.5), 2, 0, 1);
    expect([...h.edges]).toEqual([0, 0.5, 1]);
    expect([...h.negative]).toEqual([1, 1]);
    expect([...h.positive]).toEqual([0, 2]);
  });

  it('uses the scores’ own range by default and widens a constant one', () => {
    const h = classHistograms([1, 0], [3, 3], 4);
    expect(h.edges[0]).toBe(2.5);
    expect(h.edges[4]).toBe(3.5);
    expect(h.positive.reduce((a, b) => a + b, 0) + h.negative.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('counts every finite value once', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
    const { counts } = binValues(values, equalWidthEdges(-10, 10, 7));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(binValues([NaN, 1], equalWidthEdges(0, 2, 2)).counts.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
