/**
 * The 16-bit run's chart: its loss against the float32 run of the same seed, and the values flushed to
 * zero per step (right axis), with the steps skipped on overflow marked. Pure: no Plotly, no DOM.
 */
import { pick, thinIndices, type RunSeries } from '../../core/train/run-series';
import type { Figure, Trace } from './chart-figures';
import { RUN_COLORS } from './chart-figures';

export function precisionFigure(series: RunSeries, maxPoints = 600): Figure | null {
  const records = series.records.filter((r) => r.flushed_to_zero !== undefined);
  if (!records.length) return null;
  const idx = thinIndices(records.length, maxPoints);
  const kept = pick(records, idx);
  const x = kept.map((r) => r.step);
  const flushed = kept.map((r) => Object.values(r.flushed_to_zero!).reduce((a, b) => a + b, 0));
  const skipped = records.filter((r) => r.overflow_skipped);
  const data: Trace[] = [
    { type: 'scatter', mode: 'lines', x, y: kept.map((r) => r.loss), name: 'loss (16-bit run)', line: { color: RUN_COLORS[0]!, width: 1.5 } },
    { type: 'scatter', mode: 'lines', x, y: kept.map((r) => r.loss_float32 ?? NaN), name: 'loss (float32, same seed)', line: { color: '#6b7280', width: 1.5, dash: 'dash' } },
    { type: 'scatter', mode: 'lines', x, y: flushed, name: 'values flushed to zero', yaxis: 'y2', line: { color: '#d95f02', width: 1 } },
  ];
  if (skipped.length) {
    data.push({ type: 'scatter', mode: 'markers', x: skipped.map((r) => r.step), y: skipped.map((r) => r.loss), name: 'skipped (overflow)', marker: { color: '#b91c1c', symbol: 'x', size: 7 } });
  }
  return {
    data,
    layout: {
      xaxis: { title: { text: 'step' }, zeroline: false, gridcolor: '#eef0f3' },
      yaxis: { title: { text: 'loss' }, zeroline: false, gridcolor: '#eef0f3', rangemode: 'tozero' },
      yaxis2: { title: { text: 'flushed to zero' }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
      margin: { l: 56, r: 56, t: 28, b: 40 },
      datarevision: series.version,
    },
  };
}
