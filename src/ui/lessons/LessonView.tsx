import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { evaluateChecks } from '../../core/lessons/checks';
import { applySettings, defaultSettingValues, normaliseSettingValue } from '../../core/lessons/settings';
import type { Lesson } from '../../lessons/types';
import { markStepFinished, recordLessonRun, useLessonsStore, type LessonRunRecord } from '../../store/lessons-store';
import { navigate } from '../useHashRoute';
import { startExperiment, type RunningExperiment } from '../../workers/lesson-client';
import { lessonLocationParams, type LessonLocation } from './lesson-url';
import { FULL_REVEAL, StepView, type StepRunState } from './StepView';

interface LessonViewProps {
  lesson: Lesson;
  location: LessonLocation;
}

const EMPTY_HISTORY: LessonRunRecord[] = [];

/** A lesson, one step at a time, with presenter mode, keyboard navigation and a shareable URL. */
// eslint-disable-next-line max-lines-per-function -- one step view whose keyboard, presenter and URL handlers share the step state; the parts it renders are components of their own
export function LessonView({ lesson, location }: LessonViewProps) {
  const stepIndex = Math.min(location.step, lesson.steps.length - 1);
  const step = lesson.steps[stepIndex]!;
  const presenter = location.presenter;
  const [runs, setRuns] = useState<Record<string, StepRunState>>({});
  const [reveal, setReveal] = useState(presenter ? 0 : FULL_REVEAL);
  const running = useRef<RunningExperiment | null>(null);
  const finished = useLessonsStore((s) => s.finished[lesson.id]);
  const allRuns = useLessonsStore((s) => s.runs);
  const history = useMemo(() => allRuns.filter((r) => r.lessonId === lesson.id && r.stepId === step.id), [allRuns, lesson.id, step.id]);

  const defaults = useMemo(() => (step.experiment ? defaultSettingValues(step.experiment, step.settings ?? []) : {}), [step]);
  const settings = useMemo(() => {
    const out = { ...defaults };
    for (const s of step.settings ?? []) {
      const v = location.settings[s.id];
      if (v !== undefined) out[s.id] = normaliseSettingValue(s, v);
    }
    return out;
  }, [defaults, location.settings, step.settings]);
  // A value typed and applied just before "Run" (the blur commits it) is in the URL only after the next
  // render: the run uses it from here, so it never runs with the previous value.
  const pending = useRef<Record<string, number>>({});
  useEffect(() => {
    pending.current = {};
  }, [settings]);

  const go = useCallback(
    (loc: Partial<LessonLocation>) => navigate('lessons', lessonLocationParams({ ...location, lesson: lesson.id, ...loc })),
    [location, lesson.id],
  );

  // A new step (or leaving presenter mode) resets how much is revealed; an experiment of the previous step stops.
  useEffect(() => {
    setReveal(presenter ? 0 : FULL_REVEAL);
  }, [stepIndex, presenter]);
  useEffect(() => () => running.current?.abort(), [stepIndex]);
  // Presenter mode: bring the part just revealed into view (the class should not watch the teacher scroll).
  // The results part starts with the checks, so it is aligned to the top: checks and results table together.
  useEffect(() => {
    if (!presenter || reveal === 0) return;
    const behavior = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    document.querySelector(`[data-reveal-part="${reveal}"]`)?.scrollIntoView({ block: reveal === FULL_REVEAL ? 'start' : 'nearest', behavior });
  }, [presenter, reveal, runs]);

  const runStep = useCallback(() => {
    if (!step.experiment) return;
    const values = { ...settings };
    for (const s of step.settings ?? []) {
      const v = pending.current[s.id];
      if (v !== undefined) values[s.id] = normaliseSettingValue(s, v);
    }
    const usesDefaults = Object.keys(values).every((k) => values[k] === defaults[k]);
    const experiment = applySettings(step.experiment, step.settings ?? [], values);
    const stepId = step.id;
    setRuns((r) => ({ ...r, [stepId]: { kind: 'running', progress: null } }));
    const handle = startExperiment(experiment, (progress) => setRuns((r) => ({ ...r, [stepId]: { kind: 'running', progress } })));
    running.current = handle;
    const started = Date.now();
    handle.done.then(
      ({ result, backend }) => {
        const outcomes = evaluateChecks(step.checks ?? [], result.error ? null : result.quantities).map((o) =>
          result.error && o.status === 'pending' ? { ...o, status: 'fail' as const, observed: 'the experiment failed' } : o,
        );
        setRuns((r) => ({ ...r, [stepId]: { kind: 'done', result, outcomes, backend, defaults: usesDefaults, saved: false } }));
        if (presenter) setReveal(FULL_REVEAL);
        const saving = Promise.all([markStepFinished(lesson.id, stepId), recordLessonRun({
          id: `${lesson.id}/${stepId}/${started}`,
          lessonId: lesson.id,
          stepId,
          at: started,
          settings: values,
          defaults: usesDefaults,
          outcomes,
          quantities: result.quantities,
          backend,
          ms: result.ms,
        })]);
        // Marked once stored, so a reload right after a run does not lose it (and tests can wait for it).
        void saving.then(() => setRuns((r) => {
          const cur = r[stepId];
          return cur?.kind === 'done' && cur.result === result ? { ...r, [stepId]: { ...cur, saved: true } } : r;
        }));
      },
      (err: unknown) => setRuns((r) => ({ ...r, [stepId]: { kind: 'failed', message: err instanceof Error ? err.message : String(err) } })),
    );
  }, [step, settings, defaults, lesson.id, presenter]);

  const forward = useCallback(() => {
    const maxReveal = step.experiment ? FULL_REVEAL : 1;
    if (presenter && reveal < maxReveal) {
      // Revealing the results runs the experiment if it has not run yet.
      if (reveal === 2 && step.experiment && (runs[step.id]?.kind ?? 'idle') === 'idle') runStep();
      setReveal(reveal + 1);
      return;
    }
    if (!step.experiment) void markStepFinished(lesson.id, step.id);
    if (stepIndex < lesson.steps.length - 1) go({ step: stepIndex + 1, settings: {} });
  }, [presenter, reveal, step, runs, runStep, stepIndex, lesson, go]);

  const back = useCallback(() => {
    if (presenter && reveal > 0) setReveal(reveal - 1);
    else if (stepIndex > 0) go({ step: stepIndex - 1, settings: {} });
  }, [presenter, reveal, stepIndex, go]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || (e.key === ' ' && presenter)) {
        e.preventDefault();
        forward();
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        e.preventDefault();
        back();
      } else if (e.key === 'p' || e.key === 'P') {
        go({ presenter: !presenter });
      } else if (e.key === 'Escape' && presenter) {
        go({ presenter: false });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [forward, back, go, presenter]);

  const run = runs[step.id] ?? { kind: 'idle' };
  const shareUrl = `${window.location.origin}${window.location.pathname}#/lessons?${new URLSearchParams(lessonLocationParams({ ...location, lesson: lesson.id, step: stepIndex, settings })).toString()}`;

  return (
    <div className={presenter ? 'lesson lesson-presenter' : 'lesson'} data-testid="lesson-view" data-lesson={lesson.id} data-step-index={stepIndex} data-presenter={presenter ? '1' : '0'}>
      <header className="lesson-header">
        <a href="#/lessons" className="lesson-back">← All lessons</a>
        <h1>{lesson.title}</h1>
        <span className="lesson-position" data-testid="lesson-position">
          Step {stepIndex + 1} of {lesson.steps.length}
        </span>
        <button type="button" className="secondary" data-testid="presenter-toggle" aria-pressed={presenter} onClick={() => go({ presenter: !presenter })}>
          {presenter ? 'Leave presenter mode' : 'Presenter mode'}
        </button>
      </header>
      <nav className="lesson-steps" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <button
            key={s.id}
            type="button"
            className={i === stepIndex ? 'step-dot current' : 'step-dot'}
            aria-current={i === stepIndex ? 'step' : undefined}
            data-finished={finished?.includes(s.id) ? '1' : '0'}
            title={s.title}
            onClick={() => go({ step: i, settings: {} })}
          >
            {finished?.includes(s.id) ? '✓ ' : ''}
            {i + 1}. {s.title}
          </button>
        ))}
      </nav>
      <StepView
        step={step}
        run={run}
        reveal={reveal}
        settings={settings}
        onSetting={(id, value) => {
          pending.current = { ...pending.current, [id]: value };
          go({ settings: { ...location.settings, [id]: value } });
        }}
        onRun={runStep}
        history={history.length ? history : EMPTY_HISTORY}
      />
      <footer className="lesson-footer">
        <button type="button" className="secondary" data-testid="lesson-prev" onClick={back} disabled={stepIndex === 0 && (!presenter || reveal === 0)}>
          ← Back
        </button>
        <span className="muted small">
          Keys: → or PageDown forward, ← or PageUp back{presenter ? ', Space reveals the next part, Esc leaves' : ''}, P presenter mode
        </span>
        <button type="button" data-testid="lesson-next" onClick={forward} disabled={stepIndex === lesson.steps.length - 1 && (!presenter || reveal >= (step.experiment ? FULL_REVEAL : 1))}>
          {presenter && reveal < (step.experiment ? FULL_REVEAL : 1) ? 'Reveal →' : 'Next step →'}
        </button>
      </footer>
      {!presenter && (
        <p className="lesson-share small">
          Link to this step with these settings:{' '}
          <input readOnly aria-label="Link to this step with its settings" value={shareUrl} data-testid="lesson-share-url" onFocus={(e) => e.currentTarget.select()} size={60} />
        </p>
      )}
    </div>
  );
}
