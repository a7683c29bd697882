import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { confusionAt } from '../../../core/metrics';
import { useMetricsStore } from '../../../store/metrics-store';
import { Plot } from '../../plots/Plot';
import { formatThreshold } from '../format';
import { modelColor, useBinaryModels, useThresholdOf } from '../hooks';
import { costOptimum, youdenOptimum } from '../optima';
import { METRIC_LAYOUT, axis, pointShape } from './shapes';
import { asThresholdPoint, thresholdCustomdata, useApplyThreshold } from './usePlotThreshold';

/** ROC curves of every model, their current operating points (dots), Youden's J and the cheapest points (click to apply). */
export function RocPlot() {
  const models = useBinaryModels();
  const thresholdOf = useThresholdOf();
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);
  const apply = useApplyThreshold();

  const curves = useMemo<Partial<Data>[]>(() => [
    { x: [0, 1], y: [0, 1], type: 'scatter', mode: 'lines', name: 'Chance (AUC 0.5)', line: { color: '#9aa3ae', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
    ...models.map((m, i): Partial<Data> => ({
      x: m.roc.x, y: m.roc.y, type: 'scatter', mode: 'lines', name: `${m.name} (AUC ${m.report.roc_auc?.toFixed(3) ?? '—'})`,
      line: { color: modelColor(i), width: 2.5 },
      customdata: thresholdCustomdata(Array.from(m.roc.thresholds, (t) => [m.name, t]) as [string, number][]),
      hovertemplate: `${m.name}<br>FPR %{x:.3f}, TPR %{y:.3f}<br>threshold %{customdata[1]:.4g}<extra></extra>`,
    })),
  ], [models]);

  const markers = useMemo<Partial<Data>[]>(() => {
    const youden = models.map((m, i) => ({ m, i, o: youdenOptimum(m.sweep) })).filter((e) => e.o !== null);
    const cheap = models.map((m, i) => ({ m, i, o: costOptimum(m.sweep, costFP, costFN) }));
    const rate = (m: (typeof models)[number], o: { confusion: { fp: number; tp: number } }) => [o.confusion.fp / m.sweep.nNegative, o.confusion.tp / m.sweep.nPositive];
    return [
      {
        type: 'scatter', mode: 'markers', name: 'Youden’s J (max TPR − FPR)',
        x: youden.map((e) => rate(e.m, e.o!)[0]!), y: youden.map((e) => rate(e.m, e.o!)[1]!),
        marker: { symbol: 'diamond-open', size: 12, line: { width: 2.5 }, color: youden.map((e) => modelColor(e.i)) },
        customdata: thresholdCustomdata(youden.map((e) => [e.m.name, e.o!.threshold]) as [string, number][]),
        hovertemplate: '%{customdata[0]}: Youden’s J at threshold %{customdata[1]:.4g}<br>click to apply<extra></extra>',
      },
      {
        type: 'scatter', mode: 'markers', name: `Cheapest at costs ${costFP} : ${costFN}`,
        x: cheap.map((e) => rate(e.m, e.o)[0]!), y: cheap.map((e) => rate(e.m, e.o)[1]!),
        marker: { symbol: 'star', size: 14, color: cheap.map((e) => modelColor(e.i)), line: { color: '#1d2430', width: 1 } },
        customdata: thresholdCustomdata(cheap.map((e) => [e.m.name, e.o.threshold]) as [string, number][]),
        hovertemplate: '%{customdata[0]}: cheapest threshold %{customdata[1]:.4g}<br>click to apply<extra></extra>',
      },
    ];
  }, [models, costFP, costFN]);

  const data = useMemo(() => [...curves, ...markers], [curves, markers]);
  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    xaxis: axis('False positive rate (1 − specificity)', { range: [-0.02, 1.02] }),
    yaxis: axis('True positive rate (recall)', { range: [-0.02, 1.02] }),
    shapes: models.map((m, i) => {
      const c = confusionAt(m.sweep, thresholdOf(m.name));
      return pointShape(c.fp / m.sweep.nNegative, c.tp / m.sweep.nPositive, modelColor(i));
    }),
    annotations: [{
      xref: 'paper', yref: 'paper', x: 1, y: 0.02, xanchor: 'right', showarrow: false, font: { size: 11, color: '#5b6573' },
      text: `● operating point at threshold ${models.length === 1 || new Set(models.map((m) => thresholdOf(m.name))).size === 1 ? formatThreshold(thresholdOf(models[0]?.name ?? '')) : '(per model)'}`,
    }],
  }), [models, thresholdOf]);

  if (models.length === 0) return null;
  return (
    <Plot
      title="ROC curves"
      testId="plot-roc"
      data={data}
      layout={layout}
      height={400}
      onPointClick={(p) => {
        const hit = asThresholdPoint(p.customdata);
        if (hit) apply(hit.model, hit.threshold);
      }}
    />
  );
}
