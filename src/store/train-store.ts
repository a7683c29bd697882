/**
 * State of the Train page (zustand): settings, the run being trained or viewed, the saved runs, and the
 * storage status. Actions sit next to the state; training-engine messages are handled by module-level
 * `on*` functions that call `setState`; the non-reactive data sits in one injected session (train-session.ts).
 *
 * Per-step data does NOT go through React state: step records are appended to the session's RunSeries
 * (columns), and only `seriesVersion` is bumped once per batch of records (the worker sends at most
 * ~20 batches a second). Charts subscribe to `seriesVersion` with `useTrainStore.subscribe` and redraw
 * through the redraw scheduler, one chart per animation frame, so the page never re-renders per step.
 *
 * Every run is recorded in IndexedDB as it trains (RunsDb: chunks of records, flushed about once a
 * second and when the run pauses or ends), so a reload or a crashed tab keeps its steps so far.
 */
import { WATCH_PACE } from '../core/train/pace';
import { majorityBaselineFinding } from '../core/train/majority-finding';
import { create } from 'zustand';
import { decodeCsvBytes } from '../core/csv/decode';
import { parseCsv } from '../core/csv/parse';
import { diagnoseRun, firstNonFiniteIndex, type EpochLosses, type Finding } from '../core/train/diagnostics';
import type { LrRangeTestResult } from '../core/train/lr-range-test';
import { OVERFIT_BUDGET, OVERFIT_TARGET, type OverfitVerdict } from '../core/train/overfit-batch';
import type { StepRecord } from '../core/train/step-record';
import type { TrainCommand, TrainDataSource, TrainEvent, TrainMode } from '../core/train/train-controller';
import type { EpochRecord, RunInfo, TrainResult } from '../core/train/training-run';
import type { BoundaryGrid } from '../core/train/boundary-grid';
import type { OverlayRun, FigureContext } from '../core/train/figure-context';
import { RunSeries } from '../core/train/run-series';
import type { StoredPredictions } from '../core/train/run-export';
import { defaultRunName } from '../core/train/run-name';
import { describeDataset, settingsFromParams, settingsToParams, type TrainSettings } from '../core/train/settings';
import type { BackendStatus, UploadSummary } from './train-types';
import type { StartExtras } from './run-origin';
import { saveCheckpoint } from './checkpoints';
import { CHECKPOINT_LIMIT_BYTES } from '../core/train/checkpoints';
import { FLUSH_INTERVAL_MS, newRunId, requestPersistentStorage, type RunMeta, type RunsDb, type StorageProblem } from './runs-db';
import { createTrainSession, type TrainEngine, type TrainSession } from './train-session';
import { describeEngineFailure } from '../core/train/engine-failure';

export type { TrainEngine } from './train-session';

export type TrainStatus = 'idle' | 'running' | 'paused' | 'done' | 'failed';
export type RunKind = 'train' | 'overfit-batch';

/** The overfit-one-batch check as the page tracks it (its records: `currentCheckSeries()`). */
export interface OverfitCheckState {
  runId: string;
  status: 'running' | 'done' | 'failed';
  step: number;
  budget: number;
  verdict: OverfitVerdict | null;
  error: string | null;
  /** Bumped per batch of records. */
  version: number;
}

/** The LR range test as the page tracks it. */
export interface LrRangeState {
  status: 'running' | 'done' | 'failed';
  result: LrRangeTestResult | null;
  message: string;
}

/** What a finished run keeps for the page (TrainResult without the step records and the typed arrays). */
export interface RunSummary {
  runStatus: TrainResult['status'];
  stopReason: string;
  /** Null for the overfit-one-batch check (it has a verdict instead). */
  final: TrainResult['final'] | null;
  baselines: TrainResult['baselines'];
  bestEpoch: number | null;
  restoredBestWeights: boolean;
  examples: TrainResult['examples'] | null;
  divergence: TrainResult['divergence'];
  info: RunInfo | null;
  verdict: OverfitVerdict | null;
}

export type TrainPace = 'watch' | 'full';

