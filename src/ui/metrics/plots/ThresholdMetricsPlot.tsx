import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { metricVsThreshold, type ThresholdSeriesMetric } from '../../../core/metrics';
import { Plot, type PlotMark } from '../../plots/Plot';
import { useBinaryModels, useModelThreshold, useSelectedModel } from '../hooks';
import { f1Optimum } from '../optima';
import { METRIC_LAYOUT, axis } from './shapes';
import { referenceGuide } from './reference-guide';
import { useMetricsStore } from '../../../store/metrics-store';
import { useApplyThreshold } from './usePlotThreshold';

const SERIES: { key: ThresholdSeriesMetric; name: string; color: string; dash?: 'dot' }[] = [
  { key: 'precision', name: 'Precision', color: '#0072B2' },
  { key: 'recall', name: 'Recall', color: '#D55E00' },
  { key: 'f1', name: 'F1', color: '#009E73' },
];

/** Precision, recall and F1 of the selected model against the threshold, with the current threshold and the best F1 marked. */
export function ThresholdMetricsPlot() {
  const models = useBinaryModels();
  const selected = useSelectedModel();
  const model = models.find((m) => m.name === selected) ?? models[0];
  const t = useModelThreshold(model?.name ?? '');
  const apply = useApplyThreshold();

  const data = useMemo<Partial<Data>[]>(() => {
    if (!model) return [];
    const traces: Partial<Data>[] = SERIES.map((s) => {
      const series = metricVsThreshold(model.sweep, s.key, { maxPoints: 800 });
      // The first point is the +Infinity threshold: no place on a numeric axis.
      return {
        x: series.thresholds.subarray(1), y: series.values.subarray(1), type: 'scatter', mode: 'lines', name: s.name,
        line: { color: s.color, width: 2.5 }, hovertemplate: `${s.name} %{y:.3f} at threshold %{x:.4g}<extra></extra>`,
      };
    });
    const best = f1Optimum(model);
    if (Number.isFinite(best.threshold)) {
      traces.push({
        x: [best.threshold], y: [best.value], type: 'scatter', mode: 'markers', name: `Best F1 ${best.value.toFixed(3)}`,
        marker: { symbol: 'diamond', size: 13, color: '#009E73', line: { color: '#1d2430', width: 1 } },
        hovertemplate: 'Best F1 at threshold %{x:.4g}<br>click to apply<extra></extra>',
      });
    }
    return traces;
  }, [model]);

  const baseline = useMetricsStore((s) => s.baseline);
  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    xaxis: axis('Threshold (flag when score ≥ threshold)'),
    yaxis: axis('Value', { range: [-0.02, 1.04] }),
    ...referenceGuide(baseline, 'threshold-metrics'),
  }) as Partial<Layout>, [baseline]);
  const marks = useMemo<PlotMark[]>(() => [{ kind: 'vline', x: t, label: 'threshold' }], [t]);

  if (!model) return null;
  return (
    <Plot
      title={`Precision, recall and F1 against the threshold: ${model.name}`}
      testId="plot-threshold-metrics"
      data={data}
      layout={layout}
      marks={marks}
      height={400}
      onClickX={(x) => apply(model.name, x)}
    />
  );
}
