import Papa from 'papaparse';

/**
 * The PapaParse driver shared by the loader (`parseCsv`) and the raw-rows API the external test
 * suites run against (`parseRows`): one place decides the dialect and the PapaParse settings.
 *
 * Settings and why:
 * - Chunks of complete records (see {@link parseRecordChunks}): rows arrive a chunk at a time, so the
 *   loader transposes them into columns and drops them (peak memory stays near the size of the
 *   columns, not the columns plus a million row arrays) and can report progress.
 * - `fastMode` left undefined: PapaParse then picks, per chunk, its fast path (split on newline, then
 *   on delimiter) when the chunk has no quote character, and the full quote-aware parser otherwise.
 *   Forcing `fastMode: true` would be wrong for quoted files; `false` would be slower for the rest.
 * - No `header`, `dynamicTyping`, `transform`, `skipEmptyLines`: rows stay arrays of raw strings;
 *   header, blank-line and type decisions are ours (see parse.ts), not per-row objects.
 * - Delimiter and newline are detected once on a sample, then passed explicitly, so guessing never
 *   runs on the whole text (PapaParse's guesser parses its whole input once per candidate).
 */

/** Delimiters the loader detects. Anything else must be passed explicitly. */
export const DETECTED_DELIMITERS: readonly string[] = [',', ';', '\t'];
export type Newline = '\n' | '\r\n' | '\r';

/**
 * Default characters per chunk. Small on purpose: a chunk's rows are live while it is transposed, and
 * a 64 K chunk (~2,000 rows) stays inside V8's young generation, whereas 1 MiB chunks got their rows
 * promoted to the old generation and made parsing about twice as slow in Node.
 */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
/** How much of the file the dialect detection looks at. */
const DIALECT_SAMPLE_CHARS = 64 * 1024;

export interface Dialect {
  delimiter: string;
  newline: Newline;
  /** False when no candidate delimiter splits the sample consistently (e.g. a one-column file); the delimiter is then `,`. */
  delimiterDetected: boolean;
}

/**
 * Detects delimiter (among `,` `;` tab) and line ending on the first 64 K characters (cut at the last
 * line break), with PapaParse's own guessers: the delimiter giving the most consistent field count
 * over the first 10 rows wins, ties broken by more fields; the line ending is the one PapaParse's
 * `guessLineEndings` sees outside quotes. Pass `delimiter` to skip delimiter detection.
 */
export function detectDialect(text: string, delimiter?: string): Dialect {
  let sample = text;
  if (text.length > DIALECT_SAMPLE_CHARS) {
    sample = text.slice(0, DIALECT_SAMPLE_CHARS);
    const lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (lastBreak > 0) sample = sample.slice(0, lastBreak);
  }
  const guess = Papa.parse<string[]>(sample, {
    delimiter: delimiter ?? '',
    delimitersToGuess: [...DETECTED_DELIMITERS],
    preview: 10,
  });
  const undetected = guess.errors.some((e) => e.code === 'UndetectableDelimiter');
  const linebreak = guess.meta.linebreak;
  const newline: Newline = linebreak === '\r\n' || linebreak === '\r' ? linebreak : '\n';
  return {
    delimiter: delimiter ?? (undetected ? ',' : guess.meta.delimiter),
    newline,
    delimiterDetected: delimiter !== undefined || !undetected,
  };
}

/**
 * Number of line breaks ending in `text[from, to)`, as an editor counts them: `\r\n`, lone `\r` and
 * lone `\n` each count once (a `\r\n` counts at its `\n`).
 */
export function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** A quote problem PapaParse found, located in the whole text. */
export interface QuoteProblem {
  code: 'MissingQuotes' | 'InvalidQuotes';
  /** Index within the chunk's `rows` of the record the problem is in. */
  rowInChunk: number;
  /** Absolute index in the text of the opening quote of the offending field. */
  quoteAt: number;
}

/** One chunk of complete records, as delivered to a {@link parseRecordChunks} consumer. */
export interface RecordChunk {
  rows: string[][];
  /** Absolute text index where the first record of this chunk starts. */
  start: number;
  /** Absolute text index just after the last record (after its line break, or the text end). */
  end: number;
  /** True for the last chunk. */
  last: boolean;
  /** Quote problems PapaParse reported in this chunk's records, in order (records from the first one on are unreliable). */
  quoteProblems: QuoteProblem[];
}

