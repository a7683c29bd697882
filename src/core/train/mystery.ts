/**
 * Mystery mode: a run with one hidden fault (faults.ts) that a student diagnoses from the signals alone,
 * picking the fault and citing the charts that show it; then the answer is graded and the fault revealed
 * with what a careful person would have looked at. Pure: fault choice, grading, challenge links and the
 * score summary; the Train page keeps the attempts (localStorage) and runs the fault in its worker.
 */
import type { Task } from '../data/preprocess';
import { createRng } from '../random';
import { hideFault, revealFault } from './challenge';
import type { TrainConfig } from './config';
import { FAULT_NAMES, FAULTS, type EvidenceChart, type FaultInfo, type FaultName } from './faults';
import { settingsToParams, type TrainSettings } from './settings';

/** Faults that can be injected into a run of this task and model (prepareFaultedRun refuses the others). */
export function applicableFaults(task: Task | null, model: TrainConfig['model']): FaultName[] {
  return FAULT_NAMES.filter((f) => {
    const info = FAULTS[f];
    // Unknown task (an uploaded file before training): only faults that fit every task.
    if (task === null ? info.tasks.length < 3 : !info.tasks.includes(task)) return false;
    if ((f === 'dropout-at-eval' || f === 'zero-init') && model !== 'mlp' && model !== 'cnn') return false;
    return true;
  });
}

/** A seeded choice among the applicable faults (the same seed picks the same fault). */
export function pickFault(seed: number, task: Task | null, model: TrainConfig['model']): FaultName {
  const options = applicableFaults(task, model);
  if (options.length === 0) throw new Error('no fault applies to this run');
  return options[createRng((seed ^ 0x3a7e) >>> 0).int(options.length)]!;
}

export interface MysteryGrade {
  /** The diagnosis names the hidden fault. */
  correct: boolean;
  /** At least one cited chart is where the fault's signature shows. */
  evidenceCited: boolean;
  fault: FaultInfo;
  diagnosis: FaultName;
  cited: EvidenceChart[];
  /** The verdict in one or two sentences. */
  message: string;
}

/** Grades a diagnosis: the fault must match; the evidence counts when a cited chart shows the signature. */
export function gradeDiagnosis(fault: FaultName, diagnosis: FaultName, cited: readonly EvidenceChart[]): MysteryGrade {
  const info = FAULTS[fault];
  const correct = diagnosis === fault;
  const evidenceCited = cited.some((c) => info.evidence.includes(c));
  const where = info.evidence.join(', ');
  const message = correct
    ? evidenceCited
      ? `Correct, and with the right evidence: ${info.title.toLowerCase()}.`
      : `Correct: ${info.title.toLowerCase()}. The clearest evidence is on ${where}; cite it next time.`
    : `Not this time: you said "${FAULTS[diagnosis].title.toLowerCase()}"; it was ${info.title.toLowerCase()}. Look at ${where}.`;
  return { correct, evidenceCited, fault: info, diagnosis, cited: [...cited], message };
}

/** The URL query of a challenge: the settings (dataset, seed, everything) plus the hidden fault. */
export function challengeQuery(settings: TrainSettings, fault: FaultName): string {
  const params = settingsToParams(settings);
  params.set('mystery', hideFault(fault, settings.config.seed));
  return params.toString();
}

/** The fault of a challenge link's `mystery` token under the link's seed, or null. */
export function challengeFault(token: string | null, seed: number): FaultName | null {
  return token ? revealFault(token, seed) : null;
}

/** One graded attempt, as the page keeps it. */
export interface MysteryAttempt {
  at: number;
  fault: FaultName;
  diagnosis: FaultName;
  correct: boolean;
  evidenceCited: boolean;
  /** Started from a teacher's link rather than at random. */
  challenge: boolean;
}

export interface MysteryScore {
  attempts: number;
  correct: number;
  withEvidence: number;
  /** Per fault met: attempts and correct diagnoses. */
  byFault: { fault: FaultName; title: string; attempts: number; correct: number }[];
  /** Correct diagnoses in a row, counting back from the latest attempt. */
  streak: number;
}

/** The score summary of a list of attempts (oldest first). */
export function scoreSummary(attempts: readonly MysteryAttempt[]): MysteryScore {
  const byFault = new Map<FaultName, { attempts: number; correct: number }>();
  for (const a of attempts) {
    const f = byFault.get(a.fault) ?? { attempts: 0, correct: 0 };
    f.attempts += 1;
    if (a.correct) f.correct += 1;
    byFault.set(a.fault, f);
  }
  let streak = 0;
  for (let i = attempts.length - 1; i >= 0 && attempts[i]!.correct; i--) streak++;
  return {
    attempts: attempts.length,
    correct: attempts.filter((a) => a.correct).length,
    withEvidence: attempts.filter((a) => a.correct && a.evidenceCited).length,
    byFault: FAULT_NAMES.filter((f) => byFault.has(f)).map((f) => ({ fault: f, title: FAULTS[f].title, ...byFault.get(f)! })),
    streak,
  };
}

/** Attempts read back from storage: anything malformed is dropped, not trusted. */
export function parseAttempts(json: string | null): MysteryAttempt[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (a): a is MysteryAttempt =>
      !!a && typeof a === 'object' && typeof a.at === 'number' && FAULT_NAMES.includes(a.fault) && FAULT_NAMES.includes(a.diagnosis) && typeof a.correct === 'boolean' && typeof a.evidenceCited === 'boolean',
  ).map((a) => ({ ...a, challenge: a.challenge === true }));
}
