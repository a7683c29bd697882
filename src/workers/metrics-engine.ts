/**
 * The metrics worker's state and request handlers, free of any `self`/`postMessage`: the worker file
 * routes messages here, and the client's main-thread fallback calls the same engine directly.
 *
 * State: every loaded file (its source, so a new column mapping can re-read it; its typed columns;
 * the ignored columns' cells for the error table) and the groups of files whose label columns hold
 * the same rows, so their models compare row for row.
 */
import { rowLine, type CsvTable } from '../core/csv/table';
import { delongTest } from '../core/metrics/delong';
import { mcnemarAtThresholds, mcnemarTest } from '../core/metrics/mcnemar';
import { argmaxRows } from '../core/metrics';
import type { LoadedPredictions } from '../core/metrics/predictions';
import { readPredictionFile, type ReadPredictionFileOptions } from '../core/metrics/prediction-file';
import { ok, type Result } from '../core/result';
import { bootstrapMany, modelResampler } from '../core/metrics/bootstrap-many';
import { binaryErrorRows, multiclassErrorRows, regressionErrorRows } from '../core/metrics/error-rows';
import type {
  BinaryModelData, BinaryModelDetails, BootstrapResult, ColumnMapping, ComparisonResult, ErrorRowsResult, FilterResult, GroupData, GroupInfo,
  LoadedFileInfo, LoadedPayload, MetricsRequest, MetricsSource, PostResponse,
} from './metrics-protocol';
import { binaryModelData, binaryModelDetails, multiclassModelData, regressionModelData } from './metrics-views';
import { sliceIntervals, sliceRows, slicesView, windowsView, type GroupFile } from './metrics-slices';
import { sliceId, subsetPredictions } from '../core/metrics/slices';

/** The threshold of the report's threshold metrics before the user moves the slider. */
export const DEFAULT_THRESHOLD = 0.5;

interface FileEntry {
  id: string;
  name: string;
  source: MetricsSource;
  mapping: ColumnMapping;
  header: string[];
  autoIgnored: string[];
  /** The rows the page shows: every row, or the filter's slice (see `rowIndex`). */
  loaded: LoadedPredictions;
  /** Every row of the file, with its extra columns. */
  full: LoadedPredictions;
  /** Under a slice filter, the row of `full` behind each row of `loaded`; null when every row is shown. */
  rowIndex: Int32Array | null;
  /** Cells of the ignored columns, shown next to the error rows. */
  extra: { name: string; cells: string[] }[];
  lineShifts: CsvTable['lineShifts'];
  timings: Record<string, number>;
  groupId: string;
  /** Display names of the models, in `loaded.models` order. */
  displayNames: string[];
}

interface Group {
  id: string;
  task: LoadedPredictions['task'];
  fileIds: string[];
  /** The slice the page is filtered to, if any. */
  filter: { id: string; key: Record<string, string>; rows: Int32Array } | null;
}

/** A model of a group, found by display name. */
interface ModelRef { file: FileEntry; index: number }

