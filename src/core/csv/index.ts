/**
 * The CSV loader: bytes or text in, a column-major table and located errors out. Pure: runs in the
 * page, in a Worker and in Node.
 *
 * Typical use:
 *   const table = parseCsv(text, 'preds.csv');          // Result<CsvTable>
 *   const scores = numericColumn(table.value, 'score');  // Result<Float64Array>
 */
export { decodeCsvBytes, findNonCsvContent } from './decode';
export { csvError, type CsvErrorKind } from './error';
export { DISTINCT_CAP, LABEL_MAX_CLASSES, TARGET_NAMES, guessTargetColumn, inferColumns, type ColumnKind, type ColumnSummary } from './infer';
export { MISSING_MARKERS, isMissingCell, numericColumn, parseStrictNumber, type NumericColumnOptions } from './numeric';
export { parseCsv, type ParseCsvOptions } from './parse';
export { PREVIEW_ROWS, buildPreview, type CsvPreview } from './preview';
export { DETECTED_DELIMITERS } from './records';
export { columnIndex, rowLine, stringColumn, type CsvTable } from './table';
