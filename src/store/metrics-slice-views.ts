/**
 * The Slices and Over-time views of the Metrics page (a zustand slice of the metrics store): what
 * each view asks the worker for, and its last answer. Both describe every row of the shown group
 * (a slice filter does not narrow them), at each model's threshold.
 */
import type { StateCreator } from 'zustand';
import type { WindowUnit } from '../core/metrics/slices';
import type { MetricsClient } from '../workers/metrics-client';
import type { ExtraColumnInfo, SliceIntervalsResult, SlicesResult, WindowsResult } from '../workers/metrics-protocol';
import type { MetricsState, TaskStatus } from './metrics-store';

/** Which part of the page is shown: every row's report, the Slices view, or the Over-time view. */
export type MetricsView = 'all' | 'slices' | 'time';

export interface SliceQueryState {
  /** One or two extra columns. */
  by: string[];
  bins: number;
  minRows: number;
}

export interface WindowQueryState {
  time: string | null;
  window: WindowUnit;
  alerts: string;
}

export interface ViewTask<T> {
  status: TaskStatus;
  result: T | null;
  message: string | null;
}

export type SlicesAnswer = Extract<SlicesResult, { ok: true }>;
export type WindowsAnswer = Extract<WindowsResult, { ok: true }>;

export interface SliceViewsSlice {
  view: MetricsView;
  setView(view: MetricsView): void;
  sliceQuery: SliceQueryState;
  slices: ViewTask<SlicesAnswer>;
  /** Changes the query and scores it again. */
  setSliceQuery(change: Partial<SliceQueryState>): void;
  runSlices(): Promise<void>;
  /** Bootstrap intervals of one metric per slice and model, on demand (they resample every slice). */
  sliceIntervals: ViewTask<SliceIntervalsResult> & { fraction: number };
  runSliceIntervals(metric: string, B: number): Promise<void>;
  cancelSliceIntervals(): void;
  windowQuery: WindowQueryState;
  windows: ViewTask<WindowsAnswer>;
  setWindowQuery(change: Partial<WindowQueryState>): void;
  runWindows(): Promise<void>;
}

export const DEFAULT_BINS = 4;
export const DEFAULT_MIN_ROWS = 30;
export const DEFAULT_ALERTS: Record<string, string> = { binary: 'roc_auc < 0.8, psi > 0.2', multiclass: 'accuracy < 0.8, psi > 0.2', regression: 'psi > 0.2' };

const idle = <T>(): ViewTask<T> => ({ status: 'idle', result: null, message: null });

/** Views with nothing computed, for a newly shown group. */
export function freshViews(): Pick<SliceViewsSlice, 'slices' | 'windows' | 'sliceIntervals'> {
  intervalsAbort?.abort();
  return { slices: idle(), windows: idle(), sliceIntervals: { ...idle(), fraction: 0 } };
}

/** Stops the running per-slice bootstrap, if any. */
let intervalsAbort: AbortController | null = null;

/** The extra columns of the shown group's files, first file first. */
export function groupExtraColumns(s: Pick<MetricsState, 'files' | 'activeGroupId'>): ExtraColumnInfo[] {
  const seen = new Map<string, ExtraColumnInfo>();
  for (const f of s.files) if (f.groupId === s.activeGroupId) for (const c of f.extraColumns) if (!seen.has(c.name)) seen.set(c.name, c);
  return [...seen.values()];
}

/** The first slice column and time column worth offering (a few categories; a date column). */
function defaults(s: MetricsState): { by: string[]; time: string | null } {
  const extra = groupExtraColumns(s);
  const categorical = extra.filter((c) => c.kind === 'categorical' && c.values >= 2 && c.values <= 50);
  const first = categorical[0] ?? extra.find((c) => c.kind === 'numeric');
  return { by: first ? [first.name] : [], time: extra.find((c) => c.kind === 'time')?.name ?? null };
}

