import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { Plot, type PlotMark } from '../../plots/Plot';
import { useActiveGroup, useBinaryModels, useModelDetails, useModelThreshold, useSelectedModel } from '../hooks';
import { METRIC_LAYOUT, axis } from './shapes';
import { useApplyThreshold } from './usePlotThreshold';

/** The selected model's scores, one histogram per true class, with the threshold: what lies right of it is flagged. */
export function ScoreDistributionPlot() {
  const models = useBinaryModels();
  const group = useActiveGroup();
  const selected = useSelectedModel();
  const model = models.find((m) => m.name === selected) ?? models[0];
  const t = useModelThreshold(model?.name ?? '');
  const apply = useApplyThreshold();
  const details = useModelDetails(models);
  const scores = (model ? details[models.indexOf(model)]?.scores : null) ?? null;
  const positive = group?.info.positiveLabel ?? '1';
  const negative = group?.info.classes.find((c) => c !== positive) ?? 'other';

  const data = useMemo<Partial<Data>[]>(() => {
    if (!scores) return [];
    const centers = Array.from({ length: scores.positive.length }, (_, b) => (scores.edges[b]! + scores.edges[b + 1]!) / 2);
    const width = scores.edges[1]! - scores.edges[0]!;
    return [
      { x: centers, y: scores.negative, type: 'bar', name: `Actual negative (${negative})`, marker: { color: '#56B4E9' }, opacity: 0.75, width, hovertemplate: '%{y:,} negatives with score near %{x:.3g}<extra></extra>' },
      { x: centers, y: scores.positive, type: 'bar', name: `Actual positive (${positive})`, marker: { color: '#D55E00' }, opacity: 0.65, width, hovertemplate: '%{y:,} positives with score near %{x:.3g}<extra></extra>' },
    ];
  }, [scores, positive, negative]);

  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    barmode: 'overlay',
    bargap: 0,
    xaxis: axis('Score'),
    yaxis: axis('Rows'),
  }), []);
  const marks = useMemo<PlotMark[]>(() => [{ kind: 'vline', x: t, label: 'flagged →' }], [t]);

  if (!model) return null;
  if (!scores) return <p className="muted mp-plot-wait">Score distributions are being computed…</p>;
  return <Plot title={`Scores by true class: ${model.name}`} testId="plot-scores" data={data} layout={layout} marks={marks} height={400} onClickX={(x) => apply(model.name, x)} />;
}
