import { describe, expect, it } from 'vitest';
import { checkpointAtOrBefore, checkpointPlan, formatBytes, isCheckpointStep, MAX_CHECKPOINTS, MIN_CHECKPOINT_EVERY, sameWeights } from './checkpoints';

describe('checkpoint plans stay under their limit', () => {
  it('a small model over a long run: at most MAX_CHECKPOINTS, spread over the run', () => {
    const plan = checkpointPlan(1000, 10_000, 8 * 1024 * 1024)!;
    expect(plan.maxCount).toBe(MAX_CHECKPOINTS);
    expect(plan.every).toBe(200);
    const steps = Array.from({ length: 10_000 }, (_, i) => i + 1).filter((s) => isCheckpointStep(plan, s));
    expect(steps).toHaveLength(50);
    expect(steps.length * plan.bytesEach).toBeLessThanOrEqual(plan.limitBytes);
  });

  it('a large model: the byte limit decides how many; beyond it nothing more is taken, even if the run grows', () => {
    const plan = checkpointPlan(1_000_000, 100, 10 * 4_000_000)!;
    expect(plan.maxCount).toBe(10);
    expect(plan.every).toBe(MIN_CHECKPOINT_EVERY);
    const steps = Array.from({ length: 1000 }, (_, i) => i + 1).filter((s) => isCheckpointStep(plan, s));
    expect(steps).toHaveLength(10);
    expect(steps.at(-1)).toBe(100);
    expect(checkpointPlan(1_000_000, 100, 1_000_000)).toBeNull();
  });

  it('finds the checkpoint before a step, compares weights bitwise and formats sizes', () => {
    expect(checkpointAtOrBefore([10, 20, 30], 25)).toBe(20);
    expect(checkpointAtOrBefore([10, 20, 30], 20)).toBe(20);
    expect(checkpointAtOrBefore([10, 20], 5)).toBeNull();
    expect(sameWeights(Float32Array.from([1, NaN]), Float32Array.from([1, NaN]))).toBe(true);
    expect(sameWeights(Float32Array.from([0]), Float32Array.from([-0]))).toBe(false);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(38_000)).toBe('37 KB');
    expect(formatBytes(8 * 1024 * 1024)).toBe('8.0 MB');
  });
});
