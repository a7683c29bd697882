import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryLessonsBackend, initLessonsStore, markStepFinished, MAX_RUNS_PER_STEP, recordLessonRun, resetLesson,
  resetLessonsStoreForTests, useLessonsStore, type LessonRunRecord, type LessonsBackend,
} from './lessons-store';

const run = (stepId: string, at: number, lessonId = 'lr'): LessonRunRecord => ({
  id: `${lessonId}/${stepId}/${at}`, lessonId, stepId, at, settings: { lr: 0.1 }, defaults: true,
  outcomes: [{ id: 'c', status: 'pass', observed: '1 > 0' }], quantities: { a: { loss: NaN } }, backend: 'cpu', ms: 5,
});

/** A backend whose writes fail after `okWrites` successes (as a quota error would). */
function failingAfter(okWrites: number): LessonsBackend {
  const inner = createMemoryLessonsBackend();
  let writes = 0;
  const guard = async <T>(f: () => Promise<T>): Promise<T> => {
    if (writes++ >= okWrites) throw new DOMException('quota exceeded', 'QuotaExceededError');
    return f();
  };
  return { ...inner, kind: 'indexeddb', putProgress: (p) => guard(() => inner.putProgress(p)), putRun: (r) => guard(() => inner.putRun(r)) };
}

beforeEach(() => resetLessonsStoreForTests());

describe('lessons store', () => {
  it('loads what the backend holds and survives a "reload" (a new store over the same backend)', async () => {
    const db = createMemoryLessonsBackend();
    await initLessonsStore(async () => db);
    await markStepFinished('lr', 'four-rates');
    await markStepFinished('lr', 'four-rates');
    await recordLessonRun(run('four-rates', 1));
    resetLessonsStoreForTests();
    await initLessonsStore(async () => db);
    const s = useLessonsStore.getState();
    expect(s.finished).toEqual({ lr: ['four-rates'] });
    expect(s.runs.map((r) => r.id)).toEqual(['lr/four-rates/1']);
    expect(Number.isNaN(s.runs[0]!.quantities.a!.loss)).toBe(true);
  });

  it('a step finished while the database is still opening is saved with what the database held', async () => {
    const db = createMemoryLessonsBackend();
    await db.putProgress({ lessonId: 'lr', finished: ['old'], updatedAt: 0 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const init = initLessonsStore(async () => {
      await gate;
      return db;
    });
    const marking = markStepFinished('lr', 'new');
    release();
    await Promise.all([init, marking]);
    expect(useLessonsStore.getState().finished.lr!.sort()).toEqual(['new', 'old']);
    expect((await db.allProgress())[0]!.finished.sort()).toEqual(['new', 'old']);
  });

  it('falls back to memory when IndexedDB is refused, and says so', async () => {
    await initLessonsStore(async () => {
      throw new Error('The user denied permission');
    });
    await markStepFinished('lr', 'a');
    const s = useLessonsStore.getState();
    expect(s.storage).toBe('memory');
    expect(s.problem).toMatch(/this tab only.*denied permission/);
    expect(s.finished).toEqual({ lr: ['a'] });
  });

  it('a failed write keeps everything in the page and moves to memory', async () => {
    await initLessonsStore(async () => failingAfter(1));
    await markStepFinished('lr', 'a');
    expect(useLessonsStore.getState().problem).toBeNull();
    await markStepFinished('lr', 'b');
    const s = useLessonsStore.getState();
    expect(s.problem).toMatch(/quota exceeded/);
    expect(s.finished.lr).toEqual(['a', 'b']);
    await recordLessonRun(run('a', 2));
    expect(useLessonsStore.getState().runs).toHaveLength(1);
  });

  it('keeps the newest runs of a step, newest first', async () => {
    await initLessonsStore(async () => createMemoryLessonsBackend());
    for (let t = 1; t <= MAX_RUNS_PER_STEP + 3; t++) await recordLessonRun(run('a', t));
    await recordLessonRun(run('b', 100));
    const runs = useLessonsStore.getState().runs;
    expect(runs.filter((r) => r.stepId === 'a')).toHaveLength(MAX_RUNS_PER_STEP);
    expect(runs[0]!.id).toBe('lr/b/100');
    expect(runs[1]!.at).toBe(MAX_RUNS_PER_STEP + 3);
  });

  it('resetLesson forgets one lesson only', async () => {
    const db = createMemoryLessonsBackend();
    await initLessonsStore(async () => db);
    await markStepFinished('lr', 'a');
    await markStepFinished('init', 'b');
    await recordLessonRun(run('a', 1));
    await recordLessonRun(run('b', 2, 'init'));
    await resetLesson('lr');
    expect(useLessonsStore.getState().finished).toEqual({ init: ['b'] });
    expect((await db.allRuns()).map((r) => r.lessonId)).toEqual(['init']);
  });
});
