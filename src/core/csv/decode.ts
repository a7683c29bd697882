import { fail, ok, type DataError, type Result } from '../result';
import { csvError } from './error';

/** How much of the start of a file the control-character check looks at. */
const SAMPLE_CHARS = 64 * 1024;
/**
 * Share of control characters (other than tab, CR, LF) plus U+FFFD replacement characters above
 * which a text is called binary. Real CSV has essentially none; random bytes decoded as UTF-8 have
 * around half; a Latin-1 file misread as UTF-8 has about 1 % (one per accented letter), which stays a
 * warning.
 */
const BINARY_SHARE = 0.05;

/** File signatures of formats people pick by mistake, with what to tell them. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook is one): save the sheet as CSV first' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel .xls workbook: save the sheet as CSV first' },
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed: decompress it first' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document, not CSV' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image, not CSV' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image, not CSV' },
  // 'SQLite format 3' + NUL: the full magic, since a CSV may well start with the word SQLite.
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], what: 'an SQLite database, not CSV' },
];

function signatureOf(startsWith: (bytes: readonly number[]) => boolean): string | null {
  for (const s of SIGNATURES) if (startsWith(s.bytes)) return s.what;
  return null;
}

/**
 * Rejects text that is not CSV before any parsing: a known binary signature, NUL characters, a high
 * share (> 5 % of the first 64 K characters) of control or U+FFFD characters, or an HTML / XML /
 * JSON document. Returns null for plausible CSV text, or one {@link DataError} (kind `binary` or
 * `not-csv`, no row or column). `allowed` is a character that must not count as a control character
 * (an unusual explicit delimiter).
 */
export function findNonCsvContent(text: string, file: string, allowed = ''): DataError | null {
  const sig = signatureOf((bytes) => bytes.every((b, i) => text.charCodeAt(i) === b));
  if (sig !== null) return csvError('not-csv', file, null, null, `this looks like ${sig}.`);
  if (text.indexOf('\0') !== -1) {
    return csvError('binary', file, null, null, 'the file contains NUL bytes: it is a binary file, not CSV text.');
  }
  const sample = Math.min(text.length, SAMPLE_CHARS);
  const allowedCode = allowed.length === 1 ? allowed.charCodeAt(0) : -1;
  let bad = 0;
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== allowedCode) || c === 0xfffd) bad++;
  }
  if (bad >= 2 && bad > BINARY_SHARE * sample) {
    return csvError('binary', file, null, null,
      `${Math.round((100 * bad) / sample)} % of the first ${sample} characters are control or invalid characters: this is not CSV text.`);
  }
  const head = text.slice(0, 256).trimStart().toLowerCase();
  if (/^<(!doctype html|html[\s>]|head[\s>]|body[\s>])/.test(head)) {
    return csvError('not-csv', file, null, null,
      'this is an HTML page, not CSV (a web page saved instead of the raw file?).');
  }
  if (head.startsWith('<?xml')) return csvError('not-csv', file, null, null, 'this is an XML document, not CSV.');
  if (/^(\{\s*"|\[\s*[{[])/.test(head)) return csvError('not-csv', file, null, null, 'this is JSON, not CSV.');
  return null;
}

/** Counts U+FFFD characters, which mark bytes that were not valid in the file's encoding. */
export function countReplacementChars(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/** The decoder's instance type, written so it also compiles without the DOM lib (the library build). */
type Decoder = InstanceType<typeof TextDecoder>;

function decoderFor(label: string, fatal: boolean): Decoder | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null; // e.g. a runtime without full ICU has no windows-1252 decoder
  }
}

/** What Windows-1252 puts at bytes 0x80-0x9F (undefined bytes keep their C1 code point). */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Maps C1 control characters to their Windows-1252 meaning. Browsers' `windows-1252` decoder does this
 * already; Node 20's decodes those bytes as ISO-8859-1 (U+0080-U+009F), so '€' would come out as U+0080.
 */
function windows1252C1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] as string);
}

/**
 * Turns the bytes of a file into CSV text, refusing what is not text.
 *
 * - A known signature (xlsx/zip, xls, gzip, Parquet, PDF, images, SQLite) is a `not-csv` error that
 *   says what the file is.
 * - UTF-16 with a byte-order mark (Excel's "Unicode text") is decoded as UTF-16; a UTF-8 BOM is
 *   stripped.
 * - Otherwise NUL bytes mean binary (`binary` error). Valid UTF-8 is decoded as such; bytes that are
 *   not valid UTF-8 are read as Windows-1252 (the usual encoding of such files: Excel on Windows),
 *   with a warning.
 * - The decoded text then goes through {@link findNonCsvContent}.
 *
 * An empty input gives `ok('')`; `parseCsv` reports the empty file.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array, file: string): Result<string> {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const startsWith = (sig: readonly number[]): boolean => sig.length <= b.length && sig.every((x, i) => b[i] === x);
  const sig = signatureOf(startsWith);
  if (sig !== null) return fail(csvError('not-csv', file, null, null, `this looks like ${sig}.`));

  const warnings: string[] = [];
  let text: string;
  if (startsWith([0xff, 0xfe]) || startsWith([0xfe, 0xff])) {
    const label = b[0] === 0xff ? 'utf-16le' : 'utf-16be';
    // The decoder drops the BOM itself (ignoreBOM defaults to false).
    text = (decoderFor(label, false) as Decoder).decode(b);
    warnings.push(`${file}: read as ${label.toUpperCase()} (it starts with a UTF-16 byte-order mark).`);
  } else {
    if (b.indexOf(0) !== -1) {
      return fail(csvError('binary', file, null, null, 'the file contains NUL bytes: it is a binary file, not CSV text.'));
    }
    const body = startsWith([0xef, 0xbb, 0xbf]) ? b.subarray(3) : b;
    const utf8 = decoderFor('utf-8', true) as Decoder;
    try {
      text = utf8.decode(body);
    } catch {
      const latin = decoderFor('windows-1252', false);
      if (latin !== null) {
        text = windows1252C1(latin.decode(body));
        warnings.push(`${file}: not valid UTF-8, read as Windows-1252 (Latin-1). Save it as UTF-8 if accented letters look wrong.`);
      } else {
        text = new TextDecoder('utf-8').decode(body);
        warnings.push(`${file}: not valid UTF-8; invalid bytes were replaced by \ufffd.`);
      }
    }
  }
  // A UTF-16 or UTF-8 decoder given ignoreBOM=false already dropped the mark, but be explicit.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const bad = findNonCsvContent(text, file);
  if (bad !== null) return fail(bad);
  return ok(text, warnings);
}
