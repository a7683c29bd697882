import { create } from 'zustand';
import type { DataError } from '../core/result';
import { findBundledEntry, findSyntheticEntry } from '../core/data/catalog';
import { toCsv } from '../core/data/synthetic';
import { parseCsvInWorker, releaseCsvTable, type CsvPreview } from '../workers/csv-client';
import { fetchBundledFile } from '../core/data/bundled-files';

/** Where a table came from: a user's file, a bundled CSV by catalog id, or a synthetic generator by id. */
export type DataSource = { kind: 'file'; file: File } | { kind: 'bundled'; id: string } | { kind: 'synthetic'; id: string };

interface DataState {
  status: 'idle' | 'loading' | 'ready';
  /** Fraction of bytes parsed, while loading. */
  progress: number | null;
  loadingName: string | null;
  /** The last table that loaded completely. A failed load never replaces it. */
  preview: CsvPreview | null;
  error: DataError | null;
  load(source: DataSource): Promise<void>;
  dismissError(): void;
}

let loadSeq = 0;

export const useDataStore = create<DataState>()((set) => ({
  status: 'idle',
  progress: null,
  loadingName: null,
  preview: null,
  error: null,
  dismissError: () => set({ error: null }),
  load: async (source) => {
    const seq = ++loadSeq; // a newer load wins; late answers from an older one are dropped
    const name = sourceName(source);
    set({ status: 'loading', progress: 0, loadingName: name, error: null });
    const onProgress = (progress: number) => {
      if (seq === loadSeq) set({ progress });
    };
    let result: Awaited<ReturnType<typeof parseCsvInWorker>>;
    try {
      result = await parseCsvInWorker(await sourceInput(source), name, onProgress);
    } catch (err) {
      result = { ok: false, error: { kind: 'io', message: `${name}: ${err instanceof Error ? err.message : String(err)}`, file: name, row: null, column: null } };
    }
    // The Data page shows only the preview: free the worker's copy of the cells at once.
    if (result.ok) releaseCsvTable(result.value.tableId);
    if (seq !== loadSeq) return;
    set((s) => (result.ok
      ? { status: 'ready', progress: null, loadingName: null, preview: result.value, error: null }
      : { status: s.preview ? 'ready' : 'idle', progress: null, loadingName: null, error: result.error }));
  },
}));

function sourceName(source: DataSource): string {
  if (source.kind === 'file') return source.file.name;
  if (source.kind === 'bundled') return findBundledEntry(source.id)?.file.split('/').pop() ?? source.id;
  return `${source.id}.csv`;
}

async function sourceInput(source: DataSource): Promise<File | string> {
  if (source.kind === 'file') return source.file;
  if (source.kind === 'bundled') {
    const entry = findBundledEntry(source.id);
    if (!entry) throw new Error(`unknown bundled dataset ${source.id}`);
    return fetchBundledFile(entry.file);
  }
  const entry = findSyntheticEntry(source.id);
  if (!entry) throw new Error(`unknown synthetic dataset ${source.id}`);
  return toCsv(entry.generate(entry.defaults));
}
