/**
 * From a source the page was given to a prediction file, whatever its format: told apart by its first
 * bytes (a `.csv` that is really Parquet reads as Parquet). Parquet is read a row group at a time from
 * the File itself; gzipped CSV is decompressed here (DecompressionStream) and parsed as CSV; a file
 * too large for the tab is refused with a message that names its size and the CLI command instead.
 */
import { sniffFileFormat } from '../core/metrics/file-kind';
import { MAX_CSV_BYTES, isOutOfMemory, tooLargeError } from '../core/metrics/page-limits';
import { blobBuffer, readParquetPredictionFile } from '../core/metrics/parquet-prediction-file';
import { readPredictionFile, type PredictionFile, type ReadPredictionFileOptions } from '../core/metrics/prediction-file';
import { fail, ok, type Result } from '../core/result';
import type { MetricsSource } from './metrics-protocol';

const csvTooLarge = (name: string, bytes: number, max: number) =>
  tooLargeError(name, bytes, `a CSV is read as one string here, and this page reads at most ${max / 1e6} MB of it (save it as Parquet, which the page reads a row group at a time)`);

/** The decompressed bytes, or the error for corrupt gzip or CSV too large once decompressed. */
async function gunzip(blob: Blob, name: string, max: number): Promise<Result<Uint8Array>> {
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel();
        return fail(csvTooLarge(name, blob.size, max));
      }
      chunks.push(value);
    }
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return fail({ kind: 'unreadable', message: `${name}: the gzip data is corrupt or cut short (${detail}).`, file: name, row: null, column: null });
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return ok(bytes);
}

/**
 * Reads and loads one source; `read` in the timings is the time to get the bytes (or to decompress
 * them). `maxCsvBytes` (default: V8's longest string, about) is the largest CSV read.
 */
export async function readSource(source: MetricsSource, name: string, options: ReadPredictionFileOptions, maxCsvBytes = MAX_CSV_BYTES): Promise<Result<PredictionFile>> {
  if (source.kind === 'text') return readPredictionFile(source.text, name, options);
  const blob = source.kind === 'file' ? source.file : new Blob([source.bytes]);
  const started = performance.now();
  const format = sniffFileFormat(new Uint8Array(await blob.slice(0, 4).arrayBuffer()));
  try {
    if (format === 'parquet') return await readParquetPredictionFile(blobBuffer(blob), name, options);
    let bytes: Uint8Array | ArrayBuffer;
    if (format === 'csv.gz') {
      options.onProgress?.('Decompressing', 0.02);
      const unzipped = await gunzip(blob, name, maxCsvBytes);
      if (!unzipped.ok) return unzipped;
      bytes = unzipped.value;
    } else {
      if (blob.size > maxCsvBytes) return fail(csvTooLarge(name, blob.size, maxCsvBytes));
      bytes = await blob.arrayBuffer();
    }
    const readMs = Math.round(performance.now() - started);
    const file = readPredictionFile(bytes, name, options);
    return file.ok ? ok({ ...file.value, timings: { read: readMs, ...file.value.timings } }, file.warnings) : file;
  } catch (err) {
    // The tab survives a file it cannot hold: the allocation fails, the worker says so.
    if (isOutOfMemory(err)) return fail(tooLargeError(name, blob.size, 'the tab ran out of memory reading it'));
    throw err;
  }
}
