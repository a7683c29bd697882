/**
 * State of the Metrics page (zustand, slices pattern): one `StateCreator` per part of the page, each
 * with its actions next to its state: loading files into comparison groups (here), the decision
 * thresholds and costs (metrics-thresholds.ts), the on-demand analyses (metrics-analyses.ts: bootstrap
 * intervals, the two-model test, the high-confidence error rows) and the Slices and Over-time views
 * (metrics-slice-views.ts). Worker answers are handled by the module-level `on*` functions, which
 * call `setState`.
 *
 * Large data (sweeps, curves) arrives once per file from the worker as transferred typed arrays and
 * is never copied; threshold moves only change numbers here, and the components answer them with
 * the core's O(log n) queries on the sweeps.
 */
import { create, type StateCreator } from 'zustand';
import type { DataError } from '../core/result';
import { createMetricsClient, type MetricsClient } from '../workers/metrics-client';
import { createAnalysisSlice, errorText, freshAnalyses, type AnalysisSlice } from './metrics-analyses';
import { activeGroup, modelNames, thresholdOf } from './metrics-selectors';
import { createSliceViewsSlice, freshViews, type SliceViewsSlice } from './metrics-slice-views';
import { createThresholdSlice, type ThresholdSlice } from './metrics-thresholds';
import type {
  BinaryModelData, BinaryModelDetails, ColumnMapping, FilterResult, GroupData, GroupInfo,
  LoadedFileInfo, LoadedPayload, MetricsSource, MulticlassModelData, RegressionModelData,
} from '../workers/metrics-protocol';

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

export type MetricsState = LoadSlice & ThresholdSlice & AnalysisSlice & SliceViewsSlice;

export { BOOTSTRAP_SEED, CELL_ROWS, ERROR_ROWS } from './metrics-analyses';
export { activeGroup, modelNames, thresholdOf } from './metrics-selectors';

let client: MetricsClient | null = null;
/** The worker client, started on first use. */
function metricsClient(): MetricsClient {
  client ??= createMetricsClient();
  return client;
}

/** Loads run one after another: a second drop waits for the first file. */
let loadQueue: Promise<void> = Promise.resolve();

/** Every model's threshold in the shown group (null: no group). */
function groupThresholds(s: MetricsState): Record<string, number> | null {
  const group = activeGroup(s);
  return group ? Object.fromEntries(modelNames(group).map((m) => [m, thresholdOf(s, m)])) : null;
}

/** Loading, re-mapping and removing files, the shown group and its slice filter. */
const createLoadSlice: StateCreator<MetricsState, [], [], LoadSlice> = (set, get) => ({
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
});

/** The Metrics page's store: one zustand slice per part of the page (see the file comment). */
export const useMetricsStore = create<MetricsState>()((...a) => ({
  ...createLoadSlice(...a),
  ...createThresholdSlice(...a),
  ...createAnalysisSlice(metricsClient)(...a),
  ...createSliceViewsSlice(metricsClient, groupThresholds)(...a),
}));

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

/** After the shown group changes: compare its first two models and list the selected model's errors. */
function afterGroupChange(): void {
  const s = useMetricsStore.getState();
  const names = modelNames(activeGroup(s));
  if (!s.selectedModel || !names.includes(s.selectedModel)) useMetricsStore.setState({ selectedModel: names[0] ?? null });
  if (names.length >= 2 && activeGroup(s)?.info.task !== 'regression') void s.compareModels(names[0]!, names[1]!);
  void useMetricsStore.getState().refreshErrorRows();
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
