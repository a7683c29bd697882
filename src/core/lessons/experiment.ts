/**
 * A lesson step's experiment as plain, serialisable data: what to train (or which scores to measure),
 * on which data, with which seeded transforms. Runners (run-train.ts, run-metrics.ts) turn it into
 * Quantities that checks read, and series that charts draw.
 */
import type { SyntheticGeneratorParams } from '../data/catalog';
import type { TrainConfigInput } from '../train/config';
import type { DataTransform } from './transforms';

/** A catalog dataset (bundled file or synthetic generator) or one of the lesson datasets (lesson-datasets.ts). */
export interface DatasetRef {
  /** A catalog id ('two-moons', 'breast-cancer', ...) or 'random-labels'. */
  id: string;
  /** Generator parameters (synthetic and lesson datasets); ignored for bundled files. */
  params?: Partial<SyntheticGeneratorParams> & { d?: number };
}

/** One training run of an experiment, shown side by side with the others. */
export interface TrainVariant {
  /** Stable id: checks and charts refer to it (e.g. 'good', 'high-lr'). */
  id: string;
  /** Short legend label, e.g. 'lr = 1'. */
  label: string;
  /** Merged over the experiment's config. */
  config?: TrainConfigInput;
  /** Applied after the experiment's transforms. */
  transforms?: DataTransform[];
  /**
   * 'train' (default): a normal run. 'lr-range': the engine's learning-rate range test (Smith 2017): the
   * rate grows exponentially from `lrRange.from` to `lrRange.to` over `lrRange.steps` steps.
   */
  mode?: 'train' | 'lr-range';
  lrRange?: { from: number; to: number; steps: number };
}

/** A paired comparison of two variants' test predictions (they must share the split: set splitSeed). */
export interface VariantComparison {
  id: string;
  a: string;
  b: string;
}

/** Summary statistics of one quantity over several variants (e.g. test accuracy over five seeds). */
export interface VariantAggregate {
  id: string;
  of: string[];
  key: string;
}

export interface TrainExperiment {
  kind: 'train';
  dataset: DatasetRef;
  /** Applied to the data of every variant, in order. */
  transforms?: DataTransform[];
  /** Shared by every variant (variants override fields). */
  config: TrainConfigInput;
  variants: TrainVariant[];
  /**
   * Draw the train/validation/test split from this seed instead of each variant's `config.seed`, so
   * variants with different seeds are evaluated on the same rows (needed for paired comparisons).
   */
  splitSeed?: number;
  comparisons?: VariantComparison[];
  aggregates?: VariantAggregate[];
}

/** A seeded binary classifier's scores: see synthetic-scores.ts for the recipe. */
export interface ScoreModel {
  id: string;
  label: string;
  /**
   * Distance between the class means of the latent score z (in units of its standard deviation): 0 is a
   * coin toss, 2 is good, 4 is excellent. Ignored when `constant` is set.
   */
  separation?: number;
  /** Logit multiplier: 1 calibrated, < 1 under-confident, > 1 over-confident. Default 1. */
  temperature?: number;
  /** Added to the calibrated logit (positive = predicts "positive" too often). Default 0. */
  shift?: number;
  /** Every row gets this probability (e.g. the prevalence: the "majority" model). */
  constant?: number;
}

export interface SyntheticScoresSource {
  kind: 'synthetic-scores';
  n: number;
  /** Share of positives, in (0, 1). */
  prevalence: number;
  seed: number;
  models: ScoreModel[];
}

/** A bundled prediction file (catalog kind 'predictions'), binary or regression. */
export interface BundledPredictionsSource {
  kind: 'bundled-predictions';
  id: string;
  /** Model columns to use (default: all), with optional display labels. */
  models?: { id: string; label: string }[];
  /** Only the rows whose extra column `column` (a categorical one of the catalog's `extra`) equals `equals`. */
  where?: { column: string; equals: string };
}

export interface MetricsExperiment {
  kind: 'metrics';
  source: SyntheticScoresSource | BundledPredictionsSource;
  /** Decision threshold for the threshold metrics (default 0.5). */
  threshold?: number;
  /** Extra thresholds at which precision, recall etc. are reported as `at[t].<metric>`. */
  thresholdsOfInterest?: number[];
  /** Costs of one false positive / false negative: adds cost and cost-optimal threshold quantities. */
  costs?: { fp: number; fn: number };
  /** Bins of the calibration curve (default 10). */
  calibrationBins?: number;
  /** Paired comparisons of two models (DeLong, bootstrap interval of the AUC difference). */
  comparisons?: VariantComparison[];
}

export type Experiment = TrainExperiment | MetricsExperiment;

/**
 * A value the learner (or a shared URL) may change before running: `path` points into the experiment,
 * e.g. 'config.lr', 'variants.high.config.lr' (a variant by id), 'costs.fn', 'source.seed'.
 */
export interface LessonSetting {
  id: string;
  label: string;
  path: string;
  min: number;
  max: number;
  step: number;
  /** Shown as a log-scale choice (learning rates). */
  log?: boolean;
}
