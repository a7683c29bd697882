import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import type { Config, Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import { afterPaint } from '../afterPaint';
import { loadPlotly } from './loadPlotly';
import { marksAsShapes, renderMarks, type PlotMark } from './plotMarks';

export type { PlotMark } from './plotMarks';

export interface PlotProps {
  /** Used for the export file names and as the accessible label. */
  title: string;
  data: Partial<Data>[];
  layout?: Partial<Layout>;
  height?: number;
  testId?: string;
  /** Called with the x value of a click, e.g. to set the threshold from a curve. */
  onClickX?: (x: number) => void;
  /**
   * Dots and lines drawn over the plot without a Plotly redraw (see plotMarks.ts): for what follows a
   * slider, like operating points and a threshold line. Exports include them.
   */
  marks?: readonly PlotMark[];
  /** Called with the clicked point, including its `customdata` (e.g. the threshold of a ROC point). */
  onPointClick?: (point: { x: unknown; y: unknown; customdata: unknown; curveNumber: number; pointNumber: number }) => void;
  /**
   * For live charts: an imperative handle whose `react(data, layout)` redraws with Plotly.react directly,
   * without a React render (per-step training data arrives many times a second). Once it has been used,
   * the `data`/`layout` props are no longer drawn.
   */
  handleRef?: Ref<PlotHandle>;
}

export interface PlotHandle {
  /** Redraws with new traces and layout (merged over the base layout, like the props), and `marks` over them. */
  react(data: Partial<Data>[], layout?: Partial<Layout>, marks?: readonly PlotMark[]): Promise<void>;
}

const baseLayout: Partial<Layout> = {
  margin: { l: 56, r: 16, t: 36, b: 48 },
  font: { family: 'system-ui, sans-serif', size: 12 },
  legend: { orientation: 'h', y: -0.2 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: '#fff',
};

/**
 * Plotly draws synchronously: ten plots drawn in one go block the page for far more than 100 ms.
 * Draws from props go through this queue, one plot per task after a painted frame (see afterPaint),
 * yielding to input events in between; a plot asked to redraw while it waits keeps its place and
 * draws only its latest figure.
 */
const drawQueue = new Map<HTMLElement, () => Promise<void>>();
let draining = false;
function drainDrawQueue(): void {
  const next = drawQueue.entries().next();
  if (next.done) {
    draining = false;
    return;
  }
  const [el, draw] = next.value;
  drawQueue.delete(el);
  void draw().catch(() => undefined).finally(() => afterPaint(drainDrawQueue));
}
function scheduleDraw(el: HTMLElement, draw: () => Promise<void>): void {
  drawQueue.set(el, draw);
  if (!draining) {
    draining = true;
    afterPaint(drainDrawQueue);
  }
}

/** Plots currently on screen, in mount order: for a report that embeds every figure. */
const mounted = new Map<HTMLElement, { title: string; height: number; marks: readonly PlotMark[]; caption: boolean }>();

/** The drawn plots on the page (element, title, height), e.g. to export them all into one report. */
export function drawnPlots(): { el: HTMLElement; title: string; height: number }[] {
  return [...mounted].filter(([el]) => el.isConnected && el.classList.contains('js-plotly-plot')).map(([el, m]) => ({ el, title: m.title, height: m.height }));
}

/** A drawn plot as an image data: URL (PNG or SVG), its marks included as shapes. */
export async function plotImage(el: HTMLElement, format: 'png' | 'svg', width: number, height: number): Promise<string> {
  const Plotly = await loadPlotly();
  const gd = el as unknown as { data: Partial<Data>[]; layout: Partial<Layout> };
  const entry = mounted.get(el);
  const extra = marksAsShapes(entry?.marks ?? []);
  // On the page the title is an HTML caption; an exported image carries it inside, with room at the top.
  const titled = entry?.caption ? { title: { text: entry.title }, margin: { ...gd.layout.margin, t: Math.max(48, gd.layout.margin?.t ?? 0) } } : {};
  const layout = {
    ...gd.layout,
    ...titled,
    shapes: [...(gd.layout.shapes ?? []), ...extra.shapes],
    annotations: [...(gd.layout.annotations ?? []), ...(extra.annotations as Layout['annotations'])],
    width, height,
  };
  return Plotly.toImage({ data: gd.data, layout, config } as unknown as Parameters<typeof Plotly.toImage>[0], { format, width, height });
}

/**
 * Figures that take Plotly through what the pages draw: lines and markers with a legend below, hover
 * templates, annotations and shapes; overlaid bars; a heatmap with text. V8 compiles a function the
 * first time it runs, so the first real plot of each kind would otherwise pay for it.
 */
const WARM_UP: { data: Partial<Data>[]; layout: Partial<Layout> }[] = [
  {
    data: [
      { x: [0, 0.5, 1], y: [0, 0.8, 1], type: 'scatter', mode: 'lines', name: 'a', hovertemplate: '%{x:.3f}<extra></extra>' },
      { x: [0.2], y: [0.6], type: 'scatter', mode: 'markers', name: 'b', marker: { symbol: 'star', size: 14 } },
    ],
    layout: {
      legend: { orientation: 'h', y: -0.22, x: 0 }, hovermode: 'closest', uirevision: 'keep',
      xaxis: { title: { text: 'x' } }, yaxis: { title: { text: 'y' }, type: 'log' },
      shapes: [{ type: 'line', x0: 0.5, x1: 0.5, y0: 0, y1: 1 }],
      annotations: [{ xref: 'paper', yref: 'paper', x: 1, y: 0, showarrow: false, text: 'a' }],
    },
  },
  {
    data: [
      { x: [1, 2], y: [3, 4], type: 'bar', name: 'a', opacity: 0.7 },
      { x: [1, 2], y: [2, 5], type: 'bar', name: 'b', yaxis: 'y2' },
    ],
    layout: { barmode: 'overlay', yaxis2: { overlaying: 'y', side: 'right' } },
  },
  {
    data: [{ type: 'heatmap', z: [[0.1, 0.9], [0.8, 0.2]], x: ['a', 'b'], y: ['c', 'd'], text: [['1', '2'], ['3', '4']] as unknown as string[], texttemplate: '%{text}', showscale: false }],
    layout: { yaxis: { autorange: 'reversed', automargin: true }, xaxis: { side: 'top' } },
  },
];

/**
 * Loads Plotly and draws throw-away figures off screen, one per task, so that the first real plots
 * do not pay Plotly's one-time costs. Call it when a page that will plot opens, before the user picks data.
 */
export async function preparePlotly(): Promise<void> {
  const Plotly = await loadPlotly();
  const el = document.createElement('div');
  el.style.cssText = 'position:absolute;left:-10000px;top:0;width:400px;height:300px';
  document.body.appendChild(el);
  try {
    for (const figure of WARM_UP) {
      await new Promise<void>((resolve) => afterPaint(resolve));
      await Plotly.newPlot(el, figure.data, { ...baseLayout, title: { text: 'warm-up' }, height: 300, ...figure.layout }, config);
      Plotly.purge(el);
    }
  } finally {
    el.remove();
  }
}

const config: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  // Our own export buttons below the plot give both PNG and SVG.
  modeBarButtonsToRemove: ['toImage', 'lasso2d', 'select2d'],
};

/** The one Plotly wrapper: lazy-loads Plotly, redraws with Plotly.react, exports PNG and SVG. */
export function Plot({ title, data, layout, height: heightProp = 320, testId, onClickX, onPointClick, handleRef, marks }: PlotProps) {
  // A figure may size itself (e.g. one bar per feature); the box, exports and report follow it.
  const height = layout?.height ?? heightProp;
  // The title is an HTML caption above the plot, not Plotly's: Plotly centres it on one line, so a long title was cut
  // at both ends, and the mode bar (zoom, pan) is drawn over it. A figure that sets its own layout title (e.g. an
  // empty one under a card heading) keeps it.
  const caption = layout?.title === undefined;
  const plotTitle = caption ? { text: '' } : { text: title };
  const ref = useRef<HTMLDivElement>(null);
  const marksSvg = useRef<SVGSVGElement>(null);
  const marksRef = useRef<readonly PlotMark[]>(marks ?? []);
  marksRef.current = marks ?? [];
  const [ready, setReady] = useState(false);
  const clickRef = useRef(onClickX);
  clickRef.current = onClickX;
  const pointClickRef = useRef(onPointClick);
  pointClickRef.current = onPointClick;
  const live = useRef(false);

  /** After a draw: the marks where the data now are, and the listeners that keep them there and report clicks. */
  const afterDraw = (el: HTMLElement) => {
    const gd = el as unknown as PlotlyHTMLElement;
    renderMarks(el, marksSvg.current, marksRef.current);
    // Zoom, pan and resize move the axes: put the marks back where the data are.
    gd.removeAllListeners?.('plotly_afterplot');
    gd.on('plotly_afterplot', () => renderMarks(el, marksSvg.current, marksRef.current));
    gd.removeAllListeners?.('plotly_click');
    gd.on('plotly_click', (ev) => {
      const point = ev.points[0];
      if (!point) return;
      if (typeof point.x === 'number') clickRef.current?.(point.x);
      pointClickRef.current?.({ x: point.x, y: point.y, customdata: point.customdata, curveNumber: point.curveNumber, pointNumber: point.pointNumber });
    });
    setReady(true);
  };

  useImperativeHandle(
    handleRef,
    () => ({
      async react(liveData, liveLayout, liveMarks = []) {
        live.current = true;
        const el = ref.current;
        if (!el || !el.isConnected) return;
        const Plotly = await loadPlotly();
        await Plotly.react(el, liveData, { ...baseLayout, title: plotTitle, height, ...liveLayout }, config);
        marksRef.current = liveMarks;
        const entry = mounted.get(el);
        if (entry) entry.marks = liveMarks;
        afterDraw(el);
      },
    }),
    [title, height, caption],
  );

  useEffect(() => {
    let cancelled = false;
    const el = ref.current;
    if (el) mounted.set(el, { title, height, marks: marksRef.current, caption });
    if (!el) return;
    void loadPlotly().then(() => {
      if (cancelled || live.current) return;
      scheduleDraw(el, async () => {
        if (cancelled || live.current || !el.isConnected) return;
        const Plotly = await loadPlotly();
        await Plotly.react(el, data, { ...baseLayout, title: plotTitle, height, ...layout }, config);
        if (!cancelled) afterDraw(el);
      });
    });
    return () => {
      cancelled = true;
    };
  }, [data, layout, title, height, caption]);

  // In the same frame as the React commit: a mark follows its slider without waiting for a redraw.
  useLayoutEffect(() => {
    const el = ref.current;
    const entry = el ? mounted.get(el) : undefined;
    if (entry) entry.marks = marks ?? [];
    renderMarks(el, marksSvg.current, marks ?? []);
  }, [marks]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (!el) return;
      mounted.delete(el);
      drawQueue.delete(el);
      if (el.classList.contains('js-plotly-plot')) void loadPlotly().then((Plotly) => Plotly.purge(el));
    };
  }, []);

  const download = async (format: 'png' | 'svg') => {
    const el = ref.current;
    if (!el) return;
    const url = await plotImage(el, format, el.clientWidth || 800, height);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName(title)}.${format}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  return (
    <figure className="plot" aria-label={title} data-testid={testId} data-ready={ready ? 'true' : 'false'}>
      {caption && <figcaption className="plot-title">{title}</figcaption>}
      <div className="plot-area" style={{ position: 'relative' }}>
        {/* Size containment: a redraw inside never makes the page lay out the plots around it again. */}
        <div ref={ref} style={{ height, contain: 'strict' }} />
        <svg ref={marksSvg} className="plot-marks" aria-hidden="true" style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', overflow: 'visible', willChange: 'transform' }} />
      </div>
      <div className="plot-actions">
        <button type="button" className="link" onClick={() => void download('png')} data-testid={testId ? `${testId}-png` : undefined}>
          PNG
        </button>
        <button type="button" className="link" onClick={() => void download('svg')} data-testid={testId ? `${testId}-svg` : undefined}>
          SVG
        </button>
      </div>
    </figure>
  );
}

function fileName(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plot';
}
