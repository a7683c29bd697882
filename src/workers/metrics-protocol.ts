/**
 * The messages between the Metrics page and the metrics worker (`metrics.worker.ts`): requests,
 * responses, and the plain-data payloads they carry. Everything here is structured-cloneable; large
 * typed arrays (sweeps, curves) are transferred, not copied.
 *
 * One request, many responses: `progress` messages while working, then exactly one final message
 * (`loaded`, `failed`, `errors`, `bootstrap`, `compared`, `removed`, `slices`, `windows`, `filtered`, `cancelled`, or `crashed` for a
 * bug), plus `details` after `loaded` for the plots that are not needed on first paint. A `cancel`
 * names the request to stop by its `id` and has no answer of its own: that request (a bootstrap) ends
 * with `cancelled`.
 */
import type { CalibrationCurve, OptimalThreshold, PerClassMetrics, Sweep } from '../core/metrics';
import type { DelongComparison } from '../core/metrics/delong';
import type { McNemarResult } from '../core/metrics/mcnemar';
import type { PredictionTask } from '../core/metrics/predictions';
import type { BinaryModelReport, MetricsReport, MulticlassModelReport, RegressionModelReport } from '../core/metrics/report';
import type { DataError } from '../core/result';
import type { IntervalValue } from '../core/metrics/bootstrap-many';
import type { BinnedCounts, ClassHistograms } from '../core/metrics/histogram';
import type { FairnessSummary, GroupRates, SliceFinderResult, SliceResult, StrategyResult, TimeWindow, WindowUnit } from '../core/metrics/slices';

/** How a file's columns are read. `null` fields mean "detect". */
export interface ColumnMapping {
  /** The label column; null: the first of y_true, label, target, y. */
  target: string | null;
  task: PredictionTask | 'auto';
  /** Binary: the label of the positive class as written; null: 1 / true / yes / pos / positive. */
  positiveLabel: string | null;
  /** Columns that are not models (ids, features): kept for the error table, never scored. */
  ignored: string[];
}

/** Where a file comes from. A `File` is cloneable, so the worker reads it (off the main thread). */
export type MetricsSource =
  | { kind: 'file'; file: File }
  | { kind: 'text'; name: string; text: string }
  | { kind: 'bytes'; name: string; bytes: ArrayBuffer };

/** What the loader made of a file: shown in the column-mapping panel. */
export interface LoadedFileInfo {
  fileId: string;
  name: string;
  rows: number;
  header: string[];
  task: PredictionTask;
  /** The mapping in force, with every detected field filled in. */
  mapping: ColumnMapping & { target: string; task: PredictionTask };
  /** Ignored because the name reads like a row id (the user can include them again). */
  autoIgnored: string[];
  classes: string[];
  positiveLabel: string | null;
  models: { name: string; displayName: string; kind: string; columns: string[] }[];
  /** Parser, loader and metric caveats, one sentence each. */
  warnings: string[];
  groupId: string;
  /** The columns that are not models (slice and time columns, features), typed: what the Slices and Over-time views offer. */
  extraColumns: ExtraColumnInfo[];
  /** Milliseconds spent in the worker per stage (read, parse, load, score), for the curious and the benchmark. */
  timings: Record<string, number>;
}

export interface ExtraColumnInfo {
  name: string;
  kind: 'categorical' | 'numeric' | 'time';
  /** Distinct values (categorical), or rows with a value (numeric, time). */
  values: number;
}

/** A curve thinned for drawing: `thresholds[k]` is the decision threshold of point k. */
export interface ThinnedCurve {
  x: Float64Array;
  y: Float64Array;
  thresholds: Float64Array;
  /** Points of the exact curve before thinning. */
  exactPoints: number;
}

/** Everything the table and the threshold controls need for one binary model. */
export interface BinaryModelData {
  /** Display name, unique within its group (the key of the test ids). */
  name: string;
  kind: 'probability' | 'score' | 'labels';
  /** Every metric at threshold 0.5 (the CLI shape); threshold-free keys are read from here. */
  report: BinaryModelReport;
  /** The exact sweep, for O(log n) threshold queries on the main thread. */
  sweep: Sweep;
  /** ROC (x = FPR, y = TPR), thinned. */
  roc: ThinnedCurve;
  /**
   * Marked thresholds, found in the worker (each is an O(n) scan of the sweep): best F1, Youden's J,
   * and the cheapest at equal costs (the page's starting costs).
   */
  optima: { f1: OptimalThreshold; youden: OptimalThreshold | null; costEqual: OptimalThreshold };
}

