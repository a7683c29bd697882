/**
 * Messages between the page and the CSV parsing worker (csv.worker.ts). Plain, structured-cloneable
 * data only.
 *
 * What crosses the boundary, and why:
 * - Page -> worker: the `File` itself (structured clone of a File passes a handle to the same bytes,
 *   no copy; the worker reads it) or a string (copied once).
 * - Worker -> page after parsing: a `CsvPreview` (header, column summaries, row count, the first 50
 *   rows): a few kilobytes whatever the file size. The table itself stays in the worker under a
 *   `tableId`: shipping a million rows of strings back would cost more than parsing them.
 * - On demand: numeric columns as Float64Arrays whose buffers are transferred (zero copy), or one raw
 *   string column (copied), e.g. for text class labels.
 * - Progress: at most one message per 50 ms, the fraction of the text parsed (characters, which for
 *   ASCII data equals bytes).
 */
import type { CsvPreview } from '../core/csv/preview';
import type { Result } from '../core/result';

export type CsvRequest =
  | { type: 'parse'; id: number; source: Blob | string; name: string; delimiter?: string }
  | { type: 'numeric-columns'; id: number; tableId: string; names: string[]; allowMissing: boolean }
  | { type: 'string-column'; id: number; tableId: string; name: string }
  | { type: 'release'; tableId: string };

/** A parsed table as the page knows it: its preview and the handle to ask for its columns. */
export interface ParsedCsv extends CsvPreview {
  tableId: string;
}

export type CsvResponse =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'parsed'; id: number; result: Result<ParsedCsv> }
  | { type: 'numeric-columns'; id: number; result: Result<Float64Array[]> }
  | { type: 'string-column'; id: number; result: Result<readonly string[]> }
  /** An exception in the worker: a bug, not a data problem. */
  | { type: 'crashed'; id: number; message: string };

/** What each request resolves to on the page. */
export interface CsvAnswers {
  parse: Result<ParsedCsv>;
  'numeric-columns': Result<Float64Array[]>;
  'string-column': Result<readonly string[]>;
}

/** The CSV worker's protocol map, for the channel (channel.ts). `release` is a notice: no answer. */
export interface CsvProtocol {
  toWorker: CsvRequest;
  fromWorker: CsvResponse;
  answers: CsvAnswers;
  /** The fraction of the text parsed. */
  progress: number;
  event: never;
}
