/**
 * Paced runs: the Train page's default run (two moons, 220 steps) is over in a few seconds at full speed,
 * too fast to watch the loss fall or the boundary form. A paced run spreads its steps over at least
 * `minRunMs` of wall time, but never waits more than `maxStepMs` per step (so a tiny run does not crawl)
 * and never slows a run that already takes longer. The steps themselves are unchanged (same records).
 */
export interface Pace {
  minRunMs: number;
  maxStepMs: number;
}

/** The page's "watch" pace: about 20 s for the default run, at most 10 steps/s slower than full speed. */
export const WATCH_PACE: Pace = { minRunMs: 20_000, maxStepMs: 100 };

/** Wall time one step should take at least (ms); 0 = full speed. */
export function pacedStepMs(totalSteps: number, pace: Pace | null | undefined): number {
  if (!pace || !(totalSteps > 0) || !(pace.minRunMs > 0)) return 0;
  return Math.min(Math.max(0, pace.maxStepMs), pace.minRunMs / totalSteps);
}
