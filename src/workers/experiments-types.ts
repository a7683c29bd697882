/**
 * What the Experiments worker takes and answers: stored models, trained models, and the outcomes of
 * the comparison, the importance, the drift check and the model on new data (plain, cloneable data).
 */
import type { Task } from '../core/data/preprocess';
import type { CurveParam } from '../core/experiments/curve-params';
import type { DataOrFeatures, FeatureWorth } from '../core/experiments/data-or-features';
import type { CurvePoint, CurveSummaryRow, ValidationCurveVerdict } from '../core/experiments/learning-curve';
import type { DriftReport, PermutationImportanceResult, Ranking } from '../core/stats';
import type { TrainConfig } from '../core/train/config';
import type { MetricValues } from '../core/train/evaluation';
import type { ExperimentData } from './experiments-data';
import type { LinearCoefficients, ModelSummary } from './experiments-model';

/** A stored model: enough to rebuild it exactly (the split and preprocessing follow from the config's seed). */
export interface ModelRef {
  /** Stable id of the model (the worker caches by it). */
  key: string;
  data: ExperimentData;
  config: TrainConfig;
  params: Float32Array;
}

/** A trained model as the page keeps it. */
export interface TrainedModelInfo {
  name: string;
  config: TrainConfig;
  params: Float32Array;
  summary: ModelSummary;
  coefficients: LinearCoefficients | null;
  /** Inference latency per row on the test rows in the worker (ms). */
  latencyMsPerRow: number;
}

export interface MetricInfo {
  key: string;
  label: string;
  higherIsBetter: boolean;
}

export interface ComparisonOutcome {
  metric: MetricInfo;
  /** Rows the models were ranked on (the shared test split). */
  rows: number;
  ranking: Ranking;
  models: TrainedModelInfo[];
}

export interface PartialDependence1d {
  feature: string;
  kind: 'numeric' | 'categorical';
  /** Grid values (category codes for categorical features). */
  values: number[];
  /** Category names of the codes in `values`, for categorical features. */
  labels: string[] | null;
  average: number[];
}

export interface PartialDependence2d {
  features: [string, string];
  x: number[];
  y: number[];
  /** z[i][j]: average prediction at (x[i], y[j]). */
  z: number[][];
}

export interface ImportanceOutcome {
  metric: MetricInfo;
  /** Which rows were permuted: the validation split, or the test split when there is none. */
  part: 'validation' | 'test';
  rows: number;
  result: PermutationImportanceResult;
  /** What the partial dependence plots show, e.g. "P(1)" or "predicted target". */
  pdOutput: string;
  pd: PartialDependence1d[];
  pd2: PartialDependence2d | null;
}

export interface DriftOutcome {
  report: DriftReport;
  /** The target column (left out of the comparison) and the task it implies, for the model check. */
  target: { name: string; task: Task } | null;
  /** Every column of the reference file, for choosing the target. */
  columns: string[];
  warnings: string[];
  reference: { file: string; rows: number };
  current: { file: string; rows: number };
}

export interface ModelOnDataOutcome {
  metric: MetricInfo;
  /** The model's held-out test rows of the data it was trained on. */
  reference: { rows: number; metrics: MetricValues };
  current: { file: string; rows: number; metrics: MetricValues };
}

export type Progress = (fraction: number, label: string) => void;

export interface LearningCurveOutcome {
  metric: MetricInfo;
  rows: { pool: number; validation: number };
  sizes: number[];
  repeats: number;
  seed: number;
  points: CurvePoint[];
  summary: CurveSummaryRow[];
  /** The power law, in score units where it says `score` (null: the fit needs three sizes with finite scores). */
  fit: {
    a: number; b: number; c: number;
    /** The exponent is on a bound of its range (the extrapolation is poorly determined). */
    bAtBound: boolean;
    /** err = sign * score. */
    sign: 1 | -1;
    huber: number | null;
    fitted: number;
    resamples: number;
    /** The score the curve levels off at. */
    asymptote: number;
    bands: { n: number; score: number; low: number; high: number }[];
    /** The predicted gain in score from `factor` times the rows (positive = better), with its band. */
    gains: { factor: number; gain: number; low: number; high: number }[];
  } | null;
  /** Each feature's worth (permutation importance of the full-size model), or null. */
  features: FeatureWorth[] | null;
  advice: DataOrFeatures | null;
}

export interface ValidationCurveOutcome {
  metric: MetricInfo;
  param: CurveParam;
  label: string;
  scale: 'log' | 'linear';
  repeats: number;
  rows: { train: number; validation: number };
  points: CurvePoint[];
  summary: CurveSummaryRow[];
  verdict: ValidationCurveVerdict | null;
}
