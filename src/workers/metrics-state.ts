/**
 * The metrics worker's state: every loaded file (its source, so a new column mapping can re-read it;
 * its typed columns; the ignored columns' cells for the error table) and the groups of files whose
 * label columns hold the same rows, so their models compare row for row. Plain data and free
 * functions over it; the request handlers (metrics-engine.ts) are the only writers.
 */
import type { CsvTable } from '../core/csv/table';
import type { LoadedPredictions } from '../core/metrics/predictions';
import { subsetPredictions } from '../core/metrics/slices';
import type { ColumnMapping, GroupInfo, MetricsSource } from './metrics-protocol';
import type { GroupFile } from './metrics-slices';

export interface FileEntry {
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

export interface Group {
  id: string;
  task: LoadedPredictions['task'];
  fileIds: string[];
  /** The slice the page is filtered to, if any. */
  filter: { id: string; key: Record<string, string>; rows: Int32Array } | null;
}

/** A model of a group, found by display name. */
export interface ModelRef { file: FileEntry; index: number }

export interface MetricsState {
  files: Map<string, FileEntry>;
  groups: Map<string, Group>;
  nextFile: number;
  nextGroup: number;
  /** Requests asked to stop (heard at their next pause). */
  cancelled: Set<number>;
}

export function createMetricsState(): MetricsState {
  return { files: new Map(), groups: new Map(), nextFile: 1, nextGroup: 1, cancelled: new Set() };
}

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

export function groupInfo(state: MetricsState, group: Group): GroupInfo {
  const first = state.files.get(group.fileIds[0]!)!.loaded;
  let positives = 0;
  if (first.task === 'binary') for (let i = 0; i < first.rows; i++) positives += first.labels[i]!;
  return {
    id: group.id, task: group.task, rows: first.rows, target: first.target, classes: first.classes,
    positiveLabel: first.positiveLabel, positives, negatives: first.task === 'binary' ? first.rows - positives : 0,
  };
}

export function findModel(state: MetricsState, groupId: string, name: string): ModelRef | null {
  const group = state.groups.get(groupId);
  if (!group) return null;
  for (const id of group.fileIds) {
    const file = state.files.get(id)!;
    const index = file.displayNames.indexOf(name);
    if (index >= 0) return { file, index };
  }
  return null;
}

/** Every model of a group with its file, in load order. */
export function groupModels(state: MetricsState, group: Group): (ModelRef & { name: string })[] {
  return group.fileIds.flatMap((id) => {
    const file = state.files.get(id)!;
    return file.displayNames.map((name, index) => ({ file, index, name }));
  });
}

export function groupFiles(state: MetricsState, group: Group): GroupFile[] {
  return group.fileIds.map((id) => state.files.get(id)!);
}

/** Shows only `filter`'s rows of every file of the group (null: every row again). */
export function setFilter(state: MetricsState, group: Group, filter: Group['filter']): void {
  group.filter = filter;
  for (const id of group.fileIds) {
    const file = state.files.get(id)!;
    file.loaded = filter ? subsetPredictions(file.full, filter.rows) : file.full;
    file.rowIndex = filter ? filter.rows : null;
  }
}

/** Places a file in the first group with the same labels, or a new group; assigns display names. */
export function placeFile(state: MetricsState, entry: Omit<FileEntry, 'groupId' | 'displayNames'>): { file: FileEntry; joined: boolean } {
  let group = [...state.groups.values()].find((g) => sameLabels(state.files.get(g.fileIds[0]!)!.full, entry.full));
  const joined = group !== undefined;
  if (!group) {
    group = { id: `g${state.nextGroup++}`, task: entry.loaded.task, fileIds: [], filter: null };
    state.groups.set(group.id, group);
  }
  // A file joins a group on all its rows (the page lifts a filter before it loads a file).
  if (group.filter) setFilter(state, group, null);
  const taken = new Set(group.fileIds.flatMap((id) => state.files.get(id)!.displayNames));
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
  state.files.set(file.id, file);
  return { file, joined };
}

export function detachFile(state: MetricsState, fileId: string): void {
  const file = state.files.get(fileId);
  if (!file) return;
  state.files.delete(fileId);
  const group = state.groups.get(file.groupId);
  if (!group) return;
  group.fileIds = group.fileIds.filter((id) => id !== fileId);
  if (group.fileIds.length === 0) state.groups.delete(group.id);
  else if (group.filter) setFilter(state, group, null);
}
