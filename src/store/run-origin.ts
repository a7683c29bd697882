/**
 * Where a run came from, beyond its settings: a hidden fault (mystery mode), a branch of another run.
 * Kept on the run's meta (`origin`) so a saved run can be branched, verified or graded later.
 */
import type { FaultName } from '../core/train/faults';
import type { TrainConfigInput } from '../core/train/config';
import type { TrainSettings } from '../core/train/settings';
import type { CheckpointPlan } from '../core/train/checkpoints';

export interface RunOrigin {
  /** The injected fault, hidden (see core/train/challenge.ts's hideFault), or null. */
  faultToken: string | null;
  /** The run this one branched from, at which step, and what changed. */
  branchOf: { runId: string; name: string; at: number; changed: string } | null;
  /** A mystery-mode run (its fault is not shown until the diagnosis is submitted). */
  mystery: boolean;
}

/** What startTraining may take besides the page's settings (all optional). */
export interface StartExtras {
  /** Run these settings instead of the page's (a branch of a saved run). */
  settings?: TrainSettings;
  name?: string;
  fault?: FaultName | null;
  branch?: { at: number; changes?: TrainConfigInput; lrFactor?: number };
  origin?: RunOrigin;
  /** Checkpoint on this plan (a branch keeps its original's, so their checkpoints fall on the same steps). */
  checkpointPlan?: CheckpointPlan;
}