export interface TrainState {
  settings: TrainSettings;
  /** 'watch': a short run is spread over about 20 s (pace.ts); 'full': as fast as the backend goes. Link key `pace=full`. */
  pace: TrainPace;
  /** Problems reading the link's settings (shown once). */
  settingsProblems: string[];
  upload: UploadSummary | null;
  status: TrainStatus;
  kind: RunKind;
  /** The run being trained now (recorded to storage), or null. */
  activeRunId: string | null;
  /** The run whose charts are shown (the active one, or a saved one opened from the list). */
  viewedRunId: string | null;
  viewedName: string;
  step: number;
  totalSteps: number;
  loss: number | null;
  /** Loss of the run's first step (to see it fall). */
  firstLoss: number | null;
  stepsPerSecond: number | null;
  etaSeconds: number | null;
  backend: BackendStatus | null;
  info: RunInfo | null;
  findings: Finding[];
  summary: RunSummary | null;
  lrRange: LrRangeState | null;
  /** The latest overfit-one-batch check of this page; it does not replace the run whose charts are shown. */
  check: OverfitCheckState | null;
  error: string | null;
  runs: RunMeta[];
  overlayIds: string[];
  storageProblem: StorageProblem | null;
  persistence: 'granted' | 'denied' | 'unsupported' | 'unknown';
  /** Bumped once per batch of records (charts subscribe to it). */
  seriesVersion: number;
  /** Bumped when the overlays change. */
  overlayVersion: number;
  boundaryVersion: number;
}

const initial = settingsFromParams(new URLSearchParams());

/** The Train page's store; read it through selectors (`useTrainStore((s) => s.status)`). */
export const useTrainStore = create<TrainState>()(() => ({
  settings: initial.settings,
  pace: 'watch',
  settingsProblems: [],
  upload: null,
  status: 'idle',
  kind: 'train',
  activeRunId: null,
  viewedRunId: null,
  viewedName: '',
  step: 0,
  totalSteps: 0,
  loss: null,
  firstLoss: null,
  stepsPerSecond: null,
  etaSeconds: null,
  backend: null,
  info: null,
  findings: [],
  summary: null,
  lrRange: null,
  check: null,
  error: null,
  runs: [],
  overlayIds: [],
  storageProblem: null,
  persistence: 'unknown',
  seriesVersion: 0,
  overlayVersion: 0,
  boundaryVersion: 0,
}));

const set = useTrainStore.setState;
const get = useTrainStore.getState;

// ---------------------------------------------------------------------------------------------------
// Non-reactive data (the charts read it on redraw): one session object, replaced by `installTrainSession`.

let session: TrainSession = createTrainSession();

/**
 * Hands the store a session: tests start from a fresh one with their own engine or storage; by default the
 * store starts the training Worker itself on the first run.
 */
export function installTrainSession(next: TrainSession): void {
  if (session.flushTimer) clearInterval(session.flushTimer);
  session = next;
}

/** The data charts are drawn from (read on every redraw; cheap). */
export function getFigureContext(maxPoints = 600): FigureContext {
  const s = get();
  const first = session.series.loss[0];
  const lossTargets =
    s.kind === 'overfit-batch' && first !== undefined && Number.isFinite(first)
      ? [{ y: first * OVERFIT_TARGET, label: `target: ${OVERFIT_TARGET * 100}% of the first loss` }]
      : [];
  return { series: session.series, overlays: session.overlays, baselines: s.summary?.baselines ?? [], task: s.info?.task ?? null, maxPoints, lossTargets };
}

/** The current run's columns (read-only use). */
export function currentSeries(): RunSeries {
  return session.series;
}

/** The artifact with a run's last decision-boundary grid. */
const BOUNDARY_ARTIFACT = 'boundary';

/** The latest decision-boundary grid, or null. */
export function currentBoundary(): BoundaryGrid | null {
  return session.boundary;
}

/** The text of the uploaded CSV named `fileName`, or null when it is not (or no longer) loaded. */
export function uploadedText(fileName: string): string | null {
  return get().upload?.fileName === fileName ? session.uploadText : null;
}

let savingOnPageHide = false;

/**
 * The last records are written when the page goes away (a reload, a closed tab: pagehide) and when it is
 * hidden (a mobile browser may kill a hidden tab without another event).
 */
function saveOnPageHide(): void {
  if (savingOnPageHide || typeof window === 'undefined') return;
  savingOnPageHide = true;
  window.addEventListener('pagehide', () => void session.db?.flushBeforeUnload());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void session.db?.flush();
  });
}

