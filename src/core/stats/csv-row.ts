/**
 * Writing result tables as CSV: the one writer in src/core/text/csv-cell.ts (RFC 4180 quoting,
 * "\n" line ends, formula cells neutralised), re-exported for the stats exports.
 */
export { csvCell as csvField, csvTable, type CsvCell } from '../text/csv-cell';
