import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Config, Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import { loadPlotly } from './loadPlotly';

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
   * For live charts: an imperative handle whose `react(data, layout)` redraws with Plotly.react directly,
   * without a React render (per-step training data arrives many times a second). Once it has been used,
   * the `data`/`layout` props are no longer drawn.
   */
  handleRef?: Ref<PlotHandle>;
}

export interface PlotHandle {
  /** Redraws with new traces and layout (merged over the base layout, like the props). */
  react(data: Partial<Data>[], layout?: Partial<Layout>): Promise<void>;
}

const baseLayout: Partial<Layout> = {
  margin: { l: 56, r: 16, t: 36, b: 48 },
  font: { family: 'system-ui, sans-serif', size: 12 },
  legend: { orientation: 'h', y: -0.2 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: '#fff',
};

const config: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  // Our own export buttons below the plot give both PNG and SVG.
  modeBarButtonsToRemove: ['toImage', 'lasso2d', 'select2d'],
};

/** The one Plotly wrapper: lazy-loads Plotly, redraws with Plotly.react, exports PNG and SVG. */
export function Plot({ title, data, layout, height = 320, testId, onClickX, handleRef }: PlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const clickRef = useRef(onClickX);
  clickRef.current = onClickX;
  const live = useRef(false);

  useImperativeHandle(
    handleRef,
    () => ({
      async react(liveData, liveLayout) {
        live.current = true;
        const el = ref.current;
        const Plotly = await loadPlotly();
        if (!el || !el.isConnected) return;
        await Plotly.react(el, liveData, { ...baseLayout, title: { text: title }, height, ...liveLayout }, config);
        setReady(true);
      },
    }),
    [title, height],
  );

  useEffect(() => {
    let cancelled = false;
    const el = ref.current;
    void loadPlotly().then(async (Plotly) => {
      if (cancelled || !el || live.current) return;
      await Plotly.react(el, data, { ...baseLayout, title: { text: title }, height, ...layout }, config);
      if (cancelled) return;
      const gd = el as unknown as PlotlyHTMLElement;
      gd.removeAllListeners?.('plotly_click');
      gd.on('plotly_click', (ev) => {
        const x = ev.points[0]?.x;
        if (typeof x === 'number') clickRef.current?.(x);
      });
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [data, layout, title, height]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly().then((Plotly) => Plotly.purge(el));
    };
  }, []);

  const download = async (format: 'png' | 'svg') => {
    const el = ref.current;
    if (!el) return;
    const Plotly = await loadPlotly();
    await Plotly.downloadImage(el, { format, filename: fileName(title), width: el.clientWidth || 800, height });
  };

  return (
    <figure className="plot" data-testid={testId} data-ready={ready ? 'true' : 'false'}>
      <div ref={ref} role="img" aria-label={title} style={{ minHeight: height }} />
      <figcaption className="plot-actions">
        <button type="button" className="link" onClick={() => void download('png')} data-testid={testId ? `${testId}-png` : undefined}>
          PNG
        </button>
        <button type="button" className="link" onClick={() => void download('svg')} data-testid={testId ? `${testId}-svg` : undefined}>
          SVG
        </button>
      </figcaption>
    </figure>
  );
}

function fileName(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plot';
}
