import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import type { MulticlassModelView } from '../../../store/metrics-store';
import { useMetricsStore } from '../../../store/metrics-store';
import { Plot } from '../../plots/Plot';
import { useActiveGroup, useSelectedModel } from '../hooks';
import { formatCount } from '../format';
import { METRIC_LAYOUT, axis } from './shapes';
import { perClassFigure } from './per-class-figure';

export function useSelectedMulticlass(): { model: MulticlassModelView | null; classes: string[] } {
  const group = useActiveGroup();
  const selected = useSelectedModel();
  if (group?.data.task !== 'multiclass') return { model: null, classes: [] };
  return { model: group.data.models.find((m) => m.name === selected) ?? group.data.models[0] ?? null, classes: group.info.classes };
}

/** The K x K confusion matrix of the selected model: colour by share of the true class, counts written in. */
export function MulticlassConfusionPlot() {
  const { model, classes } = useSelectedMulticlass();
  const data = useMemo<Partial<Data>[]>(() => {
    if (!model) return [];
    const c = model.report.confusion;
    const share = c.map((row) => {
      const total = row.reduce((a, b) => a + b, 0);
      return row.map((v) => (total ? v / total : 0));
    });
    return [{
      type: 'heatmap', z: share, x: classes.map((k) => `${k} `), y: classes.map((k) => ` ${k}`), zmin: 0, zmax: 1,
      colorscale: [[0, '#f7f8fa'], [0.15, '#c6dbef'], [1, '#1f4e79']], colorbar: { title: { text: 'share of row' }, thickness: 12 },
      text: c.map((row) => row.map((v) => (v ? formatCount(v) : ''))) as unknown as string[], texttemplate: '%{text}',
      customdata: c as unknown as string[],
      hovertemplate: 'true %{y}, predicted %{x}: %{customdata:,} rows (%{z:.1%} of the true class)<extra></extra>',
    } as Partial<Data>];
  }, [model, classes]);
  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    xaxis: axis('Predicted class', { type: 'category', side: 'bottom' }),
    yaxis: axis('True class', { type: 'category', autorange: 'reversed' }),
  }), []);
  const showCellRows = useMetricsStore((s) => s.showCellRows);
  if (!model) return null;
  const classIndex = (label: unknown) => classes.indexOf(String(label).trim());
  return (
    <Plot title={`Confusion matrix: ${model.name}`} testId="plot-confusion-k" data={data} layout={layout} height={460}
      onPointClick={(p) => {
        const actual = classIndex(p.y), predicted = classIndex(p.x);
        if (actual >= 0 && predicted >= 0) void showCellRows(model.name, { kind: 'multiclass', actual, predicted });
      }} />
  );
}

/** Precision, recall and F1 of each class for the selected model (dots on an axis from near the lowest value). */
export function PerClassBarsPlot() {
  const { model, classes } = useSelectedMulticlass();
  const figure = useMemo(() => (model ? perClassFigure(model.perClass, classes) : null), [model, classes]);
  if (!model || !figure) return null;
  return <Plot title={`Per-class precision, recall and F1: ${model.name}`} testId="plot-per-class" data={figure.data} layout={figure.layout} height={460} />;
}
