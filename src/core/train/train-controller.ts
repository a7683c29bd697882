/**
 * The training Worker's logic, free of any Worker API so it runs (and is tested) in Node: commands in,
 * events out. The Worker file is only the message switch around it; the typed client and a main-thread
 * fallback use the same commands and events (src/workers/train-protocol.ts re-exports them).
 *
 * A run advances in slices of steps (about `sliceMs` of work), yielding to the event loop between
 * slices so pause, resume, step and stop are handled promptly. Step records are buffered and posted in
 * batches at most every `flushMs` (default 50 ms: at most 20 messages a second), never dropped; the
 * buffer is flushed before any other event so the UI sees events in order.
 */
import { pacedStepMs, type Pace } from './pace';
import { findBundledEntry, findSyntheticEntry, type SyntheticGeneratorParams } from '../data/catalog';
import type { Task } from '../data/preprocess';
import { labelledTableFromCsv, labelledTableFromSynthetic, type LabelledTable } from '../data/table';
import { parseCsv } from '../csv/parse';
import type { DataError, Result } from '../result';
import type { BackendChoice, BackendPreference, BackendSelection } from './backend-select';
import { resolveTrainConfig, totalSteps, type TrainConfig, type TrainConfigInput } from './config';
import { runLrRangeTest, type LrRangeTestOptions, type LrRangeTestResult } from './lr-range-test';
import { runOverfitBatch, type OverfitVerdict } from './overfit-batch';
import { boundaryAxes, type BoundaryAxes, type BoundaryGrid } from './boundary-grid';
import { benchmarkSteps, type StepBenchmarkOptions, type StepBenchmarkResult } from './step-benchmark';
import type { StepRecord } from './step-record';
import { branchConfig, startBranch } from './branch';
import { checkpointPlan, isCheckpointStep, type CheckpointPlan } from './checkpoints';
import { prepareFaultedRun, type FaultName } from './faults';
import { TrainingRun, type EpochRecord, type RunInfo, type TrainResult } from './training-run';
import { InProcessGradientPool, shardSetupFor, type GradientPool } from './data-parallel';
import { quoteExcerpt } from '../text/excerpt';
import { describeEngineFailure } from './engine-failure';

/** Where the data comes from. Bundled files are fetched by the page (static files) and passed as text. */
export type TrainDataSource =
  | { kind: 'bundled'; id: string; text: string }
  | { kind: 'csv'; fileName: string; text: string; target: string; task?: Task }
  | { kind: 'synthetic'; id: string; params?: Partial<SyntheticGeneratorParams> };

export type TrainMode = 'train' | 'overfit-batch' | 'lr-range-test';

export type TrainCommand =
  | {
      type: 'start';
      runId: string;
      mode: TrainMode;
      source: TrainDataSource;
      config: TrainConfigInput;
      backend: BackendPreference;
      /** Prepare everything, then wait for 'resume' or 'step' (train mode). */
      startPaused?: boolean;
      lrRange?: LrRangeTestOptions;
      /** Inject a mystery bug (faults.ts); `config` is the run's own, unfaulted. */
      fault?: FaultName | null;
      /**
       * A branch (branch.ts): replay `config` (with its fault) to step `at`, then continue with `changes`
       * applied; `lrFactor` multiplies the rate the original ran with (after its fault). The trunk's
       * records are posted as ordinary steps, so the branch's series is complete from step 1.
       */
      branch?: { at: number; changes?: TrainConfigInput; lrFactor?: number };
      /** Post the weights every K steps as 'checkpoint' events, K chosen to fit this many bytes (checkpoints.ts). */
      checkpointBytes?: number;
      /** ...or on this plan (a branch uses its original's, so their checkpoints fall on the same steps). */
      checkpointPlan?: CheckpointPlan;
      /** Spread a train run over some wall time so it can be watched (pace.ts); default full speed. */
      pace?: Pace;
    }
  | { type: 'pause'; runId: string }
  | { type: 'resume'; runId: string }
  /** One step, then stay paused (pauses a running run first). */
  | { type: 'step'; runId: string }
  /** End the run now: the result (with final and test metrics) follows in 'done'. */
  | { type: 'stop'; runId: string }
  | { type: 'benchmark'; id: number; backend: BackendPreference; options?: Partial<StepBenchmarkOptions> };

