import { useEffect, useMemo, useState } from 'react';
import { formatQuantity, type CheckOutcome } from '../../core/lessons/checks';
import { quantityLabel } from '../../core/lessons/quantity-labels';
import type { LessonSetting, LessonStep } from '../../lessons/types';
import { Plot } from '../plots/Plot';
import type { LessonRunRecord } from '../../store/lessons-store';
import type { ExperimentProgress, ExperimentResult } from '../../workers/lesson-protocol';
import { lessonFigures } from './figures';
import { InlineText, LessonText } from './LessonText';
import { ScrollBox } from '../components/ScrollBox';

export type StepRunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExperimentProgress | null }
  | { kind: 'done'; result: ExperimentResult; outcomes: CheckOutcome[]; backend: string; defaults: boolean; saved: boolean }
  | { kind: 'failed'; message: string };

/** How much of a step is shown: 0 the idea, 1 + question, 2 + experiment, 3 + results. */
export const FULL_REVEAL = 3;

interface StepViewProps {
  step: LessonStep;
  run: StepRunState;
  /** Presenter mode reveals the step part by part. */
  reveal: number;
  settings: Record<string, number>;
  onSetting: (id: string, value: number) => void;
  onRun: () => void;
  history: LessonRunRecord[];
}

const STATUS_MARK = { pass: '✓', fail: '✗', pending: '…' } as const;

