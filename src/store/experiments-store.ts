/**
 * State of the Experiments page (zustand): one `StateCreator` slice per tool (search, models, drift,
 * importance, each nested under its name), the saved experiments, and the storage status. A tool's
 * actions live in experiments-<tool>.ts next to this file and update its slice with `patchSlice`;
 * components read through selectors.
 *
 * Heavy work never runs here: trials run in the search pool's workers, everything else in the
 * Experiments worker (src/workers/experiments-client.ts). What comes back is small, plain data.
 */
import { create, type StateCreator } from 'zustand';
import { findBundledEntry, findSyntheticEntry } from '../core/data/catalog';
import type { Task } from '../core/data/preprocess';
import type { ParamSpec, SearchStrategy, TrialRecord } from '../core/stats';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../core/train/config';
import type { ModelKind } from '../core/train/model';
import type { DatasetChoice } from '../core/train/settings';
import type { ExperimentData } from '../workers/experiments-data';
import type {
  ComparisonOutcome, DriftOutcome, ImportanceOutcome, LearningCurveOutcome, ModelOnDataOutcome, TrainedModelInfo, ValidationCurveOutcome,
} from '../workers/experiments-service';
import type { CurveParam } from '../core/experiments/curve-params';
import type { TrialOutcome } from '../workers/search-protocol';
import { ExperimentsDb, type ExperimentKind, type ExperimentRecord } from './experiments-db';
import type { StorageProblem } from './runs-db';

export type ExperimentsTab = 'search' | 'models' | 'drift' | 'importance' | 'curves';
export const EXPERIMENT_TABS: readonly ExperimentsTab[] = ['search', 'models', 'drift', 'importance', 'curves'];

// ---------------------------------------------------------------------------------------------------
// Search

export interface SearchSetup {
  dataset: DatasetChoice;
  /** Settings every trial starts from; each trial overrides the searched ones. */
  base: TrainConfig;
  space: ParamSpec[];
  strategy: SearchStrategy;
  budget: number;
  seed: number;
  /** Engine metric key on the validation rows, or 'loss'. */
  objective: string;
  workers: number;
  gridPointsPerParam: number;
}

export type TrialStatus = 'pending' | 'running' | 'complete' | 'failed' | 'cancelled';

/** A trial as the table shows it. */
export interface TrialRow {
  id: number;
  params: TrialRecord['params'];
  source: TrialRecord['source'];
  status: TrialStatus;
  score: number | null;
  /** The full settings the trial trained with (null when they were refused). */
  config: TrainConfig | null;
  outcome: TrialOutcome | null;
  worker: number | null;
}

export type RunState = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface SearchSlice {
  setup: SearchSetup;
  status: RunState;
  message: string;
  /** Id of the saved record this search writes to. */
  recordId: string | null;
  trials: TrialRow[];
  /** Core search history (for resuming). */
  history: TrialRecord[];
  startedAt: number | null;
  /** Wall time spent running (summed over resumes), ms. */
  elapsedMs: number;
  backend: string | null;
  workersReady: number;
  /** Why the setup cannot run, shown next to Start. */
  setupError: string | null;
}