/** Binary plots that are not needed on first paint. */
export interface BinaryModelDetails {
  name: string;
  /** Precision-recall (x = recall, y = precision), thinned; the final (0, 1) point has threshold +Infinity. */
  pr: ThinnedCurve;
  /** Reliability diagram (10 uniform bins); null when the model gives scores, not probabilities. */
  calibration: CalibrationCurve | null;
  /** Score histograms by true class. */
  scores: ClassHistograms;
}

export interface RegressionModelData {
  name: string;
  report: RegressionModelReport;
  /** Up to a few thousand rows for the scatter plots: an even stride plus the largest errors. */
  sample: { actual: Float64Array; predicted: Float64Array; residual: Float64Array };
  residuals: BinnedCounts;
}

export interface MulticlassModelData {
  name: string;
  kind: 'probabilities' | 'labels';
  report: MulticlassModelReport;
  perClass: PerClassMetrics;
}

export type GroupData =
  | { task: 'binary'; models: BinaryModelData[] }
  | { task: 'regression'; models: RegressionModelData[] }
  | { task: 'multiclass'; models: MulticlassModelData[] };

/** A group: files whose label columns hold the same rows, so their models compare row for row. */
export interface GroupInfo {
  id: string;
  task: PredictionTask;
  rows: number;
  target: string;
  classes: string[];
  positiveLabel: string | null;
  /** Positives / negatives (binary). */
  positives: number;
  negatives: number;
}

export interface LoadedPayload {
  file: LoadedFileInfo;
  group: GroupInfo;
  /** True when the file joined a group that already held other files. */
  joined: boolean;
  /** This file's models only. */
  data: GroupData;
}

/** Rows a model got most confidently wrong, ready for a table. */
/** A cell of a confusion matrix: binary tp/fp/tn/fn, or multiclass true class and predicted class (codes). */
export type ConfusionCellRef = { kind: 'binary'; cell: 'tp' | 'fp' | 'tn' | 'fn' } | { kind: 'multiclass'; actual: number; predicted: number };

export interface ErrorRowsResult {
  model: string;
  /** One sentence saying how the rows were chosen and ordered. */
  rule: string;
  columns: string[];
  rows: { line: number; cells: (string | number)[] }[];
  /** Rows that are wrong in total (the table shows the first `limit`). */
  wrongRows: number | null;
}

export type { IntervalValue } from '../core/metrics/bootstrap-many';

export interface BootstrapResult {
  B: number;
  seed: number;
  /** Binary: the threshold each model's threshold metrics were resampled at. */
  thresholds: Record<string, number>;
  /** model -> metric key -> 95% percentile interval. */
  intervals: Record<string, Record<string, IntervalValue>>;
  /** Resamples on which a metric was defined, per model (the minimum over keys). */
  validResamples: Record<string, number>;
}

export interface ComparisonResult {
  a: string;
  b: string;
  /** DeLong's test of AUC(a) = AUC(b); null unless binary with >= 2 rows of each class. */
  delong: DelongComparison | null;
  /** McNemar's test of equal error rates at the given thresholds (binary) or argmax (multiclass). */
  mcnemar: McNemarResult | null;
  thresholds: { a: number; b: number } | null;
}

/** What the Slices view asks for: the report per slice of one or two extra columns, the slice finder and fairness. */
export interface SlicesQuery {
  groupId: string;
  by: string[];
  /** Quantile bins of a numeric slice column. */
  bins: number;
  /** Slices with fewer rows are listed, not scored. */
  minRows: number;
  /** The decision threshold of each model (binary). */
  thresholds: Record<string, number>;
  costFP: number;
  costFN: number;
}

export type SlicesResult = { ok: false; message: string } | {
  ok: true;
  by: string[];
  minRows: number;
  /** Every row's report at the same thresholds: the line the slices are read against. */
  overall: MetricsReport['models'];
  /** Every slice with every key of the top-level report per model (display names); `models` null when too small. */
  slices: SliceResult[];
  /** The slice finder over the same columns (one- and two-column slices of them). */
  finder: SliceFinderResult;
  /** Binary: Fairlearn's group rates and disparities per model and slice column, and the What-If Tool's threshold strategies. */
  fairness: Record<string, Record<string, { groups: GroupRates[]; summary: FairnessSummary; strategies: StrategyResult[] }>> | null;
  warnings: string[];
};

