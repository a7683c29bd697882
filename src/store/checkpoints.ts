/**
 * A run's checkpoints in storage (core/train/checkpoints.ts): one artifact per checkpoint
 * (`checkpoint-<step>`, the float32 weights) and an index (`checkpoints`: the plan and the steps kept).
 * The plan bounds them: at most maxCount per run, under limitBytes.
 */
import { checkpointAtOrBefore, sameWeights, type CheckpointPlan } from '../core/train/checkpoints';
import type { RunsDb } from './runs-db';

export interface CheckpointIndex extends CheckpointPlan {
  steps: number[];
}

const INDEX = 'checkpoints';
const name = (step: number) => `checkpoint-${step}`;
/** The index per active run, so index writes never race (one read-modify-write per run at a time). */
const indexes = new Map<string, CheckpointIndex>();

/** Stores one checkpoint of a run and updates its index. */
export async function saveCheckpoint(db: RunsDb, runId: string, step: number, params: Float32Array, plan: CheckpointPlan): Promise<void> {
  const index = indexes.get(runId) ?? { ...plan, steps: [] };
  if (!index.steps.includes(step)) index.steps.push(step);
  indexes.set(runId, index);
  await db.putArtifact({ runId, name: name(step), value: params });
  await db.putArtifact({ runId, name: INDEX, value: { ...index, steps: [...index.steps] } });
}

export async function checkpointIndex(db: RunsDb, runId: string): Promise<CheckpointIndex | null> {
  const value = (await db.getArtifact(runId, INDEX)) as CheckpointIndex | undefined;
  return value && Array.isArray(value.steps) ? value : null;
}

export async function loadCheckpoint(db: RunsDb, runId: string, step: number): Promise<Float32Array | null> {
  const value = await db.getArtifact(runId, name(step));
  return value instanceof Float32Array ? value : null;
}

/** How a branch's replay compares with its original at the last checkpoint both have at or before the branch step. */
export interface ReplayCheck {
  step: number;
  matches: boolean;
}

export async function checkBranchReplay(db: RunsDb, branchId: string, originalId: string, at: number): Promise<ReplayCheck | null> {
  const [mine, theirs] = await Promise.all([checkpointIndex(db, branchId), checkpointIndex(db, originalId)]);
  if (!mine || !theirs) return null;
  const step = checkpointAtOrBefore(mine.steps.filter((s) => theirs.steps.includes(s)), at);
  if (step === null) return null;
  const [a, b] = await Promise.all([loadCheckpoint(db, branchId, step), loadCheckpoint(db, originalId, step)]);
  return a && b ? { step, matches: sameWeights(a, b) } : null;
}
