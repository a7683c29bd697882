import { useMemo } from 'react';
import { summarisePrecision } from '../../core/train/precision-summary';
import { currentSeries, useTrainStore } from '../../store/train-store';
import { LiveChart } from './LiveChart';
import { precisionFigure } from './precision-figures';
import './scaling.css';

const buildPrecision = () => precisionFigure(currentSeries());
const fmt = (v: number): string => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toPrecision(4));

/**
 * What 16 bits did to the viewed run: values flushed to zero per layer, steps skipped on overflow, the
 * loss scale, and the loss against the float32 run of the same seed. Shown only for float16/bfloat16 runs.
 */
export function PrecisionPanel() {
  const version = useTrainStore((s) => s.seriesVersion);
  // Records arrive in batches (at most ~20 a second): one pass over them per batch.
  const summary = useMemo(() => (version >= 0 ? summarisePrecision(currentSeries().records) : null), [version]);
  if (!summary) return null;
  return (
    <section className="panel scaling-panel" aria-label="Low precision" data-testid="precision-panel">
      <h2>16-bit training</h2>
      <p className="hint">
        Simulated by rounding: weights, activations and gradients are rounded to the run’s 16-bit format at every step; the
        arithmetic between roundings is float32.
      </p>
      <table className="data" data-testid="flushed-to-zero" data-total={summary.totalFlushed} data-steps={summary.steps}>
        <caption>Gradient values flushed to zero (non-zero before rounding, zero after)</caption>
        <thead>
          <tr>
            <th scope="col">layer</th>
            <th scope="col">last step</th>
            <th scope="col">whole run</th>
          </tr>
        </thead>
        <tbody>
          {summary.layers.map((l) => (
            <tr key={l.name} data-layer={l.name} data-value={l.total}>
              <th scope="row">{l.name}</th>
              <td>{l.last}</td>
              <td>{l.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>Steps skipped on overflow</dt>
        <dd data-testid="overflow-skipped" data-value={summary.overflowSkipped}>
          {summary.overflowSkipped} of {summary.steps}
        </dd>
        <dt>Loss scale</dt>
        <dd data-testid="loss-scale-value" data-value={summary.lossScale}>
          {summary.lossScale}
        </dd>
        <dt>Loss now</dt>
        <dd data-testid="precision-loss" data-value={summary.lastLoss} data-float32={summary.lastLossFloat32 ?? ''}>
          {fmt(summary.lastLoss)}
          {summary.lastLossFloat32 !== null && <> (float32 run of the same seed: {fmt(summary.lastLossFloat32)})</>}
        </dd>
      </dl>
      <LiveChart
        id="chart-precision"
        title="Loss against float32, and flushes"
        help="Solid: this run; dashed: the float32 run of the same seed on the same batches; orange (right axis): gradient values flushed to zero at each step."
        build={buildPrecision}
        testId="chart-precision"
      />
    </section>
  );
}
