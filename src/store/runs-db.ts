/**
 * Persisted training runs: metadata, step and epoch records (written in chunks while training runs, so a
 * reload or a crashed tab keeps the steps so far), and artifacts (weights, test predictions).
 *
 * Two layers:
 * - `RunsBackend`: the storage itself, a handful of async calls. `openIndexedDbBackend` is the real one
 *   (IndexedDB through `idb`), `createMemoryBackend` keeps everything in this tab.
 * - `RunsDb`: the logic on top. It buffers records per run, writes one chunk (records + updated metadata)
 *   per transaction, in order, and degrades to memory on the first failed write: a quota error aborts the
 *   whole IndexedDB transaction (so we await the transaction, not the requests), nothing already written
 *   is touched, the failed chunk and everything after it go to the memory backend, and `problem` explains
 *   it in plain words. Reads merge both backends, so the page shows one continuous run either way.
 * The split exists so the quota and abort handling can be unit-tested with a fake backend in Node
 * (Vitest has no IndexedDB); the IndexedDB backend itself is exercised by the e2e tests.
 */
import type { RunOrigin } from './run-origin';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StepRecord } from '../core/train/step-record';
import { DegradingRepository, errorMessage, errorName, isQuotaError, openPrimary, type StorageProblem } from './degrading-repository';

export { isQuotaError, type StorageProblem };

export type RunStatus = 'running' | 'paused' | 'done' | 'failed' | 'stopped' | 'interrupted';

/** What the runs list shows and searches; everything but the records and artifacts. */
export interface RunMeta {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  status: RunStatus;
  /** 'train' for a normal run, 'overfit-batch' for the one-batch check. */
  kind: 'train' | 'overfit-batch';
  /** The run's settings as the Train page serialises them; validated by the page on read. */
  config: unknown;
  /** One line for the list, e.g. 'Two moons (400 points, noise 0.15)'. */
  datasetLabel: string;
  /** Backend the run used (webgpu, webgl, wasm, cpu), once known. */
  backend: string | null;
  /** Step records stored so far (all chunks). */
  stepCount: number;
  lastLoss: number | null;
  /** Anything final the page wants to keep with the run: test metrics, baselines, verdict, error. */
  summary: Record<string, unknown>;
  /** A hidden fault or the run it branched from (see run-origin.ts); absent for ordinary runs. */
  origin?: RunOrigin;
}

/** A batch of records written in one transaction. `seq` is 0, 1, 2, ... per run. */
export interface RunChunk {
  runId: string;
  seq: number;
  steps: StepRecord[];
  /** Epoch records as the engine reports them (train/validation metrics per epoch). */
  epochs: unknown[];
}

/** A named blob of a run: 'weights' (flat Float32Array + layout), 'predictions' (CSV text), ... */
export interface RunArtifact {
  runId: string;
  name: string;
  value: unknown;
}

/** A run read back whole. */
export interface LoadedRun {
  meta: RunMeta;
  steps: StepRecord[];
  epochs: unknown[];
}

/** The storage calls RunsDb needs. Every write is atomic: it lands whole or not at all. */
export interface RunsBackend {
  readonly kind: 'indexeddb' | 'memory';
  putMeta(meta: RunMeta): Promise<void>;
  /** Writes the chunks (one, or the ones not yet saved before an unload) and the run's updated metadata in one transaction. */
  putChunks(chunks: readonly RunChunk[], meta: RunMeta): Promise<void>;
  putArtifact(artifact: RunArtifact): Promise<void>;
  listMeta(): Promise<RunMeta[]>;
  getMeta(id: string): Promise<RunMeta | undefined>;
  getChunks(runId: string): Promise<RunChunk[]>;
  getArtifact(runId: string, name: string): Promise<RunArtifact | undefined>;
  deleteRun(id: string): Promise<void>;
}


// ---------------------------------------------------------------------------------------------------
// Backends

/** Structured clone, so the memory backend behaves like IndexedDB: stored values do not alias the caller's. */
const clone = <T>(value: T): T => structuredClone(value);

