import { useEffect, useState } from 'react';
import { EVIDENCE_CHARTS, FAULT_NAMES, FAULTS, type EvidenceChart, type FaultName } from '../../../core/train/faults';
import { scoreSummary } from '../../../core/train/mystery';
import { challengeLink, resetMysteryScores, setChallengeToken, startMystery, submitDiagnosis, useMysteryStore } from '../../../store/mystery-actions';
import { useTrainStore } from '../../../store/train-store';
import { useHashRoute } from '../../useHashRoute';

/** Where each piece of evidence is drawn on the Train page. */
export const EVIDENCE_ANCHOR: Record<EvidenceChart, { id: string; label: string }> = {
  loss: { id: 'chart-loss', label: 'Loss' },
  validation: { id: 'chart-metric', label: 'Validation metric' },
  'gradient-norm': { id: 'chart-grad-norm', label: 'Gradient norm per layer' },
  'update-norm': { id: 'chart-update-ratio', label: 'Update size per layer' },
  'update-ratio': { id: 'chart-update-ratio', label: 'Update / weight ratio' },
  angles: { id: 'chart-cosine', label: 'Angles' },
  inputs: { id: 'input-stats', label: 'Inputs as the model sees them' },
};

const scrollTo = (id: string) => document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'center' });

function ScoreLine() {
  const attempts = useMysteryStore((s) => s.attempts);
  const score = scoreSummary(attempts);
  if (score.attempts === 0) return <p className="muted" data-testid="mystery-score" data-attempts="0">No mysteries solved in this browser yet.</p>;
  return (
    <div className="mystery-score" data-testid="mystery-score" data-attempts={score.attempts} data-correct={score.correct}>
      <p>
        Your score in this browser: <strong>{score.correct} of {score.attempts}</strong> correct ({score.withEvidence} with the right evidence)
        {score.streak > 1 ? `, ${score.streak} in a row` : ''}.{' '}
        <button type="button" className="link" onClick={resetMysteryScores}>
          Start over
        </button>
      </p>
      <ul className="mystery-by-fault">
        {score.byFault.map((f) => (
          <li key={f.fault}>
            {f.title}: {f.correct}/{f.attempts}
          </li>
        ))}
      </ul>
    </div>
  );
}

function DiagnosisForm() {
  const [diagnosis, setDiagnosis] = useState<FaultName | ''>('');
  const [cited, setCited] = useState<EvidenceChart[]>([]);
  const toggle = (c: EvidenceChart) => setCited((list) => (list.includes(c) ? list.filter((x) => x !== c) : [...list, c]));
  return (
    <form
      className="mystery-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (diagnosis) submitDiagnosis(diagnosis, cited);
      }}
    >
      <label className="field">
        <span>What is wrong with this run?</span>
        <select data-testid="mystery-diagnosis" value={diagnosis} onChange={(e) => setDiagnosis(e.target.value as FaultName | '')}>
          <option value="">Choose a diagnosis…</option>
          {FAULT_NAMES.map((f) => (
            <option key={f} value={f}>
              {FAULTS[f].title}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="mystery-evidence">
        <legend>Which charts show it?</legend>
        {EVIDENCE_CHARTS.map((c) => (
          <label key={c} className="field inline">
            <input type="checkbox" data-testid={`mystery-evidence-${c}`} checked={cited.includes(c)} onChange={() => toggle(c)} />
            <span>{EVIDENCE_ANCHOR[c].label}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" data-testid="mystery-submit" disabled={!diagnosis}>
        Submit diagnosis
      </button>
    </form>
  );
}

function Reveal() {
  const grade = useMysteryStore((s) => s.grade);
  if (!grade) return null;
  const f = grade.fault;
  return (
    <div className={`mystery-result ${grade.correct ? 'correct' : 'wrong'}`} data-testid="mystery-result" data-correct={grade.correct ? 'true' : 'false'} data-fault={f.name} role="status">
      <p>
        <strong>{grade.correct ? 'Correct.' : 'Not this time.'}</strong> {grade.message}
      </p>
      <p>
        <span className="label">The mistake:</span> {f.mistake}
      </p>
      <p>
        <span className="label">What a careful person would have looked at:</span> {f.signature}
      </p>
      <p className="mystery-charts">
        {f.evidence.map((c) => (
          <button key={c} type="button" className="link" onClick={() => scrollTo(EVIDENCE_ANCHOR[c].id)}>
            {EVIDENCE_ANCHOR[c].label}
          </button>
        ))}
      </p>
    </div>
  );
}

function ChallengeLink() {
  const active = useMysteryStore((s) => s.active);
  const [copied, setCopied] = useState(false);
  if (!active) return null;
  const link = challengeLink(`${window.location.origin}${window.location.pathname}`);
  if (!link) return null;
  return (
    <details className="mystery-link">
      <summary>Challenge link for a class</summary>
      <p className="hint">Everyone who opens it gets this run: the same data, seed and hidden fault (the link does not spell it out).</p>
      <div className="row">
        <input readOnly value={link} data-testid="mystery-link" aria-label="Challenge link" onFocus={(e) => e.target.select()} />
        <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => undefined)}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </details>
  );
}

/**
 * Mystery mode: a run with one hidden, real training mistake; the student reads the charts, names the
 * fault and the evidence, and sees the answer with what to look at.
 */
export function MysteryPanel() {
  const { params } = useHashRoute();
  const linkToken = params.get('mystery');
  useEffect(() => {
    if (linkToken) setChallengeToken(linkToken);
  }, [linkToken]);
  const pending = useMysteryStore((s) => s.pendingToken);
  const active = useMysteryStore((s) => s.active);
  const grade = useMysteryStore((s) => s.grade);
  const problem = useMysteryStore((s) => s.problem);
  const busy = useTrainStore((s) => s.status === 'running' || s.status === 'paused');
  const viewed = useTrainStore((s) => s.viewedRunId);
  // The form belongs to the mystery run only: viewing another run hides it.
  const onMystery = active !== null && (active.runId === null || active.runId === viewed);
  return (
    <section className="panel mystery-panel" aria-label="Mystery run">
      <h2>Mystery run</h2>
      {!onMystery && (
        <p className="hint">
          {pending
            ? 'This link is a challenge: a run with one hidden mistake, the same for everyone who opens it. Train it and diagnose it from the signals alone.'
            : 'A run of the settings on the left with one hidden, real training mistake. Diagnose it from the signals alone.'}
        </p>
      )}
      <div className="row mystery-actions">
        <button type="button" data-testid="mystery-start" onClick={() => void startMystery()} disabled={busy}>
          {pending ? 'Start the challenge' : onMystery ? 'Another mystery run' : 'Start a mystery run'}
        </button>
        {pending && (
          <button type="button" className="link" onClick={() => setChallengeToken(null)} disabled={busy}>
            a random one instead
          </button>
        )}
      </div>
      {problem && <p role="alert" className="warning">{problem}</p>}
      {onMystery && !grade && <DiagnosisForm />}
      {onMystery && <Reveal />}
      {onMystery && <ChallengeLink />}
      <ScoreLine />
    </section>
  );
}
