/**
 * Messages between the Lessons page and its experiment Worker. The page sends the experiment and the
 * text of the bundled files it reads (fetched on the page, where relative asset URLs resolve); the
 * Worker answers with progress and one result.
 */
import type { Experiment } from '../core/lessons/experiment';
import type { MetricsExperimentResult } from '../core/lessons/run-metrics';
import type { TrainExperimentResult } from '../core/lessons/run-train';

export type ExperimentResult = TrainExperimentResult | MetricsExperimentResult;

export interface ExperimentProgress {
  /** Variant being run, e.g. 'lr = 0.3'. */
  label: string;
  /** Share of the experiment done, in [0, 1]. */
  fraction: number;
}

export type ToExperimentWorker =
  | { type: 'run'; id: number; experiment: Experiment; files: Record<string, string> }
  | { type: 'abort'; id: number };

export type FromExperimentWorker =
  | { type: 'progress'; id: number; progress: ExperimentProgress }
  | { type: 'result'; id: number; result: ExperimentResult; backend: string }
  | { type: 'failed'; id: number; message: string };

/** What each request resolves to on the page. */
export interface LessonAnswers {
  run: { result: ExperimentResult; backend: string };
}

/** The experiment Worker's protocol map, for the channel (channel.ts). `abort` names the run to stop by its id. */
export interface LessonProtocol {
  toWorker: ToExperimentWorker;
  fromWorker: FromExperimentWorker;
  answers: LessonAnswers;
  progress: ExperimentProgress;
  event: never;
}
