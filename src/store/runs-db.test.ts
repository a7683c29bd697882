import { describe, expect, it, vi } from 'vitest';
import type { StepRecord } from '../core/train/step-record';
import { CHUNK_STEPS, createMemoryBackend, FLUSH_INTERVAL_MS, isQuotaError, RunsDb, type RunChunk, type RunMeta, type RunsBackend } from './runs-db';

function step(n: number, loss = 1 / n): StepRecord {
  return {
    step: n, epoch: 1, loss, data_loss: loss, grad_norm: 1, weight_norm: 1, update_norm: 0.001, update_ratio: 0.001,
    cos_update_grad: 1, cos_grad_prev: null, lr: 0.01, clipped: false, ms: 1, memory: { tensors: 10, bytes: 100 },
    details: false, layers: [],
  };
}

function meta(id: string, patch: Partial<RunMeta> = {}): RunMeta {
  return {
    id, name: `run ${id}`, createdAt: 1000, updatedAt: 1000, status: 'running', kind: 'train', config: { lr: 0.01 },
    datasetLabel: 'Two moons', backend: 'cpu', stepCount: 0, lastLoss: null, summary: {}, ...patch,
  };
}

/**
 * A backend that stores in memory but whose writes can be made to fail, as IndexedDB does when the
 * quota is exceeded: the whole write is rejected and nothing of it lands.
 */
function failingBackend(options: { failFromWrite?: number; error?: unknown; delayMs?: () => number } = {}) {
  const inner = createMemoryBackend();
  let writes = 0;
  const maybeFail = async () => {
    writes += 1;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs!()));
    if (options.failFromWrite !== undefined && writes >= options.failFromWrite) {
      throw options.error ?? new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
  };
  const backend: RunsBackend = {
    ...inner,
    kind: 'indexeddb',
    async putMeta(m) { await maybeFail(); await inner.putMeta(m); },
    async putChunks(c, m) { await maybeFail(); await inner.putChunks(c, m); },
    async putArtifact(a) { await maybeFail(); await inner.putArtifact(a); },
  };
  return { backend, inner, writes: () => writes };
}

