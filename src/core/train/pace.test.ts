import { describe, expect, it } from 'vitest';
import { pacedStepMs, WATCH_PACE } from './pace';

describe('pacedStepMs', () => {
  it('spreads a short run over the minimum time, capped per step', () => {
    expect(pacedStepMs(220, WATCH_PACE)).toBeCloseTo(20_000 / 220, 9); // the default two-moons run: 20 s
    expect(pacedStepMs(5, WATCH_PACE)).toBe(100); // 5 steps: 0.5 s, not 20 s
    expect(pacedStepMs(20_000, WATCH_PACE)).toBe(1); // a long run: 1 ms floor per step, rarely binding
  });

  it('is full speed without a pace or a step count', () => {
    expect(pacedStepMs(220, null)).toBe(0);
    expect(pacedStepMs(0, WATCH_PACE)).toBe(0);
    expect(pacedStepMs(220, { minRunMs: 0, maxStepMs: 100 })).toBe(0);
  });
});
