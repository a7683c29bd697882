/**
 * Search tab actions: set up a hyperparameter search, run it on the worker pool, cancel, resume, save
 * every finished trial, reopen saved searches, export, and open a trial's settings on the Train page.
 */
import { bestSoFar, searchHistoryToCsv, validateSearchConfig, type SearchConfig } from '../core/stats';
import type { TrainConfig } from '../core/train/config';
import { configForTrial, defaultSearchSpace } from '../core/experiments/search-settings';
import { objectiveFor } from '../core/experiments/objectives';
import { describeDataset, settingsFromParams, settingsToParams, type DatasetChoice } from '../core/train/settings';
import { defaultWorkerCount, runSearchPool, type PoolEvent, type SearchRun } from '../workers/search-pool';
import { newExperimentId, type ExperimentRecord } from './experiments-db';
import {
  datasetTask, experimentDataFor, getExperiments, messageOf, patchSlice, saveRecord, type SavedSearch, type SearchSetup, type TrialRow,
} from './experiments-store';

let active: SearchRun | null = null;
let saveTimer: ReturnType<typeof setTimeout> | null = null;

const search = () => getExperiments().search;

/** Machine cores as the browser reports them (2 when unknown). */
export function machineCores(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
}

/** Fills task-dependent defaults: the default space and objective for the dataset, one worker per core. */
export function initSearchDefaults(): void {
  const { setup } = search();
  if (setup.space.length > 0) return;
  const task = datasetTask(setup.dataset) ?? 'binary';
  updateSearchSetup({ space: [...defaultSearchSpace(task)], workers: defaultWorkerCount(machineCores()) });
}

/** Why `setup` cannot run, or null. */
export function searchSetupError(setup: SearchSetup): string | null {
  if (setup.space.length === 0) return 'Choose at least one setting to search.';
  const valid = validateSearchConfig(searchConfigOf(setup));
  if (!valid.ok) return valid.error.message;
  if (!(Number.isInteger(setup.workers) && setup.workers >= 1 && setup.workers <= 16)) return 'Workers must be a whole number from 1 to 16.';
  if (setup.base.validationFraction <= 0) return 'Trials are scored on the validation rows: the validation fraction must be above 0.';
  return null;
}

export function updateSearchSetup(patch: Partial<SearchSetup>): void {
  const setup = { ...search().setup, ...patch };
  patchSlice('search', { setup, setupError: searchSetupError(setup) });
}

/** Changing the data keeps the searched settings but re-fits the model choices and the objective to the task. */
export function setSearchDataset(dataset: DatasetChoice): void {
  const task = datasetTask(dataset) ?? 'binary';
  const { setup } = search();
  const space = setup.space.map((p) => (p.name === 'model' ? defaultSearchSpace(task).find((d) => d.name === 'model') ?? p : p));
  updateSearchSetup({ dataset, space, objective: objectiveFor(task, setup.objective).key });
}

/**
 * Takes the data and base settings from a Train-page link (`#/train?dataset=...&lr=...`): a search
 * can then start from any run a person has set up. Returns the problems found, or [].
 */
export function importTrainLink(link: string): string[] {
  const query = link.includes('?') ? link.slice(link.indexOf('?') + 1) : link;
  const { settings, problems } = settingsFromParams(new URLSearchParams(query));
  if (settings.dataset.source === 'upload') return ['The link trains on an uploaded file, which is not part of a link; choose a bundled or synthetic dataset.'];
  const base: TrainConfig = { ...settings.config, baselines: false };
  updateSearchSetup({ base });
  setSearchDataset(settings.dataset);
  return problems;
}

export function searchConfigOf(setup: SearchSetup): SearchConfig {
  const task = datasetTask(setup.dataset) ?? 'binary';
  return {
    space: setup.space, strategy: setup.strategy, budget: setup.budget, seed: setup.seed,
    maximize: objectiveFor(task, setup.objective).maximize, gridPointsPerParam: setup.gridPointsPerParam,
  };
}