function ChecksList({ step, outcomes }: { step: LessonStep; outcomes: CheckOutcome[] | null }) {
  if (!step.checks?.length) return null;
  return (
    <section className="lesson-checks" aria-label="What you should see">
      <h3>What you should see</h3>
      <ul>
        {step.checks.map((check) => {
          const o = outcomes?.find((x) => x.id === check.id) ?? { id: check.id, status: 'pending' as const, observed: 'not run yet' };
          return (
            <li key={check.id} data-testid="lesson-check" data-check={check.id} data-status={o.status} className={`check-${o.status}`}>
              <span className="check-mark" aria-hidden="true">{STATUS_MARK[o.status]}</span>
              <span className="check-says"><InlineText text={check.says} /></span>
              <span className="check-observed">{o.status === 'pending' ? 'not run yet' : `observed ${o.observed}`}</span>
              <span className="visually-hidden">{o.status === 'pass' ? 'holds' : o.status === 'fail' ? 'does not hold' : 'not checked yet'}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ResultsTable({ step, result }: { step: LessonStep; result: ExperimentResult }) {
  const keys = step.show ?? [];
  const subjects = Object.entries(result.quantities).filter(([, q]) => keys.some((k) => k in q));
  if (!keys.length || !subjects.length) return null;
  const labels = new Map<string, string>(result.series.map((s) => [s.id, s.label]));
  const shownKeys = keys.filter((k) => subjects.some(([, q]) => k in q));
  return (
    <ScrollBox label="Results" className="lesson-results">
      <table className="data" data-testid="lesson-results">
        <thead>
          <tr>
            <th>run</th>
            {shownKeys.map((k) => <th key={k} scope="col" title={k}>{quantityLabel(k)}</th>)}
          </tr>
        </thead>
        <tbody>
          {subjects.map(([id, q]) => (
            <tr key={id}>
              <th scope="row">{labels.get(id) ?? id}</th>
              {shownKeys.map((k) => (
                <td key={k} className="num" data-testid={`lesson-value-${id}-${k}`}>{k in q && q[k] !== null ? formatQuantity(q[k]!) : '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function Figures({ step, result }: { step: LessonStep; result: ExperimentResult }) {
  const figures = useMemo(() => lessonFigures(step.charts ?? [], result), [step, result]);
  if (!figures.length) return null;
  return (
    <div className="lesson-figures">
      {figures.map((f) => (
        <Plot key={f.key} title={f.title} data={f.data} layout={f.layout} height={360} testId={`lesson-figure-${f.key}`} />
      ))}
    </div>
  );
}

/**
 * A number the learner types: kept as text while typing ("0." is not yet a number), applied on Enter or
 * when the field loses focus, then shown as the lesson normalised it (clamped, on the step grid).
 */
function SettingInput({ setting, value, onSetting, disabled }: { setting: LessonSetting; value: number | undefined; onSetting: StepViewProps['onSetting']; disabled: boolean }) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  useEffect(() => setDraft(value === undefined ? '' : String(value)), [value]);
  const commit = (): void => {
    const v = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(v) && v !== value) onSetting(setting.id, v);
    else setDraft(value === undefined ? '' : String(value));
  };
  return (
    <label>
      {setting.label}
      <input
        type="text"
        inputMode="decimal"
        data-testid={`lesson-setting-${setting.id}`}
        value={draft}
        disabled={disabled}
        title={`from ${setting.min} to ${setting.max}`}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}

function SettingsPanel({ step, settings, onSetting, disabled }: { step: LessonStep; settings: Record<string, number>; onSetting: StepViewProps['onSetting']; disabled: boolean }) {
  if (!step.settings?.length) return null;
  return (
    <div className="lesson-settings">
      {step.settings.map((s) => (
        <SettingInput key={s.id} setting={s} value={settings[s.id]} onSetting={onSetting} disabled={disabled} />
      ))}
    </div>
  );
}

function History({ history }: { history: LessonRunRecord[] }) {
  if (history.length === 0) return null;
  return (
    <details className="lesson-history">
      <summary>Your runs of this step ({history.length})</summary>
      <ul>
        {history.map((r) => {
          const passed = r.outcomes.filter((o) => o.status === 'pass').length;
          const settings = Object.entries(r.settings).map(([k, v]) => `${k} = ${formatQuantity(v)}`).join(', ');
          return (
            <li key={r.id}>
              {new Date(r.at).toLocaleTimeString()}: {passed}/{r.outcomes.length} checks hold{settings ? ` (${settings}${r.defaults ? '' : ', changed'})` : ''}, {r.backend}, {(r.ms / 1000).toFixed(1)} s
            </li>
          );
        })}
      </ul>
    </details>
  );
}

export function StepView({ step, run, reveal, settings, onSetting, onRun, history }: StepViewProps) {
  const running = run.kind === 'running';
  const done = run.kind === 'done' ? run : null;
  return (
    <article className="lesson-step" data-testid="lesson-step" data-step={step.id} data-reveal={reveal}>
      <h2>{step.title}</h2>
      <LessonText text={step.text} />
      {step.formula && <pre className="lesson-formula" aria-label="formula">{step.formula}</pre>}
      {reveal >= 1 && (
        <aside className="lesson-question" data-testid="lesson-question" data-reveal-part="1">
          <strong>Predict first: </strong>
          <InlineText text={step.question} />
        </aside>
      )}
      {reveal >= 2 && step.experiment && (
        <section className="lesson-experiment" data-reveal-part="2">
          <SettingsPanel step={step} settings={settings} onSetting={onSetting} disabled={running} />
          <div className="row">
            <button type="button" data-testid="lesson-run" onClick={onRun} disabled={running}>
              {running ? 'Running…' : done ? 'Run again' : 'Run the experiment'}
            </button>
            {running && (
              <span className="progress" role="status" data-testid="lesson-progress">
                <progress max={1} value={run.progress?.fraction ?? 0} />
                {run.progress ? run.progress.label : 'starting…'}
              </span>
            )}
            {done && (
              <span className="muted small" data-testid="lesson-run-info" data-saved={done.saved ? '1' : '0'}>
                ran in {(done.result.ms / 1000).toFixed(1)} s on {done.backend}
                {!done.defaults && ' with your settings (the checks were written for the lesson\'s own)'}
              </span>
            )}
          </div>
          {run.kind === 'failed' && <p className="error-banner" data-testid="lesson-error">{run.message}</p>}
          {done?.result.error && <p className="error-banner" data-testid="lesson-error">{done.result.error}</p>}
        </section>
      )}
      {/* The checks and the numbers they judge sit together: presenter mode brings both into view at once. */}
      {reveal >= 2 && (
        <div className="lesson-outcome" data-reveal-part="3">
          <ChecksList step={step} outcomes={done ? done.outcomes : null} />
          {reveal >= 3 && done && <ResultsTable step={step} result={done.result} />}
        </div>
      )}
      {reveal >= 3 && done && (
        <>
          <Figures step={step} result={done.result} />
          {step.explanation && (
            <section className="lesson-explanation" data-testid="lesson-explanation">
              <h3>What happened</h3>
              <LessonText text={step.explanation} />
            </section>
          )}
        </>
      )}
      {reveal >= 3 && !step.experiment && step.explanation && (
        <section className="lesson-explanation">
          <LessonText text={step.explanation} />
        </section>
      )}
      <History history={history} />
    </article>
  );
}
