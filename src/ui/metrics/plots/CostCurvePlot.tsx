import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { metricVsThreshold } from '../../../core/metrics';
import { useMetricsStore } from '../../../store/metrics-store';
import { Plot, type PlotMark } from '../../plots/Plot';
import { modelColor, useBinaryModels, useThresholdOf } from '../hooks';
import { costOptimum } from '../optima';
import { METRIC_LAYOUT, axis } from './shapes';
import { useApplyThreshold } from './usePlotThreshold';

/** Total cost against the threshold for every model at the current costs, each model's cheapest threshold marked. */
export function CostCurvePlot() {
  const models = useBinaryModels();
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);
  const perModel = useMetricsStore((s) => s.perModel);
  const thresholdOf = useThresholdOf();
  const apply = useApplyThreshold();

  const data = useMemo<Partial<Data>[]>(() => {
    const curves = models.map((m, i): Partial<Data> => {
      const s = metricVsThreshold(m.sweep, 'cost', { costFP, costFN, maxPoints: 800 });
      return {
        x: s.thresholds.subarray(1), y: s.values.subarray(1), type: 'scatter', mode: 'lines', name: m.name,
        line: { color: modelColor(i), width: 2.5 }, hovertemplate: `${m.name}: total cost %{y:,.4g} at threshold %{x:.4g}<extra></extra>`,
      };
    });
    const cheap = models.map((m, i) => ({ m, i, o: costOptimum(m, costFP, costFN) })).filter((e) => Number.isFinite(e.o.threshold));
    curves.push({
      x: cheap.map((e) => e.o.threshold), y: cheap.map((e) => e.o.value), type: 'scatter', mode: 'markers', name: 'Cheapest threshold',
      marker: { symbol: 'star', size: 15, color: cheap.map((e) => modelColor(e.i)), line: { color: '#1d2430', width: 1 } },
      text: cheap.map((e) => e.m.name),
      hovertemplate: '%{text}: cheapest at %{x:.4g}, total cost %{y:,.4g}<br>click to apply<extra></extra>',
    });
    return curves;
  }, [models, costFP, costFN]);

  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    xaxis: axis('Threshold'),
    yaxis: axis('Total cost', { rangemode: 'tozero' }),
  }), []);
  const marks = useMemo<PlotMark[]>(() => (perModel
    ? models.map((m, i): PlotMark => ({ kind: 'vline', x: thresholdOf(m.name), color: modelColor(i) }))
    : [{ kind: 'vline', x: thresholdOf(''), label: 'threshold' }]), [models, perModel, thresholdOf]);

  if (models.length === 0) return null;
  return (
    <Plot
      title={`Total cost against the threshold (a false positive costs ${costFP}, a false negative ${costFN})`}
      testId="plot-cost"
      data={data}
      layout={layout}
      marks={marks}
      height={400}
      onPointClick={(p) => {
        // Every trace here has the threshold on x; the last one holds the cheapest points, one per model.
        const trace = data[p.curveNumber] as { text?: string[] } | undefined;
        const model = p.curveNumber < models.length ? models[p.curveNumber]!.name : trace?.text?.[p.pointNumber] ?? null;
        if (typeof p.x === 'number') apply(model, p.x);
      }}
    />
  );
}