async function runsDb(): Promise<RunsDb> {
  if (session.db) return session.db;
  saveOnPageHide();
  session.dbOpening ??= session.openRunsDb().then((opened) => {
    session.db = opened;
    opened.onProblem = (problem) => set({ storageProblem: problem });
    set({ storageProblem: opened.problem });
    return opened;
  });
  return session.dbOpening;
}

// ---------------------------------------------------------------------------------------------------
// Settings and data

function writeUrl(settings: TrainSettings): void {
  if (typeof window === 'undefined') return;
  const params = settingsToParams(settings);
  if (get().pace === 'full') params.set('pace', 'full');
  const query = params.toString();
  const hash = `#/train${query ? `?${query}` : ''}`;
  // replaceState: editing a field must not add a history entry nor fire hashchange.
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}

/** Reads settings from the page's URL query; reports what it could not read. */
export function loadSettingsFromUrl(params: URLSearchParams): void {
  const { settings, problems } = settingsFromParams(params);
  set({ settings, settingsProblems: problems, pace: params.get('pace') === 'full' ? 'full' : 'watch' });
}

/** Watch (paced) or full speed, for the next run; kept in the link. */
export function setPace(pace: TrainPace): void {
  set({ pace });
  writeUrl(get().settings);
}

/** Replaces the settings and writes them to the URL (replaceState: no history entry, no hashchange). */
export function updateSettings(settings: TrainSettings): void {
  set({ settings });
  writeUrl(settings);
}

/** Hides the notice about a link's unreadable settings. */
export function dismissSettingsProblems(): void {
  set({ settingsProblems: [] });
}

/**
 * Reads an uploaded CSV (header and row count for the target picker); keeps its text for the engine.
 * The bytes are decoded as the Data and Metrics pages and the CLI decode them (decodeCsvBytes: UTF-16
 * with a byte-order mark, a UTF-8 BOM, Windows-1252, binary files refused).
 */
export async function uploadCsv(file: Blob & { name: string }): Promise<void> {
  const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  if (!decoded.ok) {
    set({ error: decoded.error.message });
    return;
  }
  const parsed = parseCsv(decoded.value, file.name);
  if (!parsed.ok) {
    set({ error: parsed.error.message });
    return;
  }
  session.uploadText = decoded.value;
  const header = parsed.value.header;
  const target = header[header.length - 1] ?? '';
  const settings: TrainSettings = { ...get().settings, dataset: { source: 'upload', fileName: file.name, target } };
  const warnings = [...decoded.warnings, ...parsed.warnings];
  set({ upload: { fileName: file.name, header, rows: parsed.value.rowCount, warnings }, settings, error: null });
  writeUrl(settings);
}

/** The data as the worker takes it: synthetic by id, files as text (bundled files are fetched here). */
async function dataSource(settings: TrainSettings): Promise<TrainDataSource> {
  const d = settings.dataset;
  if (d.source === 'synthetic') return { kind: 'synthetic', id: d.id, params: { ...d.params } };
  if (d.source === 'bundled') {
    const [{ fetchBundledFile }, { findBundledEntry }] = await Promise.all([import('../core/data/bundled-files'), import('../core/data/catalog')]);
    const entry = findBundledEntry(d.id);
    if (!entry) throw new Error(`unknown dataset ${d.id}`);
    return { kind: 'bundled', id: d.id, text: await fetchBundledFile(entry.file) };
  }
  if (!session.uploadText || get().upload?.fileName !== d.fileName) throw new Error(`Open ${d.fileName || 'a CSV file'} first (the file itself is not part of a link).`);
  return { kind: 'csv', fileName: d.fileName, text: session.uploadText, target: d.target };
}

// ---------------------------------------------------------------------------------------------------
// Training controls

function resetView(): void {
  session.series = new RunSeries();
  session.checkedFinite = 0;
  session.boundary = null;
  session.rate.reset();
  set((s) => ({
    step: 0, totalSteps: 0, loss: null, firstLoss: null, stepsPerSecond: null, etaSeconds: null, info: null, findings: [], summary: null, error: null,
    seriesVersion: s.seriesVersion + 1, boundaryVersion: s.boundaryVersion + 1,
  }));
}

