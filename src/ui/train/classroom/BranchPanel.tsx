import { useEffect, useState } from 'react';
import type { TrainConfigInput } from '../../../core/train/config';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../../core/train/optimizers';
import type { TrainSettings } from '../../../core/train/settings';
import { formatBytes } from '../../../core/train/checkpoints';
import { branchReplayCheck, branchRun, branchSteps, runCheckpoints } from '../../../store/branch-actions';
import type { CheckpointIndex, ReplayCheck } from '../../../store/checkpoints';
import type { RunMeta } from '../../../store/runs-db';
import { useTrainStore } from '../../../store/train-store';
import { closeBranchDialog, openBranchDialog, useBranchDialog } from './branch-dialog';

const LR_FACTORS = [0.1, 0.3, 1, 3, 10];

/** The saved run shown now, if it can be branched (finished, a training run, with its settings). */
function useBranchable() {
  const runId = useTrainStore((s) => (s.activeRunId === null && (s.status === 'done' || s.status === 'failed') ? s.viewedRunId : null));
  const meta = useTrainStore((s) => s.runs.find((m) => m.id === runId) ?? null);
  const lastStep = useTrainStore((s) => s.step);
  const totalSteps = useTrainStore((s) => s.totalSteps);
  const layers = useTrainStore((s) => s.info?.layers ?? null);
  if (!runId || !meta || meta.kind !== 'train' || lastStep === 0) return null;
  return { runId, settings: meta.config as TrainSettings, lastStep, totalSteps, layers: layers ?? [] };
}

