/**
 * Mystery mode on the Train page: start a run with a hidden fault (at random, or a teacher's challenge
 * link), grade the student's diagnosis, and keep a score summary in this browser (localStorage). The
 * fault lives only as a seed-keyed token (core/train/challenge.ts) until the diagnosis is submitted.
 */
import { create } from 'zustand';
import type { Task } from '../core/data/preprocess';
import { findBundledEntry, findSyntheticEntry } from '../core/data/catalog';
import { hideFault, revealFault } from '../core/train/challenge';
import type { EvidenceChart, FaultName } from '../core/train/faults';
import { applicableFaults, challengeQuery, gradeDiagnosis, parseAttempts, pickFault, type MysteryAttempt, type MysteryGrade } from '../core/train/mystery';
import { describeDataset, type DatasetChoice, type TrainSettings } from '../core/train/settings';
import { startTraining, updateSettings, useTrainStore } from './train-store';

const SCORES_KEY = 'mlw.mystery.attempts';

export interface ActiveMystery {
  runId: string | null;
  faultToken: string;
  seed: number;
  settings: TrainSettings;
  /** Started from a challenge link. */
  challenge: boolean;
}

export interface MysteryState {
  /** A challenge link's token, read when the page opened. */
  pendingToken: string | null;
  active: ActiveMystery | null;
  grade: MysteryGrade | null;
  attempts: MysteryAttempt[];
  problem: string | null;
}

export const useMysteryStore = create<MysteryState>()(() => ({ pendingToken: null, active: null, grade: null, attempts: readAttempts(), problem: null }));
const set = useMysteryStore.setState;
const get = useMysteryStore.getState;

function readAttempts(): MysteryAttempt[] {
  try {
    return parseAttempts(typeof localStorage === 'undefined' ? null : localStorage.getItem(SCORES_KEY));
  } catch {
    return []; // storage refused (private mode): the score is kept for this tab only
  }
}

function saveAttempts(attempts: MysteryAttempt[]): void {
  try {
    localStorage.setItem(SCORES_KEY, JSON.stringify(attempts));
  } catch {
    // storage refused: the in-memory list still counts for this tab
  }
}

function datasetTask(d: DatasetChoice): Task | null {
  if (d.source === 'synthetic') return findSyntheticEntry(d.id)?.task ?? null;
  if (d.source === 'bundled') return (findBundledEntry(d.id)?.task as Task | undefined) ?? null;
  return null;
}

/** A seed for a new mystery (any source will do: the seed itself goes into the challenge link). */
function freshSeed(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return 1 + (buf[0]! % 9999);
}

/** Remembers a challenge link's token (the page calls this with the URL's `mystery` parameter). */
export function setChallengeToken(token: string | null): void {
  if (token !== get().pendingToken) set({ pendingToken: token, problem: null });
}

/** Starts a mystery run on the page's settings: the challenge link's fault, or a random one with a fresh seed. */
export async function startMystery(): Promise<void> {
  const train = useTrainStore.getState();
  if (train.status === 'running' || train.status === 'paused') return set({ problem: 'A run is training; stop it first.' });
  const token = get().pendingToken;
  let settings = train.settings;
  let fault: FaultName | null;
  if (token) {
    fault = revealFault(token, settings.config.seed);
    if (!fault) return set({ problem: 'This challenge link does not decode: was it edited, or its seed changed?' });
  } else {
    const seed = freshSeed();
    settings = { ...settings, config: { ...settings.config, seed } };
    const options = applicableFaults(datasetTask(settings.dataset), settings.config.model);
    if (options.length === 0) return set({ problem: 'No fault fits this model: pick an MLP.' });
    fault = pickFault(seed, datasetTask(settings.dataset), settings.config.model);
    updateSettings(settings);
  }
  const faultToken = token ?? hideFault(fault, settings.config.seed);
  set({ active: { runId: null, faultToken, seed: settings.config.seed, settings, challenge: token !== null }, grade: null, problem: null });
  const started = startTraining('train', {
    settings,
    name: `mystery run · ${describeDataset(settings.dataset).replace(/ \(.*\)$/, '')}`,
    fault,
    origin: { faultToken, branchOf: null, mystery: true },
  });
  const runId = useTrainStore.getState().activeRunId;
  set((s) => (s.active ? { active: { ...s.active, runId } } : {}));
  await started;
}

/** Grades the diagnosis of the active mystery, reveals the fault and records the attempt. */
export function submitDiagnosis(diagnosis: FaultName, cited: readonly EvidenceChart[]): MysteryGrade | null {
  const active = get().active;
  if (!active || get().grade) return null;
  const fault = revealFault(active.faultToken, active.seed);
  if (!fault) return null;
  const grade = gradeDiagnosis(fault, diagnosis, cited);
  const attempts = [...get().attempts, { at: Date.now(), fault, diagnosis, correct: grade.correct, evidenceCited: grade.evidenceCited, challenge: active.challenge }];
  saveAttempts(attempts);
  set({ grade, attempts });
  return grade;
}

/** The link that gives a whole class the active mystery (same data, seed and fault), or null. */
export function challengeLink(base: string): string | null {
  const active = get().active;
  if (!active) return null;
  const fault = revealFault(active.faultToken, active.seed);
  return fault ? `${base}#/train?${challengeQuery(active.settings, fault)}` : null;
}

/** Forgets the score summary kept in this browser. */
export function resetMysteryScores(): void {
  saveAttempts([]);
  set({ attempts: [] });
}