/** The name a person knows a source by. */
export function sourceName(source: MetricsSource): string {
  return source.kind === 'file' ? source.file.name : source.name;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Do two loaded files hold the same label rows (so their models can be compared row for row)? */
export function sameLabels(a: LoadedPredictions, b: LoadedPredictions): boolean {
  if (a.task !== b.task || a.rows !== b.rows || a.target !== b.target) return false;
  if (a.task === 'regression' && b.task === 'regression') return sameArray(a.yTrue, b.yTrue);
  if (a.task === 'binary' && b.task === 'binary') return a.positiveLabel === b.positiveLabel && sameArray(a.labels, b.labels);
  if (a.task === 'multiclass' && b.task === 'multiclass') {
    return a.classes.length === b.classes.length && a.classes.every((c, k) => c === b.classes[k]) && sameArray(a.labels, b.labels);
  }
  return false;
}

export interface MetricsEngine {
  handle(request: MetricsRequest, post: PostResponse): Promise<void>;
}

class Cancelled extends Error {}

/** Creates an engine with empty state. */
export function createMetricsEngine(): MetricsEngine {
  const files = new Map<string, FileEntry>();
  const groups = new Map<string, Group>();
  let nextFile = 1;
  let nextGroup = 1;

  function groupInfo(group: Group): GroupInfo {
    const first = files.get(group.fileIds[0]!)!.loaded;
    let positives = 0;
    if (first.task === 'binary') for (let i = 0; i < first.rows; i++) positives += first.labels[i]!;
    return {
      id: group.id, task: group.task, rows: first.rows, target: first.target, classes: first.classes,
      positiveLabel: first.positiveLabel, positives, negatives: first.task === 'binary' ? first.rows - positives : 0,
    };
  }

  function findModel(groupId: string, name: string): ModelRef | null {
    const group = groups.get(groupId);
    if (!group) return null;
    for (const id of group.fileIds) {
      const file = files.get(id)!;
      const index = file.displayNames.indexOf(name);
      if (index >= 0) return { file, index };
    }
    return null;
  }

  /** Places a file in the first group with the same labels, or a new group; assigns display names. */
  function place(entry: Omit<FileEntry, 'groupId' | 'displayNames'>): { file: FileEntry; joined: boolean } {
    let group = [...groups.values()].find((g) => sameLabels(files.get(g.fileIds[0]!)!.full, entry.full));
    const joined = group !== undefined;
    if (!group) {
      group = { id: `g${nextGroup++}`, task: entry.loaded.task, fileIds: [], filter: null };
      groups.set(group.id, group);
    }
    // A file joins a group on all its rows (the page lifts a filter before it loads a file).
    if (group.filter) setFilter(group, null);
    const taken = new Set(group.fileIds.flatMap((id) => files.get(id)!.displayNames));
    const stem = entry.name.replace(/\.[^.]+$/, '');
    const displayNames = entry.loaded.models.map((m) => {
      let name = m.name;
      if (taken.has(name)) name = `${stem}/${m.name}`;
      for (let k = 2; taken.has(name); k++) name = `${stem}/${m.name}#${k}`;
      taken.add(name);
      return name;
    });
    group.fileIds.push(entry.id);
    const file: FileEntry = { ...entry, groupId: group.id, displayNames };
    files.set(file.id, file);
    return { file, joined };
  }

  function detach(fileId: string): void {
    const file = files.get(fileId);
    if (!file) return;
    files.delete(fileId);
    const group = groups.get(file.groupId);
    if (!group) return;
    group.fileIds = group.fileIds.filter((id) => id !== fileId);
    if (group.fileIds.length === 0) groups.delete(group.id);
    else if (group.filter) setFilter(group, null);
  }

  /** Shows only `filter`'s rows of every file of the group (null: every row again). */
  function setFilter(group: Group, filter: Group['filter']): void {
    group.filter = filter;
    for (const id of group.fileIds) {
      const file = files.get(id)!;
      file.loaded = filter ? subsetPredictions(file.full, filter.rows) : file.full;
      file.rowIndex = filter ? filter.rows : null;
    }
  }

  function groupFiles(group: Group): GroupFile[] {
    return group.fileIds.map((id) => files.get(id)!);
  }

  /**
   * Read one source and load it with the core's `readPredictionFile` (the CLI's loader): the located
   * DataError of the first problem, or the file. Without a mapping, id-like and text columns are found.
   */
  async function read(
    id: string, source: MetricsSource, mapping: ColumnMapping | null, progress: (stage: string, f: number) => void,
  ): Promise<Result<Omit<FileEntry, 'groupId' | 'displayNames'>>> {
    const name = sourceName(source);
    progress('Reading', 0);
    const started = performance.now();
    const input = source.kind === 'text' ? source.text : source.kind === 'file' ? await source.file.arrayBuffer() : source.bytes;
    const readMs = Math.round(performance.now() - started);
    const used: ColumnMapping = mapping ?? { target: null, task: 'auto', positiveLabel: null, ignored: [] };
    const options: ReadPredictionFileOptions = { task: used.task, extra: used.ignored, onProgress: progress };
    if (used.target !== null) options.target = used.target;
    if (used.positiveLabel !== null) options.positiveLabel = used.positiveLabel;
    if (!mapping) options.detect = { ids: true, text: true };
    const file = readPredictionFile(input, name, options);
    if (!file.ok) return file;
    const f = file.value;
    return ok({
      id, name, source, header: f.header, autoIgnored: f.autoIgnored, loaded: f.loaded, full: f.loaded, rowIndex: null, extra: f.extra,
      lineShifts: f.lineShifts, timings: source.kind === 'text' ? f.timings : { read: readMs, ...f.timings },
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

  async function load(requestId: number, fileId: string, source: MetricsSource, mapping: ColumnMapping | null, post: PostResponse): Promise<void> {
    const progress = (stage: string, fraction: number) => post({ type: 'progress', id: requestId, stage, fraction });
    const read_ = await read(fileId, source, mapping, progress);
    if (!read_.ok) {
      post({ type: 'failed', id: requestId, error: read_.error, fileId: files.has(fileId) ? fileId : null });
      return;
    }
    // Only now, with the new reading complete, does a re-mapped file leave its old place.
    detach(fileId);
    const { file, joined } = place(read_.value);
    try {
      respond(requestId, file, joined, [...read_.warnings], post, progress);
    } catch (err) {
      // Never keep a file the page was not given: worker and page must agree on what is loaded.
      detach(file.id);
      throw err;
    }
  }

  /** The table and plot data of one file's models (over the rows shown), with the buffers to transfer. */
  function fileData(file: FileEntry, warnings: string[], progress: (stage: string, fraction: number) => void): { data: GroupData; transfer: Transferable[] } {
    const l = file.loaded;
    const transfer: Transferable[] = [];
    if (l.task === 'binary') {
      const models: BinaryModelData[] = l.models.map((_, j) => {
        progress(`Scoring ${file.displayNames[j]}`, 0.6 + (0.35 * j) / l.models.length);
        const m = binaryModelData(l, j, file.displayNames[j]!, DEFAULT_THRESHOLD, warnings);
        transfer.push(m.sweep.thresholds.buffer, m.sweep.tps.buffer, m.sweep.fps.buffer, m.roc.x.buffer, m.roc.y.buffer, m.roc.thresholds.buffer);
        return m;
      });
      return { data: { task: 'binary', models }, transfer };
    }
    progress('Scoring', 0.7);
    if (l.task === 'regression') return { data: { task: 'regression', models: regressionModelData(l, file.displayNames, warnings) }, transfer };
    return { data: { task: 'multiclass', models: multiclassModelData(l, file.displayNames, warnings) }, transfer };
  }

  /** The binary plots that follow the table, with their buffers. */
  function fileDetails(file: FileEntry): { details: BinaryModelDetails[]; transfer: Transferable[] } {
    const l = file.loaded;
    if (l.task !== 'binary') return { details: [], transfer: [] };
    const details = l.models.map((_, j) => binaryModelDetails(l, j, file.displayNames[j]!));
    return { details, transfer: details.flatMap((d) => [d.pr.x.buffer, d.pr.y.buffer, d.pr.thresholds.buffer]) };
  }

  function respond(
    requestId: number, file: FileEntry, joined: boolean, warnings: string[], post: PostResponse,
    progress: (stage: string, fraction: number) => void,
  ): void {
    const scoring = performance.now();
    const { data, transfer } = fileData(file, warnings, progress);
    file.timings.score = Math.round(performance.now() - scoring);
    const payload: LoadedPayload = { file: fileInfo(file, warnings), group: groupInfo(groups.get(file.groupId)!), joined, data };
    post({ type: 'loaded', id: requestId, payload }, transfer);
    if (file.loaded.task === 'binary') {
      // The plots below the fold follow once the table and the ROC curve are on screen.
      const { details, transfer: buffers } = fileDetails(file);
      post({ type: 'details', id: requestId, fileId: file.id, models: details }, buffers);
    }
  }

  /** Filters the group to a slice's rows (or lifts the filter) and answers with every file's data over those rows. */
  function filter(requestId: number, groupId: string, key: Record<string, string> | null, bins: number, post: PostResponse): void {
    const group = groups.get(groupId);
    if (!group) { post({ type: 'crashed', id: requestId, message: `no group ${groupId}` }); return; }
    if (key === null) setFilter(group, null);
    else {
      const rows = sliceRows(groupFiles(group), key, bins);
      if (!rows.ok) { post({ type: 'crashed', id: requestId, message: rows.error.message }); return; }
      setFilter(group, { id: sliceId(key), key, rows: rows.value });
    }
    const transfer: Transferable[] = [];
    const out: FilterResult['files'] = group.fileIds.map((id) => {
      const file = files.get(id)!;
      const data = fileData(file, [], () => undefined);
      const details = fileDetails(file);
      transfer.push(...data.transfer, ...details.transfer);
      return { fileId: id, data: data.data, details: details.details };
    });
    const f = group.filter;
    post({
      type: 'filtered', id: requestId,
      result: { groupId, filter: f ? { id: f.id, key: f.key, rows: f.rows.length } : null, group: groupInfo(group), files: out },
    }, transfer);
  }

  function errorRows(groupId: string, name: string, threshold: number, limit: number): ErrorRowsResult | null {
    const ref = findModel(groupId, name);
    if (!ref) return null;
    const { file, index } = ref;
    const l = file.loaded;
    const group = groups.get(groupId)!;
    const others = group.fileIds.flatMap((id) => {
      const f = files.get(id)!;
      return f.loaded.models.map((m, j) => ({ file: f, model: m, name: f.displayNames[j]! })).filter((o) => o.name !== name);
    });
    const columns = ['row', l.target];
    let rows: Int32Array;
    let rule: string;
    let wrongRows: number | null = null;
    let own: (i: number) => (string | number)[];
    if (l.task === 'binary') {
      const m = l.models[index]!;
      rows = binaryErrorRows(l.labels, m.values, threshold, limit);
      wrongRows = 0;
      for (let i = 0; i < l.rows; i++) if ((m.values[i]! >= threshold) !== (l.labels[i] === 1)) wrongRows++;
      rule = `Rows on the wrong side of the threshold ${threshold}, farthest from it first.`;
      columns.push(`${name} score`, 'past threshold by');
      const negative = l.classes.find((c) => c !== l.positiveLabel) ?? 'negative';
      own = (i) => [l.labels[i] === 1 ? l.positiveLabel : negative, m.values[i]!, Math.abs(m.values[i]! - threshold)];
    } else if (l.task === 'multiclass') {
      const m = l.models[index]!;
      const K = l.classes.length;
      const proba = m.kind === 'probabilities' ? m.values : null;
      const predicted = proba ? argmaxRows(proba, K) : (m.values as Int32Array);
      rows = multiclassErrorRows(l.labels, predicted, proba, K, limit);
      wrongRows = 0;
      for (let i = 0; i < l.rows; i++) if (predicted[i] !== l.labels[i]) wrongRows++;
      rule = proba
        ? 'Misclassified rows, ordered by the probability the model gave its wrong answer, highest first.'
        : 'Misclassified rows, in file order (the model gives labels, not probabilities).';
      columns.push(`${name} predicted`);
      if (proba) columns.push('its probability', 'probability of the true class');
      own = (i) => {
        const cells: (string | number)[] = [l.classes[l.labels[i]!]!, l.classes[predicted[i]!]!];
        if (proba) cells.push(proba[i * K + predicted[i]!]!, proba[i * K + l.labels[i]!]!);
        return cells;
      };
    } else {
      const m = l.models[index]!;
      rows = regressionErrorRows(l.yTrue, m.values, limit);
      rule = 'Rows with the largest absolute error |y − ŷ|, largest first.';
      columns.push(`${name} predicted`, 'error y − ŷ');
      own = (i) => [l.yTrue[i]!, m.values[i]!, l.yTrue[i]! - m.values[i]!];
    }
    const otherCell = (o: (typeof others)[number], i: number): string | number => {
      const ol = o.file.loaded;
      if (ol.task === 'multiclass' && o.model.kind === 'probabilities') {
        const K = ol.classes.length;
        let best = 0;
        for (let k = 1; k < K; k++) if (o.model.values[i * K + k]! > o.model.values[i * K + best]!) best = k;
        return ol.classes[best]!;
      }
      if (ol.task === 'multiclass') return ol.classes[o.model.values[i]!]!;
      return o.model.values[i]!;
    };
    columns.push(...others.map((o) => o.name), ...file.extra.map((e) => e.name));
    // Under a slice filter, row i of the shown rows is row rowIndex[i] of the file.
    const fileRow = (i: number) => (file.rowIndex ? file.rowIndex[i]! : i);
    return {
      model: name, rule, columns, wrongRows,
      rows: [...rows].map((i) => {
        const line = rowLine({ lineShifts: file.lineShifts }, fileRow(i));
        return { line, cells: [line, ...own(i), ...others.map((o) => otherCell(o, i)), ...file.extra.map((e) => e.cells[fileRow(i)]!)] };
      }),
    };
  }

  /** Requests asked to stop (see `pause`). */
  const cancelled = new Set<number>();

  /** Lets other messages in between resamples; throws `Cancelled` once the request was cancelled. */
  async function pause(requestId: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (cancelled.delete(requestId)) throw new Cancelled();
  }

  async function bootstrap(requestId: number, groupId: string, thresholds: Record<string, number>, B: number, seed: number, progress: (f: number) => void): Promise<BootstrapResult> {
    const group = groups.get(groupId);
    const result: BootstrapResult = { B, seed, thresholds: {}, intervals: {}, validResamples: {} };
    if (!group) return result;
    const refs = group.fileIds.flatMap((id) => files.get(id)!.displayNames.map((name) => ({ name, ref: findModel(groupId, name)! })));
    for (const [j, { name, ref }] of refs.entries()) {
      const l = ref.file.loaded;
      const hooks = { onProgress: (f: number) => progress((j + f) / refs.length), pause: () => pause(requestId) };
      const t = thresholds[name] ?? DEFAULT_THRESHOLD;
      if (l.task === 'binary') result.thresholds[name] = t;
      const { keys, evaluate } = modelResampler(l, ref.index, t);
      const many = await bootstrapMany(l.rows, keys, evaluate, { B, seed }, hooks);
      result.intervals[name] = many.intervals;
      result.validResamples[name] = Math.min(...Object.values(many.valid).filter((v) => v > 0), B);
    }
    return result;
  }

  function compare(groupId: string, a: string, b: string, thresholds: { a: number; b: number } | null): ComparisonResult | null {
    const ra = findModel(groupId, a);
    const rb = findModel(groupId, b);
    if (!ra || !rb) return null;
    const la = ra.file.loaded;
    const lb = rb.file.loaded;
    if (la.task === 'binary' && lb.task === 'binary') {
      const sa = la.models[ra.index]!.values;
      const sb = lb.models[rb.index]!.values;
      const t = thresholds ?? { a: DEFAULT_THRESHOLD, b: DEFAULT_THRESHOLD };
      return { a, b, delong: delongTest(la.labels, sa, sb), mcnemar: mcnemarAtThresholds(la.labels, sa, t.a, sb, t.b), thresholds: t };
    }
    if (la.task === 'multiclass' && lb.task === 'multiclass') {
      const K = la.classes.length;
      const pred = (l: typeof la, index: number): Int32Array => {
        const m = l.models[index]!;
        return m.kind === 'probabilities' ? argmaxRows(m.values, K) : m.values;
      };
      return { a, b, delong: null, mcnemar: mcnemarTest(la.labels, pred(la, ra.index), pred(lb, rb.index)), thresholds: null };
    }
    return { a, b, delong: null, mcnemar: null, thresholds: null };
  }

  async function handle(request: MetricsRequest, post: PostResponse): Promise<void> {
    const requestId = request.id;
    try {
      switch (request.type) {
        case 'load':
          await load(requestId, `f${nextFile++}`, request.source, request.mapping, post);
          return;
        case 'remap': {
          const file = files.get(request.fileId);
          if (!file) { post({ type: 'crashed', id: requestId, message: `no file ${request.fileId}` }); return; }
          await load(requestId, file.id, file.source, request.mapping, post);
          return;
        }
        case 'remove':
          detach(request.fileId);
          post({ type: 'removed', id: requestId, fileId: request.fileId });
          return;
        case 'errors': {
          const result = errorRows(request.groupId, request.model, request.threshold, request.limit);
          if (result) post({ type: 'errors', id: requestId, result });
          else post({ type: 'crashed', id: requestId, message: `no model ${request.model}` });
          return;
        }
        case 'bootstrap': {
          const result = await bootstrap(requestId, request.groupId, request.thresholds, request.B, request.seed,
            (f) => post({ type: 'progress', id: requestId, stage: 'Resampling', fraction: f }));
          post({ type: 'bootstrap', id: requestId, result });
          cancelled.delete(requestId); // a cancel that came too late
          return;
        }
        case 'slice-intervals': {
          const group = groups.get(request.groupId);
          if (!group) { post({ type: 'crashed', id: requestId, message: `no group ${request.groupId}` }); return; }
          const result = await sliceIntervals(groupFiles(group), request, {
            onProgress: (f) => post({ type: 'progress', id: requestId, stage: 'Resampling', fraction: f }), pause: () => pause(requestId),
          });
          post({ type: 'slice-intervals', id: requestId, result });
          cancelled.delete(requestId);
          return;
        }
        case 'cancel':
          // Heard at the running request's next pause; it then answers 'cancelled'.
          cancelled.add(request.id);
          return;
        case 'slices': {
          const group = groups.get(request.groupId);
          if (!group) { post({ type: 'crashed', id: requestId, message: `no group ${request.groupId}` }); return; }
          // Slices describe every row of the group, whatever the page is filtered to.
          post({ type: 'slices', id: requestId, result: slicesView(groupFiles(group), request) });
          return;
        }
        case 'windows': {
          const group = groups.get(request.groupId);
          if (!group) { post({ type: 'crashed', id: requestId, message: `no group ${request.groupId}` }); return; }
          post({ type: 'windows', id: requestId, result: windowsView(groupFiles(group), request) });
          return;
        }
        case 'filter':
          filter(requestId, request.groupId, request.key, request.bins, post);
          return;
        case 'compare': {
          const result = compare(request.groupId, request.a, request.b, request.thresholds);
          if (result) post({ type: 'compared', id: requestId, result });
          else post({ type: 'crashed', id: requestId, message: `no models ${request.a}, ${request.b}` });
          return;
        }
      }
    } catch (err) {
      if (err instanceof Cancelled) {
        post({ type: 'cancelled', id: requestId });
        return;
      }
      // An exception is a bug, not a data problem: say so plainly rather than show a half result.
      post({ type: 'crashed', id: requestId, message: err instanceof Error ? err.message : String(err) });
    }
  }

  return { handle };
}
