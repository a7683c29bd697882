import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { metricVsThreshold } from '../../../core/metrics';
import { useMetricsStore } from '../../../store/metrics-store';
import { Plot } from '../../plots/Plot';
import { modelColor, useBinaryModels, useThresholdOf } from '../hooks';
import { costOptimum } from '../optima';
import { METRIC_LAYOUT, axis, thresholdLine } from './shapes';
import { asThresholdPoint, thresholdCustomdata, useApplyThreshold } from './usePlotThreshold';

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
      const s = metricVsThreshold(m.sweep, 'cost', { costFP, costFN, maxPoints: 1500 });
      return {
        x: s.thresholds.subarray(1), y: s.values.subarray(1), type: 'scatter', mode: 'lines', name: m.name,
        line: { color: modelColor(i), width: 2.5 }, hovertemplate: `${m.name}: total cost %{y:,.4g} at threshold %{x:.4g}<extra></extra>`,
      };
    });
    const cheap = models.map((m, i) => ({ m, i, o: costOptimum(m.sweep, costFP, costFN) })).filter((e) => Number.isFinite(e.o.threshold));
    curves.push({
      x: cheap.map((e) => e.o.threshold), y: cheap.map((e) => e.o.value), type: 'scatter', mode: 'markers', name: 'Cheapest threshold',
      marker: { symbol: 'star', size: 15, color: cheap.map((e) => modelColor(e.i)), line: { color: '#1d2430', width: 1 } },
      customdata: thresholdCustomdata(cheap.map((e) => [e.m.name, e.o.threshold]) as [string, number][]),
      hovertemplate: '%{customdata[0]}: cheapest at %{x:.4g}, total cost %{y:,.4g}<br>click to apply<extra></extra>',
    });
    return curves;
  }, [models, costFP, costFN]);

  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    xaxis: axis('Threshold'),
    yaxis: axis(`Total cost (${costFP} per false positive, ${costFN} per false negative)`, { rangemode: 'tozero' }),
    shapes: perModel
      ? models.map((m, i) => thresholdLine(thresholdOf(m.name), modelColor(i), 'dot')).filter((s) => Number.isFinite(s.x0 as number))
      : Number.isFinite(thresholdOf('')) ? [thresholdLine(thresholdOf(''))] : [],
  }), [models, perModel, thresholdOf, costFP, costFN]);

  if (models.length === 0) return null;
  return (
    <Plot
      title="Cost against the threshold"
      testId="plot-cost"
      data={data}
      layout={layout}
      height={400}
      onPointClick={(p) => {
        const hit = asThresholdPoint(p.customdata);
        if (hit) apply(hit.model, hit.threshold);
        else if (typeof p.x === 'number') apply(null, p.x);
      }}
    />
  );
}
