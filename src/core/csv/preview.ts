import { guessTargetColumn, inferColumns, type ColumnSummary } from './infer';
import { rowLine, type CsvTable } from './table';

/** Rows shown in a data preview. */
export const PREVIEW_ROWS = 50;

/**
 * What a data page needs to show a parsed file without holding its cells: a few kilobytes, whatever
 * the file size. This is what a parsing worker sends back; full columns are fetched on demand.
 */
export interface CsvPreview {
  file: string;
  header: string[];
  delimiter: string;
  rowCount: number;
  columns: ColumnSummary[];
  /** The first {@link PREVIEW_ROWS} data rows, row-major for display: `rows[i][j]` is column `header[j]`. */
  rows: string[][];
  /** Editor line of each preview row (see `rowLine`). */
  rowLines: number[];
  /** `guessTargetColumn(columns)`. */
  targetGuess: string | null;
}

/** Summarises `table` (see `inferColumns`) and cuts its first `rows` rows, transposed for display. */
export function buildPreview(table: CsvTable, rows = PREVIEW_ROWS): CsvPreview {
  const columns = inferColumns(table);
  const n = Math.min(rows, table.rowCount);
  const shown: string[][] = [];
  const rowLines: number[] = [];
  for (let i = 0; i < n; i++) {
    shown.push(table.columns.map((c) => c[i] as string));
    rowLines.push(rowLine(table, i));
  }
  return {
    file: table.file,
    header: [...table.header],
    delimiter: table.delimiter,
    rowCount: table.rowCount,
    columns,
    rows: shown,
    rowLines,
    targetGuess: guessTargetColumn(columns),
  };
}