function BranchDialog({ at: initialAt, run }: { at: number; run: NonNullable<ReturnType<typeof useBranchable>> }) {
  const original = run.settings.config;
  const [at, setAt] = useState(Math.min(initialAt, run.lastStep));
  const [lrFactor, setLrFactor] = useState(1);
  const [optimizer, setOptimizer] = useState<OptimizerName>(original.optimizer.name);
  const [batchSize, setBatchSize] = useState(original.batchSize);
  const [l2, setL2] = useState(original.l2);
  const [freeze, setFreeze] = useState<number[]>(original.freeze);
  const [after, setAfter] = useState(branchSteps(Math.min(initialAt, run.lastStep), run.totalSteps) - Math.min(initialAt, run.lastStep));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setAt(Math.min(initialAt, run.lastStep)), [initialAt, run.lastStep]);
  const validAt = Number.isInteger(at) && at >= 0 && at <= run.lastStep;
  const start = () => {
    if (!validAt) return;
    const changes: TrainConfigInput = {};
    if (optimizer !== original.optimizer.name) changes.optimizer = { name: optimizer };
    if (batchSize !== original.batchSize) changes.batchSize = batchSize;
    if (l2 !== original.l2) changes.l2 = l2;
    if (freeze.join(',') !== original.freeze.join(',')) changes.freeze = freeze;
    // Only a changed length is sent: the same budget keeps the branch identical to the original.
    if (at + after !== run.totalSteps) changes.steps = at + after;
    void branchRun({ runId: run.runId, at, ...(lrFactor !== 1 ? { lrFactor } : {}), changes }).then((p) => {
      setProblem(p);
      if (!p) closeBranchDialog();
    });
  };
  return (
    <div className="branch-dialog" role="group" aria-label="Branch settings" data-testid="branch-dialog" data-at={at}>
      <p className="hint">
        The branch replays this run exactly to step {validAt ? at : '…'} (weights, optimiser state, row order, random streams), then continues with the changes below; the original
        is drawn over it. With nothing changed it is the original, bit for bit.
      </p>
      <div className="field-grid">
        <label className="field">
          <span>From step (0–{run.lastStep})</span>
          <input type="number" min={0} max={run.lastStep} step={1} value={at} aria-invalid={!validAt} data-testid="branch-step" onChange={(e) => setAt(Number(e.target.value))} />
        </label>
        <label className="field">
          <span>Learning rate ×</span>
          <select value={lrFactor} data-testid="branch-lr-factor" onChange={(e) => setLrFactor(Number(e.target.value))}>
            {LR_FACTORS.map((f) => (
              <option key={f} value={f}>
                {f === 1 ? '1 (unchanged)' : f}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Optimiser (a new one starts with zero moments)</span>
          <select value={optimizer} data-testid="branch-optimizer" onChange={(e) => setOptimizer(e.target.value as OptimizerName)}>
            {OPTIMIZER_NAMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Batch size</span>
          <input type="number" min={1} step={1} value={batchSize} data-testid="branch-batch-size" onChange={(e) => setBatchSize(Number(e.target.value))} />
        </label>
        <label className="field">
          <span>L2</span>
          <input type="number" min={0} step="any" value={l2} data-testid="branch-l2" onChange={(e) => setL2(Number(e.target.value))} />
        </label>
        <label className="field">
          <span>Steps after the branch</span>
          <input type="number" min={1} step={1} value={after} data-testid="branch-steps-after" onChange={(e) => setAfter(Number(e.target.value))} />
        </label>
        {run.layers.length > 0 && (
          <fieldset className="field wide branch-freeze">
            <legend>Freeze layers</legend>
            {run.layers.map((l, i) => (
              <label key={l.name} className="field inline">
                <input type="checkbox" data-testid={`branch-freeze-${i}`} checked={freeze.includes(i)} onChange={() => setFreeze((f) => (f.includes(i) ? f.filter((x) => x !== i) : [...f, i].sort((a, b) => a - b)))} />
                <span>{l.name}</span>
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <div className="row branch-actions">
        <button type="button" className="primary" data-testid="branch-start" onClick={start} disabled={!validAt}>
          Start the branch
        </button>
        <button type="button" className="secondary" onClick={closeBranchDialog}>
          Cancel
        </button>
      </div>
      {problem && <p role="alert" className="warning">{problem}</p>}
    </div>
  );
}

/** The shown run's checkpoints and, for a branch, the check of its replay against the original's. */
function useCheckpoints(meta: RunMeta | null): { index: CheckpointIndex | null; replay: ReplayCheck | null } {
  const [out, setOut] = useState<{ id: string; index: CheckpointIndex | null; replay: ReplayCheck | null } | null>(null);
  const id = meta?.id ?? null;
  const status = meta?.status ?? null;
  useEffect(() => {
    if (!meta || !id) return;
    let live = true;
    void Promise.all([runCheckpoints(id), branchReplayCheck(meta)]).then(([index, replay]) => {
      if (live) setOut({ id, index, replay });
    });
    return () => {
      live = false;
    };
    // Re-read when the run finishes (its last checkpoints are written by then).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, status]);
  return out && out.id === id ? out : { index: null, replay: null };
}

function CheckpointLine({ index, replay }: { index: CheckpointIndex | null; replay: ReplayCheck | null }) {
  if (!index) return <p className="muted" data-testid="checkpoint-info" data-count="0">No checkpoints stored for this run.</p>;
  const bytes = index.steps.length * index.bytesEach;
  return (
    <>
      <p className="muted" data-testid="checkpoint-info" data-count={index.steps.length} data-every={index.every} data-bytes={bytes}>
        Checkpoints: the weights every {index.every} steps, {index.steps.length} kept ({formatBytes(bytes)}; limit {index.maxCount} checkpoints, {formatBytes(index.limitBytes)} per run).
      </p>
      {replay && (
        <p className={replay.matches ? 'good' : 'warning'} data-testid="branch-verified" data-matches={replay.matches ? 'true' : 'false'} data-step={replay.step}>
          {replay.matches
            ? `The replay reached the original's checkpoint at step ${replay.step} bit for bit.`
            : `The replay differs from the original's checkpoint at step ${replay.step} (another backend or version?).`}
        </p>
      )}
    </>
  );
}

/** "Branch this run": from a step (typed here, or a click on the loss chart) with settings changed. */
export function BranchPanel() {
  const run = useBranchable();
  const at = useBranchDialog((s) => s.at);
  const [step, setStep] = useState<number | null>(null);
  const meta = useTrainStore((s) => (run ? (s.runs.find((m) => m.id === run.runId) ?? null) : null));
  const origin = meta?.origin?.branchOf ?? null;
  const checkpoints = useCheckpoints(meta);
  const runId = run?.runId ?? null;
  useEffect(() => {
    closeBranchDialog();
    setStep(null);
  }, [runId]);
  if (!run) return null;
  const shownStep = step ?? run.lastStep;
  return (
    <section className="panel branch-panel" aria-label="Branch this run">
      <div className="row branch-head">
        <h2>Branch this run</h2>
        <label className="field inline">
          <span>from step</span>
          <input type="number" min={0} max={run.lastStep} step={1} value={shownStep} aria-label="Branch from step" data-testid="branch-from-step" onChange={(e) => setStep(Number(e.target.value))} />
        </label>
        <button type="button" data-testid="branch-from" onClick={() => openBranchDialog(shownStep)}>
          Branch…
        </button>
        <span className="muted">or click a step on the loss chart.</span>
      </div>
      {origin && (
        <p className="muted" data-testid="branch-origin">
          This run is a branch of “{origin.name}” at step {origin.at} ({origin.changed}).
        </p>
      )}
      <CheckpointLine index={checkpoints.index} replay={checkpoints.replay} />
      {at !== null && <BranchDialog at={at} run={run} />}
    </section>
  );
}
