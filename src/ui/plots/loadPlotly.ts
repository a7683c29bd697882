import type * as PlotlyTypes from 'plotly.js';

export type PlotlyModule = typeof PlotlyTypes;

let plotly: Promise<PlotlyModule> | null = null;

/** Plotly is ~3.5 MB: load it once, on the first page that draws a plot, never on first paint. */
export function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((m) => ((m as { default?: PlotlyModule }).default ?? m) as PlotlyModule);
  return plotly;
}
