/**
 * Test-only: bundled datasets read from datasets/ (the core never touches the file system; tests may).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBundledEntry } from '../data/catalog';
import { labelledTableFromCsv, type LabelledTable } from '../data/table';
import { parseCsv } from '../csv/parse';
import type { Task } from '../data/preprocess';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The bundled dataset `id` as a labelled table, with the catalog's task. */
export function bundledTable(id: string): { table: LabelledTable; task: Task } {
  const entry = findBundledEntry(id);
  if (!entry) throw new Error(`no bundled dataset ${id}`);
  const parsed = parseCsv(readFileSync(resolve(root, 'datasets', entry.file), 'utf8'), entry.file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const table = labelledTableFromCsv(parsed.value, entry.target);
  if (!table.ok) throw new Error(table.error.message);
  return { table: table.value, task: entry.task };
}