export type RunnerStatus = 'preparing' | 'running' | 'paused' | 'finishing' | 'done' | 'error';

export type TrainEvent =
  | { type: 'backend'; runId: string; choice: BackendChoice }
  | { type: 'prepared'; runId: string; info: RunInfo; config: TrainResult['config']; warnings: string[] }
  | { type: 'steps'; runId: string; records: StepRecord[] }
  | { type: 'epoch'; runId: string; record: EpochRecord }
  /** Decision-boundary predictions for 2-D data, at most every GRID_MS while training and once at the end. */
  | ({ type: 'grid'; runId: string } & BoundaryGrid)
  | { type: 'status'; runId: string; status: RunnerStatus; step: number }
  /** The run's result; `steps` is empty (the records were streamed in 'steps' events). */
  | { type: 'done'; runId: string; result: TrainResult }
  | { type: 'verdict'; runId: string; verdict: OverfitVerdict; warnings: string[] }
  | { type: 'lr-range'; runId: string; result: LrRangeTestResult; warnings: string[] }
  | { type: 'error'; runId: string; error: DataError }
  /** The weights after `step` (see checkpoints.ts), under `plan`. */
  | { type: 'checkpoint'; runId: string; step: number; params: Float32Array; plan: CheckpointPlan }
  | { type: 'benchmark'; id: number; backend: BackendChoice; result: StepBenchmarkResult }
  | { type: 'benchmark-error'; id: number; message: string };

export interface TrainControllerHost {
  post(event: TrainEvent): void;
  /** Select and activate a backend (the shell knows which packages exist). */
  selectBackend(preference: BackendPreference): Promise<BackendSelection>;
  /** Milliseconds, monotonic. Default performance.now(). */
  now?(): number;
  /** Let pending messages be handled. Default: a zero-delay timeout. */
  yieldToEvents?(): Promise<void>;
  /** Wait `ms` (a paced run between steps). Default: a timeout. */
  sleep?(ms: number): Promise<void>;
  /** Work per slice before yielding (default 16 ms). */
  sliceMs?: number;
  /** Minimum interval between 'steps' messages (default 50 ms). */
  flushMs?: number;
  /**
   * N gradient workers for a data-parallel run (Web Workers in the browser). Without it, or when they
   * fail to start, the shards are computed one after another in this thread (InProcessGradientPool).
   */
  createGradientPool?(workers: number): GradientPool;
}

/** Loads the data of a source as a labelled table, with the catalog's task where known. */
export function tableFromSource(source: TrainDataSource): Result<{ table: LabelledTable; task?: Task }> {
  const bad = (message: string): Result<{ table: LabelledTable; task?: Task }> => ({ ok: false, error: { kind: 'bad-source', message, file: null, row: null, column: null } });
  if (source.kind === 'synthetic') {
    const entry = findSyntheticEntry(source.id);
    if (!entry) return bad(`no synthetic generator called ${quoteExcerpt(source.id)}`);
    return { ok: true, value: { table: labelledTableFromSynthetic(entry.generate({ ...entry.defaults, ...source.params })), task: entry.task }, warnings: [] };
  }
  let fileName: string;
  let target: string;
  let task: Task | undefined;
  if (source.kind === 'bundled') {
    const entry = findBundledEntry(source.id);
    if (!entry || entry.kind !== 'dataset') return bad(`no bundled dataset called ${quoteExcerpt(source.id)}`);
    fileName = entry.file;
    target = entry.target;
    task = entry.task;
  } else {
    fileName = source.fileName;
    target = source.target;
    task = source.task;
  }
  const parsed = parseCsv(source.text, fileName);
  if (!parsed.ok) return parsed;
  const table = labelledTableFromCsv(parsed.value, target);
  if (!table.ok) return table;
  return { ok: true, value: { table: table.value, ...(task ? { task } : {}) }, warnings: [...parsed.warnings, ...table.warnings] };
}

