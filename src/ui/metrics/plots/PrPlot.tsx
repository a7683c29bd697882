import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { confusionAt } from '../../../core/metrics';
import { Plot } from '../../plots/Plot';
import { modelColor, useActiveGroup, useBinaryModels, useThresholdOf } from '../hooks';
import { METRIC_LAYOUT, axis, pointShape } from './shapes';
import { asThresholdPoint, thresholdCustomdata, useApplyThreshold } from './usePlotThreshold';

/** Precision-recall curves with the no-skill baseline (the positive rate) and the current operating points. */
export function PrPlot() {
  const models = useBinaryModels();
  const group = useActiveGroup();
  const thresholdOf = useThresholdOf();
  const apply = useApplyThreshold();
  const prevalence = group && group.info.rows > 0 ? group.info.positives / group.info.rows : 0;

  const data = useMemo<Partial<Data>[]>(() => [
    {
      x: [0, 1], y: [prevalence, prevalence], type: 'scatter', mode: 'lines', hoverinfo: 'skip',
      name: `No skill: the positive rate ${prevalence.toFixed(3)}`, line: { color: '#9aa3ae', dash: 'dot', width: 1.5 },
    },
    ...models.filter((m) => m.details).map((m): Partial<Data> => {
      const i = models.indexOf(m);
      const pr = m.details!.pr;
      return {
        x: pr.x, y: pr.y, type: 'scatter', mode: 'lines', line: { color: modelColor(i), width: 2.5, shape: 'hv' },
        name: `${m.name} (AP ${m.report.average_precision?.toFixed(3) ?? '—'})`,
        customdata: thresholdCustomdata(Array.from(pr.thresholds, (t) => [m.name, t]) as [string, number][]),
        hovertemplate: `${m.name}<br>recall %{x:.3f}, precision %{y:.3f}<br>threshold %{customdata[1]:.4g}<extra></extra>`,
      };
    }),
  ], [models, prevalence]);

  const layout = useMemo<Partial<Layout>>(() => ({
    ...METRIC_LAYOUT,
    xaxis: axis('Recall (true positive rate)', { range: [-0.02, 1.02] }),
    yaxis: axis('Precision', { range: [-0.02, 1.04] }),
    shapes: models.flatMap((m, i) => {
      const c = confusionAt(m.sweep, thresholdOf(m.name));
      // Nothing flagged: precision is undefined, so there is no point to draw.
      return c.tp + c.fp === 0 || m.sweep.nPositive === 0 ? [] : [pointShape(c.tp / m.sweep.nPositive, c.tp / (c.tp + c.fp), modelColor(i))];
    }),
  }), [models, thresholdOf]);

  if (models.length === 0) return null;
  return (
    <Plot
      title="Precision-recall curves"
      testId="plot-pr"
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
