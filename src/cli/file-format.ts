/**
 * What a prediction file is, read from its first bytes rather than its name: Parquet starts with
 * `PAR1`, gzip with 1f 8b; anything else is taken for CSV (the CSV decoder then rejects other binary
 * formats with its own message).
 */
import { open } from 'node:fs/promises';

export type PredictionFileFormat = 'parquet' | 'csv' | 'csv.gz';

export async function detectFileFormat(path: string): Promise<PredictionFileFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead === 4 && head.toString('latin1') === 'PAR1') return 'parquet';
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'csv.gz';
    return 'csv';
  } finally {
    await handle.close();
  }
}
