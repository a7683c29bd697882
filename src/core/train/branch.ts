/**
 * Branching a run: continue from exactly step S of a saved run with some settings changed.
 *
 * A run is deterministic given its configuration, seed and backend (runStreams), so the state at step S
 * (weights, optimiser moments, the previous gradient, the row order and every random stream) is rebuilt
 * by replaying the original configuration for S steps; then the branch's configuration takes over
 * (TrainingRun.changeConfig). With nothing changed the branch is the original, bit for bit.
 */
import { fail, ok, type Result } from '../result';
import { resolveTrainConfig, type TrainConfig, type TrainConfigInput } from './config';
import type { PreparedData } from '../data/preprocess';
import type { StepRecord } from './step-record';
import { TrainingRun, type EpochRecord, type TrainingRunOptions } from './training-run';

/** Settings a branch may change; everything else (architecture, data, preprocessing, seed) is fixed. */
export const BRANCHABLE_KEYS = ['lr', 'optimizer', 'schedule', 'batchSize', 'l1', 'l2', 'clipNorm', 'freeze', 'epochs', 'steps', 'patience', 'detailsEvery'] as const;

/** The original configuration with `changes` applied (giving steps clears epochs and vice versa), or why it cannot branch. */
export function branchConfig(original: TrainConfig, changes: TrainConfigInput): Result<TrainConfig> {
  const merged: TrainConfigInput = { ...original, ...changes, optimizer: { ...original.optimizer, ...changes.optimizer }, schedule: { ...original.schedule, ...changes.schedule } };
  if (changes.steps != null) merged.epochs = null;
  if (changes.epochs != null) merged.steps = null;
  const next = resolveTrainConfig(merged);
  if (!next.ok) return next;
  const fixed = (Object.keys(original) as (keyof TrainConfig)[]).filter((k) => !(BRANCHABLE_KEYS as readonly string[]).includes(k));
  const changed = fixed.filter((k) => JSON.stringify(original[k]) !== JSON.stringify(next.value[k]));
  if (changed.length) {
    return fail({ kind: 'bad-branch', message: `a branch keeps the model, the data and the seed; it cannot change ${changed.join(', ')} (it may change ${BRANCHABLE_KEYS.join(', ')}).`, file: null, row: null, column: null });
  }
  return ok(next.value);
}

/** The keys whose values differ between two configurations (what a branch changed). */
export function changedKeys(a: TrainConfig, b: TrainConfig): string[] {
  return (Object.keys(a) as (keyof TrainConfig)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export interface BranchStart {
  run: TrainingRun;
  /** The replayed records of steps 1..at (the shared trunk). */
  trunk: StepRecord[];
  /** The epochs that ended within the trunk. */
  trunkEpochs: EpochRecord[];
}

/**
 * A run positioned at step `at` of `original` (replayed), continuing with `next`. `at` must be within
 * the original's budget and the replay must not end early (diverged or early-stopped before `at`).
 * The caller steps the returned run to the end and calls finish().
 */
export function startBranch(
  data: PreparedData,
  original: TrainConfig,
  at: number,
  next: TrainConfig,
  options: TrainingRunOptions = {},
  /** Called after each replayed step (e.g. to take a checkpoint of the trunk). */
  onTrunkStep?: (run: TrainingRun, record: StepRecord) => void,
): Result<BranchStart> {
  const run = new TrainingRun(data, original, { ...options, keepSteps: true });
  if (!(Number.isInteger(at) && at >= 0 && at <= run.info.totalSteps)) {
    run.dispose();
    return fail({ kind: 'bad-branch', message: `--at must be a step from 0 to ${run.info.totalSteps}; got ${at}.`, file: null, row: null, column: null });
  }
  const trunk: StepRecord[] = [];
  const trunkEpochs: EpochRecord[] = [];
  while (run.stepsDone < at && !run.done) {
    const out = run.step();
    trunk.push(out.record);
    onTrunkStep?.(run, out.record);
    if (out.epoch) trunkEpochs.push(out.epoch);
  }
  if (run.stepsDone < at) {
    run.dispose();
    return fail({ kind: 'bad-branch', message: `the original run ended (${run.status}) at step ${run.stepsDone}, before step ${at}.`, file: null, row: null, column: null });
  }
  run.changeConfig(next);
  return ok({ run, trunk, trunkEpochs });
}
