/**
 * Plotly figures of the Curves tab, pure functions of the worker's outcomes: the learning curve with
 * its power law and band, the validation curve, and more data beside each feature's worth.
 */
import type { Data, Layout } from 'plotly.js';
import type { DataOrFeatures } from '../../core/experiments/data-or-features';
import type { LearningCurveOutcome, ValidationCurveOutcome } from '../../workers/experiments-service';
import type { Figure } from './figures';

const TRAIN = '#8a9bb0';
const VALIDATION = '#1f4e79';
const FIT = '#e07b39';

function meanTraces(rows: LearningCurveOutcome['summary'], unit: string): Partial<Data>[] {
  const x = rows.map((r) => r.x);
  return [
    {
      type: 'scatter', mode: 'lines+markers', name: 'training rows (mean ± sd)', x, y: rows.map((r) => r.train.mean),
      error_y: { type: 'data', array: rows.map((r) => r.train.std), visible: true, color: TRAIN }, line: { color: TRAIN, dash: 'dash' }, marker: { color: TRAIN },
      hovertemplate: `${unit} %{x}<br>train %{y:.4g}<extra></extra>`,
    },
    {
      type: 'scatter', mode: 'lines+markers', name: 'validation (mean ± sd)', x, y: rows.map((r) => r.validation.mean),
      error_y: { type: 'data', array: rows.map((r) => r.validation.std), visible: true, color: VALIDATION }, line: { color: VALIDATION, width: 2.5 }, marker: { color: VALIDATION, size: 8 },
      hovertemplate: `${unit} %{x}<br>validation %{y:.4g}<extra></extra>`,
    },
  ];
}

/** Score against rows (log axis): train and validation with spreads, each repeat's points, the power law and its band out to 10×. */
export function learningCurveFigure(o: LearningCurveOutcome): Figure {
  const data: Partial<Data>[] = [
    {
      type: 'scatter', mode: 'markers', name: 'each repeat', x: o.points.map((p) => p.x), y: o.points.map((p) => p.validation),
      marker: { color: VALIDATION, opacity: 0.3, size: 5 }, hovertemplate: 'rows %{x}<br>validation %{y:.4g}<extra>repeat</extra>',
    },
    ...meanTraces(o.summary, 'rows'),
  ];
  if (o.fit) {
    const bands = [...o.fit.bands].sort((a, b) => a.n - b.n);
    data.unshift(
      { type: 'scatter', mode: 'lines', x: bands.map((b) => b.n), y: bands.map((b) => b.low), line: { width: 0 }, showlegend: false, hoverinfo: 'skip' },
      {
        type: 'scatter', mode: 'lines', name: 'power-law band (90%)', x: bands.map((b) => b.n), y: bands.map((b) => b.high), fill: 'tonexty',
        fillcolor: 'rgba(224,123,57,0.18)', line: { width: 0 }, hoverinfo: 'skip',
      },
    );
    data.push({
      type: 'scatter', mode: 'lines', name: 'power law', x: bands.map((b) => b.n), y: bands.map((b) => b.score), line: { color: FIT, width: 2, dash: 'dot' },
      hovertemplate: 'rows %{x}<br>fitted %{y:.4g}<extra></extra>',
    });
  }
  const layout: Partial<Layout> = {
    xaxis: { title: { text: 'training rows (log scale)' }, type: 'log' },
    yaxis: { title: { text: o.metric.label } },
    legend: { orientation: 'h', y: -0.25 },
    margin: { l: 60, r: 16, t: 36, b: 80 },
    shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: o.rows.pool, x1: o.rows.pool, y0: 0, y1: 1, line: { color: '#5b6573', dash: 'dash', width: 1 } }],
  };
  return { data, layout };
}

/** Score against one setting: train and validation, mean ± sd over the repeats. */
export function validationCurveFigure(o: ValidationCurveOutcome): Figure {
  const log = o.scale === 'log' && o.summary.every((r) => r.x > 0);
  return {
    data: meanTraces(o.summary, o.label),
    layout: {
      xaxis: { title: { text: `${o.label}${log ? ' (log scale)' : ''}` }, type: log ? 'log' : 'linear' },
      yaxis: { title: { text: o.metric.label } }, legend: { orientation: 'h', y: -0.25 }, margin: { l: 60, r: 16, t: 36, b: 80 },
    },
  };
}

/** One bar for the rows (predicted, with its band) and one per feature (measured, with its interval), in score units. */
export function dataOrFeaturesFigure(advice: DataOrFeatures, metricLabel: string): Figure {
  const items = [
    { name: `${advice.data.factor}× rows (predicted)`, value: advice.data.gain, lo: advice.data.low, hi: advice.data.high, colour: FIT },
    ...advice.features.map((f) => ({ name: `feature ${f.feature}`, value: f.gain, lo: f.lower ?? f.gain, hi: f.upper ?? f.gain, colour: VALIDATION })),
  ].reverse();
  return {
    data: [{
      type: 'bar', orientation: 'h', x: items.map((i) => i.value), y: items.map((i) => i.name), marker: { color: items.map((i) => i.colour) },
      error_x: { type: 'data', symmetric: false, array: items.map((i) => Math.max(0, i.hi - i.value)), arrayminus: items.map((i) => Math.max(0, i.value - i.lo)), color: '#1d2430', thickness: 1.5, width: 4 },
      hovertemplate: '%{y}: %{x:.4g}<extra></extra>',
    }],
    layout: {
      xaxis: { title: { text: `gain in ${metricLabel}` }, zeroline: true }, yaxis: { automargin: true }, showlegend: false,
      height: Math.max(220, 28 * items.length + 90), margin: { l: 60, r: 16, t: 24, b: 48 },
    },
  };
}