function recordOf(id: string, createdAt: number): ExperimentRecord<SavedSearch> {
  const s = search();
  const task = datasetTask(s.setup.dataset) ?? 'binary';
  const objective = objectiveFor(task, s.setup.objective);
  const done = s.trials.filter((t) => t.status === 'complete').length;
  const best = bestTrial(s.trials, objective.maximize);
  return {
    id, kind: 'search', createdAt, updatedAt: Date.now(),
    name: `${s.setup.strategy} search, ${describeDataset(s.setup.dataset)}`,
    summary: `${done}/${s.setup.budget} trials${best ? `, best ${objective.key} ${best.score!.toPrecision(4)}` : ''} (${s.status})`,
    value: { setup: s.setup, trials: s.trials, history: s.history, status: s.status, message: s.message, elapsedMs: s.elapsedMs, backend: s.backend },
  };
}

/** Saves now, or at most every 500 ms while trials stream in. */
function scheduleSave(now = false): void {
  const s = search();
  if (!s.recordId) return;
  const id = s.recordId;
  const createdAt = s.startedAt ?? Date.now();
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = null;
  const write = () => void saveRecord(recordOf(id, createdAt));
  if (now) write();
  else saveTimer = setTimeout(write, 500);
}

/** The best completed trial (first on ties), or null. */
export function bestTrial(trials: readonly TrialRow[], maximize: boolean): TrialRow | null {
  let best: TrialRow | null = null;
  for (const t of trials) {
    if (t.status !== 'complete' || t.score === null) continue;
    if (!best || (maximize ? t.score > best.score! : t.score < best.score!)) best = t;
  }
  return best;
}

/** Finished trials per minute of running time (null before the first finishes). */
export function trialsPerMinute(trials: readonly TrialRow[], elapsedMs: number): number | null {
  const finished = trials.filter((t) => t.status === 'complete' || t.status === 'failed').length;
  return finished > 0 && elapsedMs > 0 ? finished / (elapsedMs / 60000) : null;
}

function onPoolEvent(event: PoolEvent): void {
  const s = search();
  if (event.type === 'worker-ready') {
    patchSlice('search', { workersReady: s.workersReady + 1, backend: event.backend });
    return;
  }
  if (event.type === 'worker-failed') {
    patchSlice('search', { message: `Worker ${event.worker + 1}: ${event.message}` });
    return;
  }
  const trials = [...s.trials];
  if (event.type === 'trial-started') {
    trials[event.trial.id] = {
      id: event.trial.id, params: event.trial.params, source: event.trial.source, status: 'running', score: null,
      config: event.config, outcome: null, worker: event.worker,
    };
  } else {
    const r = event.trial;
    trials[r.id] = {
      id: r.id, params: r.params, source: r.source, status: r.status === 'complete' ? 'complete' : 'failed', score: r.score,
      config: event.config, outcome: event.outcome, worker: trials[r.id]?.worker ?? null,
    };
  }
  const elapsedMs = s.elapsedMs + (s.startedAt !== null ? performance.now() - runClockStart : 0);
  runClockStart = performance.now();
  patchSlice('search', { trials, elapsedMs, history: active?.history() ?? s.history });
  if (event.type === 'trial-finished') scheduleSave();
}

let runClockStart = 0;

/** Running time of the current search so far, ms (moves while it runs). */
export function searchElapsedMs(): number {
  const s = search();
  return s.elapsedMs + (s.status === 'running' ? performance.now() - runClockStart : 0);
}