/** Everything in a Map; used as the fallback and in tests. */
export function createMemoryBackend(): RunsBackend {
  const metas = new Map<string, RunMeta>();
  const chunks = new Map<string, RunChunk[]>();
  const artifacts = new Map<string, RunArtifact>();
  const artifactKey = (runId: string, name: string) => `${runId}\u0000${name}`;
  return {
    kind: 'memory',
    async putMeta(meta) {
      metas.set(meta.id, clone(meta));
    },
    async putChunks(written, meta) {
      for (const chunk of written) {
        const list = (chunks.get(chunk.runId) ?? []).filter((c) => c.seq !== chunk.seq);
        list.push(clone(chunk));
        chunks.set(chunk.runId, list);
      }
      metas.set(meta.id, clone(meta));
    },
    async putArtifact(artifact) {
      artifacts.set(artifactKey(artifact.runId, artifact.name), clone(artifact));
    },
    async listMeta() {
      return [...metas.values()].map(clone);
    },
    async getMeta(id) {
      const m = metas.get(id);
      return m ? clone(m) : undefined;
    },
    async getChunks(runId) {
      return (chunks.get(runId) ?? []).map(clone).sort((a, b) => a.seq - b.seq);
    },
    async getArtifact(runId, name) {
      const a = artifacts.get(artifactKey(runId, name));
      return a ? clone(a) : undefined;
    },
    async deleteRun(id) {
      metas.delete(id);
      chunks.delete(id);
      for (const key of [...artifacts.keys()]) if (key.startsWith(`${id}\u0000`)) artifacts.delete(key);
    },
  };
}

interface RunsSchema extends DBSchema {
  runs: { key: string; value: RunMeta };
  chunks: { key: [string, number]; value: RunChunk };
  artifacts: { key: [string, string]; value: RunArtifact };
}

/** Database name; e2e tests read it to check what survived a reload. */
export const RUNS_DB_NAME = 'ml-workbench-runs';
const RUNS_DB_VERSION = 1;

/**
 * Opens the IndexedDB backend. Rejects when the browser refuses IndexedDB (some private modes, storage
 * disabled, `indexedDB` missing); `RunsDb.open` turns that into an 'unavailable' problem.
 */
