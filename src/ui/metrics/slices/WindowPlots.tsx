import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js';
import { parseAlertRules, WINDOW_SIGNALS, type AlertRule } from '../../../core/metrics/slices';
import type { PredictionTask } from '../../../core/metrics/predictions';
import { reportKeysFor } from '../../../core/metrics/report';
import type { WindowsAnswer } from '../../../store/metrics-slice-views';
import { useMetricsStore } from '../../../store/metrics-store';
import { Plot } from '../../plots/Plot';
import { METRIC_LAYOUT, axis } from '../plots/shapes';
import { shortLabel } from '../MetricName';
import { valueOf } from './slice-rows';

const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

interface Props { result: WindowsAnswer; task: PredictionTask; metric: string; models: string[] }

function figure(result: WindowsAnswer, key: string, models: string[], rules: AlertRule[]): { data: Partial<Data>[]; layout: Partial<Layout> } {
  const x = result.windows.map((w) => w.start);
  const value = (w: WindowsAnswer['windows'][number], m: string) => (key === 'psi' || key === 'ks' || key === 'mean_confidence' ? w[key][m] ?? null : valueOf(w.models, m, key));
  const fired = (w: WindowsAnswer['windows'][number], m: string) => w.alerts.some((a) => a.startsWith(`model "${m}": ${key} `));
  const data: Partial<Data>[] = models.flatMap((m, i) => [
    { type: 'scatter', mode: 'lines+markers', name: m, x, y: result.windows.map((w) => value(w, m)), line: { color: COLOURS[i % COLOURS.length] } },
    {
      type: 'scatter', mode: 'markers', name: `${m}: alert`, showlegend: i === 0, legendgroup: 'alerts',
      x: result.windows.filter((w) => fired(w, m)).map((w) => w.start), y: result.windows.filter((w) => fired(w, m)).map((w) => value(w, m)),
      marker: { color: '#c62828', size: 12, symbol: 'x' }, hovertemplate: `${m} alert %{x}: %{y:.4f}<extra></extra>`,
    },
  ]);
  const lines = rules.filter((r) => r.metric === key);
  const layout: Partial<Layout> = {
    ...METRIC_LAYOUT, xaxis: axis(result.time, { type: 'date' }), yaxis: axis(key === 'psi' ? 'PSI' : shortLabel(key)),
    shapes: lines.map((r) => ({ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: r.value, y1: r.value, line: { color: '#c62828', dash: 'dash', width: 1.5 } })) as Layout['shapes'],
    annotations: lines.map((r) => ({ xref: 'paper', x: 1, y: r.value, xanchor: 'right', yanchor: 'bottom', showarrow: false, text: r.text, font: { color: '#c62828', size: 11 } })) as Layout['annotations'],
  };
  return { data, layout };
}

/** The metric and the PSI per window and model, with each alert rule on them as a red line and the windows it fires in marked. */
export function WindowPlots({ result, task, metric, models }: Props) {
  const alerts = useMetricsStore((s) => s.windowQuery.alerts);
  const rules = useMemo(() => {
    const parsed = alerts.trim() === '' ? null : parseAlertRules(alerts, [...reportKeysFor(task), ...WINDOW_SIGNALS]);
    return parsed?.ok ? parsed.value : [];
  }, [alerts, task]);
  const metricFigure = useMemo(() => figure(result, metric, models, rules), [result, metric, models, rules]);
  const psiFigure = useMemo(() => figure(result, 'psi', models, rules), [result, models, rules]);
  return (
    <div className="mp-two">
      <section className="panel" aria-label={`${shortLabel(metric)} over time, plot`}>
        <Plot title={`${shortLabel(metric)} per window`} testId="plot-windows" data={metricFigure.data} layout={metricFigure.layout} height={340} />
      </section>
      <section className="panel" aria-label="Score drift over time, plot">
        <Plot title="Score drift (PSI) against the first window" testId="plot-drift" data={psiFigure.data} layout={psiFigure.layout} height={340} />
      </section>
    </div>
  );
}