/** Starts a new search (or, with `resume`, continues the current one up to its budget). */
export async function startSearch(resume = false): Promise<void> {
  const s = search();
  if (s.status === 'running') return;
  const error = searchSetupError(s.setup);
  if (error) {
    patchSlice('search', { setupError: error });
    return;
  }
  let data;
  try {
    data = await experimentDataFor(s.setup.dataset);
  } catch (err) {
    patchSlice('search', { status: 'failed', message: messageOf(err) });
    return;
  }
  const task = datasetTask(s.setup.dataset) ?? 'binary';
  const objective = objectiveFor(task, s.setup.objective);
  const history = resume ? s.history : [];
  const trials: TrialRow[] = resume
    ? s.trials.map((t) => (t.status === 'cancelled' || t.status === 'running' ? { ...t, status: 'pending' } : t))
    : [];
  runClockStart = performance.now();
  patchSlice('search', {
    status: 'running', message: '', trials, history, workersReady: 0, backend: null,
    recordId: resume && s.recordId ? s.recordId : newExperimentId('search'),
    startedAt: resume && s.startedAt ? s.startedAt : Date.now(), elapsedMs: resume ? s.elapsedMs : 0,
  });
  scheduleSave(true);
  const setup = s.setup;
  active = runSearchPool({
    search: searchConfigOf(setup), history, data, workers: setup.workers, backend: 'auto',
    objective: { part: 'validation', key: objective.key, maximize: objective.maximize },
    toConfig: (params) => configForTrial(setup.base, params),
    onEvent: onPoolEvent,
  });
  const result = await active.done;
  active = null;
  const now = search();
  const elapsedMs = now.elapsedMs + (performance.now() - runClockStart);
  const rows = now.trials.map((t): TrialRow => (t.status === 'running' || t.status === 'pending' ? { ...t, status: 'cancelled' } : t));
  patchSlice('search', {
    status: result.status === 'completed' ? 'done' : result.status, message: result.message, history: result.history, trials: rows, elapsedMs,
  });
  scheduleSave(true);
}

/** Stops the search now (its workers are terminated); running trials are kept as cancelled and re-run on resume. */
export function cancelSearch(): void {
  active?.cancel();
}

/** Opens a saved search (its table, plots and settings); a cancelled one can be resumed. */
export function openSavedSearch(record: ExperimentRecord<SavedSearch>): void {
  if (search().status === 'running') return;
  const v = record.value;
  patchSlice('search', {
    setup: v.setup, trials: v.trials, history: v.history, status: v.status, message: v.message, elapsedMs: v.elapsedMs,
    backend: v.backend, recordId: record.id, startedAt: record.createdAt, workersReady: 0, setupError: searchSetupError(v.setup),
  });
}

/** A fresh search with the same settings. */
export function clearSearch(): void {
  if (search().status === 'running') return;
  patchSlice('search', { status: 'idle', trials: [], history: [], recordId: null, startedAt: null, elapsedMs: 0, message: '', backend: null });
}

/** Best-so-far values of trials (default: the current ones), in trial order. */
export function currentBestSoFar(trials: readonly TrialRow[] = search().trials): (number | null)[] {
  const s = search();
  const task = datasetTask(s.setup.dataset) ?? 'binary';
  return bestSoFar(trials.map((t) => ({ status: t.status === 'complete' ? 'complete' : 'failed', score: t.score })), objectiveFor(task, s.setup.objective).maximize);
}

/** The trials as CSV (core format: trial, source, status, score, best_so_far, one column per parameter). */
export function searchCsv(): string {
  const s = search();
  const task = datasetTask(s.setup.dataset) ?? 'binary';
  const records = s.trials.map((t) => ({
    id: t.id, params: t.params, source: t.source, score: t.score,
    status: t.status === 'complete' ? ('complete' as const) : t.status === 'failed' ? ('failed' as const) : ('pending' as const),
  }));
  return searchHistoryToCsv(s.setup.space, records, objectiveFor(task, s.setup.objective).maximize);
}

/** Everything about the search as JSON: settings, every trial with its metrics, timing. */
export function searchJson(): string {
  const s = search();
  return JSON.stringify({
    setup: s.setup, status: s.status, message: s.message, elapsedMs: s.elapsedMs, backend: s.backend,
    trials: s.trials.map((t) => ({ id: t.id, source: t.source, status: t.status, score: t.score, params: t.params, metrics: t.outcome?.metrics ?? null, ms: t.outcome?.ms ?? null, message: t.outcome?.message ?? null, config: t.config })),
  }, null, 2);
}

/** The Train page link that trains a trial's settings on the search's data. */
export function trainLinkFor(config: TrainConfig, dataset: DatasetChoice): string {
  const query = settingsToParams({ dataset, config: { ...config, baselines: true }, backend: 'auto' }).toString();
  return `#/train${query ? `?${query}` : ''}`;
}
