import { useMemo } from 'react';
import { summariseParallel } from '../../core/train/parallel-summary';
import type { TrainSettings } from '../../core/train/settings';
import { currentSeries, useTrainStore } from '../../store/train-store';
import './scaling.css';

const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

/** The viewed data-parallel run's cost: the all-reduce against the whole step. Shown only for such runs. */
export function ParallelPanel() {
  const version = useTrainStore((s) => s.seriesVersion);
  // What the engine reported for the run; for a saved run opened later, its own settings.
  const info = useTrainStore((s) => s.summary?.info?.parallel ?? s.info?.parallel ?? null);
  const saved = useTrainStore((s) => (s.runs.find((r) => r.id === s.viewedRunId)?.config as TrainSettings | undefined)?.config ?? null);
  const summary = useMemo(() => (version >= 0 ? summariseParallel(currentSeries().records) : null), [version]);
  if (!summary) return null;
  const workers = info?.workers ?? saved?.workers ?? 1;
  const mode = info?.mode ?? saved?.mode ?? 'sync';
  const staleness = info?.staleness ?? saved?.staleness ?? 1;
  return (
    <section className="panel scaling-panel" aria-label="Data parallel" data-testid="parallel-panel" data-workers={workers} data-mode={mode}>
      <h2>Data-parallel SGD</h2>
      <p className="hint">
        {workers} workers, {mode === 'sync' ? 'synchronous' : `asynchronous (gradients ${staleness} updates stale)`}: each batch is split across the workers,
        their gradients are summed (all-reduce) and one update is applied.
        {info && (
          <>
            {' '}
            The workers: <span data-testid="parallel-pool">{info.pool}</span>.
          </>
        )}
      </p>
      <dl className="facts">
        <dt>All-reduce per step</dt>
        <dd data-testid="allreduce-ms" data-value={summary.meanAllreduceMs} data-steps={summary.steps}>
          {ms(summary.meanAllreduceMs)} on average (last {ms(summary.lastAllreduceMs)})
        </dd>
        <dt>Whole step</dt>
        <dd data-testid="parallel-step-ms" data-value={summary.meanStepMs}>
          {ms(summary.meanStepMs)}, of which {(100 * summary.communicationShare).toFixed(0)} % sending weights, waiting and summing gradients
        </dd>
      </dl>
    </section>
  );
}