interface ActiveRun {
  runId: string;
  run: TrainingRun;
  asyncReads: boolean;
  paused: boolean;
  stopRequested: boolean;
  looping: boolean;
  /** 'step' commands not yet carried out (they queue while a step is in flight). */
  pendingSteps: number;
  buffer: StepRecord[];
  lastFlush: number;
  /** Null when the data has no plane to draw (see boundaryAxes). */
  axes: BoundaryAxes | null;
  lastGrid: number;
  /** Checkpoints to post, or null. */
  checkpoints: CheckpointPlan | null;
  /** Data-parallel runs (workers > 1): the gradient workers; null otherwise. */
  pool: GradientPool | null;
  /** Least wall time per step (a paced run, pace.ts); 0 = full speed. */
  stepMs: number;
}

/** The replayed trunk of a branch as ordinary events: steps in batches, each epoch after its steps. */
function postTrunk(host: TrainControllerHost, runId: string, trunk: { steps: StepRecord[]; epochs: EpochRecord[] }): void {
  let from = 0;
  for (const epoch of trunk.epochs) {
    host.post({ type: 'steps', runId, records: trunk.steps.slice(from, epoch.step) });
    host.post({ type: 'epoch', runId, record: epoch });
    from = epoch.step;
  }
  if (from < trunk.steps.length) host.post({ type: 'steps', runId, records: trunk.steps.slice(from) });
}

/** Minimum interval between decision-boundary grids: a redraw a few times a second is smooth enough. */
const GRID_MS = 300;

/** An exception from the engine as one plain message (engine-failure.ts): never a stack or kilobytes of wasm text. */
function internalError(err: unknown): DataError {
  return { kind: 'internal', message: describeEngineFailure(err, 'page'), file: null, row: null, column: null };
}

/** Handles TrainCommands for one run at a time and posts TrainEvents through its host (see the file comment). */
export class TrainController {
  private active: ActiveRun | null = null;
  private readonly now: () => number;
  private readonly yieldToEvents: () => Promise<void>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly sliceMs: number;
  private readonly flushMs: number;

  constructor(private readonly host: TrainControllerHost) {
    this.now = host.now ?? (() => globalThis.performance.now());
    this.yieldToEvents = host.yieldToEvents ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
    this.sleep = host.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.sliceMs = host.sliceMs ?? 16;
    this.flushMs = host.flushMs ?? 50;
  }

  /** Handles one command. Resolves when the command has been acted on (not when a run ends). */
  async handle(command: TrainCommand): Promise<void> {
    switch (command.type) {
      case 'start':
        return this.start(command);
      case 'benchmark':
        return this.benchmark(command);
    }
    const a = this.active;
    if (!a || a.runId !== command.runId) return; // a late command for a finished run
    switch (command.type) {
      case 'pause':
        if (!a.paused) {
          a.paused = true;
          this.flush(a);
          if (!a.looping) this.status(a, 'paused');
        }
        return;
      case 'resume':
        if (a.paused) {
          a.paused = false;
          void this.loop(a);
        }
        return;
      case 'step':
        a.paused = true;
        a.pendingSteps += 1;
        if (!a.looping) await this.drainSteps(a);
        return;
      case 'stop':
        a.stopRequested = true;
        if (!a.looping) await this.finish(a);
        return;
    }
  }

  /** Ends the current run with an error (e.g. the WebGL context was lost). */
  async abort(message: string): Promise<void> {
    const a = this.active;
    if (!a) return;
    this.active = null;
    this.flush(a);
    a.run.dispose();
    a.pool?.dispose();
    this.host.post({ type: 'error', runId: a.runId, error: { kind: 'aborted', message, file: null, row: null, column: null } });
    this.status(a, 'error');
  }

