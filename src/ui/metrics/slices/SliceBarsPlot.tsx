import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { PredictionTask } from '../../../core/metrics/predictions';
import type { SlicesAnswer } from '../../../store/metrics-slice-views';
import { Plot } from '../../plots/Plot';
import { METRIC_LAYOUT, axis } from '../plots/shapes';
import { shortLabel } from '../MetricName';
import { valueOf, worstFirst } from './slice-rows';

const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

interface Props { result: SlicesAnswer; task: PredictionTask; metric: string; model: string; models: string[] }

/** The metric per scored slice and model, worst first, with every row's value as a dashed line per model. */
export function SliceBarsPlot({ result, task, metric, model, models }: Props) {
  const scored = useMemo(() => worstFirst(result.slices, task, model, metric).filter((s) => s.models !== null), [result, task, model, metric]);
  const data = useMemo<Partial<Data>[]>(() => models.map((m, i) => ({
    type: 'bar', name: m, x: scored.map((s) => `${s.id.replace(/&/g, ' & ')} `), y: scored.map((s) => valueOf(s.models, m, metric)),
    marker: { color: COLOURS[i % COLOURS.length] },
    hovertemplate: `${m}<br>%{x}: %{y:.4f}<extra></extra>`,
  })), [scored, models, metric]);
  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT, barmode: 'group',
    xaxis: axis('Slice', { type: 'category', automargin: true }), yaxis: axis(shortLabel(metric)),
    shapes: models.flatMap((m, i) => {
      const v = valueOf(result.overall, m, metric);
      return v === null ? [] : [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: v, y1: v, line: { color: COLOURS[i % COLOURS.length], dash: 'dash', width: 1.5 } }];
    }) as Layout['shapes'],
    annotations: [{ xref: 'paper', yref: 'paper', x: 1, y: 1.08, showarrow: false, xanchor: 'right', text: 'dashed: every row', font: { size: 11, color: '#555' } }],
  }), [result, models, metric]);
  return (
    <section className="panel" aria-label={`${shortLabel(metric)} per slice, plot`}>
      <Plot title={`${shortLabel(metric)} per slice`} testId="plot-slices" data={data} layout={layout} height={380} />
    </section>
  );
}