/**
 * Streams `text` through PapaParse's core `Papa.Parser` in chunks of complete records, in a plain
 * loop: each window `text[start, start + chunkSize)` is parsed with `ignoreLastRow` (PapaParse's own
 * streaming contract), and the next window starts at the cursor PapaParse returns, just after the last
 * complete record. A window holding no complete record (a record longer than the window, or an
 * unclosed quote) is doubled until it does, so even an unclosed quote early in a large file costs
 * O(n), not one re-parse per chunk. `onChunk` returns false to stop.
 *
 * Why not `Papa.parse` with `chunk`: its string streamer re-enters itself once per chunk (each stack
 * frame keeping its chunk alive until the end) and rebuilds the carried-over partial record by string
 * concatenation on every chunk; the core parser used directly gives absolute indices for errors, too.
 *
 * Quote errors are filtered to those in a completed record: a window ending between a closing quote
 * and the following `\r\n` or delimiter makes PapaParse flag the unfinished last record as malformed,
 * and that record is parsed again, whole, in the next window.
 */
export function parseRecordChunks(
  text: string,
  dialect: Pick<Dialect, 'delimiter' | 'newline'>,
  onChunk: (chunk: RecordChunk) => boolean,
  chunkSize = DEFAULT_CHUNK_SIZE,
): void {
  const config = { delimiter: dialect.delimiter, newline: dialect.newline, quoteChar: '"' };
  const length = text.length;
  let start = 0;
  let window = chunkSize;
  while (start < length) {
    const stop = Math.min(length, start + window);
    const last = stop === length;
    const results = new Papa.Parser(config).parse(text.slice(start, stop), start, !last) as Papa.ParseResult<string[]>;
    const rows = results.data;
    if (!last && rows.length === 0) {
      window *= 2;
      continue;
    }
    window = chunkSize;
    const quoteProblems: QuoteProblem[] = [];
    for (const e of results.errors) {
      if ((e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') && e.row !== undefined && e.row < rows.length) {
        // PapaParse's index is just after the opening quote, relative to the window.
        quoteProblems.push({ code: e.code, rowInChunk: e.row, quoteAt: start + (e.index ?? 1) - 1 });
      }
    }
    const end = last ? length : results.meta.cursor;
    if (!onChunk({ rows, start, end, last, quoteProblems })) return;
    start = end;
  }
}

/** The PapaParse-compatible options {@link parseRows} accepts. */
export interface ParseRowsConfig {
  /** Explicit delimiter; otherwise detected among `,` `;` tab. */
  delimiter?: string;
  /** Explicit line ending; otherwise detected. */
  newline?: Newline;
  chunkSize?: number;
}

/** Raw result of {@link parseRows}, shaped like PapaParse's for comparison with its test cases. */
export interface ParseRowsResult {
  data: string[][];
  errors: Array<{ code: 'MissingQuotes' | 'InvalidQuotes' | 'UndetectableDelimiter'; row: number | undefined }>;
  delimiter: string;
  newline: Newline;
}

/**
 * @internal Header-less raw records through exactly the loader's PapaParse settings (detection,
 * chunking, quote-error filtering), for the external test suites. Application code calls `parseCsv`.
 * A leading BOM is dropped, like PapaParse does; nothing else (trailing empty lines, blank rows) is
 * touched. Parsing continues after a quote error, as PapaParse does, so rows can be compared.
 */
export function parseRows(text: string, config: ParseRowsConfig = {}): ParseRowsResult {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const detected = detectDialect(input, config.delimiter);
  const dialect = { delimiter: detected.delimiter, newline: config.newline ?? detected.newline };
  const data: string[][] = [];
  const errors: ParseRowsResult['errors'] = [];
  if (!detected.delimiterDetected) errors.push({ code: 'UndetectableDelimiter', row: undefined });
  parseRecordChunks(input, dialect, (chunk) => {
    for (const q of chunk.quoteProblems) errors.push({ code: q.code, row: data.length + q.rowInChunk });
    for (const row of chunk.rows) data.push(row);
    return true;
  }, config.chunkSize);
  return { data, errors, ...dialect };
}
