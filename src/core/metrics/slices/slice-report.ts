/**
 * Metrics per slice: every key of the report, per slice of one or two columns, per model, from the
 * same `evaluatePredictions` as the overall report run on the slice's rows (so a slice's numbers are
 * the report of a file holding only those rows). Slices below `minRows` are listed, not scored.
 */
import { evaluatePredictions, type EvaluateOptions, type MetricsReport } from '../report';
import type { LoadedPredictions } from '../predictions';
import { slicesOf, type Slice, type SliceColumn } from './slicing';
import { subsetPredictions } from './subset';

export const DEFAULT_MIN_SLICE_ROWS = 30;

export interface SliceResult {
  key: Record<string, string>;
  /** "COL=value[&COL2=value]". */
  id: string;
  rows: number;
  /** Binary: rows with the positive label; null for other tasks. */
  positives: number | null;
  /** The slice's models, exactly as the report's `models`; null when the slice is too small. */
  models: MetricsReport['models'] | null;
  /** The slice report's warnings, each prefixed with the slice id. */
  warnings: string[];
}

export interface SliceReportOptions extends EvaluateOptions {
  /** Slices with fewer rows are listed but not scored (default 30). */
  minRows?: number;
}

function countPositives(loaded: LoadedPredictions, rows: Int32Array): number | null {
  if (loaded.task !== 'binary') return null;
  let p = 0;
  for (let i = 0; i < rows.length; i++) p += loaded.labels[rows[i]!]!;
  return p;
}

/** The report of one slice's rows. */
export function sliceResult(loaded: LoadedPredictions, slice: Slice, options: SliceReportOptions = {}): SliceResult {
  const minRows = options.minRows ?? DEFAULT_MIN_SLICE_ROWS;
  const base = { key: slice.key, id: slice.id, rows: slice.rows.length, positives: countPositives(loaded, slice.rows) };
  if (slice.rows.length < minRows) {
    return { ...base, models: null, warnings: [`slice ${slice.id}: ${slice.rows.length} rows, fewer than the minimum ${minRows}: not scored.`] };
  }
  const report = evaluatePredictions(subsetPredictions(loaded, slice.rows), options);
  return { ...base, models: report.models, warnings: report.warnings.map((w) => `slice ${slice.id}: ${w}`) };
}

/** Every slice of `columns` with its report, in `slicesOf` order. */
export function sliceReport(loaded: LoadedPredictions, columns: readonly SliceColumn[], options: SliceReportOptions = {}): SliceResult[] {
  return slicesOf(columns).map((s) => sliceResult(loaded, s, options));
}
