/**
 * Checkpoints of a run at a bounded cost: the weights every K steps, K chosen so that all of a run's
 * checkpoints fit a byte limit (and at most MAX_CHECKPOINTS of them). A branch is rebuilt exactly by
 * replaying the run (branch.ts); the checkpoints let the page confirm that the replay reached the very
 * same weights as the original at the checkpoint before the branch step (bitwise), and show what the
 * original's weights were along the way.
 */

/** Default limit per run (IndexedDB): small models fit dozens of checkpoints in it. */
export const CHECKPOINT_LIMIT_BYTES = 8 * 1024 * 1024;
/** Checkpoints no closer than this many steps (a short run needs few). */
export const MIN_CHECKPOINT_EVERY = 10;
export const MAX_CHECKPOINTS = 50;

export interface CheckpointPlan {
  /** A checkpoint after every `every` steps (steps every, 2 every, ...). */
  every: number;
  /** Bytes of one checkpoint (float32 weights). */
  bytesEach: number;
  /** The most a run keeps, and the byte limit it stays under. */
  maxCount: number;
  limitBytes: number;
}

/** The plan for a model of `paramCount` weights over `totalSteps` steps, or null when not one checkpoint fits the limit. */
export function checkpointPlan(paramCount: number, totalSteps: number, limitBytes = CHECKPOINT_LIMIT_BYTES): CheckpointPlan | null {
  const bytesEach = 4 * paramCount;
  const maxCount = Math.min(MAX_CHECKPOINTS, Math.floor(limitBytes / bytesEach));
  if (maxCount < 1 || totalSteps < 1) return null;
  const every = Math.max(MIN_CHECKPOINT_EVERY, Math.ceil(totalSteps / maxCount));
  return { every, bytesEach, maxCount, limitBytes };
}

/** Whether step `step` (1-based) is checkpointed under `plan` (never past maxCount checkpoints). */
export function isCheckpointStep(plan: CheckpointPlan, step: number): boolean {
  return step > 0 && step % plan.every === 0 && step / plan.every <= plan.maxCount;
}

/** The latest checkpointed step at or before `at`, or null. */
export function checkpointAtOrBefore(steps: readonly number[], at: number): number | null {
  let best: number | null = null;
  for (const s of steps) if (s <= at && (best === null || s > best)) best = s;
  return best;
}

/** Bitwise equality of two weight vectors (NaN equal to NaN, -0 apart from 0). */
export function sameWeights(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** "38 KB" and the like. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
