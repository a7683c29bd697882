import { useEffect, useRef, type ReactNode } from 'react';
import { currentSeries, useTrainStore } from '../../store/train-store';
import { Plot, type PlotHandle } from '../plots/Plot';
import type { Figure } from './chart-figures';
import { createRedrawScheduler } from './redraw-scheduler';

/** One scheduler for every live chart of the page: at most one Plotly redraw per animation frame. */
export const trainCharts = createRedrawScheduler(400);

const EMPTY: never[] = [];

/** What a chart can be drawn from; TrainCharts invalidates by these when the store changes. */
export type ChartSource = 'series' | 'overlay' | 'summary' | 'boundary';
const DEFAULT_TAGS: readonly ChartSource[] = ['series', 'overlay', 'summary'];
const EMPTY_LAYOUT = { title: { text: '' }, margin: { l: 56, r: 16, t: 28, b: 40 } };
/** Legends above the plot: below it they collide with the x-axis title. */
const LEGEND = { orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom', font: { size: 10 } } as const;

/**
 * A chart fed by the training store without React renders: `build()` reads the current columns and
 * returns the figure; the scheduler calls it when records arrived and the chart is on screen.
 * `build` must be stable (module-level or memoised): a new function re-registers the chart.
 */
export function LiveChart(props: {
  id: string;
  title: string;
  help?: ReactNode;
  build: () => Figure | null;
  height?: number;
  testId?: string;
  className?: string;
  /** Extra controls next to the title (selects). */
  controls?: ReactNode;
  /** Shown over the empty plot until there is something to draw. */
  emptyText?: string;
  /** What the chart is drawn from; default the run's records and overlays. */
  tags?: readonly ChartSource[];
  /** Minimum time between this chart's redraws (for costly charts); default the scheduler's 400 ms. */
  minIntervalMs?: number;
  /** Called with the x value (the step) of a click on the plot. */
  onClickX?: (x: number) => void;
}) {
  const { build, id, minIntervalMs } = props;
  const tags = (props.tags ?? DEFAULT_TAGS).join(' ');
  const empty = useTrainStore((s) => s.seriesVersion >= 0 && currentSeries().length === 0);
  const handle = useRef<PlotHandle>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let visible = false;
    const io = new IntersectionObserver(
      (entries) => {
        visible = entries.some((e) => e.isIntersecting);
        if (visible) trainCharts.poke();
      },
      { rootMargin: '300px' },
    );
    io.observe(el);
    const off = trainCharts.register({
      tags: tags.split(' '),
      ...(minIntervalMs ? { minIntervalMs } : {}),
      // Off-screen charts wait only while a run streams records; otherwise they draw too, so a chart
      // scrolled to (or exported) after the run is already there.
      visible: () => visible || useTrainStore.getState().status !== 'running',
      draw: async () => {
        const start = performance.now();
        const fig = build();
        if (!fig || !handle.current) return;
        // The card has its own heading: no Plotly title, and a tighter top margin.
        await handle.current.react(fig.data, { title: { text: '' }, margin: { l: 56, r: 16, t: 28, b: 40 }, legend: LEGEND, ...fig.layout }, fig.marks);
        // State for tests and screenshots, without a React render.
        el.dataset.traces = String(fig.data.length);
        el.dataset.revision = String(fig.layout.datarevision ?? '');
        // Visible in the browser's performance panel (and read by the benchmark): what each redraw costs.
        performance.measure(`chart ${id}`, { start, end: performance.now() });
      },
    });
    return () => {
      off();
      io.disconnect();
    };
  }, [build, id, tags, minIntervalMs]);
  return (
    <div className={`chart-card ${props.className ?? ''}`} id={id} ref={box} data-testid={props.testId}>
      <div className="row" style={{ justifyContent: 'space-between', gap: '0.5rem' }}>
        <h3>{props.title}</h3>
        {props.controls}
      </div>
      {props.help && <p className="chart-help">{props.help}</p>}
      <div className="chart-body">
        <Plot title={props.title} data={EMPTY} layout={EMPTY_LAYOUT} height={props.height ?? 280} handleRef={handle} {...(props.onClickX ? { onClickX: props.onClickX } : {})} />
        {empty && props.emptyText !== '' && <div className="chart-empty">{props.emptyText ?? 'Press Train: this chart fills in as the model learns.'}</div>}
      </div>
    </div>
  );
}