async function getEngine(): Promise<TrainEngine> {
  if (session.engine) return session.engine;
  const factory = session.engineFactory ?? (async () => (await import('./train-engine')).createTrainEngine(onTrainEvent));
  session.engine = await factory();
  return session.engine;
}

async function send(command: TrainCommand): Promise<void> {
  (await getEngine()).send(command);
}

/**
 * Starts a run (`train`) or the overfit-one-batch check; records it in storage as it goes. `extra`: a
 * hidden fault, a branch of a saved run (its settings), a name (see run-origin.ts).
 */
export async function startTraining(kind: RunKind = 'train', extra: StartExtras = {}): Promise<void> {
  const s = get();
  if (isBusy(s)) return;
  if (kind === 'overfit-batch') return startOverfitCheck();
  resetView();
  const settings = extra.settings ?? s.settings;
  const id = newRunId();
  const name = extra.name ?? defaultRunName(settings, kind);
  set({ status: 'running', kind, activeRunId: id, viewedRunId: id, viewedName: name, lrRange: null, backend: null });
  rememberViewed(id);
  let source: TrainDataSource;
  try {
    source = await dataSource(settings);
  } catch (err) {
    set({ status: 'failed', error: err instanceof Error ? err.message : String(err), activeRunId: null });
    return;
  }
  const now = Date.now();
  const meta: RunMeta = {
    id, name, createdAt: now, updatedAt: now, status: 'running', kind, config: settings,
    datasetLabel: describeDataset(settings.dataset), backend: null, stepCount: 0, lastLoss: null, summary: {},
    ...(extra.origin ? { origin: extra.origin } : {}),
  };
  const store = await runsDb();
  await store.createRun(meta);
  if (get().persistence === 'unknown') void requestPersistentStorage().then((p) => set({ persistence: p }));
  void refreshRuns();
  session.flushTimer ??= setInterval(() => void session.db?.flush(), FLUSH_INTERVAL_MS);
  const mode: TrainMode = kind;
  try {
    await send({ type: 'start', runId: id, mode, source, config: settings.config, backend: settings.backend, ...(extra.fault ? { fault: extra.fault } : {}), ...(extra.branch ? { branch: extra.branch } : {}), ...(kind === 'train' && s.pace === 'watch' ? { pace: WATCH_PACE } : {}), ...(kind === 'train' ? { checkpointBytes: CHECKPOINT_LIMIT_BYTES, ...(extra.checkpointPlan ? { checkpointPlan: extra.checkpointPlan } : {}) } : {}) });
  } catch (err) {
    onTrainEvent({ type: 'error', runId: id, error: { kind: 'internal', message: describeEngineFailure(err), file: null, row: null, column: null } });
  }
}

/** A run, the overfit check or the LR range test is under way: nothing else may start. */
export function isBusy(s: TrainState): boolean {
  return s.status === 'running' || s.status === 'paused' || s.lrRange?.status === 'running' || s.check?.status === 'running';
}

/**
 * The overfit-one-batch check: stored as a run (kind 'overfit-batch'), but its records go to their own
 * series and its verdict to `check`, so the charts, readouts and results of the run shown stay as they were.
 */
async function startOverfitCheck(): Promise<void> {
  const s = get();
  const settings = s.settings;
  const id = newRunId();
  session.checkRunId = id;
  session.checkSeries = new RunSeries();
  set({ check: { runId: id, status: 'running', step: 0, budget: overfitBudget(s), verdict: null, error: null, version: 0 } });
  const fail = (message: string) => set((st) => (st.check?.runId === id ? { check: { ...st.check, status: 'failed', error: message } } : {}));
  let source: TrainDataSource;
  try {
    source = await dataSource(settings);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
    return;
  }
  const now = Date.now();
  const store = await runsDb();
  await store.createRun({
    id, name: defaultRunName(settings, 'overfit-batch'), createdAt: now, updatedAt: now, status: 'running', kind: 'overfit-batch', config: settings,
    datasetLabel: describeDataset(settings.dataset), backend: null, stepCount: 0, lastLoss: null, summary: {},
  });
  void refreshRuns();
  session.flushTimer ??= setInterval(() => void session.db?.flush(), FLUSH_INTERVAL_MS);
  try {
    await send({ type: 'start', runId: id, mode: 'overfit-batch', source, config: settings.config, backend: settings.backend });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
    finishRun(id, 'failed', { error: err instanceof Error ? err.message : String(err) });
  }
}

