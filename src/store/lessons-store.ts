/**
 * Lesson progress, kept per browser: which steps a learner finished, and the learner's own experiment
 * runs (settings, check outcomes and the measured quantities), in IndexedDB through `idb`.
 *
 * When IndexedDB is refused (private browsing, a blocked origin) or a write fails (a quota error aborts
 * the whole transaction, so we await the transaction), the store moves to an in-memory backend for the
 * rest of the session, keeps everything it already had, and says so in `problem`: the degrade-to-memory
 * repository of runs and experiments (degrading-repository.ts), under `LessonsDb`.
 */
import { openDB, type DBSchema } from 'idb';
import { create } from 'zustand';
import type { CheckOutcome, Quantities } from '../core/lessons/checks';
import { DegradingRepository, errorMessage, openPrimary, type StorageProblem } from './degrading-repository';

export interface LessonRunRecord {
  /** Unique: `${lessonId}/${stepId}/${at}`. */
  id: string;
  lessonId: string;
  stepId: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** The setting values the run used (the lesson's defaults unless the learner changed them). */
  settings: Record<string, number>;
  /** Whether those were the lesson's own settings (the checks were written for them). */
  defaults: boolean;
  outcomes: CheckOutcome[];
  quantities: Quantities;
  backend: string;
  ms: number;
}

export interface LessonProgress {
  lessonId: string;
  /** Ids of the steps the learner finished (ran, or read when the step has no experiment). */
  finished: string[];
  updatedAt: number;
}

/** Storage calls the store needs; every write lands whole or throws. */
export interface LessonsBackend {
  readonly kind: 'indexeddb' | 'memory';
  allProgress(): Promise<LessonProgress[]>;
  putProgress(p: LessonProgress): Promise<void>;
  allRuns(): Promise<LessonRunRecord[]>;
  putRun(r: LessonRunRecord): Promise<void>;
  deleteLesson(lessonId: string): Promise<void>;
}

interface LessonsSchema extends DBSchema {
  progress: { key: string; value: LessonProgress };
  runs: { key: string; value: LessonRunRecord; indexes: { byLesson: string } };
}

export const LESSONS_DB_NAME = 'ml-workbench-lessons';
const LESSONS_DB_VERSION = 1;
/** Runs kept per lesson step (the oldest go first). */
export const MAX_RUNS_PER_STEP = 20;

export async function openIndexedDbLessonsBackend(name = LESSONS_DB_NAME): Promise<LessonsBackend> {
  const db = await openDB<LessonsSchema>(name, LESSONS_DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('progress', { keyPath: 'lessonId' });
      database.createObjectStore('runs', { keyPath: 'id' }).createIndex('byLesson', 'lessonId');
    },
  });
  return {
    kind: 'indexeddb',
    allProgress: () => db.getAll('progress'),
    async putProgress(p) {
      const tx = db.transaction('progress', 'readwrite');
      await Promise.all([tx.store.put(p), tx.done]);
    },
    allRuns: () => db.getAll('runs'),
    async putRun(r) {
      const tx = db.transaction('runs', 'readwrite');
      await Promise.all([tx.store.put(r), tx.done]);
    },
    async deleteLesson(lessonId) {
      const tx = db.transaction(['progress', 'runs'], 'readwrite');
      const keys = await tx.objectStore('runs').index('byLesson').getAllKeys(lessonId);
      await Promise.all([tx.objectStore('progress').delete(lessonId), ...keys.map((k) => tx.objectStore('runs').delete(k)), tx.done]);
    },
  };
}

export function createMemoryLessonsBackend(): LessonsBackend {
  const progress = new Map<string, LessonProgress>();
  const runs = new Map<string, LessonRunRecord>();
  return {
    kind: 'memory',
    allProgress: async () => [...progress.values()],
    putProgress: async (p) => void progress.set(p.lessonId, structuredClone(p)),
    allRuns: async () => [...runs.values()],
    putRun: async (r) => void runs.set(r.id, structuredClone(r)),
    deleteLesson: async (lessonId) => {
      progress.delete(lessonId);
      for (const [k, r] of runs) if (r.lessonId === lessonId) runs.delete(k);
    },
  };
}

export interface LessonsState {
  ready: boolean;
  storage: 'indexeddb' | 'memory';
  /** Why progress is only kept in this tab, in plain words; null when IndexedDB works. */
  problem: string | null;
  /** lessonId -> finished step ids. */
  finished: Record<string, string[]>;
  /** Newest first. */
  runs: LessonRunRecord[];
}

const keptInThisTab = (reason: string): string => `Progress is kept in this tab only (${reason}); it will be gone after a reload.`;

/** Lesson progress over the degrade-to-memory repository; writes never reject for storage reasons. */
class LessonsDb extends DegradingRepository<LessonsBackend> {
  constructor(primary: LessonsBackend | null, problem: StorageProblem | null = null) {
    super(primary, createMemoryLessonsBackend(), problem);
  }

