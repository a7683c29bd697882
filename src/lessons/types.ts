/**
 * What a lesson file holds. A lesson is plain data: a teacher adds one by adding one file
 * `src/lessons/<id>.lesson.ts` that default-exports a `Lesson` (see docs/lessons.md). The experiment,
 * check and setting types come from the pure core (src/core/lessons), which runs and checks them.
 */
import type { Check } from '../core/lessons/checks';
import type { Experiment, LessonSetting } from '../core/lessons/experiment';

export type { Check, Expr } from '../core/lessons/checks';
export type { DatasetRef, Experiment, LessonSetting, MetricsExperiment, ScoreModel, TrainExperiment, TrainVariant } from '../core/lessons/experiment';
export type { DataTransform } from '../core/lessons/transforms';

/** Charts a step can show; each draws what the experiment measured (see src/ui/lessons/figures.ts). */
export type LessonChart =
  /** Training objective per step, one line per variant (log scale). */
  | 'loss'
  /** Training vs validation loss per epoch, per variant. */
  | 'epochs'
  /** Gradient norm per layer over the steps, one panel per variant. */
  | 'grad-norms'
  /** Gradient norm of each layer at the first step (initialisation), input layer first, one line per variant (log scale). */
  | 'layer-profile'
  /** Update-to-weight ratio ||Δw|| / ||w|| per step, per variant, with the 1e-3 rule-of-thumb band. */
  | 'update-ratio'
  /** Loss against the learning rate in the range test. */
  | 'lr-range'
  /** Metrics experiments: ROC curves, precision-recall curves, calibration (reliability) curves. */
  | 'roc'
  | 'pr'
  | 'calibration'
  /** Precision, recall and F1 against the threshold (first model). */
  | 'threshold'
  /** Cost per row against the threshold, with the cheapest threshold marked. */
  | 'cost';

export interface LessonStep {
  /** Stable within the lesson: progress and URLs refer to it. */
  id: string;
  title: string;
  /**
   * The idea, briefly. Paragraphs are separated by a blank line; `*emphasis*`, `**strong**` and
   * `` `code` `` work inline; lines starting with "- " form a list.
   */
  text: string;
  /** The formula, in plain text / Unicode (no LaTeX renderer): e.g. "r = ||Δw|| / ||w|| ≈ 1e-3". */
  formula?: string;
  /** Asked before the run, so the learner predicts first. */
  question: string;
  /** Revealed after the run: what happened and why. */
  explanation?: string;
  experiment?: Experiment;
  /** "What you should see", checked against this run's numbers. */
  checks?: Check[];
  charts?: LessonChart[];
  /** Quantity keys shown in the results table (one row per variant or model). */
  show?: string[];
  /** Values the learner may change before running (and a shared URL may carry). */
  settings?: LessonSetting[];
}

export interface Lesson {
  /** Must equal the file name without `.lesson.ts`. */
  id: string;
  /** Position in the list (ascending). */
  order: number;
  title: string;
  /** One sentence for the list of lessons. */
  summary: string;
  /** Rough time in class, in minutes. */
  minutes: number;
  steps: LessonStep[];
}