/** Events of the overfit check: its own records and verdict (see startOverfitCheck). */
function onCheckEvent(ev: TrainEvent & { runId: string }): void {
  const check = get().check;
  if (!check || check.runId !== ev.runId) return;
  const runId = ev.runId;
  if (ev.type === 'steps') {
    session.checkSeries.append(ev.records, []);
    session.db?.append(runId, ev.records, []);
    const last = ev.records[ev.records.length - 1];
    set({ check: { ...check, step: last?.step ?? check.step, version: check.version + 1 } });
  } else if (ev.type === 'backend') {
    session.db?.patchActive(runId, { backend: ev.choice.backend });
  } else if (ev.type === 'verdict') {
    const v = ev.verdict;
    const summary: RunSummary = {
      runStatus: v.divergence ? 'diverged' : 'completed', stopReason: v.message, final: null, baselines: [], bestEpoch: null, restoredBestWeights: false,
      examples: null, divergence: v.divergence, info: null, verdict: v,
    };
    set({ check: { ...check, status: v.divergence ? 'failed' : 'done', verdict: v, version: check.version + 1 } });
    finishRun(runId, v.divergence ? 'failed' : 'done', summary as unknown as Record<string, unknown>);
  } else if (ev.type === 'error') {
    set({ check: { ...check, status: 'failed', error: ev.error.message } });
    finishRun(runId, 'failed', { error: ev.error.message });
  }
}

/** The overfit check's records (read-only use). */
export function currentCheckSeries(): RunSeries {
  return session.checkSeries;
}

/** Hides the overfit check's panel. */
export function dismissCheck(): void {
  if (get().check?.status !== 'running') set({ check: null });
}

function command(type: 'pause' | 'resume' | 'step' | 'stop'): void {
  const runId = get().activeRunId;
  if (runId) void send({ type, runId });
}

/** Pauses the running run after its current slice of steps (records so far are flushed to storage). */
export function pauseTraining(): void {
  if (get().status === 'running') command('pause');
}

/** Resumes a paused run. */
export function resumeTraining(): void {
  if (get().status === 'paused') command('resume');
}

/** One step, then paused (also pauses a running run). */
export function stepOnce(): void {
  const st = get().status;
  if (st === 'paused' || st === 'running') command('step');
}

/** Ends the run now; final metrics follow. */
export function stopTraining(): void {
  const st = get().status;
  if (st === 'running' || st === 'paused') command('stop');
}

/** Clears the charts and findings (the saved run stays in the list). */
export function resetTraining(): void {
  const st = get().status;
  if (st === 'running' || st === 'paused') return;
  resetView();
  set({ status: 'idle', viewedRunId: null, viewedName: '', backend: null, lrRange: null });
  rememberViewed(null);
}

/** The LR range test (Smith 2017): a short run with an exponentially growing rate; not stored as a run. */
export async function runLrRangeTest(): Promise<void> {
  const s = get();
  if (isBusy(s)) return;
  set({ lrRange: { status: 'running', result: null, message: 'Running…' }, error: null });
  try {
    const source = await dataSource(s.settings);
    session.lrRangeRunId = newRunId();
    await send({ type: 'start', runId: session.lrRangeRunId, mode: 'lr-range-test', source, config: s.settings.config, backend: s.settings.backend });
  } catch (err) {
    set({ lrRange: { status: 'failed', result: null, message: err instanceof Error ? err.message : String(err) } });
  }
}

/** Sets the learning rate to the LR range test's suggestion, rounded to two significant digits. */
export function applySuggestedLr(): void {
  const lr = get().lrRange?.result?.suggestedLr;
  if (!lr) return;
  const s = get().settings;
  updateSettings({ ...s, config: { ...s.config, lr: Number(lr.toPrecision(2)) } });
}

// ---------------------------------------------------------------------------------------------------
// Engine messages

