/**
 * What the browser benchmarks record inside the page, and read from a Chromium trace: long tasks
 * (main-thread blocks over 50 ms), gaps between animation frames, and each task's own CPU time.
 */

/** A PerformanceObserver 'longtask' entry as recorded in `window.__longTasks`. */
export interface LongTask {
  start: number;
  duration: number;
}

/** Init script (before any page script): every long task into `window.__longTasks`. */
export const LONG_TASK_RECORDER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

/** Init script: the gap before every animation frame into `window.__frameGaps`. */
export const FRAME_GAP_RECORDER = `
  window.__frameGaps = [];
  let last = performance.now();
  const frame = (t) => { window.__frameGaps.push({ at: t, gap: t - last }); last = t; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

/** The longest of `tasks` that started within [from, to]; 0 when none did. */
export function longestIn(tasks: readonly LongTask[], from: number, to: number): number {
  let max = 0;
  for (const t of tasks) if (t.start >= from && t.start <= to && t.duration > max) max = t.duration;
  return max;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The renderer main thread's task with the most CPU time in a Chromium trace (devtools.timeline
 * 'RunTask' events: `dur` is wall time, `tdur` the thread's CPU time, both in microseconds).
 */
export function longestMainThreadTask(traceJson: string): { cpuMs: number; wallMs: number } | null {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { cpuMs: number; wallMs: number } | null = null;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.tdur === undefined || e.dur === undefined) continue;
    if (!mains.some((m) => m.pid === e.pid && m.tid === e.tid)) continue;
    const cpuMs = e.tdur / 1000;
    if (!best || cpuMs > best.cpuMs) best = { cpuMs, wallMs: e.dur / 1000 };
  }
  return best;
}