/** Bootstrap intervals of one metric for every scored slice and model of a Slices query. */
export interface SliceIntervalsQuery extends SlicesQuery {
  metric: string;
  B: number;
  seed: number;
}

export interface SliceIntervalsResult {
  metric: string;
  B: number;
  seed: number;
  /** slice id -> model -> 95 % percentile interval. */
  intervals: Record<string, Record<string, IntervalValue>>;
}

export interface WindowsQuery {
  groupId: string;
  time: string;
  window: WindowUnit;
  /** Alert rules as typed, e.g. "roc_auc < 0.8, psi > 0.2"; empty for none. */
  alerts: string;
  thresholds: Record<string, number>;
}

export type WindowsResult =
  | { ok: true; time: string; window: WindowUnit; windows: TimeWindow[]; warnings: string[] }
  | { ok: false; message: string };

/** The page restricted to the rows of one slice (`key` null: every row again). */
export interface FilterResult {
  groupId: string;
  filter: { id: string; key: Record<string, string>; rows: number } | null;
  group: GroupInfo;
  files: { fileId: string; data: GroupData; details: BinaryModelDetails[] }[];
}

export type MetricsRequest =
  | { type: 'load'; id: number; source: MetricsSource; mapping: ColumnMapping | null }
  | { type: 'remap'; id: number; fileId: string; mapping: ColumnMapping }
  | { type: 'remove'; id: number; fileId: string }
  | { type: 'errors'; id: number; groupId: string; model: string; threshold: number; limit: number }
  | { type: 'cell-rows'; id: number; groupId: string; model: string; cell: ConfusionCellRef; threshold: number; limit: number }
  | { type: 'bootstrap'; id: number; groupId: string; thresholds: Record<string, number>; B: number; seed: number }
  | { type: 'compare'; id: number; groupId: string; a: string; b: string; thresholds: { a: number; b: number } | null }
  | { type: 'cancel'; id: number }
  | ({ type: 'slices'; id: number } & SlicesQuery)
  | ({ type: 'windows'; id: number } & WindowsQuery)
  | { type: 'filter'; id: number; groupId: string; key: Record<string, string> | null; bins: number }
  | ({ type: 'slice-intervals'; id: number } & SliceIntervalsQuery);

export type MetricsResponse =
  | { type: 'progress'; id: number; stage: string; fraction: number }
  | { type: 'loaded'; id: number; payload: LoadedPayload }
  | { type: 'details'; id: number; fileId: string; models: BinaryModelDetails[] }
  | { type: 'failed'; id: number; error: DataError; fileId: string | null }
  | { type: 'removed'; id: number; fileId: string }
  | { type: 'errors'; id: number; result: ErrorRowsResult }
  | { type: 'cell-rows'; id: number; result: ErrorRowsResult }
  | { type: 'bootstrap'; id: number; result: BootstrapResult }
  | { type: 'compared'; id: number; result: ComparisonResult }
  | { type: 'slice-intervals'; id: number; result: SliceIntervalsResult }
  | { type: 'cancelled'; id: number }
  | { type: 'slices'; id: number; result: SlicesResult }
  | { type: 'windows'; id: number; result: WindowsResult }
  | { type: 'filtered'; id: number; result: FilterResult }
  | { type: 'crashed'; id: number; message: string };

/** The outcome of a load or remap: the payload, or the located error of the first data problem. */
export type LoadOutcome =
  | { ok: true; payload: LoadedPayload }
  | { ok: false; error: DataError; fileId: string | null };

/** What each request resolves to on the page (a cancelled bootstrap rejects with an AbortError). */
export interface MetricsAnswers {
  load: LoadOutcome;
  remap: LoadOutcome;
  remove: void;
  errors: ErrorRowsResult;
  'cell-rows': ErrorRowsResult;
  bootstrap: BootstrapResult;
  compare: ComparisonResult;
  slices: SlicesResult;
  windows: WindowsResult;
  filter: FilterResult;
  'slice-intervals': SliceIntervalsResult;
}

/** The metrics worker's protocol map, for the channel (channel.ts). */
export interface MetricsProtocol {
  toWorker: MetricsRequest;
  fromWorker: MetricsResponse;
  answers: MetricsAnswers;
  progress: { stage: string; fraction: number };
  /** A binary load's `details`, after its answer. */
  event: { fileId: string; models: BinaryModelDetails[] };
}

/** Sends a response, transferring the listed buffers. */
export type PostResponse = (message: MetricsResponse, transfer?: Transferable[]) => void;
