import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, learningRateAt, type ScheduleConfig } from './schedules';

const s = (over: Partial<ScheduleConfig> & Pick<ScheduleConfig, 'name'>): ScheduleConfig => ({ ...DEFAULT_SCHEDULE, ...over });

describe('learningRateAt', () => {
  it('constant is the base rate at every step', () => {
    for (const t of [0, 1, 57, 999]) expect(learningRateAt(0.3, s({ name: 'constant' }), t, 1000)).toBe(0.3);
  });

  it('step multiplies by gamma every stepSize steps (PyTorch StepLR)', () => {
    const sch = s({ name: 'step', stepSize: 10, gamma: 0.5 });
    expect(learningRateAt(1, sch, 0, 100)).toBe(1);
    expect(learningRateAt(1, sch, 9, 100)).toBe(1);
    expect(learningRateAt(1, sch, 10, 100)).toBe(0.5);
    expect(learningRateAt(1, sch, 25, 100)).toBe(0.25);
    // stepSize 0 = a third of the run: 90 steps -> drops at 30 and 60
    const auto = s({ name: 'step' });
    expect(learningRateAt(1, auto, 29, 90)).toBe(1);
    expect(learningRateAt(1, auto, 30, 90)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(1, auto, 60, 90)).toBeCloseTo(0.01, 12);
  });

  it('cosine follows (1 + cos(pi t / T)) / 2 down to the floor', () => {
    const sch = s({ name: 'cosine' });
    expect(learningRateAt(0.1, sch, 0, 100)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(0.1, sch, 50, 100)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(0.1, sch, 25, 100)).toBeCloseTo(0.1 * (1 + Math.SQRT1_2) / 2, 12);
    expect(learningRateAt(0.1, sch, 100, 100)).toBeCloseTo(0, 12);
    expect(learningRateAt(0.1, sch, 150, 100)).toBeCloseTo(0, 12);
    const floor = s({ name: 'cosine', minLrFraction: 0.1 });
    expect(learningRateAt(1, floor, 100, 100)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(1, floor, 50, 100)).toBeCloseTo(0.55, 12);
  });

  it('warmup ramps linearly over W steps, then holds', () => {
    const sch = s({ name: 'warmup', warmupSteps: 4 });
    expect([0, 1, 2, 3, 4, 50].map((t) => learningRateAt(0.8, sch, t, 100))).toEqual([0.2, 0.4, 0.6000000000000001, 0.8, 0.8, 0.8]);
    // default W = a tenth of the run
    expect(learningRateAt(1, s({ name: 'warmup' }), 0, 200)).toBeCloseTo(1 / 20, 12);
    expect(learningRateAt(1, s({ name: 'warmup' }), 19, 200)).toBe(1);
  });

  it('rejects a negative step', () => {
    expect(() => learningRateAt(1, s({ name: 'constant' }), -1, 10)).toThrow(RangeError);
  });
});
