import { describe, expect, it } from 'vitest';
import { createMemoryExperimentsBackend, ExperimentsDb, newExperimentId, type ExperimentRecord, type ExperimentsBackend } from './experiments-db';

const record = (id: string, kind: ExperimentRecord['kind'] = 'search', createdAt = 1): ExperimentRecord => ({
  id, kind, name: `exp ${id}`, createdAt, updatedAt: createdAt, summary: '', value: { params: new Float32Array([1, 2]) },
});

/** A backend whose writes fail after `okWrites` successes, like IndexedDB once the quota is reached. */
function failingBackend(okWrites: number, error: { name: string; message: string }): ExperimentsBackend & { stored: () => Promise<ExperimentRecord[]> } {
  const inner = createMemoryExperimentsBackend();
  let writes = 0;
  return {
    kind: 'indexeddb',
    async put(r) {
      if (writes++ >= okWrites) throw Object.assign(new Error(error.message), { name: error.name });
      await inner.put(r);
    },
    get: inner.get,
    list: inner.list,
    delete: inner.delete,
    stored: () => inner.list('search'),
  };
}

describe('ExperimentsDb', () => {
  it('saves, lists by kind newest first, reads back copies and deletes', async () => {
    const db = new ExperimentsDb(createMemoryExperimentsBackend());
    await db.save(record('a', 'search', 1));
    await db.save(record('b', 'search', 2));
    await db.save(record('m', 'model', 3));
    expect((await db.list('search')).map((r) => r.id)).toEqual(['b', 'a']);
    const got = await db.get<{ params: Float32Array }>('m');
    expect(got!.value.params).toBeInstanceOf(Float32Array);
    await db.delete('a');
    expect((await db.list('search')).map((r) => r.id)).toEqual(['b']);
    expect(db.problem).toBeNull();
  });

  it('keeps saving in memory after a quota error, says so once, and keeps what was saved before', async () => {
    const primary = failingBackend(1, { name: 'QuotaExceededError', message: 'full' });
    const db = new ExperimentsDb(primary);
    const problems: string[] = [];
    db.onProblem = (p) => problems.push(p.kind);
    await db.save(record('first'));
    await db.save(record('second', 'search', 2));
    await db.save(record('third', 'search', 3));
    expect(problems).toEqual(['quota']);
    expect(db.persistent).toBe(false);
    expect(db.problem!.message).toContain('"exp second"');
    expect((await primary.stored()).map((r) => r.id)).toEqual(['first']);
    expect((await db.list('search')).map((r) => r.id)).toEqual(['third', 'second', 'first']);
  });

  it('reports other write failures as such, and works without IndexedDB at all', async () => {
    const db = new ExperimentsDb(failingBackend(0, { name: 'UnknownError', message: 'disk' }));
    await db.save(record('x'));
    expect(db.problem!.kind).toBe('write-failed');
    expect(db.problem!.message).toContain('UnknownError: disk');
    const none = await ExperimentsDb.open(); // Node has no indexedDB
    expect(none.problem!.kind).toBe('unavailable');
    await none.save(record('y'));
    expect((await none.list('search')).map((r) => r.id)).toEqual(['y']);
  });

  it('makes distinct, kind-prefixed ids', () => {
    const a = newExperimentId('drift', 5), b = newExperimentId('drift', 5);
    expect(a.startsWith('drift-5-')).toBe(true);
    expect(a).not.toBe(b);
  });
});
