import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { confusionAt } from '../../../core/metrics';
import { Plot } from '../../plots/Plot';
import { formatCount, formatThreshold } from '../format';
import { useBinaryModels, useModelThreshold, useSelectedModel } from '../hooks';
import { METRIC_LAYOUT } from './shapes';
import { useDebounced } from './useDebounced';

/** The selected model's 2 x 2 confusion matrix as a heatmap (for export); redrawn when the slider pauses. */
export function ConfusionHeatmap() {
  const models = useBinaryModels();
  const selected = useSelectedModel();
  const model = models.find((m) => m.name === selected) ?? models[0];
  const live = useModelThreshold(model?.name ?? '');
  // A heatmap redraw is a full Plotly redraw (tens of ms): follow the slider once it stops.
  const t = useDebounced(live, 150);

  const data = useMemo<Partial<Data>[]>(() => {
    if (!model) return [];
    const c = confusionAt(model.sweep, t);
    const P = model.sweep.nPositive;
    const N = model.sweep.nNegative;
    const z = [[c.tp, c.fn], [c.fp, c.tn]];
    const share = [[P ? c.tp / P : 0, P ? c.fn / P : 0], [N ? c.fp / N : 0, N ? c.tn / N : 0]];
    const names = [['TP', 'FN'], ['FP', 'TN']];
    return [{
      type: 'heatmap', z: share, x: ['Predicted positive', 'Predicted negative'], y: ['Actual positive', 'Actual negative'],
      zmin: 0, zmax: 1, colorscale: [[0, '#f4f6f9'], [1, '#1f4e79']], showscale: false,
      text: z.map((row, r) => row.map((v, k) => `${names[r]![k]} ${formatCount(v)}<br>${(share[r]![k]! * 100).toFixed(1)} % of row`)) as unknown as string[],
      texttemplate: '%{text}', textfont: { size: 15 }, hovertemplate: '%{text}<extra></extra>',
    } as Partial<Data>];
  }, [model, t]);

  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    yaxis: { autorange: 'reversed', automargin: true },
    xaxis: { side: 'top' },
    margin: { l: 110, r: 16, t: 80, b: 30 },
  }), []);

  if (!model) return null;
  return <Plot title={`Confusion matrix: ${model.name} at ${formatThreshold(t)}`} testId="plot-confusion" data={data} layout={layout} height={400} />;
}
