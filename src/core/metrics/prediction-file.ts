/**
 * Reading a prediction file, from its text or bytes to typed columns: the one loader the CLI and the
 * page's worker call, so they read every file the same way. It decodes, parses (the quote-free
 * all-numeric binary file, the million-row case, skips the cell strings), decides which columns are
 * not models, loads, and reports progress and per-stage timings on the way.
 *
 * Which columns are models: all but the label column and the `extra` (and `time`) columns the caller
 * names. With `detect`, a file read without a column mapping also keeps out of the models the columns
 * whose names read like row ids (`ids`) and the columns of text or dates that are not label values
 * (`text`, see `textExtraColumns`). The page detects both on a first reading (the user can map them
 * back); the CLI's `metrics` detects text columns with the slice flags only, and never ids (it has no
 * flag to take an id-like column back into the models).
 */
import { decodeCsvBytes } from '../csv/decode';
import { parseNumericCsv, type NumericCsvTable } from '../csv/fast-numeric';
import { parseCsv } from '../csv/parse';
import { columnIndex, rowLine, type CsvTable } from '../csv/table';
import { ok, type Result } from '../result';
import {
  extraColumnNames, loadBinaryFromNumericTable, loadPredictions, predictionTargetName, type LoadedPredictions, type LoadPredictionsOptions,
} from './predictions';
import { textExtraColumns } from './slices/extra-columns';

/** Column names read as row identifiers, not models, when `detect.ids` is on. */
export const ID_LIKE_COLUMN = /^(id|ids|row|rows|row_?id|row_?number|index|idx|sample_?id|record_?id|unnamed: ?\d+)$/i;

export interface ReadPredictionFileOptions extends LoadPredictionsOptions {
  /** Columns to keep out of the models besides `extra` (see the file comment). */
  detect?: { ids?: boolean; text?: boolean };
  /** The stage being worked on and the fraction of the whole done (0 to 1), for a progress bar. */
  onProgress?: (stage: string, fraction: number) => void;
}

export interface PredictionFile {
  loaded: LoadedPredictions;
  header: string[];
  /** The columns `detect.ids` kept out of the models. */
  autoIgnored: string[];
  /** Every column that is not the label nor a model, with its cells as written (empty on the numeric fast path). */
  extra: { name: string; cells: string[] }[];
  lineShifts: CsvTable['lineShifts'];
  /** Milliseconds per stage: decode (bytes only), parse, load (not on the fast path). */
  timings: Record<string, number>;
}

const NO_SHIFTS: CsvTable['lineShifts'] = { fromRow: [], extraLines: [] };

/** Milliseconds per stage: `mark(stage)` records the time since the previous mark. */
export function stageClock(): { timings: Record<string, number>; mark: (stage: string) => void } {
  const timings: Record<string, number> = {};
  let lap = performance.now();
  return {
    timings,
    mark: (stage) => {
      const now = performance.now();
      timings[stage] = Math.round(now - lap);
      lap = now;
    },
  };
}

/**
 * Decode (when given bytes), parse and load a prediction file: the first located `DataError`, or the
 * file with the decoder's, parser's and loader's warnings, in that order. An unknown target, extra or
 * time column is an error naming the columns there are.
 */
export function readPredictionFile(input: string | Uint8Array | ArrayBuffer, file: string, options: ReadPredictionFileOptions = {}): Result<PredictionFile> {
  const { onProgress = () => undefined, ...loadOptions } = options;
  const clock = stageClock();
  const warnings: string[] = [];
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    onProgress('Decoding', 0.04);
    const decoded = decodeCsvBytes(input, file);
    if (!decoded.ok) return decoded;
    text = decoded.value;
    warnings.push(...decoded.warnings);
    clock.mark('decode');
  }
  onProgress('Parsing', 0.05);
  // The fast path reads models only: a file with extra columns takes the general loader.
  const numeric = extraColumnNames(loadOptions).length > 0 ? null : parseNumericCsv(text, file, { textColumn: (header) => predictionTargetName(header, loadOptions.target) });
  return loadParsedColumns({
    numeric, general: () => parseCsv(text, file, { onProgress: (f) => onProgress('Parsing', 0.05 + 0.45 * f) }),
  }, { ...options, onProgress }, warnings, clock);
}

