/**
 * Learning-rate schedules: the rate in effect at each step, as a pure function of the step index.
 */

export const SCHEDULE_NAMES = ['constant', 'step', 'cosine', 'warmup'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export interface ScheduleConfig {
  name: ScheduleName;
  /** step: multiply the rate by `gamma` every `stepSize` steps. 0 = a third of the run. */
  stepSize: number;
  /** step: the factor (default 0.1). */
  gamma: number;
  /** cosine: the floor as a fraction of the base rate (default 0). */
  minLrFraction: number;
  /** warmup: steps of the linear ramp. 0 = a tenth of the run (at least 1). */
  warmupSteps: number;
}

/** Step: x0.1 every third of the run; cosine down to 0; warm-up over the first tenth. */
export const DEFAULT_SCHEDULE: Omit<ScheduleConfig, 'name'> = { stepSize: 0, gamma: 0.1, minLrFraction: 0, warmupSteps: 0 };

/**
 * The learning rate at 0-based step index `t` of a run of `totalSteps` steps, for base rate `lr`.
 * - constant: lr
 * - step:     lr * gamma^floor(t / stepSize)                      (PyTorch StepLR)
 * - cosine:   lrMin + (lr - lrMin) (1 + cos(pi t / T)) / 2, T = totalSteps, lrMin = minLrFraction lr
 *             (PyTorch CosineAnnealingLR with T_max = totalSteps; t >= T stays at lrMin)
 * - warmup:   lr (t + 1) / W for t < W, then lr (linear warm-up, then constant)
 * @example learningRateAt(0.1, { ...DEFAULT_SCHEDULE, name: 'cosine' }, 50, 100) // 0.05
 */
export function learningRateAt(lr: number, schedule: ScheduleConfig, t: number, totalSteps: number): number {
  if (!(t >= 0)) throw new RangeError(`step index must be >= 0, got ${t}`);
  const total = Math.max(1, totalSteps);
  switch (schedule.name) {
    case 'constant':
      return lr;
    case 'step': {
      const size = resolvedStepSize(schedule, total);
      return lr * schedule.gamma ** Math.floor(t / size);
    }
    case 'cosine': {
      const lrMin = schedule.minLrFraction * lr;
      const progress = Math.min(t, total) / total;
      return lrMin + ((lr - lrMin) * (1 + Math.cos(Math.PI * progress))) / 2;
    }
    case 'warmup': {
      const w = resolvedWarmupSteps(schedule, total);
      return t < w ? (lr * (t + 1)) / w : lr;
    }
  }
}

/** The step schedule's period: `stepSize`, or a third of the run when 0. */
export function resolvedStepSize(schedule: ScheduleConfig, totalSteps: number): number {
  return schedule.stepSize > 0 ? Math.floor(schedule.stepSize) : Math.max(1, Math.round(totalSteps / 3));
}

/** The warm-up length: `warmupSteps`, or a tenth of the run (at least 1) when 0. */
export function resolvedWarmupSteps(schedule: ScheduleConfig, totalSteps: number): number {
  return schedule.warmupSteps > 0 ? Math.floor(schedule.warmupSteps) : Math.max(1, Math.round(totalSteps / 10));
}
