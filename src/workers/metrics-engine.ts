/**
 * The metrics worker's request handlers, free of any `self`/`postMessage`: the worker file routes
 * messages here, and the client's main-thread fallback calls the same engine directly.
 *
 * An engine is its state (metrics-state.ts: the loaded files and their comparison groups) and one
 * handler per request type (`HANDLERS`); what differs by task is looked up in metrics-tasks.ts.
 */
import { rowLine } from '../core/csv/table';
import { bootstrapMany, modelResampler } from '../core/metrics/bootstrap-many';
import type { ReadPredictionFileOptions } from '../core/metrics/prediction-file';
import { sliceId } from '../core/metrics/slices';
import { ok, type Result } from '../core/result';
import type {
  BootstrapResult, ColumnMapping, ComparisonResult, ErrorRowsResult, FilterResult, GroupData, BinaryModelDetails, LoadedFileInfo,
  LoadedPayload, MetricsRequest, MetricsSource, PostResponse, ConfusionCellRef } from './metrics-protocol';
import { readSource } from './metrics-read';
import { sliceIntervals, sliceRows, slicesView, windowsView } from './metrics-slices';
import {
  createMetricsState, detachFile, findModel, groupFiles, groupInfo, groupModels, placeFile, setFilter, sourceName,
  type FileEntry, type Group, type MetricsState,
} from './metrics-state';
import { DEFAULT_THRESHOLD, taskOf, type OwnErrorRows, type Progress } from './metrics-tasks';

export { DEFAULT_THRESHOLD } from './metrics-tasks';
export { sameLabels, sourceName } from './metrics-state';

export interface MetricsEngine {
  handle(request: MetricsRequest, post: PostResponse): Promise<void>;
}

class Cancelled extends Error {}

// ----------------------------------------------------------------------------------- loading

/**
 * Read one source and load it with the core's loader (the CLI's, `readPredictionFile`, or its Parquet
 * twin; see metrics-read.ts): the located DataError of the first problem, or the file. Without a
 * mapping, id-like and text columns are found.
 */
async function read(id: string, source: MetricsSource, mapping: ColumnMapping | null, progress: Progress): Promise<Result<Omit<FileEntry, 'groupId' | 'displayNames'>>> {
  const name = sourceName(source);
  progress('Reading', 0);
  const used: ColumnMapping = mapping ?? { target: null, task: 'auto', positiveLabel: null, ignored: [] };
  const options: ReadPredictionFileOptions = { task: used.task, extra: used.ignored, onProgress: progress };
  if (used.target !== null) options.target = used.target;
  if (used.positiveLabel !== null) options.positiveLabel = used.positiveLabel;
  if (!mapping) options.detect = { ids: true, text: true };
  const file = await readSource(source, name, options);
  if (!file.ok) return file;
  const f = file.value;
  return ok({
    id, name, source, header: f.header, autoIgnored: f.autoIgnored, loaded: f.loaded, full: f.loaded, rowIndex: null, extra: f.extra,
    lineShifts: f.lineShifts, timings: f.timings,
    mapping: { ...used, ignored: f.extra.map((e) => e.name) },
  }, file.warnings);
}

function fileInfo(file: FileEntry, warnings: string[]): LoadedFileInfo {
  const l = file.loaded;
  return {
    fileId: file.id, name: file.name, rows: l.rows, header: file.header, task: l.task,
    mapping: { ...file.mapping, target: l.target, task: l.task, positiveLabel: l.positiveLabel },
    autoIgnored: file.autoIgnored, classes: l.classes, positiveLabel: l.positiveLabel,
    models: l.models.map((m, j) => ({ name: m.name, displayName: file.displayNames[j]!, kind: m.kind, columns: m.columns })),
    warnings, groupId: file.groupId, timings: file.timings,
    extraColumns: (file.full.extra ?? []).map((c) => ({
      name: c.name, kind: c.kind, values: c.kind === 'categorical' ? c.categories.length : c.kind === 'numeric' ? c.values.filter((v) => !Number.isNaN(v)).length : c.ms.length,
    })),
  };
}