  private status(a: Pick<ActiveRun, 'runId'> & { run?: TrainingRun }, status: RunnerStatus): void {
    this.host.post({ type: 'status', runId: a.runId, status, step: a.run?.stepsDone ?? 0 });
  }

  private fail(runId: string, error: DataError): void {
    this.host.post({ type: 'error', runId, error });
    this.host.post({ type: 'status', runId, status: 'error', step: 0 });
  }

  private async start(cmd: Extract<TrainCommand, { type: 'start' }>): Promise<void> {
    if (this.active) {
      // One run at a time: a new start replaces the current run (its tensors are freed).
      const old = this.active;
      this.active = null;
      old.stopRequested = true;
      old.run.dispose();
      old.pool?.dispose();
      this.status(old, 'done');
    }
    const runId = cmd.runId;
    this.host.post({ type: 'status', runId, status: 'preparing', step: 0 });
    const config = resolveTrainConfig(cmd.config);
    if (!config.ok) return this.fail(runId, config.error);
    const source = tableFromSource(cmd.source);
    if (!source.ok) return this.fail(runId, source.error);
    const prepared = prepareFaultedRun(source.value.table, config.value, cmd.fault ?? null, source.value.task);
    if (!prepared.ok) return this.fail(runId, prepared.error);
    let next: TrainConfig | null = null;
    if (cmd.branch) {
      const { changes = {}, lrFactor } = cmd.branch;
      const merged = branchConfig(prepared.value.config, lrFactor === undefined ? changes : { ...changes, lr: prepared.value.config.lr * lrFactor });
      if (!merged.ok) return this.fail(runId, merged.error);
      next = merged.value;
    }
    const selection = await this.host.selectBackend(cmd.backend);
    if (!selection.ok) return this.fail(runId, { kind: 'backend', message: selection.message, file: null, row: null, column: null });
    this.host.post({ type: 'backend', runId, choice: selection.choice });
    const { data, config: resolved } = prepared.value;
    const warnings = [...source.warnings, ...prepared.warnings];
    try {
      if (cmd.mode === 'overfit-batch') return this.runOverfit(runId, data, resolved, warnings);
      if (cmd.mode === 'lr-range-test') {
        const result = runLrRangeTest(data, resolved, cmd.lrRange);
        this.host.post({ type: 'lr-range', runId, result, warnings });
        this.host.post({ type: 'status', runId, status: 'done', step: result.lrs.length });
        return;
      }
      const options = { keepSteps: false, ...prepared.value.options };
      let run: TrainingRun;
      let trunk: { steps: StepRecord[]; epochs: EpochRecord[] } | null = null;
      const budget = cmd.checkpointBytes;
      let plan: CheckpointPlan | null = budget !== undefined ? (cmd.checkpointPlan ?? null) : null;
      const trunkCheckpoints: Extract<TrainEvent, { type: 'checkpoint' }>[] = [];
      if (cmd.branch && next) {
        const branchTo = next;
        const start = startBranch(data, resolved, cmd.branch.at, next, options, (r, record) => {
          if (budget === undefined) return;
          plan ??= checkpointPlan(r.spec.paramCount, totalSteps(branchTo, data.train.n), budget);
          if (plan && isCheckpointStep(plan, record.step)) trunkCheckpoints.push({ type: 'checkpoint', runId, step: record.step, params: r.parameters(), plan });
        });
        if (!start.ok) return this.fail(runId, start.error);
        run = start.value.run;
        trunk = { steps: start.value.trunk, epochs: start.value.trunkEpochs };
      } else {
        run = new TrainingRun(data, resolved, options);
      }
      if (budget !== undefined) plan ??= checkpointPlan(run.spec.paramCount, run.info.totalSteps, budget);
      const pool = (run.config.workers ?? 1) > 1 ? await this.startPool(run, data, selection.choice.backend, options.loss, warnings) : null;
      if (pool) run.info.parallel = { workers: pool.size, mode: run.config.mode ?? 'sync', staleness: run.config.staleness ?? 0, pool: pool.kind };
      const a: ActiveRun = {
        runId, run, asyncReads: selection.choice.backend === 'webgpu', paused: cmd.startPaused === true, stopRequested: false, looping: false,
        pendingSteps: 0, buffer: [], lastFlush: this.now(), axes: boundaryAxes(data), lastGrid: -Infinity, checkpoints: plan, pool,
        stepMs: pacedStepMs(run.info.totalSteps - (trunk?.steps.length ?? 0), cmd.pace),
      };
      this.active = a;
      this.host.post({ type: 'prepared', runId, info: run.info, config: run.config, warnings });
      if (trunk) postTrunk(this.host, runId, trunk);
      for (const c of trunkCheckpoints) this.host.post(c);
      if (a.paused) this.status(a, 'paused');
      else void this.loop(a);
    } catch (err) {
      this.fail(runId, internalError(err));
    }
  }

