import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { Plot } from '../../plots/Plot';
import { modelColor, useBinaryModels, useModelDetails } from '../hooks';
import { METRIC_LAYOUT, axis } from './shapes';

/** Reliability diagram of every model giving probabilities, with the number of rows per bin underneath. */
export function CalibrationPlot() {
  const models = useBinaryModels();
  const details = useModelDetails(models);
  const withCurve = useMemo(
    () => models.map((m, i) => ({ m, i, c: details[i]?.calibration ?? null })).filter((e) => e.c !== null),
    [models, details],
  );
  const pending = details.some((d) => d === null);
  const scoreModels = models.filter((m) => m.kind === 'score').map((m) => m.name);

  const data = useMemo<Partial<Data>[]>(() => [
    { x: [0, 1], y: [0, 1], type: 'scatter', mode: 'lines', name: 'Perfectly calibrated', line: { color: '#9aa3ae', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
    ...withCurve.map(({ m, i, c }): Partial<Data> => ({
      x: c!.probPred, y: c!.probTrue, type: 'scatter', mode: 'lines+markers', name: m.name,
      line: { color: modelColor(i), width: 2.5 }, marker: { size: 7 },
      hovertemplate: `${m.name}: predicted %{x:.3f}, observed %{y:.3f}<extra></extra>`,
    })),
    ...withCurve.map(({ m, i, c }): Partial<Data> => {
      const edges = c!.edges;
      return {
        x: Array.from(c!.binIndex, (b) => (edges[b]! + edges[b + 1]!) / 2), y: c!.counts, type: 'bar', name: `${m.name} rows`,
        marker: { color: modelColor(i) }, opacity: 0.55, yaxis: 'y2', showlegend: false,
        hovertemplate: `${m.name}: %{y:,} rows in this bin<extra></extra>`,
      };
    }),
  ], [withCurve]);

  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    barmode: 'group',
    xaxis: axis('Mean predicted probability (10 equal-width bins)', { range: [-0.02, 1.02], anchor: 'y2' }),
    yaxis: axis('Fraction of positives', { domain: [0.32, 1], range: [-0.02, 1.04] }),
    yaxis2: axis('Rows', { domain: [0, 0.22], rangemode: 'tozero', nticks: 3 }),
    legend: { orientation: 'h', y: -0.3, x: 0 },
    margin: { l: 60, r: 16, t: 40, b: 80 },
  }), []);

  if (models.length === 0) return null;
  if (withCurve.length === 0) {
    return (
      <p className="muted mp-plot-wait">
        {pending ? 'The calibration curve is being computed…' : `No calibration curve: ${scoreModels.join(', ')} give scores, not probabilities.`}
      </p>
    );
  }
  return <Plot title="Calibration (reliability diagram)" testId="plot-calibration" data={data} layout={layout} height={400} />;
}