/** The table and plot data of one file's models (over the rows shown), with the buffers to transfer. */
function fileData(file: FileEntry, warnings: string[], progress: Progress): { data: GroupData; transfer: Transferable[] } {
  return taskOf(file.loaded).data(file.loaded, file.displayNames, warnings, progress);
}

function fileDetails(file: FileEntry): { details: BinaryModelDetails[]; transfer: Transferable[] } {
  return taskOf(file.loaded).details(file.loaded, file.displayNames);
}

function respond(state: MetricsState, requestId: number, file: FileEntry, joined: boolean, warnings: string[], post: PostResponse, progress: Progress): void {
  const scoring = performance.now();
  const { data, transfer } = fileData(file, warnings, progress);
  file.timings.score = Math.round(performance.now() - scoring);
  const payload: LoadedPayload = { file: fileInfo(file, warnings), group: groupInfo(state, state.groups.get(file.groupId)!), joined, data };
  post({ type: 'loaded', id: requestId, payload }, transfer);
  const { details, transfer: buffers } = fileDetails(file);
  // The plots below the fold follow once the table and the ROC curve are on screen.
  if (details.length > 0) post({ type: 'details', id: requestId, fileId: file.id, models: details }, buffers);
}

async function load(state: MetricsState, requestId: number, fileId: string, source: MetricsSource, mapping: ColumnMapping | null, post: PostResponse): Promise<void> {
  const progress: Progress = (stage, fraction) => post({ type: 'progress', id: requestId, stage, fraction });
  const read_ = await read(fileId, source, mapping, progress);
  if (!read_.ok) {
    post({ type: 'failed', id: requestId, error: read_.error, fileId: state.files.has(fileId) ? fileId : null });
    return;
  }
  // Only now, with the new reading complete, does a re-mapped file leave its old place.
  detachFile(state, fileId);
  const { file, joined } = placeFile(state, read_.value);
  try {
    respond(state, requestId, file, joined, [...read_.warnings], post, progress);
  } catch (err) {
    // Never keep a file the page was not given: worker and page must agree on what is loaded.
    detachFile(state, file.id);
    throw err;
  }
}

// ----------------------------------------------------------------------------------- analyses

/** Filters the group to a slice's rows (or lifts the filter) and answers with every file's data over those rows. */
function filter(state: MetricsState, requestId: number, group: Group, key: Record<string, string> | null, bins: number, post: PostResponse): void {
  if (key === null) setFilter(state, group, null);
  else {
    const rows = sliceRows(groupFiles(state, group), key, bins);
    if (!rows.ok) { post({ type: 'crashed', id: requestId, message: rows.error.message }); return; }
    setFilter(state, group, { id: sliceId(key), key, rows: rows.value });
  }
  const transfer: Transferable[] = [];
  const out: FilterResult['files'] = group.fileIds.map((id) => {
    const file = state.files.get(id)!;
    const data = fileData(file, [], () => undefined);
    const details = fileDetails(file);
    transfer.push(...data.transfer, ...details.transfer);
    return { fileId: id, data: data.data, details: details.details };
  });
  const f = group.filter;
  post({
    type: 'filtered', id: requestId,
    result: { groupId: group.id, filter: f ? { id: f.id, key: f.key, rows: f.rows.length } : null, group: groupInfo(state, group), files: out },
  }, transfer);
}

function errorRows(state: MetricsState, groupId: string, name: string, threshold: number, limit: number): ErrorRowsResult | null {
  const ref = findModel(state, groupId, name);
  if (!ref) return null;
  return rowsTable(state, groupId, name, ref, taskOf(ref.file.loaded).errors(ref.file.loaded, ref.index, name, threshold, limit));
}

