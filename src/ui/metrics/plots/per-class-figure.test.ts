import { describe, expect, it } from 'vitest';
import { perClassFigure, perClassRange } from './per-class-figure';

describe('per-class precision, recall and F1', () => {
  it('the axis starts near the lowest value, so differences between good classes show', () => {
    const good = { precision: [0.99, 0.92, 0.97], recall: [1, 0.95, 0.93], f1: [0.995, 0.935, 0.95] };
    const [low, high] = perClassRange(good);
    expect(low).toBe(0.85);
    expect(high).toBeGreaterThan(1);
    // 0.92 and 0.99 are more than half the axis apart, not 7 % of it as on a fixed 0–1 axis.
    expect((0.99 - 0.92) / (high - low)).toBeGreaterThan(0.4);
    const fig = perClassFigure(good, ['a', 'b', 'c']);
    expect((fig.layout.yaxis as { range: number[] }).range).toEqual([0.85, 1.01]);
    expect((fig.layout.yaxis as { title: { text: string } }).title.text).toBe('Value (axis from 0.85)');
  });

  it('a weak class brings the axis down to 0 at most; NaN (a class never predicted) is ignored', () => {
    expect(perClassRange({ precision: [0.5, 0.01], recall: [NaN, 0.9], f1: [0.7, 0.3] })[0]).toBe(0);
    expect(perClassRange({ precision: [0.5, NaN], recall: [0.6, 0.9], f1: [0.7, 0.3] })[0]).toBe(0.25);
    // Every class perfect: still a tenth of a span, not a flat line at the top.
    expect(perClassRange({ precision: [1], recall: [1], f1: [1] })[0]).toBe(0.85);
  });

  it('dots (one series per metric, grouped by class), not bars from zero', () => {
    const fig = perClassFigure({ precision: [0.9], recall: [0.8], f1: [0.85] }, ['7']);
    expect(fig.data.map((t) => [t.type, (t as { mode: string }).mode, t.name])).toEqual([
      ['scatter', 'markers', 'Precision'], ['scatter', 'markers', 'Recall'], ['scatter', 'markers', 'F1'],
    ]);
  });
});
