import type * as PlotlyTypes from 'plotly.js';
import type { Data } from 'plotly.js';
import plotlyGlobalCssUrl from './plotly-global.css?url';

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

/** The id under which Plotly looks for the stylesheet of its global rules (plotly.js src/lib/dom.js). */
const PLOTLY_GLOBAL_STYLE_ID = 'plotly.js-style-global';
/** The id of the <style> element in which plotly.js-dist-min 4.1 puts MapLibre's CSS. */
const MAPLIBRE_STYLE_ID = 'ce8d464691048653ffe3a57c6c18ab566e8366f186677868cf724621a857b4fe';
let styleSheetReady: Promise<void> | undefined;

/**
 * Plotly adds its global CSS rules to the stylesheet with id `plotly.js-style-global` and creates a
 * <style> element for them when there is none, which the content security policy refuses (`style-src
 * 'self'`, src/security/content-security-policy.ts). An empty same-origin <link> stylesheet with that id,
 * loaded first, takes the rules instead: inserting them through the CSSOM is allowed.
 */
function plotlyStyleSheet(): Promise<void> {
  styleSheetReady ??= new Promise((resolve) => {
    // The full build also carries MapLibre's CSS (maps, which the app never draws) and writes it into a
    // <style> element unless one with this id exists: a placeholder keeps it from trying. A Plotly update
    // that changes the id shows up as a style-src-elem violation in e2e/csp.spec.ts.
    if (!document.getElementById(MAPLIBRE_STYLE_ID)) {
      const placeholder = document.createElement('meta');
      placeholder.id = MAPLIBRE_STYLE_ID;
      document.head.appendChild(placeholder);
    }
    if (document.getElementById(PLOTLY_GLOBAL_STYLE_ID)) return resolve();
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.id = PLOTLY_GLOBAL_STYLE_ID;
    link.href = plotlyGlobalCssUrl;
    // On an error Plotly finds no sheet and only warns; the plots still draw.
    link.onload = link.onerror = () => resolve();
    document.head.appendChild(link);
  });
  return styleSheetReady;
}

/** Loads a Plotly build once, on the first page that draws with it, never on first paint. */
export function loadPlotly(bundle: PlotlyBundle = 'cartesian'): Promise<PlotlyModule> {
  loaded[bundle] ??= plotlyStyleSheet().then(() => (bundle === 'full' ? import('plotly.js-dist-min') : import('plotly.js-cartesian-dist-min'))).then((m) => {
    // The packages ship their own (older) typings; the app is typed against @types/plotly.js.
    const mod = m as unknown as { default?: PlotlyModule } & PlotlyModule;
    return mod.default ?? mod;
  });
  return loaded[bundle];
}
