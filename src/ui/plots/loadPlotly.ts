import type * as PlotlyTypes from 'plotly.js';

export type PlotlyModule = typeof PlotlyTypes;

let plotly: Promise<PlotlyModule> | null = null;

/** Plotly is ~3.5 MB: load it once, on the first page that draws a plot, never on first paint. */
export function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((m) => {
    // The package ships its own (older) typings; the app is typed against @types/plotly.js.
    const mod = m as unknown as { default?: PlotlyModule } & PlotlyModule;
    return mod.default ?? mod;
  });
  return plotly;
}