  /** Opens the backend and reads what it holds; a refusal of either leaves the repository in memory. */
  static async open(open: () => Promise<LessonsBackend>): Promise<{ db: LessonsDb; progress: LessonProgress[]; runs: LessonRunRecord[] }> {
    const opened = await openPrimary(async () => {
      const backend = await open();
      const [progress, runs] = await Promise.all([backend.allProgress(), backend.allRuns()]);
      return { backend, progress, runs };
    });
    if (!opened.primary) {
      const message = keptInThisTab(`the browser refused IndexedDB: ${errorMessage(opened.error)}`);
      return { db: new LessonsDb(null, { kind: 'unavailable', message }), progress: [], runs: [] };
    }
    return { db: new LessonsDb(opened.primary.backend), progress: opened.primary.progress, runs: opened.primary.runs };
  }

  /** Where writes go now. */
  get storage(): 'indexeddb' | 'memory' {
    return this.persistent && this.primary ? this.primary.kind : 'memory';
  }

  save(op: (backend: LessonsBackend) => Promise<void>): Promise<void> {
    return this.write(op, (error) => ({ kind: 'write-failed', message: keptInThisTab(`saving failed: ${errorMessage(error)}`) }));
  }
}

/** In memory until `initLessonsStore` opens the database. */
let db = new LessonsDb(null);
let opening: Promise<void> | null = null;

export const useLessonsStore = create<LessonsState>(() => ({ ready: false, storage: 'memory', problem: null, finished: {}, runs: [] }));

/** The page shows the repository's problem, and where it keeps progress now. */
function follow(repository: LessonsDb): void {
  repository.onProblem = (problem) => useLessonsStore.setState({ storage: repository.storage, problem: problem.message });
}

/**
 * Opens the store once (later calls share the first). `open` is injectable for tests; in the page it
 * opens IndexedDB, and any refusal leaves the store on the memory backend with `problem` set.
 */
export function initLessonsStore(open: () => Promise<LessonsBackend> = () => openIndexedDbLessonsBackend()): Promise<void> {
  opening ??= (async () => {
    const opened = await LessonsDb.open(open);
    db = opened.db;
    follow(db);
    // Anything recorded while the database was opening is kept (writes wait for the open, see write()).
    const now = useLessonsStore.getState();
    const finished: Record<string, string[]> = Object.fromEntries(opened.progress.map((p) => [p.lessonId, p.finished]));
    for (const [lessonId, ids] of Object.entries(now.finished)) finished[lessonId] = [...new Set([...(finished[lessonId] ?? []), ...ids])];
    const known = new Set(opened.runs.map((r) => r.id));
    useLessonsStore.setState({
      ready: true,
      storage: db.storage,
      problem: db.problem?.message ?? null,
      finished,
      runs: [...opened.runs, ...now.runs.filter((r) => !known.has(r.id))].sort((a, b) => b.at - a.at),
    });
  })();
  return opening;
}

async function write(action: (backend: LessonsBackend) => Promise<void>): Promise<void> {
  // A write made while the database is still opening goes to the database, not the placeholder.
  if (opening) await opening;
  await db.save(action);
}

/** Marks a step as finished (idempotent). */
export async function markStepFinished(lessonId: string, stepId: string): Promise<void> {
  const current = useLessonsStore.getState().finished[lessonId] ?? [];
  if (current.includes(stepId)) return;
  const finished = [...current, stepId];
  useLessonsStore.setState((s) => ({ finished: { ...s.finished, [lessonId]: finished } }));
  // The list is read when the write happens: after the open, it includes what the database held.
  await write((b) => b.putProgress({ lessonId, finished: useLessonsStore.getState().finished[lessonId] ?? finished, updatedAt: Date.now() }));
}

/** Keeps a learner's run (newest first, at most MAX_RUNS_PER_STEP per step in the page). */
export async function recordLessonRun(run: LessonRunRecord): Promise<void> {
  useLessonsStore.setState((s) => {
    const sameStep = s.runs.filter((r) => r.lessonId === run.lessonId && r.stepId === run.stepId);
    const dropped = new Set(sameStep.slice(MAX_RUNS_PER_STEP - 1).map((r) => r.id));
    return { runs: [run, ...s.runs.filter((r) => !dropped.has(r.id))] };
  });
  await write((b) => b.putRun(run));
}

/** Forgets a lesson's progress and runs. */
export async function resetLesson(lessonId: string): Promise<void> {
  useLessonsStore.setState((s) => {
    const finished = { ...s.finished };
    delete finished[lessonId];
    return { finished, runs: s.runs.filter((r) => r.lessonId !== lessonId) };
  });
  await write((b) => b.deleteLesson(lessonId));
}

/** Test-only: forget the opened backend and state. */
export function resetLessonsStoreForTests(): void {
  db = new LessonsDb(null);
  opening = null;
  useLessonsStore.setState({ ready: false, storage: 'memory', problem: null, finished: {}, runs: [] });
}