  /** The run's gradient workers: the host's, or this thread's when they cannot start (with a warning). */
  private async startPool(run: TrainingRun, data: Parameters<typeof shardSetupFor>[0], backend: string, loss: 'mse-probabilities' | undefined, warnings: string[]): Promise<GradientPool> {
    const n = run.config.workers ?? 1;
    const setup = shardSetupFor(data, run.spec, backend, loss);
    if (this.host.createGradientPool) {
      let pool: GradientPool | null = null;
      try {
        pool = this.host.createGradientPool(n);
        await pool.setup(setup);
        return pool;
      } catch (err) {
        pool?.dispose();
        warnings.push(`The ${n} gradient workers could not start (${err instanceof Error ? err.message : String(err)}); their shards are computed one after another in the training worker instead.`);
      }
    }
    const local = new InProcessGradientPool(n);
    await local.setup(setup);
    return local;
  }

  private runOverfit(runId: string, data: Parameters<typeof runOverfitBatch>[0], config: Parameters<typeof runOverfitBatch>[1], warnings: string[]): void {
    const fake = { runId, buffer: [] as StepRecord[], lastFlush: this.now() };
    this.host.post({ type: 'status', runId, status: 'running', step: 0 });
    const { verdict, steps } = runOverfitBatch(data, config, {
      onStep: (r) => {
        fake.buffer.push(r);
        if (this.now() - fake.lastFlush >= this.flushMs) this.flushBuffer(fake);
      },
    });
    this.flushBuffer(fake);
    this.host.post({ type: 'verdict', runId, verdict, warnings });
    this.host.post({ type: 'status', runId, status: 'done', step: steps.length });
  }

  private flushBuffer(a: { runId: string; buffer: StepRecord[]; lastFlush: number }): void {
    if (a.buffer.length === 0) return;
    this.host.post({ type: 'steps', runId: a.runId, records: a.buffer });
    a.buffer = [];
    a.lastFlush = this.now();
  }

  private flush(a: ActiveRun): void {
    this.flushBuffer(a);
    if (a.axes && this.now() - a.lastGrid >= GRID_MS) this.postGrid(a);
  }

  private postGrid(a: ActiveRun): void {
    if (!a.axes) return;
    a.lastGrid = this.now();
    if (!a.asyncReads) {
      this.host.post({ type: 'grid', runId: a.runId, ...a.run.boundary(a.axes) });
      return;
    }
    // WebGPU: read without blocking; a grid that arrives after the run ended is simply dropped by the page.
    a.run.boundaryAsync(a.axes).then(
      (grid) => this.host.post({ type: 'grid', runId: a.runId, ...grid }),
      () => undefined, // the run was disposed meanwhile: nothing to draw
    );
  }

