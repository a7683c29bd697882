/**
 * Plotly layout shapes for everything that follows the threshold (operating points, threshold lines).
 * Moving a shape is a cheap layout update (a few ms), where changing a trace redraws the whole plot
 * (tens of ms): this is what keeps the linked plots in step with the slider.
 */
import type { Layout, Shape } from 'plotly.js';

/** A dot of fixed pixel size at data coordinates (x, y), e.g. a model's current operating point. */
export function pointShape(x: number, y: number, color: string, radius = 7): Partial<Shape> {
  return {
    type: 'circle', xref: 'x', yref: 'y', xsizemode: 'pixel', ysizemode: 'pixel',
    xanchor: x, yanchor: y, x0: -radius, x1: radius, y0: -radius, y1: radius,
    fillcolor: color, line: { color: '#ffffff', width: 2 }, layer: 'above',
  } as Partial<Shape>;
}

/** A vertical line across the plot at x (the current threshold). */
export function thresholdLine(x: number, color = '#1d2430', dash: 'dot' | 'dash' | 'solid' = 'dash'): Partial<Shape> {
  return { type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1, line: { color, width: 2, dash }, layer: 'above' };
}

/** Axis settings shared by the metric plots. */
export function axis(title: string, extra: Partial<Layout['xaxis']> = {}): Partial<Layout['xaxis']> {
  return { title: { text: title }, zeroline: false, gridcolor: '#eef0f3', linecolor: '#c9ced6', ...extra };
}

/** Base layout of the metric plots: legend below, zoom kept across threshold moves. */
export const METRIC_LAYOUT: Partial<Layout> = {
  uirevision: 'keep',
  hovermode: 'closest',
  legend: { orientation: 'h', y: -0.22, x: 0 },
  margin: { l: 60, r: 16, t: 40, b: 60 },
};
