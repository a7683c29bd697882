/**
 * The data an experiment trains on, as it crosses into a Worker: a synthetic generator by id and
 * parameters (regenerated in the worker, seeded, so nothing large is sent), or a CSV's text with its
 * target column. The same shape as the Train page's engine data, so a Train-page run can be redone here.
 *
 * Tables are cached per worker by a key of the data (a CSV's name, length and a hash of its text), so a
 * search's 30 trials parse the file once.
 */
import { parseCsv } from '../core/csv/parse';
import { findSyntheticEntry, type SyntheticGeneratorParams } from '../core/data/catalog';
import type { Task } from '../core/data/preprocess';
import { labelledTableFromCsv, labelledTableFromSynthetic, type LabelledTable } from '../core/data/table';
import { fail, ok, type Result } from '../core/result';

export type ExperimentData =
  | { kind: 'synthetic'; id: string; params: SyntheticGeneratorParams }
  | { kind: 'csv'; name: string; text: string; target: string; task?: Task };

/** A table ready for training, with the task the catalog knows for it (undefined: infer from the target). */
export interface LoadedTable {
  table: LabelledTable;
  task: Task | undefined;
  warnings: string[];
}

/** FNV-1a over the text (every 7th character past 64 KB: a cache key, not a checksum). */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  const step = text.length > 65536 ? 7 : 1;
  for (let i = 0; i < text.length; i += step) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** A short key that is equal for equal data (used to cache tables and prepared data). */
export function experimentDataKey(data: ExperimentData): string {
  if (data.kind === 'synthetic') return `synthetic:${data.id}:${JSON.stringify(data.params)}`;
  return `csv:${data.name}:${data.target}:${data.text.length}:${textHash(data.text)}`;
}

/** One line naming the data, for messages. */
export function describeExperimentData(data: ExperimentData): string {
  return data.kind === 'synthetic' ? data.id : `${data.name} (target ${data.target})`;
}

/** Builds the labelled table: generates synthetic data, or parses the CSV and splits off the target. */
export function loadExperimentTable(data: ExperimentData): Result<LoadedTable> {
  if (data.kind === 'synthetic') {
    const entry = findSyntheticEntry(data.id);
    if (!entry) return fail({ kind: 'unknown-dataset', message: `There is no synthetic dataset called "${data.id}".`, file: null, row: null, column: null });
    return ok({ table: labelledTableFromSynthetic(entry.generate(data.params)), task: entry.task, warnings: [] });
  }
  const parsed = parseCsv(data.text, data.name);
  if (!parsed.ok) return parsed;
  const table = labelledTableFromCsv(parsed.value, data.target);
  if (!table.ok) return table;
  return ok({ table: table.value, task: data.task, warnings: [...parsed.warnings, ...table.warnings] });
}

/** A small per-worker cache of loaded tables (the last few data sets). */
export function createTableCache(capacity = 4): (data: ExperimentData) => Result<LoadedTable> {
  const cache = new Map<string, Result<LoadedTable>>();
  return (data) => {
    const key = experimentDataKey(data);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return hit;
    }
    const loaded = loadExperimentTable(data);
    cache.set(key, loaded);
    while (cache.size > capacity) cache.delete(cache.keys().next().value!);
    return loaded;
  };
}
