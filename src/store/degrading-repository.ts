/**
 * The one storage discipline of the page's persistence (runs, experiments, lessons): a primary backend
 * (IndexedDB) and a memory backend of the same shape.
 * - Writes run in order (a later save of the same record never lands first).
 * - The first failed write of the primary (a quota error aborts the whole IndexedDB transaction, so the
 *   backends await the transaction, not the request) switches every later write to memory, repeats the
 *   failed one there, and says why in `problem`; nothing already saved is touched.
 * - A browser that refuses IndexedDB altogether (private mode, storage off) gets memory from the start.
 * - Reads of the primary never throw: a failed read is reported and reads as "nothing there".
 * The repositories (RunsDb, ExperimentsDb, the lessons store) add what their records need on top.
 */

/** Why data is (partly) kept in memory; `message` is shown to the user verbatim. */
export interface StorageProblem {
  kind: 'unavailable' | 'quota' | 'write-failed';
  message: string;
}

export interface StorageBackend {
  readonly kind: 'indexeddb' | 'memory';
}

export function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name;
  return 'Error';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error || (error && typeof error === 'object' && 'message' in error)) return String((error as { message: unknown }).message);
  return String(error);
}

/** True for the errors browsers raise when the origin's storage is full. */
export function isQuotaError(error: unknown): boolean {
  const name = errorName(error);
  // Chromium/Firefox: QuotaExceededError; old Firefox: NS_ERROR_DOM_QUOTA_REACHED.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** The primary backend, or null and the error that refused it. */
export async function openPrimary<B>(open: () => Promise<B>): Promise<{ primary: B; error: null } | { primary: null; error: unknown }> {
  try {
    return { primary: await open(), error: null };
  } catch (error) {
    return { primary: null, error };
  }
}

export class DegradingRepository<B extends StorageBackend> {
  readonly memory: B;
  protected readonly primary: B | null;
  private degraded: boolean;
  private queue: Promise<void> = Promise.resolve();
  problem: StorageProblem | null;
  /** Called whenever `problem` changes. */
  onProblem: ((problem: StorageProblem) => void) | null = null;

  constructor(primary: B | null, memory: B, problem: StorageProblem | null = null) {
    this.primary = primary;
    this.memory = memory;
    this.degraded = primary === null;
    this.problem = problem;
  }

  /** True while writes go to the primary backend. */
  get persistent(): boolean {
    return !this.degraded;
  }

  protected setProblem(problem: StorageProblem): void {
    this.problem = problem;
    this.onProblem?.(problem);
  }

  /** Runs `op` after every earlier write. */
  protected enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.queue.then(op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write asked for so far has landed (reads call it first). */
  protected settled(): Promise<void> {
    return this.queue;
  }

  /**
   * Writes with `op(backend)`, after every earlier write. On the first failure of the primary it
   * reports `problemOf(error)`, switches every later write to memory and repeats this one there.
   * Memory writes do not fail (one that does is a bug, and rejects).
   */
  protected write(op: (backend: B) => Promise<void>, problemOf: (error: unknown) => StorageProblem): Promise<void> {
    return this.enqueue(async () => {
      const backend = this.degraded || !this.primary ? this.memory : this.primary;
      try {
        await op(backend);
      } catch (error) {
        if (backend === this.memory) throw error;
        this.degraded = true;
        this.setProblem(problemOf(error));
        await op(this.memory);
      }
    });
  }

  /**
   * Writes with `op(primary)` at once, not behind the queue: for the last write before the page goes away
   * (a queued write waits for the one in flight, and an unloading page runs no more tasks). Reads and
   * later writes wait for it; a failure degrades as in `write`.
   */
  protected writeNow(op: (backend: B) => Promise<void>, problemOf: (error: unknown) => StorageProblem): Promise<void> {
    if (this.degraded || !this.primary) return this.write(op, problemOf);
    const done = op(this.primary).catch(async (error: unknown) => {
      if (!this.degraded) {
        this.degraded = true;
        this.setProblem(problemOf(error));
      }
      await op(this.memory);
    });
    this.queue = Promise.all([this.queue, done.catch(() => undefined)]).then(() => undefined);
    return done;
  }

  /** Reads from the primary; a failure is reported as `message(error)` and gives `fallback`, never a rejection. */
  protected async readPrimary<T>(read: (primary: B) => Promise<T>, fallback: T, message: (error: unknown) => string): Promise<T> {
    if (!this.primary) return fallback;
    try {
      return await read(this.primary);
    } catch (error) {
      this.setProblem({ kind: 'write-failed', message: message(error) });
      return fallback;
    }
  }

  /** Removes from memory and the primary, in order with the writes; a failed delete in the primary is reported, not thrown. */
  protected deleteEverywhere(op: (backend: B) => Promise<void>, message: (error: unknown) => string): Promise<void> {
    return this.enqueue(async () => {
      await op(this.memory);
      if (!this.primary) return;
      try {
        await op(this.primary);
      } catch (error) {
        this.setProblem({ kind: 'write-failed', message: message(error) });
      }
    });
  }
}
