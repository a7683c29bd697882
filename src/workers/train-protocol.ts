/**
 * The training Worker's protocol: the commands the page sends and the events the Worker posts back.
 * The types are defined once in the core (src/core/train/train-controller.ts, where the logic that
 * handles them lives and is tested in Node) and re-exported here for the page and the client.
 *
 * Commands: start (train | overfit-batch | lr-range-test), pause, resume, step (one step, then paused),
 * stop (finish now, with final metrics), benchmark (steps/s on a backend).
 * Events, in order for a run: status 'preparing' -> backend -> prepared -> status 'running' ->
 * steps (batched, at most every TRAIN_STEPS_FLUSH_MS, every step exactly once) interleaved with epoch
 * -> status 'finishing' -> done -> status 'done'. Errors arrive as `error` with a DataError to show
 * verbatim. Typed arrays inside results are structured-cloned, not copied by hand.
 */
export type {
  RunnerStatus,
  TrainCommand,
  TrainDataSource,
  TrainEvent,
  TrainMode,
} from '../core/train/train-controller';
export type { TrainConfig, TrainConfigInput } from '../core/train/config';
export type { StepRecord, LayerStepRecord } from '../core/train/step-record';
export type { EpochRecord, RunInfo, RunStatus, TrainResult } from '../core/train/training-run';
export type { BackendChoice, BackendName, BackendPreference } from '../core/train/backend-select';
export type { OverfitVerdict } from '../core/train/overfit-batch';
export type { LrRangeTestOptions, LrRangeTestResult } from '../core/train/lr-range-test';
export type { StepBenchmarkOptions, StepBenchmarkResult } from '../core/train/step-benchmark';

/** Minimum interval between two `steps` events: at most 20 a second. */
export const TRAIN_STEPS_FLUSH_MS = 50;

/** The start command without its type (what TrainClient.start takes). */
export type StartOptions = Omit<Extract<import('../core/train/train-controller').TrainCommand, { type: 'start' }>, 'type' | 'runId'> & { runId?: string };

/**
 * The training Worker's protocol map, for the channel (channel.ts): run commands are notices whose
 * events go to every subscriber; a benchmark is the one request with an answer.
 */
export interface TrainProtocol {
  toWorker: import('../core/train/train-controller').TrainCommand;
  fromWorker: import('../core/train/train-controller').TrainEvent;
  answers: {
    benchmark: { backend: import('../core/train/backend-select').BackendChoice; result: import('../core/train/step-benchmark').StepBenchmarkResult };
  };
  progress: never;
  event: never;
}