  /** One step: buffer its record, post its epoch (flushing first, to keep the order). */
  private async advance(a: ActiveRun): Promise<boolean> {
    const out = a.pool ? await a.run.stepParallel(a.pool, a.asyncReads) : a.asyncReads ? await a.run.stepAsync() : a.run.step();
    a.buffer.push(out.record);
    if (a.checkpoints && isCheckpointStep(a.checkpoints, out.record.step)) {
      this.flushBuffer(a);
      this.host.post({ type: 'checkpoint', runId: a.runId, step: out.record.step, params: a.run.parameters(), plan: a.checkpoints });
    }
    if (out.epoch) {
      this.flush(a);
      this.host.post({ type: 'epoch', runId: a.runId, record: out.epoch });
    } else if (this.now() - a.lastFlush >= this.flushMs) {
      this.flush(a);
    }
    return out.done;
  }

  /** Carries out queued 'step' commands one at a time, each flushed at once, then reports 'paused'. */
  private async drainSteps(a: ActiveRun): Promise<void> {
    a.looping = true;
    try {
      while (a.pendingSteps > 0 && this.active === a && !a.stopRequested) {
        a.pendingSteps -= 1;
        const done = await this.advance(a);
        this.flush(a);
        if (done) {
          a.looping = false;
          return await this.finish(a);
        }
      }
    } catch (err) {
      a.looping = false;
      return this.crash(a, err);
    }
    a.looping = false;
    if (this.active !== a) return;
    if (a.stopRequested) return this.finish(a);
    this.status(a, 'paused');
  }

  private crash(a: ActiveRun, err: unknown): void {
    if (this.active === a) this.active = null;
    this.flush(a);
    a.run.dispose();
    a.pool?.dispose();
    this.fail(a.runId, internalError(err));
  }

  private async loop(a: ActiveRun): Promise<void> {
    if (a.looping) return;
    a.looping = true;
    this.status(a, 'running');
    try {
      while (this.active === a && !a.paused && !a.stopRequested && !a.run.done) {
        const sliceStart = this.now();
        let done = false;
        do {
          done = await this.advance(a);
        } while (!done && !a.paused && !a.stopRequested && this.now() - sliceStart < this.sliceMs && a.stepMs === 0);
        if (done) break;
        // A paced run: one step per slice, then wait out the rest of its time (messages are handled meanwhile).
        const wait = a.stepMs - (this.now() - sliceStart);
        if (a.stepMs > 0 && wait > 0) await this.sleep(wait);
        else await this.yieldToEvents();
      }
    } catch (err) {
      a.looping = false;
      this.crash(a, err);
      return;
    }
    a.looping = false;
    if (this.active !== a) return;
    if (a.stopRequested || a.run.done) {
      await this.finish(a);
    } else if (a.paused) {
      this.flush(a);
      if (a.pendingSteps > 0) await this.drainSteps(a);
      else this.status(a, 'paused');
    }
  }

  private async finish(a: ActiveRun): Promise<void> {
    if (this.active !== a) return;
    this.active = null;
    this.flush(a);
    this.status(a, 'finishing');
    a.pool?.dispose();
    try {
      if (!a.run.done) a.run.stop();
      this.postGrid(a);
      const result = a.asyncReads ? await a.run.finishAsync() : a.run.finish();
      this.host.post({ type: 'done', runId: a.runId, result });
      this.host.post({ type: 'status', runId: a.runId, status: 'done', step: a.run.stepsDone });
    } catch (err) {
      a.run.dispose();
      this.fail(a.runId, internalError(err));
    }
  }

  private async benchmark(cmd: Extract<TrainCommand, { type: 'benchmark' }>): Promise<void> {
    if (this.active && !this.active.paused) {
      this.host.post({ type: 'benchmark-error', id: cmd.id, message: 'a training run is in progress; pause or stop it first' });
      return;
    }
    const selection = await this.host.selectBackend(cmd.backend);
    if (!selection.ok) {
      this.host.post({ type: 'benchmark-error', id: cmd.id, message: selection.message });
      return;
    }
    try {
      const result = await benchmarkSteps({ async: selection.choice.backend === 'webgpu', ...cmd.options });
      this.host.post({ type: 'benchmark', id: cmd.id, backend: selection.choice, result });
    } catch (err) {
      this.host.post({ type: 'benchmark-error', id: cmd.id, message: internalError(err).message });
    }
  }
}
