/**
 * Keeps live charts smooth without blocking the page: when new records arrive every chart is marked
 * dirty, and the scheduler redraws at most ONE chart per animation frame (a Plotly.react of a few
 * thousand points takes 5-30 ms), skipping charts that are scrolled out of view and redrawing each
 * chart at most every `minIntervalMs`. So however fast records arrive, a frame never carries more than
 * one chart's work, and hidden charts cost nothing until they are scrolled into view.
 */

export interface ScheduledChart {
  /** Draws the chart from the current data; may be async (Plotly loads lazily). */
  draw(): void | Promise<void>;
  /** Whether the chart is on screen (IntersectionObserver); invisible charts wait. */
  visible(): boolean;
  /** What the chart is drawn from (e.g. 'series', 'boundary'): `invalidate(tag)` marks only these. Default: every tag. */
  tags?: readonly string[];
  /** This chart's own minimum time between redraws (a costly chart redraws less often); default the scheduler's. */
  minIntervalMs?: number;
}

interface Entry {
  chart: ScheduledChart;
  dirty: boolean;
  lastDraw: number;
  drawing: boolean;
}

export interface RedrawScheduler {
  /** Adds a chart (drawn on the next frame); returns the function that removes it. */
  register(chart: ScheduledChart): () => void;
  /** Marks the charts drawn from `tag` (every chart when no tag is given) as needing a redraw. */
  invalidate(tag?: string): void;
  /** Re-checks visibility (call when a chart scrolls into view). */
  poke(): void;
  /** Number of registered charts (for tests and the benchmark). */
  readonly size: number;
}

export interface SchedulerClock {
  now(): number;
  requestFrame(cb: () => void): void;
}

const browserClock: SchedulerClock = {
  now: () => performance.now(),
  requestFrame: (cb) => {
    // Hidden tabs get no animation frames; a timeout keeps charts current for when the tab returns.
    if (typeof document !== 'undefined' && document.hidden) setTimeout(cb, 250);
    else requestAnimationFrame(cb);
  },
};

/** A scheduler over `clock` (the browser's rAF by default). */
export function createRedrawScheduler(minIntervalMs = 200, clock: SchedulerClock = browserClock): RedrawScheduler {
  const entries = new Set<Entry>();
  let frameRequested = false;
  let cursor = 0;

  const request = () => {
    if (frameRequested) return;
    frameRequested = true;
    clock.requestFrame(frame);
  };

  function frame(): void {
    frameRequested = false;
    const list = [...entries];
    if (list.length === 0) return;
    const now = clock.now();
    let waiting = false;
    // Round-robin from where the last frame stopped, so no chart starves.
    for (let k = 0; k < list.length; k++) {
      const e = list[(cursor + k) % list.length]!;
      if (!e.dirty || e.drawing) continue;
      if (!e.chart.visible()) continue;
      if (now - e.lastDraw < (e.chart.minIntervalMs ?? minIntervalMs)) {
        waiting = true;
        continue;
      }
      cursor = (cursor + k + 1) % list.length;
      e.dirty = false;
      e.lastDraw = now;
      e.drawing = true;
      void Promise.resolve(e.chart.draw()).finally(() => {
        e.drawing = false;
        if (e.dirty) request();
      });
      // One chart per frame; look again next frame for the others.
      if (list.some((o) => o.dirty && o !== e && o.chart.visible())) request();
      return;
    }
    if (waiting) request();
  }

  return {
    register(chart) {
      const entry: Entry = { chart, dirty: true, lastDraw: -Infinity, drawing: false };
      entries.add(entry);
      request();
      return () => entries.delete(entry);
    },
    invalidate(tag) {
      for (const e of entries) if (tag === undefined || !e.chart.tags || e.chart.tags.includes(tag)) e.dirty = true;
      request();
    },
    poke: request,
    get size() {
      return entries.size;
    },
  };
}
