import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { confusionAt } from '../../../core/metrics';
import { Plot, type PlotMark } from '../../plots/Plot';
import { modelColor, useActiveGroup, useBinaryModels, useModelDetails, useThresholdOf } from '../hooks';
import { METRIC_LAYOUT, axis } from './shapes';
import { referenceGuide } from './reference-guide';
import { useMetricsStore } from '../../../store/metrics-store';
import { useApplyOnClick, type ClickTargets } from './usePlotThreshold';

/** Precision-recall curves with the no-skill baseline (the positive rate) and the current operating points. */
export function PrPlot() {
  const models = useBinaryModels();
  const details = useModelDetails(models);
  const group = useActiveGroup();
  const thresholdOf = useThresholdOf();
  const prevalence = group && group.info.rows > 0 ? group.info.positives / group.info.rows : 0;

  const data = useMemo<Partial<Data>[]>(() => [
    {
      x: [0, 1], y: [prevalence, prevalence], type: 'scatter', mode: 'lines', hoverinfo: 'skip',
      name: `No skill: the positive rate ${prevalence.toFixed(3)}`, line: { color: '#9aa3ae', dash: 'dot', width: 1.5 },
    },
    ...models.flatMap((m, i): Partial<Data>[] => {
      const pr = details[i]?.pr;
      if (!pr) return [];
      return [{
        x: pr.x, y: pr.y, type: 'scatter', mode: 'lines', line: { color: modelColor(i), width: 2.5, shape: 'hv' },
        name: `${m.name} (AP ${m.report.average_precision?.toFixed(3) ?? '—'})`,
        customdata: pr.thresholds as unknown as number[],
        hovertemplate: `${m.name}<br>recall %{x:.3f}, precision %{y:.3f}<br>threshold %{customdata:.4g}<extra></extra>`,
      }];
    }),
  ], [models, details, prevalence]);
  const targets = useMemo<ClickTargets>(() => [
    null,
    ...models.flatMap((m, i) => {
      const pr = details[i]?.pr;
      return pr ? [(k: number) => ({ model: m.name, threshold: pr.thresholds[k]! })] : [];
    }),
  ], [models, details]);
  const onPointClick = useApplyOnClick(targets);

  const baseline = useMetricsStore((s) => s.baseline);
  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    xaxis: axis('Recall (true positive rate)', { range: [-0.02, 1.02] }),
    yaxis: axis('Precision', { range: [-0.02, 1.04] }),
    ...referenceGuide(baseline, 'pr'),
  }) as Partial<Layout>, [baseline]);
  const marks = useMemo<PlotMark[]>(() => models.flatMap((m, i): PlotMark[] => {
    const c = confusionAt(m.sweep, thresholdOf(m.name));
    // Nothing flagged: precision is undefined, so there is no point to draw.
    return c.tp + c.fp === 0 || m.sweep.nPositive === 0 ? [] : [{ kind: 'point', x: c.tp / m.sweep.nPositive, y: c.tp / (c.tp + c.fp), color: modelColor(i) }];
  }), [models, thresholdOf]);

  if (models.length === 0) return null;
  return (
    <Plot
      title="Precision-recall curves"
      testId="plot-pr"
      data={data}
      layout={layout}
      marks={marks}
      height={400}
      onPointClick={onPointClick}
    />
  );
}
