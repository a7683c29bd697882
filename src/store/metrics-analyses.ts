/**
 * The on-demand analyses of the Metrics page (a zustand slice of the metrics store): the comparison
 * table's sort and predictors, bootstrap intervals, the two-model test and the high-confidence error
 * rows of the selected model. Each asks the worker and keeps its last answer.
 */
import type { StateCreator } from 'zustand';
import type { MetricsClient } from '../workers/metrics-client';
import type { BootstrapResult, ComparisonResult, ConfusionCellRef, ErrorRowsResult } from '../workers/metrics-protocol';
import { activeGroup, modelNames, thresholdOf } from './metrics-selectors';
import type { MetricsState, TaskStatus } from './metrics-store';

/** Seed of the bootstrap resamples: fixed, so an interval can be reproduced from the CLI. */
export const BOOTSTRAP_SEED = 0;
/** Rows listed behind a confusion-matrix cell. */
export const CELL_ROWS = 50;
/** Rows shown in the high-confidence error table. */
export const ERROR_ROWS = 25;

export interface AnalysisSlice {
  sort: { key: string; descending: boolean } | null;
  /** Regression: the number of features k the models used, for adjusted R² (null: not given). */
  predictors: number | null;
  setPredictors(k: number | null): void;
  bootstrap: { status: TaskStatus; fraction: number; result: BootstrapResult | null; message: string | null };
  comparison: { a: string; b: string; status: TaskStatus; result: ComparisonResult | null; message: string | null } | null;
  errorRows: { model: string; status: TaskStatus; result: ErrorRowsResult | null; message: string | null } | null;
  setSort(key: string): void;
  runBootstrap(B: number): Promise<void>;
  /** Stops a running bootstrap (the worker stops at its next pause, within about 0.1 s of a resample). */
  cancelBootstrap(): void;
  compareModels(a: string, b: string): Promise<void>;
  refreshErrorRows(): Promise<void>;
  /** The rows behind one confusion-matrix cell (opened by a click on the cell; follows the threshold). */
  cellRows: { model: string; cell: ConfusionCellRef; status: TaskStatus; result: ErrorRowsResult | null; message: string | null } | null;
  showCellRows(model: string, cell: ConfusionCellRef): Promise<void>;
  closeCellRows(): void;
}

/** Stops the running bootstrap, if any. */
let bootstrapAbort: AbortController | null = null;

/** The analyses back to idle (a running bootstrap is stopped). */
export function freshAnalyses(): Pick<AnalysisSlice, 'bootstrap' | 'comparison' | 'errorRows' | 'cellRows'> {
  // Intervals of a group no longer shown are not worth finishing.
  bootstrapAbort?.abort();
  return { bootstrap: { status: 'idle', fraction: 0, result: null, message: null }, comparison: null, errorRows: null, cellRows: null };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createAnalysisSlice(metricsClient: () => MetricsClient): StateCreator<MetricsState, [], [], AnalysisSlice> {
  return (set, get) => ({
    sort: null,
    predictors: null,
    setPredictors: (k) => set({ predictors: k !== null && Number.isInteger(k) && k >= 0 ? k : null }),
    bootstrap: { status: 'idle', fraction: 0, result: null, message: null },
    comparison: null,
    errorRows: null,
    cellRows: null,
    showCellRows: async (model, cell) => {
      const s = get();
      const group = activeGroup(s);
      if (!group) return;
      const same = (c: MetricsState['cellRows']) => c?.model === model && JSON.stringify(c.cell) === JSON.stringify(cell);
      set((st) => ({ cellRows: { model, cell, status: 'running', result: same(st.cellRows) ? st.cellRows!.result : null, message: null } }));
      try {
        const result = await metricsClient().cellRows(group.info.id, model, cell, thresholdOf(s, model), CELL_ROWS);
        if (same(get().cellRows)) set({ cellRows: { model, cell, status: 'done', result, message: null } });
      } catch (err) {
        if (same(get().cellRows)) set({ cellRows: { model, cell, status: 'failed', result: null, message: errorText(err) } });
      }
    },
    closeCellRows: () => set({ cellRows: null }),
    setSort: (key) => set((s) => ({
      sort: s.sort?.key === key ? { key, descending: !s.sort.descending } : { key, descending: true },
    })),
    runBootstrap: async (B) => {
      const s = get();
      const group = activeGroup(s);
      if (!group) return;
      const thresholds = Object.fromEntries(modelNames(group).map((m) => [m, thresholdOf(s, m)]));
      bootstrapAbort?.abort();
      const abort = new AbortController();
      bootstrapAbort = abort;
      set({ bootstrap: { status: 'running', fraction: 0, result: null, message: null } });
      try {
        const result = await metricsClient().bootstrap(group.info.id, thresholds, B, BOOTSTRAP_SEED, (fraction) => {
          if (!abort.signal.aborted) set((st) => ({ bootstrap: { ...st.bootstrap, fraction } }));
        }, abort.signal);
        if (get().activeGroupId === group.info.id) set({ bootstrap: { status: 'done', fraction: 1, result, message: null } });
      } catch (err) {
        // A cancelled run was ended on purpose: its state was already set by whoever cancelled it.
        if (!abort.signal.aborted) set({ bootstrap: { status: 'failed', fraction: 0, result: null, message: errorText(err) } });
      } finally {
        if (bootstrapAbort === abort) bootstrapAbort = null;
      }
    },
    cancelBootstrap: () => {
      bootstrapAbort?.abort();
      set((s) => ({ bootstrap: { status: 'idle', fraction: 0, result: null, message: `Cancelled at ${Math.round(s.bootstrap.fraction * 100)} %.` } }));
    },
    compareModels: async (a, b) => {
      const s = get();
      const group = activeGroup(s);
      if (!group || a === b) return;
      set({ comparison: { a, b, status: 'running', result: s.comparison?.a === a && s.comparison.b === b ? s.comparison.result : null, message: null } });
      const thresholds = group.info.task === 'binary' ? { a: thresholdOf(s, a), b: thresholdOf(s, b) } : null;
      try {
        const result = await metricsClient().compare(group.info.id, a, b, thresholds);
        const now = get().comparison;
        if (now?.a === a && now.b === b) set({ comparison: { a, b, status: 'done', result, message: null } });
      } catch (err) {
        set({ comparison: { a, b, status: 'failed', result: null, message: errorText(err) } });
      }
    },
    refreshErrorRows: async () => {
      const s = get();
      const group = activeGroup(s);
      const model = s.selectedModel;
      if (!group || !model) return;
      const threshold = thresholdOf(s, model);
      set((st) => ({ errorRows: { model, status: 'running', result: st.errorRows?.model === model ? st.errorRows.result : null, message: null } }));
      try {
        const result = await metricsClient().errors(group.info.id, model, threshold, ERROR_ROWS);
        if (get().selectedModel === model) set({ errorRows: { model, status: 'done', result, message: null } });
      } catch (err) {
        set({ errorRows: { model, status: 'failed', result: null, message: errorText(err) } });
      }
    },
  });
}