/** A file's columns as the CSV reader or the Parquet reader (parquet-prediction-file.ts) gives them. */
export interface ParsedColumns {
  /** The all-numeric columns, for the binary fast path; null when there is none. */
  numeric: NumericCsvTable | null;
  /** The cells as strings, for the general loader (called only when the fast path does not apply). */
  general: () => Result<CsvTable>;
  /** Where the fast path's rows sit, when not at editor line `i + 2` (a Parquet file's row `i + 1`). */
  lineShifts?: CsvTable['lineShifts'];
}

/**
 * What every reader shares once the file is parsed: the binary fast path when it applies, else the
 * general loader over the cell strings, with id-like and text columns detected and the extra columns kept.
 */
export function loadParsedColumns(
  parsed: ParsedColumns, options: ReadPredictionFileOptions, warnings: string[],
  clock: { timings: Record<string, number>; mark: (stage: string) => void },
): Result<PredictionFile> {
  const { detect = {}, onProgress = () => undefined, ...loadOptions } = options;
  const { timings, mark } = clock;
  const numeric = parsed.numeric;
  if (numeric !== null) {
    const autoIgnored = detect.ids ? numeric.header.filter((h) => ID_LIKE_COLUMN.test(h)) : [];
    const fast = autoIgnored.length === 0 ? loadBinaryFromNumericTable(numeric, loadOptions) : null;
    if (fast !== null) {
      mark('parse');
      // The fast path counts rows as CSV lines (i + 2); a reader with other rows renumbers them.
      const shifts = parsed.lineShifts;
      if (shifts) for (const m of fast.models) if (m.outOfRange) m.outOfRange = { ...m.outOfRange, row: rowLine({ lineShifts: shifts }, m.outOfRange.row - 2) };
      return ok({ loaded: fast, header: numeric.header, autoIgnored, extra: [], lineShifts: parsed.lineShifts ?? NO_SHIFTS, timings }, warnings);
    }
  }
  const general = parsed.general();
  mark('parse');
  if (!general.ok) return general;
  warnings.push(...general.warnings);
  const table = general.value;
  const autoIgnored = detect.ids ? table.header.filter((h) => ID_LIKE_COLUMN.test(h)) : [];
  const target = predictionTargetName(table.header, loadOptions.target);
  // Text columns that are not labels (a segment, a date) are slice and time columns, not models.
  const text_ = detect.text && target !== null ? textExtraColumns(table, target) : [];
  const extra = [...new Set([...(loadOptions.extra ?? []), ...autoIgnored, ...text_])].filter((c) => c !== target);
  onProgress('Reading columns', 0.5);
  const loaded = loadPredictions(table, { ...loadOptions, extra });
  if (!loaded.ok) return loaded;
  mark('load');
  warnings.push(...loaded.warnings);
  const kept = extraColumnNames({ extra, ...(loadOptions.time === undefined ? {} : { time: loadOptions.time }) }).filter((c) => c !== loaded.value.target);
  return ok({
    loaded: loaded.value, header: table.header, autoIgnored, lineShifts: table.lineShifts, timings,
    extra: kept.map((name) => ({ name, cells: table.columns[columnIndex(table, name)]! })),
  }, warnings);
}

/**
 * `readPredictionFile`'s typed columns alone. The parsed cell strings are garbage once this returns,
 * so later garbage collections do not have to walk millions of them.
 */
export function loadPredictionsFromCsv(input: string | Uint8Array | ArrayBuffer, file: string, options: ReadPredictionFileOptions = {}): Result<LoadedPredictions> {
  const read = readPredictionFile(input, file, options);
  return read.ok ? ok(read.value.loaded, read.warnings) : read;
}
