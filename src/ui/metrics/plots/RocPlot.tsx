import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { confusionAt } from '../../../core/metrics';
import { useMetricsStore } from '../../../store/metrics-store';
import { Plot, type PlotMark } from '../../plots/Plot';
import { modelColor, useBinaryModels, useThresholdOf } from '../hooks';
import { costOptimum, youdenOptimum } from '../optima';
import { METRIC_LAYOUT, axis } from './shapes';
import { referenceGuide } from './reference-guide';
import { useApplyOnClick, type ClickTargets } from './usePlotThreshold';

/** ROC curves of every model, their current operating points (dots), Youden's J and the cheapest points (click to apply). */
export function RocPlot() {
  const models = useBinaryModels();
  const thresholdOf = useThresholdOf();
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);

  const curves = useMemo<Partial<Data>[]>(() => [
    { x: [0, 1], y: [0, 1], type: 'scatter', mode: 'lines', name: 'Chance (AUC 0.5)', line: { color: '#9aa3ae', dash: 'dot', width: 1 }, hoverinfo: 'skip' },
    ...models.map((m, i): Partial<Data> => ({
      x: m.roc.x, y: m.roc.y, type: 'scatter', mode: 'lines', name: `${m.name} (AUC ${m.report.roc_auc?.toFixed(3) ?? '—'})`,
      line: { color: modelColor(i), width: 2.5 },
      customdata: m.roc.thresholds as unknown as number[],
      hovertemplate: `${m.name}<br>FPR %{x:.3f}, TPR %{y:.3f}<br>threshold %{customdata:.4g}<extra></extra>`,
    })),
  ], [models]);

  const markers = useMemo<Partial<Data>[]>(() => {
    const youden = models.map((m, i) => ({ m, i, o: youdenOptimum(m) })).filter((e) => e.o !== null);
    const cheap = models.map((m, i) => ({ m, i, o: costOptimum(m, costFP, costFN) }));
    const rate = (m: (typeof models)[number], o: { confusion: { fp: number; tp: number } }) => [o.confusion.fp / m.sweep.nNegative, o.confusion.tp / m.sweep.nPositive];
    return [
      {
        type: 'scatter', mode: 'markers', name: 'Youden’s J (max TPR − FPR)',
        x: youden.map((e) => rate(e.m, e.o!)[0]!), y: youden.map((e) => rate(e.m, e.o!)[1]!),
        marker: { symbol: 'diamond-open', size: 12, line: { width: 2.5 }, color: youden.map((e) => modelColor(e.i)) },
        customdata: youden.map((e) => e.o!.threshold), text: youden.map((e) => e.m.name),
        hovertemplate: '%{text}: Youden’s J at threshold %{customdata:.4g}<br>click to apply<extra></extra>',
      },
      {
        type: 'scatter', mode: 'markers', name: `Cheapest at costs ${costFP} : ${costFN}`,
        x: cheap.map((e) => rate(e.m, e.o)[0]!), y: cheap.map((e) => rate(e.m, e.o)[1]!),
        marker: { symbol: 'star', size: 14, color: cheap.map((e) => modelColor(e.i)), line: { color: '#1d2430', width: 1 } },
        customdata: cheap.map((e) => e.o.threshold), text: cheap.map((e) => e.m.name),
        hovertemplate: '%{text}: cheapest threshold %{customdata:.4g}<br>click to apply<extra></extra>',
      },
    ];
  }, [models, costFP, costFN]);

  const data = useMemo(() => [...curves, ...markers], [curves, markers]);
  const targets = useMemo<ClickTargets>(() => {
    const youden = models.filter((m) => youdenOptimum(m) !== null);
    return [
      null,
      ...models.map((m) => (k: number) => ({ model: m.name, threshold: m.roc.thresholds[k]! })),
      (k: number) => (youden[k] ? { model: youden[k].name, threshold: youdenOptimum(youden[k])!.threshold } : null),
      (k: number) => (models[k] ? { model: models[k].name, threshold: costOptimum(models[k], costFP, costFN).threshold } : null),
    ];
  }, [models, costFP, costFN]);
  const onPointClick = useApplyOnClick(targets);
  const baseline = useMetricsStore((s) => s.baseline);
  const layout = useMemo<Partial<Layout>>(() => {
    // A reference rate is a line in ROC space: recall a TPR, FPR and specificity an FPR.
    const guide = referenceGuide(baseline, 'roc');
    return {
      ...METRIC_LAYOUT,
      xaxis: axis('False positive rate (1 − specificity)', { range: [-0.02, 1.02] }),
      yaxis: axis('True positive rate (recall)', { range: [-0.02, 1.02] }),
      shapes: guide.shapes,
      annotations: [{
        xref: 'paper', yref: 'paper', x: 1, y: 0.02, xanchor: 'right', showarrow: false, font: { size: 11, color: '#5b6573' },
        text: '● each model’s operating point at its current threshold',
      }, ...guide.annotations],
    } as Partial<Layout>;
  }, [baseline]);
  // The operating points follow the slider as marks, without redrawing the curves.
  const marks = useMemo<PlotMark[]>(() => models.map((m, i) => {
    const c = confusionAt(m.sweep, thresholdOf(m.name));
    return { kind: 'point', x: c.fp / m.sweep.nNegative, y: c.tp / m.sweep.nPositive, color: modelColor(i) };
  }), [models, thresholdOf]);

  if (models.length === 0) return null;
  return (
    <Plot
      title="ROC curves"
      testId="plot-roc"
      data={data}
      layout={layout}
      marks={marks}
      height={400}
      onPointClick={onPointClick}
    />
  );
}
