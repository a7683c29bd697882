/**
 * Steps per second and time left for the Train page, smoothed so they read as one steady estimate.
 * Records arrive in bursts (one message per ~50 ms, slices of uneven work, the first steps compile
 * shaders), so the rate over the last batch swings tenfold within a run. Here the rate is an EWMA over
 * wall time: steps done and time spent are both decayed with half-life `halfLifeMs` (older intervals count
 * less) and the rate is their ratio, so short and long intervals weigh by their length; nothing is reported
 * until `warmupMs` of wall time and `warmupSteps` steps have passed since the first sample.
 */
export interface RateEstimate {
  stepsPerSecond: number | null;
  etaSeconds: number | null;
}

export interface RateEstimatorOptions {
  halfLifeMs?: number;
  warmupMs?: number;
  warmupSteps?: number;
}

export interface RateEstimator {
  /** A sample: `step` steps done at wall time `tMs`; `totalSteps` of the run (0 = unknown). */
  update(tMs: number, step: number, totalSteps: number): RateEstimate;
  /** Forget the history (after a pause: the paused time is not training time). */
  reset(): void;
}

export function createRateEstimator(options: RateEstimatorOptions = {}): RateEstimator {
  const halfLife = options.halfLifeMs ?? 3000;
  const warmupMs = options.warmupMs ?? 1500;
  const warmupSteps = options.warmupSteps ?? 5;
  let first: { t: number; step: number } | null = null;
  let last: { t: number; step: number } | null = null;
  let steps = 0; // decayed steps
  let time = 0; // decayed ms
  const none: RateEstimate = { stepsPerSecond: null, etaSeconds: null };
  return {
    reset() {
      first = last = null;
      steps = time = 0;
    },
    update(t, step, totalSteps) {
      if (!first || !last || step < last.step || t < last.t) {
        first = last = { t, step };
        steps = time = 0;
        return none;
      }
      const dt = t - last.t;
      if (dt > 0) {
        const decay = Math.pow(0.5, dt / halfLife);
        steps = steps * decay + (step - last.step);
        time = time * decay + dt;
        last = { t, step };
      }
      const rate = time > 0 ? steps / time : 0; // steps per ms
      if (rate <= 0 || t - first.t < warmupMs || step - first.step < warmupSteps) return none;
      const perSecond = rate * 1000;
      return { stepsPerSecond: perSecond, etaSeconds: totalSteps > 0 ? Math.max(0, totalSteps - step) / perSecond : null };
    },
  };
}
