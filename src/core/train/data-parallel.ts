/**
 * Data-parallel SGD: each batch is split across N gradient workers, each computes the gradient of its
 * shard, the gradients are summed (all-reduced) and ONE update is applied, on the run's own model.
 *
 * Why the result equals one worker's: the batch loss is mean_i(w_i l_i) over the B rows (losses.ts), so
 * its gradient is the sum over shards s of (n_s / B) * gradient of the shard's mean. Each worker returns
 * its shard's term already scaled by n_s / B; the run adds the terms in worker order (in float64, then
 * stored as float32). Only the order of the float32 sums differs from one worker, so the weights agree
 * to float32 tolerance (tested on cpu and wasm). Two things are not split: the L1/L2 penalty is added
 * once by the run, and dropout masks are drawn per shard (so with dropout the runs differ, as they would
 * on real machines).
 *
 * Asynchronous mode (simulated staleness, deterministic): every shard's gradient is computed on the
 * weights of `staleness` updates ago and applied to the current ones, which is what a parameter server
 * does with workers that are `staleness` updates behind. staleness 0 is the synchronous run.
 *
 * The workers are anything behind the GradientPool interface: Web Workers (the page), worker threads
 * (the CLI), or `InProcessGradientPool` (the same computation one shard after another in this thread:
 * tests, and the fallback when workers cannot start). Each worker runs a ShardWorker over the same
 * training rows, which it receives once in `setup`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedData } from '../data/preprocess';
import { deviceBatchFromRows, disposeBatch } from './device-batch';
import { batchLoss } from './losses';
import { forward, type ModelSpec } from './model';
import { probabilitySquaredError } from './wrong-loss';

/** What every worker receives once: the model layout and the training rows. Plain, transferable data. */
export interface ShardSetup {
  spec: ModelSpec;
  d: number;
  /** The training part's row-major features [n, d] and targets (class codes or values). */
  x: Float32Array;
  y: Float64Array;
  n: number;
  targetScale: PreparedData['targetScale'];
  classWeights: Float64Array | null;
  loss?: 'mse-probabilities';
  /** The TensorFlow.js backend the run uses: workers use the same one (the same kernels). */
  backend: string;
}

/** One shard of one step. */
export interface ShardRequest {
  /** The weights to differentiate at (flat, the spec's order). */
  params: Float32Array;
  /** Indices into the training part. */
  positions: Int32Array;
  dropoutSeed: number;
  /** The whole batch's size B (the shard's term is scaled by n_s / B). */
  batchSize: number;
}

export interface ShardResult {
  /** (n_s / B) * gradient of the shard's mean data loss. */
  grad: Float32Array;
  /** (n_s / B) * the shard's mean data loss. */
  dataLoss: number;
  /** Per layer, max |z| of its outputs over the shard. */
  maxAbs: Float32Array;
  /** The worker's compute time for this shard, in ms. */
  ms: number;
}

/** N gradient workers. `gradients` answers one result per request, in request order. */
export interface GradientPool {
  readonly size: number;
  /** What the workers are, in words (e.g. "2 Web Workers"). */
  readonly kind: string;
  setup(setup: ShardSetup): Promise<void>;
  gradients(requests: ShardRequest[]): Promise<ShardResult[]>;
  dispose(): void;
}

/** The setup for a run's training rows. */
export function shardSetupFor(data: PreparedData, spec: ModelSpec, backend: string, loss?: 'mse-probabilities'): ShardSetup {
  return {
    spec, d: data.d, x: data.train.x, y: data.train.y, n: data.train.n, targetScale: data.targetScale, classWeights: data.classWeights, backend,
    ...(loss ? { loss } : {}),
  };
}

/** `positions` cut into `n` contiguous shards whose sizes differ by at most one (larger first); empty shards dropped. */
export function splitBatch(positions: Int32Array, n: number): Int32Array[] {
  const out: Int32Array[] = [];
  const base = Math.floor(positions.length / n);
  const extra = positions.length % n;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const size = base + (i < extra ? 1 : 0);
    if (size > 0) out.push(positions.slice(at, at + size));
    at += size;
  }
  return out;
}

/** The sum of the shards' terms, in worker order (float64 accumulation, float32 result). */
export function allReduce(results: readonly ShardResult[], paramCount: number, layers: number): { grad: Float32Array; dataLoss: number; maxAbs: Float32Array } {
  const acc = new Float64Array(paramCount);
  let dataLoss = 0;
  const maxAbs = new Float32Array(layers).fill(-Infinity);
  for (const r of results) {
    if (r.grad.length !== paramCount) throw new RangeError(`a worker returned ${r.grad.length} gradient entries, expected ${paramCount}`);
    for (let p = 0; p < paramCount; p++) acc[p]! += r.grad[p]!;
    dataLoss += r.dataLoss;
    // NaN must win (a worker whose forward pass blew up): Math.max does that.
    for (let l = 0; l < layers; l++) maxAbs[l] = Math.max(maxAbs[l]!, r.maxAbs[l]!);
  }
  return { grad: Float32Array.from(acc), dataLoss, maxAbs };
}

/** A worker's computation, on whatever backend is active in its thread (pure TensorFlow.js; no messages). */
export class ShardWorker {
  private readonly part: { rows: Int32Array; n: number; x: Float32Array; y: Float64Array };

  constructor(private readonly setup: ShardSetup) {
    this.part = { rows: new Int32Array(0), n: setup.n, x: setup.x, y: setup.y };
  }

