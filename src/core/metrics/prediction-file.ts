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
import { parseNumericCsv } from '../csv/fast-numeric';
import { parseCsv } from '../csv/parse';
import { columnIndex, type CsvTable } from '../csv/table';
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

/**
 * Decode (when given bytes), parse and load a prediction file: the first located `DataError`, or the
 * file with the decoder's, parser's and loader's warnings, in that order. An unknown target, extra or
 * time column is an error naming the columns there are.
 */
export function readPredictionFile(input: string | Uint8Array | ArrayBuffer, file: string, options: ReadPredictionFileOptions = {}): Result<PredictionFile> {
  const { detect = {}, onProgress = () => undefined, ...loadOptions } = options;
  const timings: Record<string, number> = {};
  let lap = performance.now();
  const mark = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round(now - lap);
    lap = now;
  };
  const warnings: string[] = [];
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    onProgress('Decoding', 0.04);
    const decoded = decodeCsvBytes(input, file);
    if (!decoded.ok) return decoded;
    text = decoded.value;
    warnings.push(...decoded.warnings);
    mark('decode');
  }
  onProgress('Parsing', 0.05);
  const named = extraColumnNames(loadOptions);
  // The fast path reads models only: a file with extra columns takes the general loader.
  const numeric = named.length > 0 ? null : parseNumericCsv(text, file, { textColumn: (header) => predictionTargetName(header, loadOptions.target) });
  if (numeric !== null) {
    const autoIgnored = detect.ids ? numeric.header.filter((h) => ID_LIKE_COLUMN.test(h)) : [];
    const fast = autoIgnored.length === 0 ? loadBinaryFromNumericTable(numeric, loadOptions) : null;
    if (fast !== null) {
      mark('parse');
      return ok({ loaded: fast, header: numeric.header, autoIgnored, extra: [], lineShifts: NO_SHIFTS, timings }, warnings);
    }
  }
  const parsed = parseCsv(text, file, { onProgress: (f) => onProgress('Parsing', 0.05 + 0.45 * f) });
  mark('parse');
  if (!parsed.ok) return parsed;
  warnings.push(...parsed.warnings);
  const table = parsed.value;
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
