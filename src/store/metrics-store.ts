/**
 * State of the Metrics page (zustand, slices pattern): loaded files and their comparison groups, the
 * decision thresholds and costs, and the on-demand analyses (bootstrap intervals, the two-model test,
 * the high-confidence error rows). Actions sit next to the state they change; worker answers are
 * handled by the module-level `on*` functions, which call `setState`.
 *
 * Large data (sweeps, curves) arrives once per file from the worker as transferred typed arrays and
 * is never copied; threshold moves only change numbers here, and the components answer them with
 * the core's O(log n) queries on the sweeps.
 */
import { create } from 'zustand';
import type { DataError } from '../core/result';
import { createMetricsClient, type MetricsClient } from '../workers/metrics-client';
import { createSliceViewsSlice, freshViews, type SliceViewsSlice } from './metrics-slice-views';
import type {
  BinaryModelData, BinaryModelDetails, BootstrapResult, ColumnMapping, ComparisonResult, ErrorRowsResult, FilterResult, GroupData, GroupInfo,
  LoadedFileInfo, LoadedPayload, MetricsSource, MulticlassModelData, RegressionModelData, ConfusionCellRef } from '../workers/metrics-protocol';

export type BinaryModelView = BinaryModelData & { fileId: string };
export type RegressionModelView = RegressionModelData & { fileId: string };
export type MulticlassModelView = MulticlassModelData & { fileId: string };

export type GroupModels =
  | { task: 'binary'; models: BinaryModelView[] }
  | { task: 'regression'; models: RegressionModelView[] }
  | { task: 'multiclass'; models: MulticlassModelView[] };

/** Files whose labels hold the same rows, and all their models. */
export interface GroupState {
  info: GroupInfo;
  data: GroupModels;
}

export interface PageError {
  error: DataError;
  /** The file a failed re-mapping was about (it keeps its previous reading), or null for a new file. */
  fileId: string | null;
}

export interface LoadingState {
  name: string;
  stage: string;
  fraction: number | null;
}

export type TaskStatus = 'idle' | 'running' | 'done' | 'failed';

interface LoadSlice {
  files: LoadedFileInfo[];
  groups: GroupState[];
  /**
   * Binary plots that arrive after the table (PR curve, calibration, score histograms), by
   * `detailsKey(fileId, model)`. Kept apart from the models so that their arrival does not make
   * every model object, and so every plot drawn from it, new.
   */
  details: Record<string, BinaryModelDetails>;
  activeGroupId: string | null;
  loading: LoadingState | null;
  error: PageError | null;
  /** One sentence about the last load that is not an error (e.g. a file shown on its own). */
  notice: string | null;
  loadFiles(files: File[]): Promise<void>;
  loadText(name: string, text: string): Promise<void>;
  /** A bundled file; `extra` names its columns that are not models (slice and time columns). */
  loadBundled(path: string, extra?: readonly string[]): Promise<void>;
  remap(fileId: string, mapping: ColumnMapping): Promise<void>;
  removeFile(fileId: string): Promise<void>;
  setActiveGroup(groupId: string): void;
  dismissError(): void;
  /** After a failed load: read the same file again with `column` not scored as a model. */
  retryIgnoring(column: string): Promise<void>;
  /** The slice every table, plot and threshold of the shown group describes, or null for every row. */
  filter: (NonNullable<FilterResult['filter']> & { groupId: string }) | null;
  /** Restricts the shown group to one slice's rows (`key` null: every row again). */
  filterToSlice(key: Record<string, string> | null): Promise<void>;
}

interface ThresholdSlice {
  /** The shared threshold: a row is predicted positive when score >= threshold. */
  threshold: number;
  /** One threshold per model instead of one shared. */
  perModel: boolean;
  modelThresholds: Record<string, number>;
  costFP: number;
  costFN: number;
  /** The model the explain panel, the threshold plots and the error table are about. */
  selectedModel: string | null;
  setThreshold(t: number): void;
  setModelThreshold(model: string, t: number): void;
  setPerModel(on: boolean): void;
  /** Applies a threshold per model (e.g. each model's own cost optimum). */
  applyThresholds(byModel: Record<string, number>, shared: number): void;
  setCosts(costFP: number, costFN: number): void;
  selectModel(model: string): void;
}

