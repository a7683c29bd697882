/**
 * Branching a saved run from the page: the worker replays the run's own settings (and hidden fault) on
 * the backend it used, to the chosen step, then continues with the changes; the original is overlaid on
 * the branch's charts. Built on startTraining's extras so the run is recorded like any other.
 */
import type { TrainConfigInput } from '../core/train/config';
import type { TrainSettings } from '../core/train/settings';
import { BACKEND_CHOICES, type BackendChoice } from '../core/train/settings';
import type { RunOrigin } from './run-origin';
import type { RunMeta } from './runs-db';
import { startTraining, storedRuns, toggleOverlay, useTrainStore } from './train-store';
import { checkBranchReplay, checkpointIndex, type CheckpointIndex, type ReplayCheck } from './checkpoints';
import { revealFault } from '../core/train/challenge';

export interface BranchRequest {
  runId: string;
  /** 0..the run's last step. */
  at: number;
  /** Multiplies the rate the original ran with. */
  lrFactor?: number;
  /** Other settings to change (optimizer, batchSize, l2, freeze, steps...). */
  changes?: TrainConfigInput;
}

/** A one-line label of what a branch changes, e.g. "lr ×10, sgd". */
export function describeChanges(lrFactor: number | undefined, changes: TrainConfigInput = {}): string {
  const parts: string[] = [];
  if (lrFactor !== undefined && lrFactor !== 1) parts.push(`lr ×${lrFactor}`);
  if (changes.optimizer?.name) parts.push(changes.optimizer.name);
  if (changes.batchSize !== undefined) parts.push(`batch ${changes.batchSize}`);
  if (changes.l2 !== undefined) parts.push(`l2 ${changes.l2}`);
  if (changes.freeze?.length) parts.push(`freeze ${changes.freeze.join(',')}`);
  return parts.join(', ') || 'nothing changed';
}

/** The settings a saved run ran with, on the backend it really used (bit-for-bit needs the same one). */
export function branchSettings(meta: RunMeta): TrainSettings | null {
  const settings = meta.config as TrainSettings | null;
  if (!settings || typeof settings !== 'object' || !settings.config || !settings.dataset) return null;
  const backend = (BACKEND_CHOICES as readonly string[]).includes(meta.backend ?? '') ? (meta.backend as BackendChoice) : settings.backend;
  return { ...settings, backend };
}

/** Starts a branch of a saved run (not while another run trains); returns a problem in words, or null. */
export async function branchRun(request: BranchRequest): Promise<string | null> {
  const state = useTrainStore.getState();
  if (state.status === 'running' || state.status === 'paused') return 'A run is training; stop it first.';
  const meta = state.runs.find((m) => m.id === request.runId);
  if (!meta) return 'That run is no longer stored.';
  const settings = branchSettings(meta);
  if (!settings) return 'That run has no settings to replay.';
  const parent = meta.origin?.branchOf;
  // A branch's settings are its original's: replaying them reaches the branch's own state only up to its branch step.
  if (parent && parent.changed !== 'nothing changed' && request.at > parent.at) {
    return `This run is itself a branch (from step ${parent.at}, ${parent.changed}): branch it at step ${parent.at} or before, or branch “${parent.name}”.`;
  }
  const fault = meta.origin?.faultToken ? revealFault(meta.origin.faultToken, settings.config.seed) : null;
  const index = await checkpointIndex(await storedRuns(), meta.id);
  const changed = describeChanges(request.lrFactor, request.changes);
  const origin: RunOrigin = {
    faultToken: meta.origin?.faultToken ?? null,
    branchOf: { runId: meta.id, name: meta.name, at: request.at, changed },
    mystery: meta.origin?.mystery ?? false,
  };
  const branch = { at: request.at, ...(request.changes ? { changes: request.changes } : {}), ...(request.lrFactor !== undefined ? { lrFactor: request.lrFactor } : {}) };
  const name = `${meta.origin?.mystery ? 'mystery run' : meta.name} ⑂ step ${request.at} (${changed})`;
  await startTraining('train', { settings, name, fault, branch, origin, ...(index ? { checkpointPlan: index } : {}) });
  if (!useTrainStore.getState().overlayIds.includes(meta.id)) await toggleOverlay(meta.id);
  return null;
}

/**
 * Steps for a branch that continues from `at`: the original's budget if steps remain, else as many again
 * as the original ran (a run branched at its end must have something left to do).
 */
export function branchSteps(at: number, originalTotal: number): number {
  return at < originalTotal ? originalTotal : 2 * Math.max(at, 1);
}

/** A saved run's checkpoints (plan, steps kept), or null. */
export async function runCheckpoints(runId: string): Promise<CheckpointIndex | null> {
  return checkpointIndex(await storedRuns(), runId);
}

/** For a branch: does its replay reach the original's weights at the last common checkpoint before the branch step? */
export async function branchReplayCheck(meta: RunMeta): Promise<ReplayCheck | null> {
  const parent = meta.origin?.branchOf;
  if (!parent) return null;
  return checkBranchReplay(await storedRuns(), meta.id, parent.runId, parent.at);
}
