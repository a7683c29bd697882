/**
 * What a prediction file is, read from its first bytes rather than its name: Parquet starts with
 * `PAR1`, gzip with 1f 8b; anything else is taken for CSV (the CSV decoder then rejects other binary
 * formats with its own message).
 */
import { open } from 'node:fs/promises';
import { sniffFileFormat, type PredictionFileFormat } from '../core/metrics/file-kind';

export type { PredictionFileFormat } from '../core/metrics/file-kind';

export async function detectFileFormat(path: string): Promise<PredictionFileFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return sniffFileFormat(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