interface AnalysisSlice {
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

export type MetricsState = LoadSlice & ThresholdSlice & AnalysisSlice & SliceViewsSlice;

/** Seed of the bootstrap resamples: fixed, so an interval can be reproduced from the CLI. */
export const BOOTSTRAP_SEED = 0;
/** Rows listed behind a confusion-matrix cell. */
export const CELL_ROWS = 50;
/** Rows shown in the high-confidence error table. */
export const ERROR_ROWS = 25;

let client: MetricsClient | null = null;
/** The worker client, started on first use. */
function metricsClient(): MetricsClient {
  client ??= createMetricsClient();
  return client;
}

/** Stops the running bootstrap, if any. */
let bootstrapAbort: AbortController | null = null;

/** Loads run one after another: a second drop waits for the first file. */
let loadQueue: Promise<void> = Promise.resolve();

/** Every model's threshold in the shown group (null: no group). */
function groupThresholds(s: MetricsState): Record<string, number> | null {
  const group = activeGroup(s);
  return group ? Object.fromEntries(modelNames(group).map((m) => [m, thresholdOf(s, m)])) : null;
}

export const useMetricsStore = create<MetricsState>()((set, get, api) => ({
  ...createSliceViewsSlice(metricsClient, groupThresholds)(set, get, api),

  // ---- load slice ----
  files: [],
  groups: [],
  details: {},
  activeGroupId: null,
  loading: null,
  error: null,
  notice: null,
  loadFiles: (files) => enqueue(async () => {
    for (const file of files) await loadSource({ kind: 'file', file });
  }),
  loadText: (name, text) => enqueue(() => loadSource({ kind: 'text', name, text })),
  loadBundled: (path, extra) => enqueue(async () => {
    const name = path.split('/').pop() ?? path;
    set({ loading: { name, stage: 'Downloading', fraction: null }, error: null });
    try {
      const { fetchBundledFile } = await import('../core/data/bundled-files');
      const mapping: ColumnMapping | null = extra ? { target: null, task: 'auto', positiveLabel: null, ignored: [...extra] } : null;
      await loadSource({ kind: 'text', name, text: await fetchBundledFile(path) }, mapping);
    } catch (err) {
      set({ loading: null, error: { error: ioError(name, err), fileId: null } });
    }
  }),
  remap: (fileId, mapping) => enqueue(async () => {
    const file = get().files.find((f) => f.fileId === fileId);
    if (!file) return;
    await liftFilter();
    set({ loading: { name: file.name, stage: 'Reading', fraction: 0 }, error: null, notice: null });
    try {
      const outcome = await metricsClient().remap(fileId, mapping, handlers(file.name));
      if (outcome.ok) onLoaded(outcome.payload);
      else set({ loading: null, error: { error: outcome.error, fileId } });
    } catch (err) {
      set({ loading: null, error: { error: ioError(file.name, err), fileId } });
    }
  }),
  removeFile: async (fileId) => {
    await loadQueue;
    await liftFilter();
    await metricsClient().remove(fileId);
    set((s) => {
      const groups = withoutFile(s.groups, fileId);
      const activeGroupId = groups.some((g) => g.info.id === s.activeGroupId) ? s.activeGroupId : groups[0]?.info.id ?? null;
      return { files: s.files.filter((f) => f.fileId !== fileId), groups, activeGroupId, ...freshAnalyses(), ...freshViews() };
    });
    afterGroupChange();
  },
  setActiveGroup: (groupId) => {
    set({ activeGroupId: groupId, ...freshAnalyses(), ...freshViews() });
    afterGroupChange();
  },
  dismissError: () => set({ error: null }),
  filter: null,
  filterToSlice: (key) => enqueue(() => applyFilter(key)),
  retryIgnoring: (column) => {
    const failed = get().error;
    if (failed?.fileId) {
      const file = get().files.find((f) => f.fileId === failed.fileId);
      if (!file) return Promise.resolve();
      return get().remap(file.fileId, { ...file.mapping, ignored: [...new Set([...file.mapping.ignored, column])] });
    }
    const source = lastFailed;
    if (!source) return Promise.resolve();
    const mapping: ColumnMapping = {
      target: source.mapping?.target ?? null, task: source.mapping?.task ?? 'auto', positiveLabel: source.mapping?.positiveLabel ?? null,
      ignored: [...new Set([...(source.mapping?.ignored ?? []), column])],
    };
    return enqueue(() => loadSource(source.source, mapping));
  },

  // ---- threshold slice ----
  threshold: 0.5,
  perModel: false,
  modelThresholds: {},
  costFP: 1,
  costFN: 1,
  selectedModel: null,
  setThreshold: (t) => {
    if (Number.isNaN(t)) return;
    // In per-model mode the shared control moves every model together.
    set((s) => ({ threshold: t, modelThresholds: s.perModel ? mapValues(s.modelThresholds, () => t) : s.modelThresholds }));
  },
  setModelThreshold: (model, t) => {
    if (Number.isNaN(t)) return;
    set((s) => ({ modelThresholds: { ...s.modelThresholds, [model]: t } }));
  },
  setPerModel: (on) => set((s) => ({
    perModel: on,
    modelThresholds: on ? Object.fromEntries(modelNames(activeGroup(s)).map((m) => [m, s.threshold])) : {},
  })),
  applyThresholds: (byModel, shared) => set((s) => ({
    threshold: shared,
    modelThresholds: s.perModel ? { ...s.modelThresholds, ...byModel } : s.modelThresholds,
  })),
  setCosts: (costFP, costFN) => {
    if (!(costFP >= 0 && costFN >= 0 && Number.isFinite(costFP) && Number.isFinite(costFN))) return;
    set({ costFP, costFN });
  },
  selectModel: (model) => {
    set({ selectedModel: model });
    void get().refreshErrorRows();
  },

  // ---- analysis slice ----
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
}));

// ---- selectors (pure functions of the state) ----

/** The group shown on the page. */
export function activeGroup(s: Pick<MetricsState, 'groups' | 'activeGroupId'>): GroupState | null {
  return s.groups.find((g) => g.info.id === s.activeGroupId) ?? null;
}

/** The model names of a group, in load order. */
export function modelNames(group: GroupState | null): string[] {
  return group ? group.data.models.map((m) => m.name) : [];
}

/** The threshold in force for a model: its own in per-model mode, else the shared one. */
export function thresholdOf(s: Pick<MetricsState, 'perModel' | 'modelThresholds' | 'threshold'>, model: string): number {
  return s.perModel ? s.modelThresholds[model] ?? s.threshold : s.threshold;
}

// ---- worker answers ----

function handlers(name: string) {
  return {
    onProgress: (stage: string, fraction: number) => onProgress(name, stage, fraction),
    onDetails: onDetails,
  };
}

/** Progress of the file being read. */
export function onProgress(name: string, stage: string, fraction: number): void {
  useMetricsStore.setState({ loading: { name, stage, fraction } });
}

/** A file is loaded (or re-read with a new mapping): put its models in their group and show that group. */
export function onLoaded(payload: LoadedPayload): void {
  const { file, group, data, joined } = payload;
  useMetricsStore.setState((s) => {
    const otherGroups = withoutFile(s.groups, file.fileId);
    const existing = otherGroups.find((g) => g.info.id === group.id);
    const merged = withModels(existing?.data.task === data.task ? existing.data : null, data, file.fileId);
    const next: GroupState = { info: group, data: merged };
    const groups = existing ? otherGroups.map((g) => (g.info.id === group.id ? next : g)) : [...otherGroups, next];
    const files = s.files.some((f) => f.fileId === file.fileId)
      ? s.files.map((f) => (f.fileId === file.fileId ? file : f))
      : [...s.files, file];
    const names = merged.models.map((m) => m.name);
    const notice = !joined && otherGroups.length > 0
      ? `${file.name} does not share its label rows with the files loaded before, so its models are compared on their own (see the tabs above the table).`
      : joined ? `${file.name} holds the same ${group.rows.toLocaleString('en-US')} label rows as the files loaded before: its models join the comparison.` : null;
    return {
      files, groups, activeGroupId: group.id, loading: null, error: null, notice,
      selectedModel: s.selectedModel && names.includes(s.selectedModel) && s.activeGroupId === group.id ? s.selectedModel : names[0] ?? null,
      modelThresholds: s.perModel ? { ...Object.fromEntries(names.map((m) => [m, s.threshold])), ...s.modelThresholds } : s.modelThresholds,
      ...freshAnalyses(), ...freshViews(),
    };
  });
  afterGroupChange();
}

/** The shown group restricted to a slice (or every row again): its models, details and counts replaced. */
export function onFiltered(result: FilterResult): void {
  useMetricsStore.setState((s) => {
    const existing = s.groups.find((g) => g.info.id === result.groupId);
    if (!existing) return {};
    const data = result.files.reduce<GroupModels | null>((merged, f) => withModels(merged, f.data, f.fileId), null);
    const next: GroupState = { info: result.group, data: data ?? ({ task: result.group.task, models: [] } as GroupModels) };
    const details = { ...s.details };
    for (const f of result.files) for (const d of f.details) details[detailsKey(f.fileId, d.name)] = d;
    return {
      groups: s.groups.map((g) => (g.info.id === result.groupId ? next : g)), details,
      filter: result.filter ? { ...result.filter, groupId: result.groupId } : null,
      ...freshAnalyses(),
    };
  });
  afterGroupChange();
}

/** PR curves, calibration and score histograms of a binary file, arriving after its table. */
export function onDetails(fileId: string, models: BinaryModelDetails[]): void {
  useMetricsStore.setState((s) => {
    const details = { ...s.details };
    for (const d of models) details[detailsKey(fileId, d.name)] = d;
    return { details };
  });
}

/** The key of a model's details: its file and its display name. */
export function detailsKey(fileId: string, model: string): string {
  return `${fileId}\u0000${model}`;
}

// ---- helpers ----

function enqueue(job: () => Promise<void>): Promise<void> {
  loadQueue = loadQueue.then(job, job);
  return loadQueue;
}

async function applyFilter(key: Record<string, string> | null): Promise<void> {
  const s = useMetricsStore.getState();
  const groupId = key === null ? s.filter?.groupId ?? null : s.activeGroupId;
  if (groupId === null) return;
  // One filter at a time: another group's filter is lifted first.
  if (key !== null && s.filter && s.filter.groupId !== groupId) await applyFilter(null);
  try {
    onFiltered(await metricsClient().filter(groupId, key, useMetricsStore.getState().sliceQuery.bins));
    // A slice chosen in the Slices view is then read on the whole page.
    if (key !== null) useMetricsStore.setState({ view: 'all' });
  } catch (err) {
    const name = useMetricsStore.getState().files.find((f) => f.groupId === groupId)?.name ?? 'the file';
    useMetricsStore.setState({ error: { error: ioError(name, err), fileId: null } });
  }
}

/** Every row again before a file is loaded, re-read or removed (files join a group on all their rows). */
async function liftFilter(): Promise<void> {
  if (useMetricsStore.getState().filter) await applyFilter(null);
}

/** The last source that failed to load, so "load it again without column X" can retry it. */
let lastFailed: { source: MetricsSource; mapping: ColumnMapping | null } | null = null;

async function loadSource(source: MetricsSource, mapping: ColumnMapping | null = null): Promise<void> {
  await liftFilter();
  const name = source.kind === 'file' ? source.file.name : source.name;
  useMetricsStore.setState({ loading: { name, stage: 'Reading', fraction: 0 }, error: null, notice: null });
  try {
    const outcome = await metricsClient().load(source, mapping, handlers(name));
    lastFailed = outcome.ok ? null : { source, mapping };
    if (outcome.ok) onLoaded(outcome.payload);
    else useMetricsStore.setState({ loading: null, error: { error: outcome.error, fileId: null } });
  } catch (err) {
    useMetricsStore.setState({ loading: null, error: { error: ioError(name, err), fileId: null } });
  }
}

/**
 * A group's models with a file's models added after them, tagged with the file. Every task's models
 * are merged alike; the one cast says that `before` and `data` are of the same task.
 */
function withModels(before: GroupModels | null, data: GroupData, fileId: string): GroupModels {
  const add = (data.models as GroupData['models'][number][]).map((m) => ({ ...m, fileId }));
  return { task: data.task, models: [...(before?.models ?? []), ...add] } as GroupModels;
}

function withoutFile(groups: GroupState[], fileId: string): GroupState[] {
  const out: GroupState[] = [];
  for (const g of groups) {
    const models = (g.data.models as { fileId: string }[]).filter((m) => m.fileId !== fileId);
    if (models.length === 0) continue;
    out.push(models.length === g.data.models.length ? g : { ...g, data: { ...g.data, models } as GroupModels });
  }
  return out;
}

function freshAnalyses(): Pick<AnalysisSlice, 'bootstrap' | 'comparison' | 'errorRows' | 'cellRows'> {
  // Intervals of a group no longer shown are not worth finishing.
  bootstrapAbort?.abort();
  return { bootstrap: { status: 'idle', fraction: 0, result: null, message: null }, comparison: null, errorRows: null, cellRows: null };
}

/** After the shown group changes: compare its first two models and list the selected model's errors. */
function afterGroupChange(): void {
  const s = useMetricsStore.getState();
  const names = modelNames(activeGroup(s));
  if (!s.selectedModel || !names.includes(s.selectedModel)) useMetricsStore.setState({ selectedModel: names[0] ?? null });
  if (names.length >= 2 && activeGroup(s)?.info.task !== 'regression') void s.compareModels(names[0]!, names[1]!);
  void useMetricsStore.getState().refreshErrorRows();
}

function mapValues<T>(o: Record<string, T>, f: (v: T) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function ioError(name: string, err: unknown): DataError {
  return { kind: 'io', message: `${name}: ${errorText(err)}`, file: name, row: null, column: null };
}

// Threshold-dependent analyses follow the slider, a moment after it stops (they scan every row).
let followTimer: ReturnType<typeof setTimeout> | null = null;
useMetricsStore.subscribe((s, prev) => {
  if (s.threshold === prev.threshold && s.modelThresholds === prev.modelThresholds && s.perModel === prev.perModel) return;
  if (followTimer) clearTimeout(followTimer);
  followTimer = setTimeout(() => {
    followTimer = null;
    const now = useMetricsStore.getState();
    void now.refreshErrorRows();
    if (now.cellRows) void now.showCellRows(now.cellRows.model, now.cellRows.cell);
    if (now.comparison && activeGroup(now)?.info.task === 'binary') void now.compareModels(now.comparison.a, now.comparison.b);
    followViews(now);
  }, 250);
});

/** The open view follows the thresholds (binary metrics at the threshold) and the costs (threshold strategies). */
function followViews(s: MetricsState): void {
  if (s.view === 'slices' && s.slices.status !== 'idle') void s.runSlices();
  if (s.view === 'time' && s.windows.status !== 'idle') void s.runWindows();
}
let costTimer: ReturnType<typeof setTimeout> | null = null;
useMetricsStore.subscribe((s, prev) => {
  if (s.costFP === prev.costFP && s.costFN === prev.costFN) return;
  if (costTimer) clearTimeout(costTimer);
  costTimer = setTimeout(() => {
    costTimer = null;
    const now = useMetricsStore.getState();
    if (now.view === 'slices' && now.slices.status !== 'idle') void now.runSlices();
  }, 250);
});