function epochLosses(): EpochLosses[] {
  if (session.epochLossCache?.series !== session.series) session.epochLossCache = { series: session.series, list: [] };
  const list = session.epochLossCache.list;
  for (let i = list.length; i < session.series.epochs.length; i++) {
    const e = session.series.epochs[i]!;
    list.push({
      epoch: e.epoch,
      step: e.step,
      trainLoss: typeof e.train.loss === 'number' ? e.train.loss : null,
      valLoss: typeof e.validation.loss === 'number' ? e.validation.loss : null,
    });
  }
  return list;
}

function diagnose(divergence: TrainResult['divergence'] = null, summary: RunSummary | null = get().summary): Finding[] {
  const s = get();
  const bad = firstNonFiniteIndex(session.series.records, session.checkedFinite);
  session.checkedFinite = bad < 0 ? session.series.records.length : bad;
  const majority = summary && s.kind !== 'overfit-batch' ? majorityBaselineFinding(summary.final, summary.baselines) : null;
  return [...diagnoseRun({
    finiteUpTo: session.checkedFinite,
    steps: session.series.records,
    epochs: epochLosses(),
    overfitBatch: s.kind === 'overfit-batch',
    lr: s.settings.config.lr,
    activation: s.settings.config.activation,
    divergence,
  }), ...(majority ? [majority] : [])];
}

function updateRate(step: number): { stepsPerSecond: number | null; etaSeconds: number | null } {
  return session.rate.update(performance.now(), step, get().totalSteps);
}

function toStoredPredictions(result: TrainResult): StoredPredictions {
  const p = result.testPredictions;
  return {
    task: p.predictions.task,
    classes: result.info.classes,
    y: Array.from(p.y),
    score: Array.from(p.predictions.score),
    proba: Array.from(p.predictions.proba),
  };
}

function appendRecords(runId: string, steps: StepRecord[], epochs: EpochRecord[]): void {
  session.series.append(steps, epochs);
  session.db?.append(runId, steps, epochs);
  const last = steps[steps.length - 1];
  const patch: Partial<TrainState> = { seriesVersion: session.series.version };
  if (last) Object.assign(patch, { step: last.step, loss: last.loss }, updateRate(last.step));
  if (get().firstLoss === null && steps[0]) patch.firstLoss = steps[0].loss;
  // Diagnostics read small windows, but a few times a second is plenty.
  const now = performance.now();
  if (now - session.lastDiagnosis > 250) {
    session.lastDiagnosis = now;
    patch.findings = diagnose();
  }
  set(patch);
}

function finishRun(runId: string, status: RunMeta['status'], summary: Record<string, unknown>): void {
  if (!session.db) return;
  void session.db.finish(runId, { status, summary }).then(refreshRuns);
}

