/**
 * The train store's non-reactive data, in one object the store is handed: the run's columns and overlays
 * (the charts read them on redraw), the uploaded text, the runs storage, the training engine and the
 * bookkeeping of rates and diagnostics. None of it goes through React state; keeping it in one session
 * (instead of module-level variables) lets a test start from a clean one and hand in its own engine and
 * storage.
 */
import { createRateEstimator, type RateEstimator } from '../core/train/rate-estimate';
import type { BoundaryGrid } from '../core/train/boundary-grid';
import type { EpochLosses } from '../core/train/diagnostics';
import type { OverlayRun } from '../core/train/figure-context';
import { RunSeries } from '../core/train/run-series';
import type { TrainCommand } from '../core/train/train-controller';
import { RunsDb } from './runs-db';

/**
 * The training engine as the store uses it: it takes the worker protocol's commands; its events come
 * back through the store's `onTrainEvent` (train-engine.ts wires the worker client to both).
 */
export interface TrainEngine {
  send(command: TrainCommand): void;
  dispose(): void;
}

export interface TrainSession {
  series: RunSeries;
  overlays: OverlayRun[];
  boundary: BoundaryGrid | null;
  uploadText: string | null;
  db: RunsDb | null;
  dbOpening: Promise<RunsDb> | null;
  engine: TrainEngine | null;
  /** Starts the engine on the first run; null: the store's default (the training Worker). */
  engineFactory: (() => Promise<TrainEngine>) | null;
  openRunsDb: () => Promise<RunsDb>;
  flushTimer: ReturnType<typeof setInterval> | null;
  /** Smoothed steps/s and time left of the active run. */
  rate: RateEstimator;
  lastDiagnosis: number;
  /** Leading step records already checked finite (diagnostics scan only the rest). */
  checkedFinite: number;
  /** The overfit-one-batch check's run and records: kept apart, so the charts keep the main run. */
  checkRunId: string | null;
  checkSeries: RunSeries;
  /** The LR range test's run id while one is asked for (its events are not a stored run). */
  lrRangeRunId: string | null;
  /** Epoch losses for the diagnostics, extended as epochs arrive (a long run has thousands). */
  epochLossCache: { series: RunSeries; list: EpochLosses[] } | null;
}

/** A fresh session; `deps` replaces the engine or the storage (tests). */
export function createTrainSession(deps: { engineFactory?: () => Promise<TrainEngine>; openRunsDb?: () => Promise<RunsDb> } = {}): TrainSession {
  return {
    series: new RunSeries(),
    overlays: [],
    boundary: null,
    uploadText: null,
    db: null,
    dbOpening: null,
    engine: null,
    engineFactory: deps.engineFactory ?? null,
    openRunsDb: deps.openRunsDb ?? (() => RunsDb.open()),
    flushTimer: null,
    rate: createRateEstimator(),
    lastDiagnosis: 0,
    checkedFinite: 0,
    checkRunId: null,
    checkSeries: new RunSeries(),
    lrRangeRunId: null,
    epochLossCache: null,
  };
}
