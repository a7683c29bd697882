/** What the training charts are drawn from: the current run's columns, overlaid runs and baselines. */
import type { Task } from '../data/preprocess';
import type { BaselineResult } from './baselines';
import type { RunSeries } from './run-series';

/** Another stored run drawn over the current one. */
export interface OverlayRun {
  id: string;
  name: string;
  series: RunSeries;
}

export interface FigureContext {
  series: RunSeries;
  overlays: readonly OverlayRun[];
  baselines: readonly BaselineResult[];
  task: Task | null;
  /** Points per trace after thinning. */
  maxPoints: number;
  /** Extra horizontal lines on the loss chart (e.g. the overfit-one-batch target). */
  lossTargets?: readonly { y: number; label: string }[];
}
