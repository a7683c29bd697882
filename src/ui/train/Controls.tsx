import { ProgressBar } from '../components/ProgressBar';
import {
  pauseTraining,
  resetTraining,
  resumeTraining,
  runLrRangeTest,
  setPace,
  startTraining,
  stepOnce,
  stopTraining,
  useTrainStore,
} from '../../store/train-store';

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 60) return `${Math.max(0, Math.round(s))} s`;
  // Past a minute, 5 s steps: the estimate is not that precise, and a ticking second digit reads as noise.
  const r = Math.round(s / 5) * 5;
  const m = Math.floor(r / 60);
  return `${m} min ${r - m * 60} s`;
}

const fmt = (v: number | null | undefined, digits = 4) => (v === null || v === undefined ? '—' : Number.isFinite(v) ? v.toPrecision(digits) : String(v));

/** Train / pause / resume / step / stop / reset, the overfit-one-batch check and the LR range test, with progress. */
export function Controls() {
  const status = useTrainStore((s) => s.status);
  const step = useTrainStore((s) => s.step);
  const total = useTrainStore((s) => s.totalSteps);
  const loss = useTrainStore((s) => s.loss);
  const firstLoss = useTrainStore((s) => s.firstLoss);
  const rate = useTrainStore((s) => s.stepsPerSecond);
  const eta = useTrainStore((s) => s.etaSeconds);
  // The LR range test or the overfit check is under way (each blocks starting anything else).
  const lrBusy = useTrainStore((s) => s.lrRange?.status === 'running' || s.check?.status === 'running');
  const lrRunning = useTrainStore((s) => s.lrRange?.status === 'running');
  const pace = useTrainStore((s) => s.pace);
  const active = status === 'running' || status === 'paused';
  return (
    <div className="panel">
      <div className="controls">
        {!active && (
          <button type="button" className="primary" data-testid="train-start" onClick={() => void startTraining('train')} disabled={lrBusy}>
            ▶ Train
          </button>
        )}
        {status === 'running' && (
          <button type="button" className="secondary" data-testid="train-pause" onClick={pauseTraining}>
            ❚❚ Pause
          </button>
        )}
        {status === 'paused' && (
          <>
            <button type="button" data-testid="train-resume" onClick={resumeTraining}>
              ▶ Resume
            </button>
            <button type="button" className="secondary" data-testid="train-step-once" onClick={stepOnce}>
              Step once
            </button>
          </>
        )}
        <button type="button" className="danger" data-testid="train-stop" onClick={stopTraining} disabled={!active}>
          ■ Stop
        </button>
        <button type="button" className="secondary" data-testid="train-reset" onClick={resetTraining} disabled={active}>
          Reset
        </button>
        <label className="pace-field" title="Watch: a short run is spread over about 20 s so the charts can be followed (the steps are the same). Full speed: as fast as the backend goes.">
          Pace{' '}
          <select data-testid="train-pace" value={pace} onChange={(e) => setPace(e.target.value === 'full' ? 'full' : 'watch')} disabled={active}>
            <option value="watch">watch (≈ 20 s)</option>
            <option value="full">full speed</option>
          </select>
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="overfit"
          data-testid="overfit-batch"
          onClick={() => void startTraining('overfit-batch')}
          disabled={active || lrBusy}
          title="Train on one batch only: a healthy model and pipeline drive its loss to almost zero."
        >
          Overfit one batch
        </button>
        <button type="button" className="secondary" data-testid="lr-range-test" onClick={() => void runLrRangeTest()} disabled={active || lrBusy} title="Sweep the learning rate upward over a short run and suggest one.">
          {lrRunning ? 'LR range test…' : 'LR range test'}
        </button>
      </div>
      <ProgressBar value={total > 0 ? Math.min(1, step / total) : status === 'running' ? null : 0} label={total > 0 ? `Step ${step} of ${total}` : 'Progress'} />
      <div className="readouts">
        <div className="readout" data-testid="train-step" data-value={step}>
          <span className="label">Step</span>
          <span className="value">{step}</span>
        </div>
        <div className="readout" data-testid="train-loss" data-value={loss ?? ''} data-first-value={firstLoss ?? ''}>
          <span className="label">Batch loss</span>
          <span className="value">{fmt(loss)}</span>
        </div>
        <div className="readout" data-testid="train-rate" data-value={rate ?? ''}>
          <span className="label">Steps / s</span>
          <span className="value">{rate === null ? '—' : rate.toFixed(rate < 10 ? 1 : 0)}</span>
        </div>
        <div className="readout" data-testid="train-eta">
          <span className="label">Time left</span>
          <span className="value">{status === 'running' ? (eta !== null ? formatSeconds(eta) : 'estimating…') : '—'}</span>
        </div>
      </div>
    </div>
  );
}