/** Handles one event of the training worker (events of other runs are ignored). */
export function onTrainEvent(ev: TrainEvent): void {
  if (ev.type === 'benchmark' || ev.type === 'benchmark-error') return;
  const s = get();
  if (session.lrRangeRunId !== null && ev.runId === session.lrRangeRunId) {
    if (ev.type === 'lr-range') set({ lrRange: { status: 'done', result: ev.result, message: ev.result.message } });
    else if (ev.type === 'error') set({ lrRange: { status: 'failed', result: null, message: ev.error.message } });
    return;
  }
  if ('runId' in ev && session.checkRunId !== null && ev.runId === session.checkRunId) return onCheckEvent(ev);
  const runId = s.activeRunId;
  if (!runId || ev.runId !== runId) return;
  switch (ev.type) {
    case 'grid': {
      // A few per second on 2-D data: the chart redraws the model's regions under the points.
      const { type: _type, runId: _runId, ...grid } = ev;
      onBoundaryGrid(runId, grid);
      return;
    }
    case 'backend': {
      const choice = ev.choice;
      set({
        backend: {
          name: choice.backend,
          reason: choice.reason,
          skipped: choice.attempts.filter((a) => a.outcome !== 'selected').map((a) => ({ name: a.backend, reason: `${a.outcome}: ${a.reason}` })),
        },
      });
      session.db?.patchActive(runId, { backend: choice.backend });
      return;
    }
    case 'prepared':
      set({ info: ev.info, totalSteps: ev.info.totalSteps });
      session.db?.patchActive(runId, { summary: { info: ev.info } });
      return;
    case 'steps':
      appendRecords(runId, ev.records, []);
      return;
    case 'epoch':
      appendRecords(runId, [], [ev.record]);
      return;
    case 'status':
      if (ev.status === 'paused' && s.status !== 'paused') {
        set({ status: 'paused', stepsPerSecond: null, etaSeconds: null });
        session.rate.reset();
        session.db?.patchActive(runId, { status: 'paused' });
        void session.db?.flush(runId).then(refreshRuns);
      } else if (ev.status === 'running' && s.status === 'paused') {
        set({ status: 'running' });
        session.db?.patchActive(runId, { status: 'running' });
      }
      return;
    case 'done': {
      const r = ev.result;
      const summary: RunSummary = {
        runStatus: r.status, stopReason: r.stopReason, final: r.final, baselines: r.baselines, bestEpoch: r.bestEpoch,
        restoredBestWeights: r.restoredBestWeights, examples: r.examples, divergence: r.divergence, info: r.info, verdict: null,
      };
      const failed = r.status === 'diverged';
      set({ status: failed ? 'failed' : 'done', summary, info: r.info, activeRunId: null, etaSeconds: 0, findings: diagnose(r.divergence, summary), error: null });
      const params = r.parameters;
      if (params) void session.db?.putArtifact({ runId, name: 'weights', value: { params, info: r.info, config: r.config } });
      void session.db?.putArtifact({ runId, name: 'predictions', value: toStoredPredictions(r) });
      // The last grid (posted just before 'done'): viewing the run later, or after a reload, draws its regions.
      if (session.boundary) void session.db?.putArtifact({ runId, name: BOUNDARY_ARTIFACT, value: session.boundary });
      finishRun(runId, failed ? 'failed' : r.status === 'stopped' ? 'stopped' : 'done', summary as unknown as Record<string, unknown>);
      return;
    }
    case 'verdict': // the overfit check's (onCheckEvent)
    case 'lr-range':
      return;
    case 'checkpoint':
      if (session.db) void saveCheckpoint(session.db, runId, ev.step, ev.params, ev.plan);
      return;
    case 'error': {
      set({ status: 'failed', error: ev.error.message, activeRunId: null, stepsPerSecond: null, etaSeconds: null });
      finishRun(runId, 'failed', { error: ev.error.message, info: s.info });
      return;
    }
  }
}

/** Steps of the overfit-one-batch check: the configured steps, or the engine's default budget. */
function overfitBudget(s: TrainState): number {
  return s.settings.config.steps ?? OVERFIT_BUDGET;
}

/** A new decision-boundary grid for the active run (when the engine provides one). */
export function onBoundaryGrid(runId: string, grid: BoundaryGrid): void {
  if (runId !== get().activeRunId) return;
  session.boundary = grid;
  set((st) => ({ boundaryVersion: st.boundaryVersion + 1 }));
}

// ---------------------------------------------------------------------------------------------------
// Saved runs

const VIEWED_KEY = 'mlw.train.viewedRun';

/** Remembers, for this tab only (sessionStorage), which run the charts show, so a reload shows it again. */
function rememberViewed(id: string | null): void {
  try {
    if (id) sessionStorage.setItem(VIEWED_KEY, id);
    else sessionStorage.removeItem(VIEWED_KEY);
  } catch {
    // no sessionStorage (tests, some private modes): a reload starts empty
  }
}

function rememberedViewed(): string | null {
  try {
    return sessionStorage.getItem(VIEWED_KEY);
  } catch {
    return null;
  }
}

/**
 * Opens storage, marks runs a previous page left running as interrupted, and lists the runs; after a
 * reload, shows again the run this tab was showing (as far as it reached storage).
 */
export async function initRuns(): Promise<void> {
  const store = await runsDb();
  if (!get().activeRunId) await store.markInterrupted();
  await refreshRuns();
  const s = get();
  const remembered = rememberedViewed();
  if (remembered && s.viewedRunId === null && s.status === 'idle' && s.runs.some((r) => r.id === remembered)) await viewRun(remembered);
}

/** Re-reads the runs list from storage (both backends, newest first). */
export async function refreshRuns(): Promise<void> {
  const store = await runsDb();
  set({ runs: await store.list() });
}

