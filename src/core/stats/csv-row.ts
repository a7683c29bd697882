/**
 * Writing result tables as CSV (RFC 4180): comma-separated, CRLF-free "\n" line ends, fields quoted
 * when they contain a comma, quote, or line break, quotes doubled. Numbers use JavaScript's
 * shortest round-trip form, so a value read back is the same double; null is an empty field.
 */
export type CsvCell = string | number | boolean | null;

export function csvField(value: CsvCell): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? (Number.isNaN(value) ? 'NaN' : String(value)) : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header plus one line per row, ending with a newline. */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\n') + '\n';
}