  compute(request: ShardRequest): ShardResult {
    const start = globalThis.performance.now();
    const { spec } = this.setup;
    const batch = deviceBatchFromRows({ d: this.setup.d, targetScale: this.setup.targetScale }, spec, this.part, request.positions, this.setup.classWeights);
    const maxAbs: tf.Tensor[] = [];
    const weight = request.positions.length / request.batchSize;
    try {
      const out = tf.tidy(() => {
        const params = tf.tensor1d(request.params);
        const f = (w: tf.Tensor): tf.Scalar => {
          const outputs = forward(spec, w as tf.Tensor1D, batch.x, { training: true, dropoutSeed: request.dropoutSeed, maxAbs });
          const data = this.setup.loss === 'mse-probabilities' ? probabilitySquaredError(spec.head, outputs, batch.y) : batchLoss(spec.head, outputs, batch.y, batch.weights);
          return tf.mul(data, weight) as tf.Scalar;
        };
        const { value, grad } = tf.valueAndGrad(f)(params);
        return tf.concat([tf.reshape(value, [1]), tf.reshape(grad, [-1]), ...maxAbs.map((m) => tf.reshape(m, [1]))]);
      });
      const values = out.dataSync() as Float32Array;
      out.dispose();
      const P = spec.paramCount;
      return {
        dataLoss: values[0]!,
        grad: values.slice(1, 1 + P),
        maxAbs: values.slice(1 + P, 1 + P + spec.layers.length),
        ms: globalThis.performance.now() - start,
      };
    } finally {
      tf.dispose(maxAbs);
      disposeBatch(batch);
    }
  }
}

/** The pool in this thread: each "worker" computes its shard in turn (tests; the fallback). */
export class InProcessGradientPool implements GradientPool {
  readonly kind: string;
  private worker: ShardWorker | null = null;

  constructor(readonly size: number) {
    this.kind = `${size} in-process workers (one after another, in this thread)`;
  }

  async setup(setup: ShardSetup): Promise<void> {
    this.worker = new ShardWorker(setup);
  }

  async gradients(requests: ShardRequest[]): Promise<ShardResult[]> {
    const worker = this.worker;
    if (!worker) throw new Error('setup() first');
    return requests.map((r) => worker.compute(r));
  }

  dispose(): void {
    this.worker = null;
  }
}

// ---------------------------------------------------------------------------------------------------
// The message protocol between a pool and its workers (Web Workers and worker threads share it).

export type ShardCommand = { type: 'setup'; setup: ShardSetup } | { type: 'compute'; id: number; request: ShardRequest };
export type ShardReply = { type: 'ready' } | { type: 'result'; id: number; result: ShardResult } | { type: 'error'; id: number | null; message: string };

/**
 * The worker side: handles one command and returns the reply (and what to transfer). `activate` selects
 * the backend in the worker's thread (the shell knows its packages); called once, at setup.
 */
export async function handleShardCommand(
  state: { worker: ShardWorker | null },
  command: ShardCommand,
  activate: (backend: string) => Promise<void>,
): Promise<{ reply: ShardReply; transfer: ArrayBuffer[] }> {
  try {
    if (command.type === 'setup') {
      await activate(command.setup.backend);
      state.worker = new ShardWorker(command.setup);
      return { reply: { type: 'ready' }, transfer: [] };
    }
    if (!state.worker) throw new Error('the worker got a compute command before its setup');
    const result = state.worker.compute(command.request);
    return { reply: { type: 'result', id: command.id, result }, transfer: [result.grad.buffer as ArrayBuffer, result.maxAbs.buffer as ArrayBuffer] };
  } catch (err) {
    return { reply: { type: 'error', id: command.type === 'compute' ? command.id : null, message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

/** One end of a channel to a worker: a Web Worker or a worker thread, adapted by the shell. */
export interface ShardEndpoint {
  post(command: ShardCommand): void;
  onReply(handler: (reply: ShardReply) => void): void;
  onFailure(handler: (message: string) => void): void;
  terminate(): void;
}

/** A pool over N endpoints: request i goes to worker i. */
export class MessageGradientPool implements GradientPool {
  readonly size: number;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ShardResult) => void; reject: (e: Error) => void }>();
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private failed: string | null = null;

  constructor(private readonly endpoints: ShardEndpoint[], readonly kind: string) {
    this.size = endpoints.length;
    for (const e of endpoints) {
      e.onReply((reply) => this.onReply(reply));
      e.onFailure((message) => this.fail(`a gradient worker failed: ${message}`));
    }
  }

  private onReply(reply: ShardReply): void {
    if (reply.type === 'ready') {
      this.readyWaiters.shift()?.resolve();
    } else if (reply.type === 'result') {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply.result);
    } else if (reply.id !== null) {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.reject(new Error(reply.message));
    } else {
      this.readyWaiters.shift()?.reject(new Error(reply.message));
    }
  }

  private fail(message: string): void {
    this.failed ??= message;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    for (const w of this.readyWaiters) w.reject(new Error(message));
    this.readyWaiters = [];
  }

  async setup(setup: ShardSetup): Promise<void> {
    if (this.failed) throw new Error(this.failed);
    // Each worker gets its own copy of the rows (structured clone): they are read-only there.
    const ready = this.endpoints.map(() => new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject })));
    for (const e of this.endpoints) e.post({ type: 'setup', setup });
    await Promise.all(ready);
  }

  gradients(requests: ShardRequest[]): Promise<ShardResult[]> {
    if (this.failed) return Promise.reject(new Error(this.failed));
    if (requests.length > this.size) return Promise.reject(new RangeError(`${requests.length} shards for ${this.size} workers`));
    return Promise.all(
      requests.map(
        (request, i) =>
          new Promise<ShardResult>((resolve, reject) => {
            const id = this.nextId++;
            this.pending.set(id, { resolve, reject });
            this.endpoints[i]!.post({ type: 'compute', id, request });
          }),
      ),
    );
  }

  dispose(): void {
    this.fail('the pool was closed');
    for (const e of this.endpoints) e.terminate();
  }
}
