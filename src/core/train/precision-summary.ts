/**
 * What a 16-bit run's step records say, for the Train page's precision panel: values flushed to zero
 * per layer (at the last step and over the run), steps skipped on overflow, the loss scale in use, and
 * the loss against the float32 run of the same seed.
 */
import type { StepRecord } from './step-record';

export interface PrecisionSummary {
  steps: number;
  layers: { name: string; last: number; total: number }[];
  /** Every layer's flushes over the run. */
  totalFlushed: number;
  overflowSkipped: number;
  lossScale: number;
  lastLoss: number;
  lastLossFloat32: number | null;
}

/** The summary of the records of a 16-bit run, or null when the records carry no precision signals (float32). */
export function summarisePrecision(records: readonly StepRecord[]): PrecisionSummary | null {
  const withSignals = records.filter((r) => r.flushed_to_zero !== undefined);
  const last = withSignals[withSignals.length - 1];
  if (!last) return null;
  const names = Object.keys(last.flushed_to_zero!);
  const totals = new Map(names.map((n) => [n, 0]));
  let overflowSkipped = 0;
  for (const r of withSignals) {
    for (const [name, count] of Object.entries(r.flushed_to_zero!)) totals.set(name, (totals.get(name) ?? 0) + count);
    if (r.overflow_skipped) overflowSkipped += 1;
  }
  const layers = names.map((name) => ({ name, last: last.flushed_to_zero![name]!, total: totals.get(name)! }));
  return {
    steps: withSignals.length,
    layers,
    totalFlushed: layers.reduce((a, l) => a + l.total, 0),
    overflowSkipped,
    lossScale: last.loss_scale ?? 1,
    lastLoss: last.loss,
    lastLossFloat32: last.loss_float32 ?? null,
  };
}