export function createSliceViewsSlice(
  client: () => MetricsClient,
  thresholds: (s: MetricsState) => Record<string, number> | null,
): StateCreator<MetricsState, [], [], SliceViewsSlice> {
  return (set, get) => {
    /** Runs a view's request unless a newer one (or another group) took its place. */
    async function run<T>(key: 'slices' | 'windows', ask: () => Promise<{ ok: true } & T | { ok: false; message: string }>): Promise<void> {
      const groupId = get().activeGroupId;
      const before = get()[key];
      set({ [key]: { status: 'running', result: before.result, message: null } } as Partial<MetricsState>);
      const stillWanted = (started: unknown) => get().activeGroupId === groupId && get()[key] === started;
      const started = get()[key];
      try {
        const answer = await ask();
        if (!stillWanted(started)) return;
        // A bad query keeps the last good answer on screen beside its message.
        set({ [key]: answer.ok ? { status: 'done', result: answer, message: null } : { status: 'failed', result: before.result, message: answer.message } } as Partial<MetricsState>);
      } catch (err) {
        if (stillWanted(started)) set({ [key]: { status: 'failed', result: before.result, message: err instanceof Error ? err.message : String(err) } } as Partial<MetricsState>);
      }
    }

    return {
      view: 'all',
      setView: (view) => {
        set({ view });
        const s = get();
        const d = defaults(s);
        if (view === 'slices' && s.sliceQuery.by.length === 0 && d.by.length > 0) set({ sliceQuery: { ...s.sliceQuery, by: d.by } });
        if (view === 'time' && s.windowQuery.time === null && d.time !== null) set({ windowQuery: { ...s.windowQuery, time: d.time } });
        const task = s.groups.find((g) => g.info.id === s.activeGroupId)?.info.task;
        if (view === 'time' && s.windows.status === 'idle' && s.windowQuery.alerts === '' && task) set({ windowQuery: { ...get().windowQuery, alerts: DEFAULT_ALERTS[task]! } });
        if (view === 'slices' && get().slices.status === 'idle') void get().runSlices();
        if (view === 'time' && get().windows.status === 'idle') void get().runWindows();
      },
      sliceQuery: { by: [], bins: DEFAULT_BINS, minRows: DEFAULT_MIN_ROWS },
      slices: idle(),
      setSliceQuery: (change) => {
        set((s) => ({ sliceQuery: { ...s.sliceQuery, ...change } }));
        void get().runSlices();
      },
      runSlices: async () => {
        const s = get();
        const t = thresholds(s);
        if (t === null || s.activeGroupId === null || s.sliceQuery.by.length === 0) return;
        const query = { groupId: s.activeGroupId, ...s.sliceQuery, thresholds: t, costFP: s.costFP, costFN: s.costFN };
        // Intervals of other slices or thresholds no longer describe the table.
        intervalsAbort?.abort();
        set({ sliceIntervals: { ...idle(), fraction: 0 } });
        await run('slices', () => client().slices(query));
      },
      sliceIntervals: { ...idle(), fraction: 0 },
      runSliceIntervals: async (metric, B) => {
        const s = get();
        const t = thresholds(s);
        if (t === null || s.activeGroupId === null || s.sliceQuery.by.length === 0) return;
        intervalsAbort?.abort();
        const abort = new AbortController();
        intervalsAbort = abort;
        set({ sliceIntervals: { status: 'running', fraction: 0, result: null, message: null } });
        const query = { groupId: s.activeGroupId, ...s.sliceQuery, thresholds: t, costFP: s.costFP, costFN: s.costFN, metric, B, seed: 0 };
        try {
          const result = await client().sliceIntervals(query, (fraction) => {
            if (!abort.signal.aborted) set((st) => ({ sliceIntervals: { ...st.sliceIntervals, fraction } }));
          }, abort.signal);
          if (!abort.signal.aborted) set({ sliceIntervals: { status: 'done', fraction: 1, result, message: null } });
        } catch (err) {
          if (!abort.signal.aborted) set({ sliceIntervals: { status: 'failed', fraction: 0, result: null, message: err instanceof Error ? err.message : String(err) } });
        } finally {
          if (intervalsAbort === abort) intervalsAbort = null;
        }
      },
      cancelSliceIntervals: () => {
        intervalsAbort?.abort();
        set({ sliceIntervals: { ...idle(), fraction: 0 } });
      },
      windowQuery: { time: null, window: 'month', alerts: '' },
      windows: idle(),
      setWindowQuery: (change) => {
        set((s) => ({ windowQuery: { ...s.windowQuery, ...change } }));
        void get().runWindows();
      },
      runWindows: async () => {
        const s = get();
        const t = thresholds(s);
        const time = s.windowQuery.time;
        if (t === null || s.activeGroupId === null || time === null) return;
        const query = { groupId: s.activeGroupId, time, window: s.windowQuery.window, alerts: s.windowQuery.alerts, thresholds: t };
        await run('windows', () => client().windows(query));
      },
    };
  };
}