function cellRows(state: MetricsState, groupId: string, name: string, cell: ConfusionCellRef, threshold: number, limit: number): ErrorRowsResult | null {
  const ref = findModel(state, groupId, name);
  if (!ref) return null;
  return rowsTable(state, groupId, name, ref, taskOf(ref.file.loaded).cellRows(ref.file.loaded, ref.index, name, cell, threshold, limit));
}

/** A model's chosen rows as a table: line, label, the model's own cells, every other model's, the extra columns. */
function rowsTable(state: MetricsState, groupId: string, name: string, ref: { file: FileEntry; index: number }, own: OwnErrorRows): ErrorRowsResult {
  const { file } = ref;
  const l = file.loaded;
  const others = groupModels(state, state.groups.get(groupId)!).filter((o) => o.name !== name);
  const columns = ['row', l.target, ...own.columns, ...others.map((o) => o.name), ...file.extra.map((e) => e.name)];
  // Under a slice filter, row i of the shown rows is row rowIndex[i] of the file.
  const fileRow = (i: number) => (file.rowIndex ? file.rowIndex[i]! : i);
  return {
    model: name, rule: own.rule, columns, wrongRows: own.wrongRows,
    rows: [...own.rows].map((i) => {
      const line = rowLine({ lineShifts: file.lineShifts }, fileRow(i));
      const otherCells = others.map((o) => taskOf(o.file.loaded).cell(o.file.loaded, o.index, i));
      return { line, cells: [line, ...own.cells(i), ...otherCells, ...file.extra.map((e) => e.cells[fileRow(i)]!)] };
    }),
  };
}

/** Lets other messages in between resamples; throws `Cancelled` once the request was cancelled. */
async function pause(state: MetricsState, requestId: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (state.cancelled.delete(requestId)) throw new Cancelled();
}

async function bootstrap(state: MetricsState, requestId: number, group: Group | undefined, thresholds: Record<string, number>, B: number, seed: number, progress: (f: number) => void): Promise<BootstrapResult> {
  const result: BootstrapResult = { B, seed, thresholds: {}, intervals: {}, validResamples: {} };
  if (!group) return result;
  const refs = groupModels(state, group);
  for (const [j, { name, file, index }] of refs.entries()) {
    const l = file.loaded;
    const hooks = { onProgress: (f: number) => progress((j + f) / refs.length), pause: () => pause(state, requestId) };
    const t = thresholds[name] ?? DEFAULT_THRESHOLD;
    if (l.task === 'binary') result.thresholds[name] = t;
    const { keys, evaluate } = modelResampler(l, index, t);
    const many = await bootstrapMany(l.rows, keys, evaluate, { B, seed }, hooks);
    result.intervals[name] = many.intervals;
    result.validResamples[name] = Math.min(...Object.values(many.valid).filter((v) => v > 0), B);
  }
  return result;
}

function compare(state: MetricsState, groupId: string, a: string, b: string, thresholds: { a: number; b: number } | null): ComparisonResult | null {
  const ra = findModel(state, groupId, a);
  const rb = findModel(state, groupId, b);
  if (!ra || !rb) return null;
  const la = ra.file.loaded;
  const lb = rb.file.loaded;
  if (la.task !== lb.task) return { a, b, delong: null, mcnemar: null, thresholds: null };
  return { a, b, ...taskOf(la).compare(la, ra.index, lb, rb.index, thresholds) };
}

// ----------------------------------------------------------------------------------- routing

type Handler<T extends MetricsRequest['type']> = (state: MetricsState, request: Extract<MetricsRequest, { type: T }>, post: PostResponse) => void | Promise<void>;

/** Answers `post` with a crash naming the missing group, or runs `work` on the group. */
function withGroup(state: MetricsState, request: { id: number; groupId: string }, post: PostResponse, work: (group: Group) => void | Promise<void>): void | Promise<void> {
  const group = state.groups.get(request.groupId);
  if (!group) { post({ type: 'crashed', id: request.id, message: `no group ${request.groupId}` }); return; }
  return work(group);
}

