import { useEffect, useState } from 'react';
import type { TrainSettings } from '../../../core/train/settings';
import { codeForRun, useVerificationStore, verifyResultCode } from '../../../store/result-code-actions';
import { useTrainStore } from '../../../store/train-store';

/** The shown run's result code, computed once it has finished and its meta is stored. */
function useRunCode(): { code: string | null; problem: string | null } {
  const runId = useTrainStore((s) => (s.status === 'done' && s.activeRunId === null ? s.viewedRunId : null));
  const final = useTrainStore((s) => s.summary?.final ?? null);
  const meta = useTrainStore((s) => s.runs.find((m) => m.id === runId) ?? null);
  const [out, setOut] = useState<{ runId: string; code: string | null; problem: string | null } | null>(null);
  useEffect(() => {
    if (!runId || !final || !meta || meta.kind !== 'train' || !meta.backend) return;
    let live = true;
    void codeForRun(meta.config as TrainSettings, meta.backend, meta.origin?.faultToken ?? null, final).then((r) => {
      if (live) setOut({ runId, code: 'code' in r ? r.code : null, problem: 'problem' in r ? r.problem : null });
    });
    return () => {
      live = false;
    };
  }, [runId, final, meta]);
  return out && out.runId === runId ? out : { code: null, problem: null };
}

/** A code for the shown run that anyone can paste to re-run and confirm it, and the box to verify one. */
export function ResultCodePanel() {
  const { code, problem } = useRunCode();
  const verification = useVerificationStore((s) => s.verification);
  const busy = useTrainStore((s) => s.status === 'running' || s.status === 'paused');
  const [text, setText] = useState('');
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [code]);
  const copy = () => {
    if (!code) return;
    void navigator.clipboard?.writeText(code).then(() => setCopied(true), () => undefined);
  };
  return (
    <section className="panel result-code-panel" aria-label="Result code">
      <h2>Result code</h2>
      {code ? (
        <div className="row result-code-row">
          <code data-testid="result-code" data-code={code} className="result-code">
            {code}
          </code>
          <button type="button" className="secondary" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      ) : (
        <p className="muted">{problem ?? 'A finished run gets a code: its settings, seed, backend and data, and a hash of its final numbers.'}</p>
      )}
      <form
        className="row verify-form"
        onSubmit={(e) => {
          e.preventDefault();
          void verifyResultCode(text);
        }}
      >
        <label className="field wide">
          <span>Verify a code: paste it to re-run it here and compare the numbers</span>
          <input data-testid="verify-code-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="MLW1.…" spellCheck={false} />
        </label>
        <button type="submit" data-testid="verify-code" disabled={busy || text.trim() === ''}>
          Verify
        </button>
      </form>
      {verification && (
        <p role="status" className={`verify-result ${verification.status}`} data-testid="verify-result" data-status={verification.status}>
          {verification.message}
        </p>
      )}
    </section>
  );
}
