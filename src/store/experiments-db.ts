/**
 * Persisted experiments: searches (settings and every trial), model comparisons, trained models
 * (parameters included, so importance and drift can use them after a reload), drift reports and
 * importance results. One IndexedDB database next to the runs database (`ml-workbench-runs`), with
 * the same storage discipline as runs-db.ts:
 * - every write awaits its transaction (a quota error aborts the transaction; per-request callbacks
 *   may never fire);
 * - the first failed write switches to an in-memory store for the rest of the session and explains
 *   why in `problem`, shown to the user verbatim; nothing already saved is touched;
 * - a browser that refuses IndexedDB altogether (private mode, storage off) gets the memory store
 *   from the start, with an 'unavailable' problem.
 * Reads merge both stores, the memory copy winning, so the page shows one list either way.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isQuotaError, type StorageProblem } from './runs-db';

export type ExperimentKind = 'search' | 'comparison' | 'model' | 'drift' | 'importance';

export interface ExperimentRecord<V = unknown> {
  id: string;
  kind: ExperimentKind;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  /** One line for lists: e.g. 'bayes, 20 trials, best loss 0.21'. */
  summary: string;
  value: V;
}

/** The storage calls ExperimentsDb needs. Every write lands whole or not at all. */
export interface ExperimentsBackend {
  readonly kind: 'indexeddb' | 'memory';
  put(record: ExperimentRecord): Promise<void>;
  get(id: string): Promise<ExperimentRecord | undefined>;
  list(kind: ExperimentKind): Promise<ExperimentRecord[]>;
  delete(id: string): Promise<void>;
}

export function createMemoryExperimentsBackend(): ExperimentsBackend {
  const records = new Map<string, ExperimentRecord>();
  return {
    kind: 'memory',
    async put(record) {
      records.set(record.id, structuredClone(record));
    },
    async get(id) {
      const r = records.get(id);
      return r ? structuredClone(r) : undefined;
    },
    async list(kind) {
      return [...records.values()].filter((r) => r.kind === kind).map((r) => structuredClone(r));
    },
    async delete(id) {
      records.delete(id);
    },
  };
}

interface ExperimentsSchema extends DBSchema {
  records: { key: string; value: ExperimentRecord; indexes: { kind: ExperimentKind } };
}

/** Database name; e2e tests read it to check what survived a reload. */
export const EXPERIMENTS_DB_NAME = 'ml-workbench-experiments';
const EXPERIMENTS_DB_VERSION = 1;

/** Opens the IndexedDB backend; rejects when the browser refuses IndexedDB. */
export async function openIndexedDbExperimentsBackend(name = EXPERIMENTS_DB_NAME): Promise<ExperimentsBackend> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser');
  const db: IDBPDatabase<ExperimentsSchema> = await openDB<ExperimentsSchema>(name, EXPERIMENTS_DB_VERSION, {
    upgrade(database) {
      const store = database.createObjectStore('records', { keyPath: 'id' });
      store.createIndex('kind', 'kind');
    },
  });
  return {
    kind: 'indexeddb',
    async put(record) {
      const tx = db.transaction('records', 'readwrite');
      await Promise.all([tx.store.put(record), tx.done]);
    },
    get: (id) => db.get('records', id),
    list: (kind) => db.getAllFromIndex('records', 'kind', kind),
    async delete(id) {
      const tx = db.transaction('records', 'readwrite');
      await Promise.all([tx.store.delete(id), tx.done]);
    },
  };
}

function describeError(error: unknown): string {
  const name = error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : 'Error';
  const message = error && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  return `${name}: ${message}`;
}

/**
 * The experiments repository. Writes never reject for storage reasons: failures become `problem`
 * (and a call to `onProblem`), and the record is kept in memory instead.
 */
export class ExperimentsDb {
  readonly memory = createMemoryExperimentsBackend();
  private readonly primary: ExperimentsBackend | null;
  private degraded: boolean;
  private queue: Promise<void> = Promise.resolve();
  problem: StorageProblem | null;
  onProblem: ((problem: StorageProblem) => void) | null = null;

