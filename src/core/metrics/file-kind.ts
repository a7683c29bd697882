/**
 * What a prediction file is, from its first bytes rather than its name: Parquet starts with `PAR1`,
 * gzip with 1f 8b; anything else is taken for CSV (the CSV decoder then rejects other binary formats
 * with its own message). The CLI and the page's worker both ask this.
 */
export type PredictionFileFormat = 'parquet' | 'csv' | 'csv.gz';

export function sniffFileFormat(head: Uint8Array): PredictionFileFormat {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'csv.gz';
  return 'csv';
}