/** Shows a saved run's charts and results (not while training). */
export async function viewRun(id: string): Promise<void> {
  const st = get().status;
  if (st === 'running' || st === 'paused') return;
  const store = await runsDb();
  const run = await store.load(id);
  if (!run) return;
  session.series = RunSeries.from(run.steps, run.epochs as EpochRecord[]);
  session.checkedFinite = 0;
  session.boundary = ((await store.getArtifact(id, BOUNDARY_ARTIFACT)) as BoundaryGrid | undefined) ?? null;
  const summary = (run.meta.summary && 'final' in run.meta.summary ? run.meta.summary : null) as RunSummary | null;
  const info = (summary?.info ?? (run.meta.summary as { info?: RunInfo }).info ?? null) as RunInfo | null;
  const last = run.steps[run.steps.length - 1];
  const status: TrainStatus = run.meta.status === 'failed' ? 'failed' : run.meta.status === 'done' || run.meta.status === 'stopped' ? 'done' : 'idle';
  const kind = run.meta.kind;
  set((s) => ({
    viewedRunId: id, viewedName: run.meta.name, status, kind, summary, info, step: last?.step ?? 0, totalSteps: info?.totalSteps ?? last?.step ?? 0,
    loss: last?.loss ?? null, firstLoss: run.steps[0]?.loss ?? null, stepsPerSecond: null, etaSeconds: null, error: (run.meta.summary as { error?: string }).error ?? null,
    backend: run.meta.backend ? { name: run.meta.backend, reason: 'the backend this run used', skipped: [] } : null,
    seriesVersion: s.seriesVersion + 1, boundaryVersion: s.boundaryVersion + 1,
  }));
  set({ findings: diagnose(summary?.divergence ?? null) });
  rememberViewed(id);
}

/** Adds a run to (or removes it from) the runs drawn over the viewed one. */
export async function toggleOverlay(id: string): Promise<void> {
  const ids = get().overlayIds;
  const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
  set({ overlayIds: next });
  await rebuildOverlays();
}

async function rebuildOverlays(): Promise<void> {
  const s = get();
  const store = await runsDb();
  const list: OverlayRun[] = [];
  for (const id of s.overlayIds) {
    if (id === s.viewedRunId) continue; // already drawn as the main run
    const existing = session.overlays.find((o) => o.id === id);
    if (existing && id !== s.activeRunId) {
      list.push(existing);
      continue;
    }
    const run = await store.load(id);
    if (run) list.push({ id, name: run.meta.name, series: RunSeries.from(run.steps, run.epochs as EpochRecord[]) });
  }
  session.overlays = list;
  set((st) => ({ overlayVersion: st.overlayVersion + 1 }));
}

/** Renames a saved (or active) run. */
export async function renameRun(id: string, name: string): Promise<void> {
  const store = await runsDb();
  await store.rename(id, name);
  if (get().viewedRunId === id) set({ viewedName: name });
  const o = session.overlays.find((x) => x.id === id);
  if (o) {
    o.name = name;
    set((st) => ({ overlayVersion: st.overlayVersion + 1 }));
  }
  await refreshRuns();
}

/** Deletes a run with its records and artifacts (not the one training now). */
export async function deleteRun(id: string): Promise<void> {
  if (get().activeRunId === id) return;
  const store = await runsDb();
  await store.delete(id);
  if (get().overlayIds.includes(id)) {
    set({ overlayIds: get().overlayIds.filter((x) => x !== id) });
    await rebuildOverlays();
  }
  if (get().viewedRunId === id) resetTraining();
  await refreshRuns();
}

/** A run with everything needed to export it. */
export async function loadRunForExport(id: string) {
  const store = await runsDb();
  const run = await store.load(id);
  if (!run) return null;
  const [weights, predictions] = await Promise.all([store.getArtifact(id, 'weights'), store.getArtifact(id, 'predictions')]);
  return {
    run,
    weights: (weights ?? null) as { params: Float32Array; info: RunInfo; config: TrainResult['config'] } | null,
    predictions: (predictions ?? null) as StoredPredictions | null,
  };
}

/** The store's RunsDb (opened on first use), for the classroom tools' reads. */
export function storedRuns(): Promise<RunsDb> {
  return runsDb();
}

/** Test hook: the store's RunsDb (for e2e checks through the page). */
export function runsDbForTests(): Promise<RunsDb> {
  return runsDb();
}
