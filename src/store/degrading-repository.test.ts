import { describe, expect, it } from 'vitest';
import { DegradingRepository, isQuotaError, type StorageBackend, type StorageProblem } from './degrading-repository';

/** A key-value backend; `failFrom` makes every write from that one on throw (as a full disk would). */
function backend(kind: 'indexeddb' | 'memory', failFrom = Infinity, error: unknown = new DOMException('full', 'QuotaExceededError')) {
  const data = new Map<string, string>();
  let writes = 0;
  return {
    kind,
    data,
    async put(key: string, value: string) {
      if (writes++ >= failFrom) throw error;
      data.set(key, value);
    },
    async get(key: string) {
      if (failFrom === -1) throw new Error('read refused');
      return data.get(key);
    },
    async remove(key: string) {
      if (failFrom === -2) throw new Error('delete refused');
      data.delete(key);
    },
  } satisfies StorageBackend & Record<string, unknown>;
}
type Backend = ReturnType<typeof backend>;

class Repo extends DegradingRepository<Backend> {
  put(key: string, value: string): Promise<void> {
    return this.write((b) => b.put(key, value), (error): StorageProblem => ({ kind: isQuotaError(error) ? 'quota' : 'write-failed', message: `could not save ${key}` }));
  }
  async get(key: string): Promise<string | undefined> {
    await this.settled();
    return (await this.memory.get(key)) ?? (await this.readPrimary((p) => p.get(key), undefined, () => 'read failed'));
  }
  remove(key: string): Promise<void> {
    return this.deleteEverywhere((b) => b.remove(key), () => 'delete failed');
  }
}

describe('degrade-to-memory repository', () => {
  it('writes to the primary until a write fails, then that write and every later one go to memory, reported once', async () => {
    const primary = backend('indexeddb', 1);
    const repo = new Repo(primary, backend('memory'));
    const problems: string[] = [];
    repo.onProblem = (p) => problems.push(`${p.kind}: ${p.message}`);
    await repo.put('a', '1');
    expect(repo.persistent).toBe(true);
    await repo.put('b', '2');
    await repo.put('c', '3');
    expect(repo.persistent).toBe(false);
    expect(problems).toEqual(['quota: could not save b']);
    expect([...primary.data.keys()]).toEqual(['a']);
    expect([...repo.memory.data.keys()]).toEqual(['b', 'c']);
    expect(await repo.get('a')).toBe('1');
    expect(await repo.get('c')).toBe('3');
  });

  it('keeps writes in order, and starts in memory with the problem when there is no primary', async () => {
    const repo = new Repo(null, backend('memory'), { kind: 'unavailable', message: 'no IndexedDB' });
    expect(repo.persistent).toBe(false);
    await Promise.all([repo.put('k', 'first'), repo.put('k', 'second')]);
    expect(await repo.get('k')).toBe('second');
    expect(repo.problem).toEqual({ kind: 'unavailable', message: 'no IndexedDB' });
  });

  it('never throws from a failed read or delete of the primary: it reports it', async () => {
    const reads = new Repo(backend('indexeddb', -1), backend('memory'));
    expect(await reads.get('x')).toBeUndefined();
    expect(reads.problem).toEqual({ kind: 'write-failed', message: 'read failed' });
    const deletes = new Repo(backend('indexeddb', -2), backend('memory'));
    await deletes.remove('x');
    expect(deletes.problem).toEqual({ kind: 'write-failed', message: 'delete failed' });
  });
});
