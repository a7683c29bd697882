import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CsvRequest, CsvResponse } from './csv-protocol';
import { createCsvClient, type CsvClient } from './csv-client';

const CSV = `y_true,score,answer\n${Array.from({ length: 120 }, (_, i) => `${i % 2},${(i / 120).toFixed(4)},${i % 2 ? 'yes' : 'no'}`).join('\n')}\n`;

/** The same behaviour is required of the worker path and of the main-thread fallback. */
async function exercise(client: CsvClient): Promise<void> {
  const progress: number[] = [];
  const parsed = await client.parse(CSV, 'preds.csv', (f) => progress.push(f));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const p = parsed.value;
  expect([p.file, p.rowCount, p.header, p.delimiter, p.targetGuess]).toEqual(['preds.csv', 120, ['y_true', 'score', 'answer'], ',', 'y_true']);
  expect(p.rows).toHaveLength(50);
  expect(p.rows[1]).toEqual(['1', '0.0083', 'yes']);
  expect(p.rowLines.slice(0, 3)).toEqual([2, 3, 4]);
  expect(p.columns.map((c) => c.kind)).toEqual(['label', 'numeric', 'label']);
  expect(progress.at(-1)).toBe(1);

  const cols = await client.numericColumns(p.tableId, ['score', 'y_true']);
  if (!cols.ok) throw new Error(cols.error.message);
  expect(cols.value[0]).toBeInstanceOf(Float64Array);
  expect(cols.value[0]?.[60]).toBe(0.5);
  expect(Array.from(cols.value[1] ?? []).slice(0, 4)).toEqual([0, 1, 0, 1]);

  const bad = await client.numericColumns(p.tableId, ['answer']);
  expect(!bad.ok && bad.error.message).toBe('preds.csv, row 2, column "answer": "no" is not a number.');

  const labels = await client.stringColumn(p.tableId, 'answer');
  expect(labels.ok && labels.value.slice(0, 2)).toEqual(['no', 'yes']);

  const ragged = await client.parse('a,b\n1,2\n3\n', 'r.csv');
  expect(!ragged.ok && [ragged.error.kind, ragged.error.row]).toEqual(['ragged', 3]);

  client.release(p.tableId);
  const gone = await client.numericColumns(p.tableId, ['score']);
  expect(!gone.ok && gone.error.kind).toBe('unknown-table');
}

describe('csv client, main-thread fallback', () => {
  it('parses, previews, serves columns and reports data errors as values', async () => {
    const client = createCsvClient({ forceMainThread: true });
    expect(client.mode()).toBe('main-thread');
    await exercise(client);
  });

  it('reads a File as bytes: BOM stripped, binary refused', async () => {
    const client = createCsvClient({ forceMainThread: true });
    const bom = new File([new Uint8Array([0xef, 0xbb, 0xbf]), 'id,x\n1,2\n'], 'bom.csv');
    const parsed = await client.parse(bom, 'bom.csv');
    expect(parsed.ok && parsed.value.header).toEqual(['id', 'x']);
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])], 'book.xlsx');
    const refused = await client.parse(xlsx, 'book.xlsx');
    expect(!refused.ok && refused.error.kind).toBe('not-csv');
  });
});

describe('csv client over the worker message switch', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('behaves like the fallback, and transfers numeric columns instead of copying them', async () => {
    const transferred: ArrayBuffer[] = [];
    let toPage: ((message: CsvResponse) => void) | null = null;
    // The worker's global scope: what it posts is structured-cloned to the page, transfers honoured.
    const scope = {
      onmessage: null as ((event: { data: CsvRequest }) => void) | null,
      postMessage(message: CsvResponse, transfer: Transferable[] = []) {
        transferred.push(...(transfer as ArrayBuffer[]));
        const copy = structuredClone(message, { transfer });
        setTimeout(() => toPage?.(copy), 0);
      },
    };
    class FakeWorker {
      onmessage: ((event: { data: CsvResponse }) => void) | null = null;
      onerror: unknown = null;
      constructor(url: URL) {
        expect(url.pathname.endsWith('/csv.worker.ts')).toBe(true);
        toPage = (message) => this.onmessage?.({ data: message });
      }
      postMessage(request: CsvRequest) {
        const copy = structuredClone(request);
        setTimeout(() => scope.onmessage?.({ data: copy }), 0);
      }
      terminate() {}
    }
    vi.stubGlobal('self', scope);
    vi.stubGlobal('Worker', FakeWorker);
    await import('./csv.worker');
    expect(scope.onmessage).toBeTypeOf('function');

    const client = createCsvClient();
    expect(client.mode()).toBe('worker');
    await exercise(client);
    // Both numeric columns of the first request went over as transferred (now detached) buffers.
    expect(transferred.length).toBe(2);
    expect(transferred.every((b) => b.byteLength === 0)).toBe(true);
  });
});
