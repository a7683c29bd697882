import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { Plot } from '../../plots/Plot';
import { modelColor, useActiveGroup } from '../hooks';
import { formatCount } from '../format';
import { METRIC_LAYOUT, axis } from './shapes';
import type { RegressionModelView } from '../../../store/metrics-store';

function useRegressionModels(): RegressionModelView[] {
  const group = useActiveGroup();
  return group?.data.task === 'regression' ? group.data.models : [];
}

function note(models: RegressionModelView[], rows: number): string {
  const drawn = models[0]?.sample.actual.length ?? 0;
  return drawn < rows ? ` (${formatCount(drawn)} of ${formatCount(rows)} rows drawn, the largest errors included)` : '';
}

/** Predicted against actual for every model, with the line y = ŷ. */
export function PredictedVsActualPlot() {
  const models = useRegressionModels();
  const rows = useActiveGroup()?.info.rows ?? 0;
  const data = useMemo<Partial<Data>[]>(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const m of models) {
      for (const v of m.sample.actual) { if (v < lo) lo = v; if (v > hi) hi = v; }
      for (const v of m.sample.predicted) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
    return [
      ...models.map((m, i): Partial<Data> => ({
        x: m.sample.actual, y: m.sample.predicted, type: 'scatter', mode: 'markers', name: m.name,
        marker: { color: modelColor(i), size: 6, opacity: 0.6 }, hovertemplate: `${m.name}: actual %{x:.4g}, predicted %{y:.4g}<extra></extra>`,
      })),
      { x: [lo, hi], y: [lo, hi], type: 'scatter', mode: 'lines', name: 'Perfect prediction (ŷ = y)', line: { color: '#1d2430', dash: 'dash', width: 1.5 }, hoverinfo: 'skip' },
    ];
  }, [models]);
  const layout = useMemo<Partial<Layout>>(() => ({ ...METRIC_LAYOUT, xaxis: axis('Actual y'), yaxis: axis('Predicted ŷ') }), []);
  if (models.length === 0) return null;
  return <Plot title={`Predicted against actual${note(models, rows)}`} testId="plot-pred-actual" data={data} layout={layout} height={420} />;
}

/** Residuals y − ŷ against the prediction: a pattern here is what the model has not learned. */
export function ResidualsPlot() {
  const models = useRegressionModels();
  const rows = useActiveGroup()?.info.rows ?? 0;
  const data = useMemo<Partial<Data>[]>(() => models.map((m, i): Partial<Data> => ({
    x: m.sample.predicted, y: m.sample.residual, type: 'scatter', mode: 'markers', name: m.name,
    marker: { color: modelColor(i), size: 6, opacity: 0.6 }, hovertemplate: `${m.name}: predicted %{x:.4g}, residual %{y:.4g}<extra></extra>`,
  })), [models]);
  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT, xaxis: axis('Predicted ŷ'), yaxis: axis('Residual y − ŷ'),
    shapes: [{ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: 0, y1: 0, line: { color: '#1d2430', dash: 'dash', width: 1.5 } }],
  }), []);
  if (models.length === 0) return null;
  return <Plot title={`Residuals against predictions${note(models, rows)}`} testId="plot-residuals" data={data} layout={layout} height={420} />;
}

/** Histogram of the residuals of every model (all rows). */
export function ResidualHistogramPlot() {
  const models = useRegressionModels();
  const data = useMemo<Partial<Data>[]>(() => models.map((m, i): Partial<Data> => {
    const { edges, counts } = m.residuals;
    return {
      x: Array.from(counts, (_, b) => (edges[b]! + edges[b + 1]!) / 2), y: counts, type: 'bar', name: m.name,
      width: edges[1]! - edges[0]!, marker: { color: modelColor(i) }, opacity: 0.6,
      hovertemplate: `${m.name}: %{y:,} rows with residual near %{x:.3g}<extra></extra>`,
    };
  }), [models]);
  const layout = useMemo<Partial<Layout>>(() => ({ ...METRIC_LAYOUT, barmode: 'overlay', bargap: 0, xaxis: axis('Residual y − ŷ'), yaxis: axis('Rows') }), []);
  if (models.length === 0) return null;
  return <Plot title="Distribution of residuals" testId="plot-residual-hist" data={data} layout={layout} height={420} />;
}
