import { useMemo } from 'react';
import { OVERFIT_TARGET } from '../../core/train/overfit-batch';
import { currentCheckSeries, dismissCheck, useTrainStore } from '../../store/train-store';
import { Plot } from '../plots/Plot';
import { lossFigure } from './chart-figures';
import { VerdictPanel } from './ResultPanels';

/**
 * The overfit-one-batch check of this page: its own loss curve (with the target) and its verdict, beside
 * the charts of the run shown, which it leaves alone.
 */
export function OverfitCheckPanel() {
  const check = useTrainStore((s) => s.check);
  const version = check?.version ?? -1;
  const fig = useMemo(() => {
    if (version < 0) return null;
    const series = currentCheckSeries();
    const first = series.loss[0];
    const lossTargets = first !== undefined && Number.isFinite(first) ? [{ y: first * OVERFIT_TARGET, label: `target: ${OVERFIT_TARGET * 100}% of the first loss` }] : [];
    const f = lossFigure({ series, overlays: [], baselines: [], task: null, maxPoints: 400, lossTargets });
    // The panel names the plot: no Plotly title over it.
    return { data: f.data, layout: { ...f.layout, title: { text: '' }, margin: { l: 56, r: 16, t: 16, b: 40 }, showlegend: false } };
  }, [version]);
  if (!check) return null;
  return (
    <section className="panel overfit-check" data-testid="overfit-check" data-status={check.status} aria-label="Overfit one batch">
      {check.status === 'running' && (
        <h2>
          Overfit one batch: step {check.step} of up to {check.budget}…
        </h2>
      )}
      {check.error && (
        <p className="error-text" role="alert">
          The check failed: {check.error}
        </p>
      )}
      {check.verdict && <VerdictPanel verdict={check.verdict} />}
      {fig && <Plot title="Overfit one batch: loss" data={fig.data} layout={fig.layout} height={200} testId="overfit-check-loss" />}
      <p className="muted">The charts below still show the run you were looking at; this check is listed with the runs (“one batch”).</p>
      {check.status !== 'running' && (
        <button type="button" className="secondary" onClick={dismissCheck}>
          Close
        </button>
      )}
    </section>
  );
}