/** What a saved search stores. */
export interface SavedSearch {
  setup: SearchSetup;
  trials: TrialRow[];
  history: TrialRecord[];
  status: RunState;
  message: string;
  elapsedMs: number;
  backend: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Models

export interface CandidateSpec {
  name: string;
  enabled: boolean;
  model: ModelKind;
  hidden: number[];
  /** Other settings that differ from the base (e.g. a search's best). */
  overrides: Partial<TrainConfig>;
}

export interface ModelsSetup {
  dataset: DatasetChoice;
  base: TrainConfig;
  candidates: CandidateSpec[];
  metric: string;
  B: number;
  bootstrapSeed: number;
}

export interface ModelsSlice {
  setup: ModelsSetup;
  status: RunState;
  progress: { fraction: number; label: string } | null;
  message: string;
  outcome: ComparisonOutcome | null;
  recordId: string | null;
}

/** A model kept for importance and drift: enough to rebuild it in the worker. */
export interface StoredModel {
  dataset: DatasetChoice;
  config: TrainConfig;
  params: Float32Array;
  /** What the worker reported when it trained the model; null for Train-page runs. */
  info: Omit<TrainedModelInfo, 'params' | 'config'> | null;
  /** Where it came from. */
  origin: 'models' | 'importance' | 'train-run';
}

// ---------------------------------------------------------------------------------------------------
// Drift

export interface DriftFile {
  name: string;
  text: string;
}

export interface DriftSlice {
  exampleId: string | null;
  reference: DriftFile | null;
  current: DriftFile | null;
  /** Column left out of the comparison (the target), or ''. */
  target: string;
  alpha: number;
  psiThreshold: number;
  status: RunState;
  message: string;
  outcome: DriftOutcome | null;
  recordId: string | null;
  model: {
    kind: ModelKind;
    metric: string;
    status: RunState;
    message: string;
    outcome: ModelOnDataOutcome | null;
    task: Task | null;
  };
}

export interface SavedDrift {
  outcome: DriftOutcome;
  exampleId: string | null;
  target: string;
  model: ModelOnDataOutcome | null;
}

// ---------------------------------------------------------------------------------------------------
// Importance

export interface ModelOption {
  id: string;
  name: string;
  task: Task;
  /** One line: data, model, score. */
  detail: string;
  origin: StoredModel['origin'];
}

export interface ImportanceSlice {
  modelId: string | null;
  metric: string;
  repeats: number;
  seed: number;
  status: RunState;
  progress: { fraction: number; label: string } | null;
  message: string;
  outcome: ImportanceOutcome | null;
  /** The model the outcome belongs to (name and task). */
  outcomeModel: { id: string; name: string; task: Task } | null;
  recordId: string | null;
  /** Quick training when no model exists yet. */
  quick: { dataset: DatasetChoice; model: ModelKind; status: RunState; message: string };
}

export interface SavedImportance {
  outcome: ImportanceOutcome;
  model: { id: string; name: string; task: Task };
  repeats: number;
  seed: number;
}

// ---------------------------------------------------------------------------------------------------
// Learning and validation curves

/** A CSV opened on the Curves tab (kept in memory only). */
export interface CurvesUpload {
  name: string;
  text: string;
  columns: string[];
  target: string;
}

export interface CurvesSlice {
  dataset: DatasetChoice;
  /** Train on the uploaded file instead of `dataset`. */
  useUpload: boolean;
  upload: CurvesUpload | null;
  model: ModelKind;
  hidden: number[];
  epochs: number;
  metric: string;
  points: number;
  repeats: number;
  seed: number;
  param: CurveParam;
  lo: number;
  hi: number;
  count: number;
  /** Which curve runs (one at a time). */
  running: 'learning' | 'validation' | null;
  status: RunState;
  progress: { fraction: number; label: string } | null;
  message: string;
  learning: LearningCurveOutcome | null;
  validation: ValidationCurveOutcome | null;
}

// ---------------------------------------------------------------------------------------------------

export interface ExperimentsState {
  storageProblem: StorageProblem | null;
  search: SearchSlice;
  models: ModelsSlice;
  drift: DriftSlice;
  importance: ImportanceSlice;
  curves: CurvesSlice;
  /** Saved records by kind, newest first (values included: they are small). */
  saved: Record<ExperimentKind, ExperimentRecord[]>;
  /** Models the importance tab can use (stored models and Train-page runs with weights). */
  modelOptions: ModelOption[];
}

const moons = (): DatasetChoice => {
  const entry = findSyntheticEntry('two-moons')!;
  return { source: 'synthetic', id: entry.id, params: { ...entry.defaults } };
};

/** Base settings of searches and comparisons: the engine's defaults without baselines, 20 epochs. */
export function experimentBaseConfig(): TrainConfig {
  return { ...structuredClone(DEFAULT_TRAIN_CONFIG), baselines: false, epochs: 20, steps: null };
}

/** A slice of the store: one key of `ExperimentsState` (the tools' slices are nested under their names). */
type Slice<K extends keyof ExperimentsState> = StateCreator<ExperimentsState, [], [], Pick<ExperimentsState, K>>;

const createStorageSlice: Slice<'storageProblem' | 'saved' | 'modelOptions'> = () => ({
  storageProblem: null,
  saved: { search: [], comparison: [], model: [], drift: [], importance: [] },
  modelOptions: [],
});

/** The search tool (actions in experiments-search.ts). */
const createSearchSlice: Slice<'search'> = () => ({
  search: {
    setup: {
      dataset: moons(), base: experimentBaseConfig(), space: [], strategy: 'bayes', budget: 20, seed: 1, objective: 'loss',
      workers: 2, gridPointsPerParam: 4,
    },
    status: 'idle', message: '', recordId: null, trials: [], history: [], startedAt: null, elapsedMs: 0, backend: null, workersReady: 0, setupError: null,
  },
});

/** The model comparison (actions in experiments-models.ts). */
const createModelsSlice: Slice<'models'> = () => ({
  models: {
    setup: { dataset: moons(), base: experimentBaseConfig(), candidates: [], metric: '', B: 500, bootstrapSeed: 0 },
    status: 'idle', progress: null, message: '', outcome: null, recordId: null,
  },
});

/** The drift check (actions in experiments-drift.ts). */
const createDriftSlice: Slice<'drift'> = () => ({
  drift: {
    exampleId: null, reference: null, current: null, target: '', alpha: 0.01, psiThreshold: 0.25, status: 'idle', message: '', outcome: null, recordId: null,
    model: { kind: 'mlp', metric: '', status: 'idle', message: '', outcome: null, task: null },
  },
});

/** Importance and partial dependence (actions in experiments-importance.ts). */
const createImportanceSlice: Slice<'importance'> = () => ({
  importance: {
    modelId: null, metric: '', repeats: 5, seed: 0, status: 'idle', progress: null, message: '', outcome: null, outcomeModel: null, recordId: null,
    quick: { dataset: moons(), model: 'mlp', status: 'idle', message: '' },
  },
});

/** Learning and validation curves (actions in experiments-curves.ts). */
const createCurvesSlice: Slice<'curves'> = () => ({
  curves: {
    dataset: moons(), useUpload: false, upload: null, model: 'mlp', hidden: [16], epochs: 20, metric: '', points: 6, repeats: 3, seed: 0,
    param: 'lr', lo: 1e-4, hi: 1, count: 5, running: null, status: 'idle', progress: null, message: '', learning: null, validation: null,
  },
});

export const useExperimentsStore = create<ExperimentsState>()((...a) => ({
  ...createStorageSlice(...a),
  ...createSearchSlice(...a),
  ...createModelsSlice(...a),
  ...createDriftSlice(...a),
  ...createImportanceSlice(...a),
  ...createCurvesSlice(...a),
}));

export const setExperiments = useExperimentsStore.setState;
export const getExperiments = useExperimentsStore.getState;

/** Updates one slice with a partial object. */
export function patchSlice<K extends 'search' | 'models' | 'drift' | 'importance' | 'curves'>(key: K, patch: Partial<ExperimentsState[K]>): void {
  setExperiments((s) => ({ [key]: { ...s[key], ...patch } }) as Pick<ExperimentsState, K>);
}

// ---------------------------------------------------------------------------------------------------
// Storage

let db: ExperimentsDb | null = null;
let opening: Promise<ExperimentsDb> | null = null;

/** The experiments database, opened on first use (IndexedDB, or memory with a problem shown). */
export function experimentsDb(): Promise<ExperimentsDb> {
  if (db) return Promise.resolve(db);
  opening ??= ExperimentsDb.open().then((opened) => {
    db = opened;
    opened.onProblem = (problem) => setExperiments({ storageProblem: problem });
    setExperiments({ storageProblem: opened.problem });
    return opened;
  });
  return opening;
}

/** Re-reads the saved records of one kind into the store. */
export async function refreshSaved(kind: ExperimentKind): Promise<void> {
  const list = await (await experimentsDb()).list(kind);
  setExperiments((s) => ({ saved: { ...s.saved, [kind]: list } }));
}

/** Saves a record and refreshes its list. */
export async function saveRecord(record: ExperimentRecord): Promise<void> {
  await (await experimentsDb()).save(record);
  await refreshSaved(record.kind);
}

/** Deletes a saved record. */
export async function deleteSaved(kind: ExperimentKind, id: string): Promise<void> {
  await (await experimentsDb()).delete(id);
  await refreshSaved(kind);
}

/** Loads every saved list (called when the page opens). */
export async function initExperiments(): Promise<void> {
  await Promise.all((['search', 'comparison', 'model', 'drift', 'importance'] as const).map(refreshSaved));
}

// ---------------------------------------------------------------------------------------------------
// Data

/** The task of a catalog dataset (uploads are not offered for search and comparison). */
export function datasetTask(choice: DatasetChoice): Task | null {
  if (choice.source === 'synthetic') return findSyntheticEntry(choice.id)?.task ?? null;
  if (choice.source === 'bundled') return findBundledEntry(choice.id)?.task ?? null;
  return null;
}

/** The data as a worker takes it: synthetic parameters, or a bundled file's text (fetched here). */
export async function experimentDataFor(choice: DatasetChoice): Promise<ExperimentData> {
  if (choice.source === 'synthetic') return { kind: 'synthetic', id: choice.id, params: { ...choice.params } };
  if (choice.source === 'bundled') {
    const entry = findBundledEntry(choice.id);
    if (!entry) throw new Error(`There is no bundled dataset "${choice.id}".`);
    const { fetchBundledFile } = await import('../core/data/bundled-files');
    return { kind: 'csv', name: entry.file, text: await fetchBundledFile(entry.file), target: entry.target, task: entry.task };
  }
  throw new Error(`${choice.fileName}: uploaded files are not kept; open a bundled or synthetic dataset.`);
}

/** A message for any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