const resampling = (post: PostResponse, id: number) => (fraction: number) => post({ type: 'progress', id, stage: 'Resampling', fraction });

/** One handler per request type; each posts the request's final message (see metrics-protocol.ts). */
const HANDLERS: { [T in MetricsRequest['type']]: Handler<T> } = {
  load: (state, r, post) => load(state, r.id, `f${state.nextFile++}`, r.source, r.mapping, post),
  remap: (state, r, post) => {
    const file = state.files.get(r.fileId);
    if (!file) { post({ type: 'crashed', id: r.id, message: `no file ${r.fileId}` }); return; }
    return load(state, r.id, file.id, file.source, r.mapping, post);
  },
  remove: (state, r, post) => {
    detachFile(state, r.fileId);
    post({ type: 'removed', id: r.id, fileId: r.fileId });
  },
  'cell-rows': (state, r, post) => {
    const result = cellRows(state, r.groupId, r.model, r.cell, r.threshold, r.limit);
    if (result) post({ type: 'cell-rows', id: r.id, result });
    else post({ type: 'crashed', id: r.id, message: `no model ${r.model}` });
  },
  errors: (state, r, post) => {
    const result = errorRows(state, r.groupId, r.model, r.threshold, r.limit);
    if (result) post({ type: 'errors', id: r.id, result });
    else post({ type: 'crashed', id: r.id, message: `no model ${r.model}` });
  },
  bootstrap: async (state, r, post) => {
    const result = await bootstrap(state, r.id, state.groups.get(r.groupId), r.thresholds, r.B, r.seed, resampling(post, r.id));
    post({ type: 'bootstrap', id: r.id, result });
    state.cancelled.delete(r.id); // a cancel that came too late
  },
  'slice-intervals': (state, r, post) => withGroup(state, r, post, async (group) => {
    const result = await sliceIntervals(groupFiles(state, group), r, { onProgress: resampling(post, r.id), pause: () => pause(state, r.id) });
    post({ type: 'slice-intervals', id: r.id, result });
    state.cancelled.delete(r.id);
  }),
  // Heard at the running request's next pause; it then answers 'cancelled'.
  cancel: (state, r) => { state.cancelled.add(r.id); },
  // Slices describe every row of the group, whatever the page is filtered to.
  slices: (state, r, post) => withGroup(state, r, post, (group) => post({ type: 'slices', id: r.id, result: slicesView(groupFiles(state, group), r) })),
  windows: (state, r, post) => withGroup(state, r, post, (group) => post({ type: 'windows', id: r.id, result: windowsView(groupFiles(state, group), r) })),
  filter: (state, r, post) => withGroup(state, r, post, (group) => filter(state, r.id, group, r.key, r.bins, post)),
  compare: (state, r, post) => {
    const result = compare(state, r.groupId, r.a, r.b, r.thresholds);
    if (result) post({ type: 'compared', id: r.id, result });
    else post({ type: 'crashed', id: r.id, message: `no models ${r.a}, ${r.b}` });
  },
};

/** Creates an engine with empty state. */
export function createMetricsEngine(): MetricsEngine {
  const state = createMetricsState();
  return {
    async handle(request, post) {
      try {
        const handler = HANDLERS[request.type] as Handler<MetricsRequest['type']> | undefined;
        if (!handler) { post({ type: 'crashed', id: request.id ?? -1, message: 'unknown request' }); return; }
        await handler(state, request, post);
      } catch (err) {
        if (err instanceof Cancelled) {
          post({ type: 'cancelled', id: request.id });
          return;
        }
        // An exception is a bug, not a data problem: say so plainly rather than show a half result.
        post({ type: 'crashed', id: request.id, message: err instanceof Error ? err.message : String(err) });
      }
    },
  };
}
