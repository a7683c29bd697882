import type * as PlotlyTypes from 'plotly.js';
import plotlyGlobalCssUrl from './plotly-global.css?url';

export type PlotlyModule = typeof PlotlyTypes;

let loaded: Promise<PlotlyModule> | undefined;

/** The id under which Plotly looks for the stylesheet of its global rules (plotly.js src/lib/dom.js). */
const PLOTLY_GLOBAL_STYLE_ID = 'plotly.js-style-global';
let styleSheetReady: Promise<void> | undefined;

/**
 * Plotly adds its global CSS rules to the stylesheet with id `plotly.js-style-global` and creates a
 * <style> element for them when there is none, which the content security policy refuses (`style-src
 * 'self'`, src/security/content-security-policy.ts). An empty same-origin <link> stylesheet with that id,
 * loaded first, takes the rules instead: inserting them through the CSSOM is allowed.
 */
function plotlyStyleSheet(): Promise<void> {
  styleSheetReady ??= new Promise((resolve) => {
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

/**
 * Loads Plotly's cartesian build (scatter, bar, heatmap, contour, histogram: 1.5 MB, about 0.4 s to
 * start on the 2-core machine) once, on the first page that draws, never on first paint. It is the only
 * build the app uses: the full one's WebGL traces (parallel coordinates among them) compile their code
 * with eval through regl, which the content security policy refuses.
 */
export function loadPlotly(): Promise<PlotlyModule> {
  loaded ??= plotlyStyleSheet().then(() => import('plotly.js-cartesian-dist-min')).then((m) => {
    // The package ships no typings; the app is typed against @types/plotly.js.
    const mod = m as unknown as { default?: PlotlyModule } & PlotlyModule;
    return mod.default ?? mod;
  });
  return loaded;
}