  constructor(primary: ExperimentsBackend | null, problem: StorageProblem | null = null) {
    this.primary = primary;
    this.degraded = primary === null;
    this.problem = problem;
  }

  /** Opens IndexedDB, or falls back to memory with an 'unavailable' problem. */
  static async open(name = EXPERIMENTS_DB_NAME): Promise<ExperimentsDb> {
    try {
      return new ExperimentsDb(await openIndexedDbExperimentsBackend(name));
    } catch (error) {
      return new ExperimentsDb(null, {
        kind: 'unavailable',
        message:
          `This browser does not let the page save data (${describeError(error)}). Experiments are kept in memory and will be ` +
          'gone when this tab closes; export the ones you need.',
      });
    }
  }

  /** True while writes go to IndexedDB. */
  get persistent(): boolean {
    return !this.degraded;
  }

  private setProblem(problem: StorageProblem): void {
    this.problem = problem;
    this.onProblem?.(problem);
  }

  /** Runs `op` after every earlier write, so a later save of the same record never lands first. */
  private enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.queue.then(op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Saves (or replaces) a record. */
  save(record: ExperimentRecord): Promise<void> {
    const copy = { ...record, updatedAt: Date.now() };
    return this.enqueue(async () => {
      if (this.degraded || !this.primary) {
        await this.memory.put(copy);
        return;
      }
      try {
        await this.primary.put(copy);
      } catch (error) {
        this.degraded = true;
        this.setProblem(
          isQuotaError(error)
            ? {
                kind: 'quota',
                message: `The browser's storage for this site is full, so "${record.name}" could not be saved. It is kept in memory until this tab closes, with everything saved before; delete old experiments or runs, or export this one.`,
              }
            : {
                kind: 'write-failed',
                message: `Saving "${record.name}" failed (${describeError(error)}). It is kept in memory until this tab closes; export it if you need it.`,
              },
        );
        await this.memory.put(copy);
      }
    });
  }

  /** Every record of a kind, from both stores (memory wins), newest first. */
  async list<V = unknown>(kind: ExperimentKind): Promise<ExperimentRecord<V>[]> {
    await this.queue;
    const byId = new Map<string, ExperimentRecord>();
    if (this.primary) for (const r of await this.read(() => this.primary!.list(kind), [])) byId.set(r.id, r);
    for (const r of await this.memory.list(kind)) byId.set(r.id, r);
    return ([...byId.values()] as ExperimentRecord<V>[]).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** One record, or undefined. */
  async get<V = unknown>(id: string): Promise<ExperimentRecord<V> | undefined> {
    await this.queue;
    const fromMemory = await this.memory.get(id);
    if (fromMemory) return fromMemory as ExperimentRecord<V>;
    if (!this.primary) return undefined;
    return (await this.read(() => this.primary!.get(id), undefined)) as ExperimentRecord<V> | undefined;
  }

  /** Deletes a record from both stores; a failed delete is reported, not thrown. */
  delete(id: string): Promise<void> {
    return this.enqueue(async () => {
      await this.memory.delete(id);
      if (!this.primary) return;
      try {
        await this.primary.delete(id);
      } catch (error) {
        this.setProblem({ kind: 'write-failed', message: `Deleting the experiment from storage failed (${describeError(error)}).` });
      }
    });
  }

  private async read<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (error) {
      this.setProblem({ kind: 'write-failed', message: `Reading saved experiments failed (${describeError(error)}).` });
      return fallback;
    }
  }
}

/** A fresh, time-ordered id: `<kind>-<time>-<random>`. */
export function newExperimentId(kind: ExperimentKind, now = Date.now()): string {
  const random = new Uint32Array(1);
  globalThis.crypto.getRandomValues(random);
  return `${kind}-${now.toString(36)}-${random[0]!.toString(36)}`;
}