describe('RunsDb', () => {
  it('stores records in step order across chunks, with the step count and last loss in the metadata', async () => {
    const { backend } = failingBackend();
    const db = new RunsDb(backend);
    await db.createRun(meta('a'));
    db.append('a', [step(1), step(2)]);
    await db.flush();
    db.append('a', [step(3)], [{ epoch: 1, val_loss: 0.5 }]);
    await db.finish('a', { status: 'done' });
    const run = await db.load('a');
    expect(run?.steps.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(run?.epochs).toEqual([{ epoch: 1, val_loss: 0.5 }]);
    expect(run?.meta.stepCount).toBe(3);
    expect(run?.meta.lastLoss).toBeCloseTo(1 / 3);
    expect(run?.meta.status).toBe('done');
    // What is in the backend itself (not a cached copy) is the whole run.
    expect((await backend.getMeta('a'))?.stepCount).toBe(3);
    expect((await backend.getChunks('a')).length).toBe(2);
  });

  it('writes a chunk by itself once CHUNK_STEPS records are waiting (a crash loses at most one chunk)', async () => {
    const { backend } = failingBackend();
    const db = new RunsDb(backend);
    await db.createRun(meta('a'));
    db.append('a', Array.from({ length: CHUNK_STEPS }, (_, i) => step(i + 1)));
    await vi.waitFor(async () => expect((await backend.getChunks('a')).length).toBe(1));
    expect((await backend.getMeta('a'))?.stepCount).toBe(CHUNK_STEPS);
  });

  it('writes by itself once the oldest buffered record has waited FLUSH_INTERVAL_MS, and a clean flush writes nothing', async () => {
    const { backend, writes } = failingBackend();
    let now = 0;
    const db = new RunsDb(backend, null, () => now);
    await db.createRun(meta('a'));
    db.append('a', [step(1)]);
    now = FLUSH_INTERVAL_MS - 1;
    db.append('a', [step(2)]);
    await db.list();
    expect(writes()).toBe(1);
    now = FLUSH_INTERVAL_MS;
    db.append('a', [step(3)]);
    await vi.waitFor(async () => expect((await backend.getMeta('a'))?.stepCount).toBe(3));
    expect(writes()).toBe(2);
    // Nothing changed since: the page's timer may call flush as often as it likes.
    await db.flush();
    await db.flush('a');
    expect(writes()).toBe(2);
    db.patchActive('a', { backend: 'wasm' });
    await db.flush();
    expect(writes()).toBe(3);
    expect((await backend.getMeta('a'))?.backend).toBe('wasm');
  });

  it('flushBeforeUnload writes at once, past a write in flight, with the chunks not yet saved, and the queued ones are skipped', async () => {
    const inner = createMemoryBackend();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const calls: number[][] = [];
    const backend: RunsBackend = {
      ...inner,
      kind: 'indexeddb',
      async putChunks(chunks: readonly RunChunk[], m: RunMeta) {
        calls.push(chunks.map((c) => c.seq));
        // The first chunk write hangs, as one in flight when the page is hidden.
        if (calls.length === 1) await held;
        await inner.putChunks(chunks, m);
      },
    };
    const db = new RunsDb(backend);
    await db.createRun(meta('a'));
    db.append('a', [step(1)]);
    void db.flush();
    db.append('a', [step(2)]);
    void db.flush();
    db.append('a', [step(3)]);
    await vi.waitFor(() => expect(calls).toEqual([[0]]));
    await db.flushBeforeUnload();
    // Chunk 0 is in flight, chunk 1 queued behind it: the unload write repeats both, with chunk 2.
    expect(calls).toEqual([[0], [0, 1, 2]]);
    expect((await inner.getMeta('a'))?.stepCount).toBe(3);
    expect((await inner.getChunks('a')).flatMap((c) => c.steps.map((s) => s.step))).toEqual([1, 2, 3]);
    // The page lives on (back/forward cache): the queued write of chunk 1 is skipped, later ones go on.
    release();
    db.append('a', [step(4)]);
    await db.finish('a', { status: 'done' });
    expect(calls).toEqual([[0], [0, 1, 2], [3]]);
    const run = await db.load('a');
    expect(run?.steps.map((s) => s.step)).toEqual([1, 2, 3, 4]);
    expect((await inner.getMeta('a'))?.stepCount).toBe(4);
  });

  it('a failed flushBeforeUnload degrades to memory like any write', async () => {
    const { backend } = failingBackend({ failFromWrite: 2 });
    const db = new RunsDb(backend);
    await db.createRun(meta('a'));
    db.append('a', [step(1), step(2)]);
    await db.flushBeforeUnload();
    expect(db.problem?.kind).toBe('quota');
    expect(db.persistent).toBe(false);
    expect((await db.load('a'))?.steps.length).toBe(2);
    expect((await db.memory.getMeta('a'))?.stepCount).toBe(2);
  });

  it('on a quota error keeps what was saved, continues in memory, reports once, and never rejects a write', async () => {
    // Write 1: createRun's metadata; write 2: chunk 0; write 3 (chunk 1) hits the quota.
    const { backend, inner } = failingBackend({ failFromWrite: 3 });
    const db = new RunsDb(backend);
    const problems: string[] = [];
    db.onProblem = (p) => problems.push(p.kind);
    await db.createRun(meta('a'));
    db.append('a', [step(1), step(2)]);
    await db.flush();
    expect(db.persistent).toBe(true);
    db.append('a', [step(3)]);
    await expect(db.flush()).resolves.toBeUndefined();
    db.append('a', [step(4)]);
    await db.flush();
    expect(db.persistent).toBe(false);
    expect(db.problem?.kind).toBe('quota');
    expect(db.problem?.message).toMatch(/full.*continues in memory/);
    expect(problems).toEqual(['quota']);
    // Saved before the error: untouched in the backend.
    expect((await inner.getChunks('a')).flatMap((c) => c.steps.map((s) => s.step))).toEqual([1, 2]);
    expect((await inner.getMeta('a'))?.stepCount).toBe(2);
    // The page still sees one continuous run.
    const run = await db.load('a');
    expect(run?.steps.map((s) => s.step)).toEqual([1, 2, 3, 4]);
    expect((await db.list()).find((m) => m.id === 'a')?.stepCount).toBe(4);
  });

  it('names other write errors and still keeps the run going in memory', async () => {
    const { backend } = failingBackend({ failFromWrite: 2, error: new DOMException('disk error', 'UnknownError') });
    const db = new RunsDb(backend);
    await db.createRun(meta('a'));
    db.append('a', [step(1)]);
    await db.flush();
    expect(db.problem?.kind).toBe('write-failed');
    expect(db.problem?.message).toContain('UnknownError: disk error');
    expect((await db.load('a'))?.steps.length).toBe(1);
  });

  it('works in memory when IndexedDB is refused, with the problem set from the start', async () => {
    const db = new RunsDb(null, { kind: 'unavailable', message: 'no storage' });
    expect(db.persistent).toBe(false);
    await db.createRun(meta('a'));
    db.append('a', [step(1)]);
    await db.finish('a', { status: 'done' });
    expect((await db.load('a'))?.steps.length).toBe(1);
    expect(db.problem?.kind).toBe('unavailable');
  });

  it('keeps chunks and metadata in order when writes complete out of order', async () => {
    let k = 0;
    const delays = [30, 1, 20, 2, 10, 3, 5, 1, 1, 1, 1];
    const { backend } = failingBackend({ delayMs: () => delays[k++ % delays.length]! });
    const db = new RunsDb(backend);
    await db.createRun(meta('a'));
    const flushes: Promise<void>[] = [];
    for (let i = 1; i <= 8; i++) {
      db.append('a', [step(i)]);
      flushes.push(db.flush('a'));
    }
    await Promise.all(flushes);
    expect((await backend.getMeta('a'))?.stepCount).toBe(8);
    expect((await db.load('a'))?.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('marks runs left running by an earlier page as interrupted, keeping their steps, but not its own active runs', async () => {
    const { backend } = failingBackend();
    const before = new RunsDb(backend);
    await before.createRun(meta('old'));
    before.append('old', [step(1), step(2)]);
    await before.flush();
    // A reload: a new RunsDb over the same storage, with one run of its own.
    const after = new RunsDb(backend);
    await after.createRun(meta('new', { createdAt: 2000 }));
    expect(await after.markInterrupted()).toBe(1);
    const list = await after.list();
    expect(list.map((m) => [m.id, m.status])).toEqual([['new', 'running'], ['old', 'interrupted']]);
    expect((await after.load('old'))?.steps.length).toBe(2);
  });

  it('renames and deletes runs in both backends', async () => {
    const { backend } = failingBackend({ failFromWrite: 3 });
    const db = new RunsDb(backend);
    await db.createRun(meta('saved'));
    await db.finish('saved', { status: 'done' });
    await db.createRun(meta('memory-only', { createdAt: 2000 }));
    await db.finish('memory-only', { status: 'done' });
    expect(db.persistent).toBe(false);
    await db.rename('saved', 'baseline');
    expect((await db.list()).find((m) => m.id === 'saved')?.name).toBe('baseline');
    await db.putArtifact({ runId: 'memory-only', name: 'weights', value: new Float32Array([1, 2]) });
    expect(await db.getArtifact('memory-only', 'weights')).toEqual(new Float32Array([1, 2]));
    await db.delete('saved');
    await db.delete('memory-only');
    expect(await db.list()).toEqual([]);
    expect(await backend.getMeta('saved')).toBeUndefined();
    expect(await db.getArtifact('memory-only', 'weights')).toBeUndefined();
  });

  it('stored values do not alias the caller (as with structured clone in IndexedDB)', async () => {
    const db = new RunsDb(createMemoryBackend());
    const m = meta('a');
    await db.createRun(m);
    const s = step(1);
    db.append('a', [s]);
    await db.finish('a');
    s.loss = 99;
    expect((await db.load('a'))?.steps[0]?.loss).toBe(1);
  });
});

describe('isQuotaError', () => {
  it('recognises the quota errors browsers raise and nothing else', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