export async function openIndexedDbBackend(name = RUNS_DB_NAME): Promise<RunsBackend> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser');
  const db: IDBPDatabase<RunsSchema> = await openDB<RunsSchema>(name, RUNS_DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('runs', { keyPath: 'id' });
      database.createObjectStore('chunks', { keyPath: ['runId', 'seq'] });
      database.createObjectStore('artifacts', { keyPath: ['runId', 'name'] });
    },
  });
  // Keys [runId, n] for every n: numbers sort before strings in IndexedDB's key order, so [id, ''] is an upper bound.
  const runRange = (runId: string) => IDBKeyRange.bound([runId, -Infinity], [runId, '']);
  return {
    kind: 'indexeddb',
    async putMeta(meta) {
      const tx = db.transaction('runs', 'readwrite');
      // Await the transaction, not only the request: a quota error aborts the transaction.
      await Promise.all([tx.store.put(meta), tx.done]);
    },
    async putChunks(written, meta) {
      const tx = db.transaction(['chunks', 'runs'], 'readwrite');
      const puts = [...written.map((chunk) => tx.objectStore('chunks').put(chunk)), tx.objectStore('runs').put(meta)];
      // Commit now rather than when the requests' results are back: a page being unloaded gets no results.
      tx.commit();
      await Promise.all([...puts, tx.done]);
    },
    async putArtifact(artifact) {
      const tx = db.transaction('artifacts', 'readwrite');
      await Promise.all([tx.store.put(artifact), tx.done]);
    },
    listMeta: () => db.getAll('runs'),
    getMeta: (id) => db.get('runs', id),
    getChunks: (runId) => db.getAll('chunks', runRange(runId)),
    getArtifact: (runId, artifactName) => db.get('artifacts', [runId, artifactName]),
    async deleteRun(id) {
      const tx = db.transaction(['runs', 'chunks', 'artifacts'], 'readwrite');
      const range = IDBKeyRange.bound([id, -Infinity], [id, []]);
      await Promise.all([
        tx.objectStore('runs').delete(id),
        tx.objectStore('chunks').delete(range),
        tx.objectStore('artifacts').delete(range),
        tx.done,
      ]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Logic

/** How many buffered step records trigger a write without waiting for `flush`. */
export const CHUNK_STEPS = 200;

/**
 * The longest a record waits in the buffer while records keep coming (`append` writes once it has), and
 * the period of the page's flush timer. A crash loses what is buffered plus the write in flight: with
 * a quarter second, a transaction's commit and a busy main thread still keep that under one second.
 */
export const FLUSH_INTERVAL_MS = 250;

interface ActiveRun {
  meta: RunMeta;
  steps: StepRecord[];
  epochs: unknown[];
  nextSeq: number;
  /** Records or metadata changed since the last flush (a clean flush writes nothing). */
  dirty: boolean;
  /** When the buffer was last taken for a write (the clock's ms). */
  flushedAt: number;
  /** Chunks handed to a write that has not finished: the write before an unload repeats them. */
  unsaved: RunChunk[];
  /** Flushes so far; queued writes of flushes up to `superseded` were covered by `flushBeforeUnload`. */
  flushes: number;
  superseded: number;
}

/** The message shown when IndexedDB cannot be opened at all. */
export function unavailableProblem(error: unknown): StorageProblem {
  return {
    kind: 'unavailable',
    message:
      'This browser does not let the page save data (private browsing or storage turned off: ' +
      `${errorMessage(error)}). Runs are kept in memory and will be gone when this tab closes; export the ones you need.`,
  };
}

/** The problem of a failed write of `context` (quota or another error); training goes on in memory. */
function writeProblem(context: string): (error: unknown) => StorageProblem {
  return (error) => isQuotaError(error)
    ? {
        kind: 'quota',
        message:
          `The browser's storage for this site is full, so ${context} could not be saved. Training continues in ` +
          'memory and everything saved before is kept; delete old runs or export this one before closing the tab.',
      }
    : {
        kind: 'write-failed',
        message:
          `Saving ${context} failed (${errorName(error)}: ${errorMessage(error)}). Training continues in memory and ` +
          'everything saved before is kept; export the run before closing the tab.',
      };
}

const readProblem = (error: unknown) => `Reading saved runs failed (${errorName(error)}: ${errorMessage(error)}).`;

/**
 * The runs repository the Train page uses, over the degrade-to-memory repository
 * (degrading-repository.ts). Safe to call from UI code without try/catch: storage failures become
 * `problem` (and a call to `onProblem`), never a rejected promise from a write.
 */
export class RunsDb extends DegradingRepository<RunsBackend> {
  private active = new Map<string, ActiveRun>();
  private readonly now: () => number;

  /** `now` is the clock of the time-based flush (tests pass their own). */
  constructor(primary: RunsBackend | null, problem: StorageProblem | null = null, now: () => number = () => Date.now()) {
    super(primary, createMemoryBackend(), problem);
    this.now = now;
  }

  /** Opens IndexedDB, or falls back to memory with an 'unavailable' problem. */
  static async open(name = RUNS_DB_NAME): Promise<RunsDb> {
    const opened = await openPrimary(() => openIndexedDbBackend(name));
    return opened.primary ? new RunsDb(opened.primary) : new RunsDb(null, unavailableProblem(opened.error));
  }

  /** Starts recording a run: stores its metadata at once (so a crash right after still lists it). */
  createRun(meta: RunMeta): Promise<void> {
    const copy = { ...meta };
    this.active.set(meta.id, { meta: copy, steps: [], epochs: [], nextSeq: 0, dirty: false, flushedAt: this.now(), unsaved: [], flushes: 0, superseded: 0 });
    return this.write((b) => b.putMeta(copy), writeProblem(`run "${meta.name}"`));
  }

  /**
   * Buffers records of an active run; writes a chunk when CHUNK_STEPS step records are waiting or the
   * oldest has waited FLUSH_INTERVAL_MS (so the writes keep pace with the records, whatever the timers do).
   * Call `flush` on a timer (every FLUSH_INTERVAL_MS) and when the run pauses or ends.
   */
  append(runId: string, steps: readonly StepRecord[], epochs: readonly unknown[] = []): void {
    const run = this.active.get(runId);
    if (!run) throw new Error(`append to run ${runId}, which is not being recorded`);
    run.steps.push(...steps);
    run.epochs.push(...epochs);
    run.meta.stepCount += steps.length;
    const last = steps[steps.length - 1];
    if (last) run.meta.lastLoss = last.loss;
    run.dirty = true;
    if (run.steps.length >= CHUNK_STEPS || this.now() - run.flushedAt >= FLUSH_INTERVAL_MS) void this.flush(runId);
  }

  /** Changes an active run's metadata; the change is written with the next chunk (or now, via flush). */
  patchActive(runId: string, patch: Partial<Omit<RunMeta, 'id' | 'stepCount'>>): void {
    const run = this.active.get(runId);
    if (!run) throw new Error(`patch of run ${runId}, which is not being recorded`);
    Object.assign(run.meta, patch);
    run.dirty = true;
  }

  /** The metadata of an active run as it will next be written, or undefined. */
  activeMeta(runId: string): RunMeta | undefined {
    const run = this.active.get(runId);
    return run ? { ...run.meta } : undefined;
  }

  /**
   * Writes whatever changed (records and metadata) for one active run, or for all of them; resolves once
   * every write asked for so far has landed.
   */
  flush(runId?: string): Promise<void> {
    const ids = runId ? [runId] : [...this.active.keys()];
    const writes = ids.map((id) => {
      const run = this.active.get(id);
      if (!run?.dirty) return this.settled();
      const { chunk, meta, flush } = this.takeBuffer(run);
      return this.write(async (b) => {
        if (flush <= run.superseded) return;
        await (chunk ? b.putChunks([chunk], meta) : b.putMeta(meta));
        if (chunk) run.unsaved = run.unsaved.filter((c) => c !== chunk);
      }, writeProblem(`steps of run "${meta.name}"`));
    });
    return Promise.all(writes).then(() => undefined);
  }

  /**
   * The last write before the page goes away (call it on `pagehide`): started at once, not behind the
   * queue. It repeats the chunks whose writes have not finished, so the step count it stores always
   * matches the chunks stored; if the page lives on (back/forward cache) the queued writes it covered are skipped.
   */
  flushBeforeUnload(): Promise<void> {
    const writes = [...this.active.values()].map((run) => {
      const { meta, flush } = this.takeBuffer(run);
      const chunks = [...run.unsaved];
      run.superseded = flush;
      return this.writeNow(async (b) => {
        await b.putChunks(chunks, meta);
        run.unsaved = run.unsaved.filter((c) => !chunks.includes(c));
      }, writeProblem(`steps of run "${meta.name}"`));
    });
    return Promise.all(writes).then(() => undefined);
  }

  /** Takes an active run's buffer as the next chunk (null when empty), with the metadata to write with it. */
  private takeBuffer(run: ActiveRun): { chunk: RunChunk | null; meta: RunMeta; flush: number } {
    const hasRecords = run.steps.length > 0 || run.epochs.length > 0;
    const chunk = hasRecords ? { runId: run.meta.id, seq: run.nextSeq++, steps: run.steps, epochs: run.epochs } : null;
    if (chunk) run.unsaved.push(chunk);
    run.steps = [];
    run.epochs = [];
    run.dirty = false;
    run.flushedAt = this.now();
    run.flushes += 1;
    return { chunk, meta: { ...run.meta, updatedAt: Date.now() }, flush: run.flushes };
  }

  /** Flushes and stops recording a run (after it is done, failed or stopped). */
  async finish(runId: string, patch: Partial<Omit<RunMeta, 'id' | 'stepCount'>> = {}): Promise<void> {
    if (!this.active.has(runId)) return;
    this.patchActive(runId, patch);
    await this.flush(runId);
    this.active.delete(runId);
  }

  /** Stores an artifact (weights, predictions). */
  putArtifact(artifact: RunArtifact): Promise<void> {
    return this.write((b) => b.putArtifact(artifact), writeProblem(`the ${artifact.name} of run ${artifact.runId}`));
  }

  /** Every run, from both backends (the memory copy wins: it is the newer one), newest first. */
  async list(): Promise<RunMeta[]> {
    await this.settled();
    const byId = new Map<string, RunMeta>();
    for (const m of await this.readPrimary((p) => p.listMeta(), [], readProblem)) byId.set(m.id, m);
    for (const m of await this.memory.listMeta()) byId.set(m.id, m);
    for (const run of this.active.values()) byId.set(run.meta.id, { ...run.meta });
    return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** A run with every record, in step order (buffered records of an active run included), or undefined. */
  async load(runId: string): Promise<LoadedRun | undefined> {
    await this.settled();
    const primaryMeta = await this.readPrimary((p) => p.getMeta(runId), undefined, readProblem);
    const meta = this.active.get(runId)?.meta ?? (await this.memory.getMeta(runId)) ?? primaryMeta;
    if (!meta) return undefined;
    const chunks = [
      ...(await this.readPrimary((p) => p.getChunks(runId), [], readProblem)),
      ...(await this.memory.getChunks(runId)),
    ].sort((a, b) => a.seq - b.seq);
    const steps: StepRecord[] = [];
    const epochs: unknown[] = [];
    for (const c of chunks) {
      steps.push(...c.steps);
      epochs.push(...c.epochs);
    }
    const buffered = this.active.get(runId);
    if (buffered) {
      steps.push(...buffered.steps);
      epochs.push(...buffered.epochs);
    }
    return { meta: { ...meta }, steps, epochs };
  }

  /** An artifact from memory or IndexedDB, or undefined. */
  async getArtifact(runId: string, name: string): Promise<unknown> {
    await this.settled();
    const fromMemory = await this.memory.getArtifact(runId, name);
    if (fromMemory) return fromMemory.value;
    return (await this.readPrimary((p) => p.getArtifact(runId, name), undefined, readProblem))?.value;
  }

  /** Renames a run wherever it is stored. */
  async rename(runId: string, name: string): Promise<void> {
    const active = this.active.get(runId);
    if (active) {
      active.meta.name = name;
      active.dirty = true;
      return this.flush(runId);
    }
    const meta = (await this.memory.getMeta(runId)) ?? (await this.readPrimary((p) => p.getMeta(runId), undefined, readProblem));
    if (!meta) return;
    const renamed = { ...meta, name, updatedAt: Date.now() };
    return this.write((b) => b.putMeta(renamed), writeProblem(`the new name of run "${meta.name}"`));
  }

  /** Deletes a run from both backends. A failed delete in IndexedDB is reported, not thrown. */
  async delete(runId: string): Promise<void> {
    this.active.delete(runId);
    await this.deleteEverywhere((b) => b.deleteRun(runId), (error) => `Deleting the run from storage failed (${errorName(error)}: ${errorMessage(error)}).`);
  }

  /**
   * Marks runs left 'running' or 'paused' by a previous page load (a reload or a crashed tab) as
   * 'interrupted', keeping every record they had written. Returns how many were marked.
   */
  async markInterrupted(): Promise<number> {
    const stale = (await this.list()).filter((m) => (m.status === 'running' || m.status === 'paused') && !this.active.has(m.id));
    for (const m of stale) {
      const meta = { ...m, status: 'interrupted' as const };
      await this.write((b) => b.putMeta(meta), writeProblem(`the status of run "${m.name}"`));
    }
    return stale.length;
  }

}

/** A fresh run id: time-ordered and unique across tabs. */
export function newRunId(now = Date.now()): string {
  const random = new Uint32Array(1);
  globalThis.crypto.getRandomValues(random);
  return `run-${now.toString(36)}-${random[0]!.toString(36)}`;
}

/**
 * Asks the browser to keep this site's storage under pressure (`navigator.storage.persist()`), so saved
 * runs are not evicted. 'unsupported' where the API is missing; the browser may say no.
 */
export async function requestPersistentStorage(): Promise<'granted' | 'denied' | 'unsupported'> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted?.()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}
