/**
 * Persisted experiments: searches (settings and every trial), model comparisons, trained models
 * (parameters included, so importance and drift can use them after a reload), drift reports and
 * importance results. One IndexedDB database next to the runs database (`ml-workbench-runs`), with
 * the same storage discipline (degrading-repository.ts):
 * - every write awaits its transaction (a quota error aborts the transaction; per-request callbacks
 *   may never fire);
 * - the first failed write switches to an in-memory store for the rest of the session and explains
 *   why in `problem`, shown to the user verbatim; nothing already saved is touched;
 * - a browser that refuses IndexedDB altogether (private mode, storage off) gets the memory store
 *   from the start, with an 'unavailable' problem.
 * Reads merge both stores, the memory copy winning, so the page shows one list either way.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DegradingRepository, errorMessage, errorName, isQuotaError, openPrimary, type StorageProblem } from './degrading-repository';

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
  return `${errorName(error)}: ${errorMessage(error)}`;
}

/** The problem of a failed save of the record named `name`; it is kept in memory instead. */
function saveProblem(name: string): (error: unknown) => StorageProblem {
  return (error) => isQuotaError(error)
    ? {
        kind: 'quota',
        message: `The browser's storage for this site is full, so "${name}" could not be saved. It is kept in memory until this tab closes, with everything saved before; delete old experiments or runs, or export this one.`,
      }
    : {
        kind: 'write-failed',
        message: `Saving "${name}" failed (${describeError(error)}). It is kept in memory until this tab closes; export it if you need it.`,
      };
}

const readProblem = (error: unknown) => `Reading saved experiments failed (${describeError(error)}).`;

/**
 * The experiments repository. Writes never reject for storage reasons: failures become `problem`
 * (and a call to `onProblem`), and the record is kept in memory instead.
 */
export class ExperimentsDb extends DegradingRepository<ExperimentsBackend> {
  constructor(primary: ExperimentsBackend | null, problem: StorageProblem | null = null) {
    super(primary, createMemoryExperimentsBackend(), problem);
  }

  /** Opens IndexedDB, or falls back to memory with an 'unavailable' problem. */
  static async open(name = EXPERIMENTS_DB_NAME): Promise<ExperimentsDb> {
    const opened = await openPrimary(() => openIndexedDbExperimentsBackend(name));
    if (opened.primary) return new ExperimentsDb(opened.primary);
    return new ExperimentsDb(null, {
      kind: 'unavailable',
      message:
        `This browser does not let the page save data (${describeError(opened.error)}). Experiments are kept in memory and will be ` +
        'gone when this tab closes; export the ones you need.',
    });
  }

  /** Saves (or replaces) a record. */
  save(record: ExperimentRecord): Promise<void> {
    const copy = { ...record, updatedAt: Date.now() };
    return this.write((b) => b.put(copy), saveProblem(record.name));
  }

  /** Every record of a kind, from both stores (memory wins), newest first. */
  async list<V = unknown>(kind: ExperimentKind): Promise<ExperimentRecord<V>[]> {
    await this.settled();
    const byId = new Map<string, ExperimentRecord>();
    for (const r of await this.readPrimary((p) => p.list(kind), [], readProblem)) byId.set(r.id, r);
    for (const r of await this.memory.list(kind)) byId.set(r.id, r);
    return ([...byId.values()] as ExperimentRecord<V>[]).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** One record, or undefined. */
  async get<V = unknown>(id: string): Promise<ExperimentRecord<V> | undefined> {
    await this.settled();
    const fromMemory = await this.memory.get(id);
    if (fromMemory) return fromMemory as ExperimentRecord<V>;
    return (await this.readPrimary((p) => p.get(id), undefined, readProblem)) as ExperimentRecord<V> | undefined;
  }

  /** Deletes a record from both stores; a failed delete is reported, not thrown. */
  delete(id: string): Promise<void> {
    return this.deleteEverywhere((b) => b.delete(id), (error) => `Deleting the experiment from storage failed (${describeError(error)}).`);
  }
}

/** A fresh, time-ordered id: `<kind>-<time>-<random>`. */
export function newExperimentId(kind: ExperimentKind, now = Date.now()): string {
  const random = new Uint32Array(1);
  globalThis.crypto.getRandomValues(random);
  return `${kind}-${now.toString(36)}-${random[0]!.toString(36)}`;
}
