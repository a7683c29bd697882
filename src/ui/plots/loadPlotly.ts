import type * as PlotlyTypes from 'plotly.js';
import type { Data } from 'plotly.js';

export type PlotlyModule = typeof PlotlyTypes;

/**
 * Which Plotly build draws a figure. The cartesian one (scatter, bar, heatmap, contour, histogram:
 * 1.5 MB, about 0.4 s to start on the 2-core machine) draws every plot but parallel coordinates; the
 * full one (4.8 MB, over 1 s to start, the page frozen meanwhile) is loaded only for those.
 */
export type PlotlyBundle = 'cartesian' | 'full';

export function bundleFor(data: readonly Partial<Data>[]): PlotlyBundle {
  return data.some((trace) => trace.type === 'parcoords') ? 'full' : 'cartesian';
}

const loaded: Partial<Record<PlotlyBundle, Promise<PlotlyModule>>> = {};

/** Loads a Plotly build once, on the first page that draws with it, never on first paint. */
export function loadPlotly(bundle: PlotlyBundle = 'cartesian'): Promise<PlotlyModule> {
  loaded[bundle] ??= (bundle === 'full' ? import('plotly.js-dist-min') : import('plotly.js-cartesian-dist-min')).then((m) => {
    // The packages ship their own (older) typings; the app is typed against @types/plotly.js.
    const mod = m as unknown as { default?: PlotlyModule } & PlotlyModule;
    return mod.default ?? mod;
  });
  return loaded[bundle];
}
