/** Layout pieces shared by the metric plots (what follows the threshold is drawn as Plot marks, not here). */
import type { Layout } from 'plotly.js';

/** Axis settings shared by the metric plots. */
export function axis(title: string, extra: Partial<Layout['xaxis']> = {}): Partial<Layout['xaxis']> {
  return { title: { text: title }, zeroline: false, gridcolor: '#eef0f3', linecolor: '#c9ced6', ...extra };
}

/** Base layout of the metric plots: legend below, zoom kept across redraws. */
export const METRIC_LAYOUT: Partial<Layout> = {
  uirevision: 'keep',
  hovermode: 'closest',
  legend: { orientation: 'h', y: -0.22, x: 0 },
  margin: { l: 60, r: 16, t: 40, b: 60 },
};
