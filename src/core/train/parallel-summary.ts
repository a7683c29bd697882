/**
 * What a data-parallel run's step records say, for the Train page: the all-reduce cost (weights out,
 * gradients back and summed, beyond the slowest worker's compute) against the whole step's wall time.
 * The first step is left out of the means: it includes starting the workers' kernels.
 */
import type { StepRecord } from './step-record';

export interface ParallelSummary {
  steps: number;
  meanAllreduceMs: number;
  meanStepMs: number;
  /** meanAllreduceMs / meanStepMs: the share of a step spent communicating and waiting. */
  communicationShare: number;
  lastAllreduceMs: number;
}

/** The summary, or null when the records are not from a data-parallel run. */
export function summariseParallel(records: readonly StepRecord[]): ParallelSummary | null {
  const parallel = records.filter((r) => r.allreduce_ms !== undefined);
  if (!parallel.length) return null;
  const counted = parallel.length > 1 ? parallel.slice(1) : parallel;
  const mean = (f: (r: StepRecord) => number) => counted.reduce((a, r) => a + f(r), 0) / counted.length;
  const meanAllreduceMs = mean((r) => r.allreduce_ms!);
  const meanStepMs = mean((r) => r.ms);
  return {
    steps: parallel.length,
    meanAllreduceMs,
    meanStepMs,
    communicationShare: meanStepMs > 0 ? meanAllreduceMs / meanStepMs : 0,
    lastAllreduceMs: parallel[parallel.length - 1]!.allreduce_ms!,
  };
}
