/**
 * Every CSV the app or the CLI writes goes through `csvCell`: RFC 4180 quoting plus the OWASP
 * defence against CSV (formula) injection. A spreadsheet runs a text cell starting with `=`, `+`,
 * `-`, `@`, tab or carriage return as a formula, so such text cells get a leading `'` and are then
 * read as text. Numbers are left alone (`-0.3` stays `-0.3`), and so is text that is a plain number
 * literal (a class label "-1" read from a CSV): a spreadsheet reads it as that number, not a formula,
 * and the file still round-trips.
 * See https://owasp.org/www-community/attacks/CSV_Injection.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A text value made inert for spreadsheets (not yet quoted). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_LITERAL.test(text) ? `'${text}` : text;
}

/** A text field: neutralised, then quoted when it holds a comma, quote or line break. */
export function csvText(text: string): string {
  const s = neutraliseFormula(text);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One field: null/undefined empty, numbers in JavaScript's shortest round-trip form (so a value read
 * back is the same double), booleans as true/false, text through `csvText`.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return csvText(value);
}

/** One line of fields, without its line end. */
export function csvLine(fields: readonly CsvCell[]): string {
  return fields.map(csvCell).join(',');
}

/** Header plus one line per row, ending with a newline. */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return lines.join('\n') + '\n';
}
