/**
 * From a lesson's DatasetRef to a labelled table: catalog datasets (bundled CSV files, read through an
 * injected `loadText`, so the page fetches and Node tests read the file system) and the synthetic
 * generators, plus 'random-labels', a lesson dataset of pure noise for the feature-selection leak.
 */
import { parseCsv } from '../csv/parse';
import { findBundledEntry, findSyntheticEntry } from '../data/catalog';
import type { Task } from '../data/preprocess';
import type { SyntheticDataset } from '../data/synthetic';
import { labelledTableFromCsv, labelledTableFromSynthetic, type LabelledTable } from '../data/table';
import { createRng } from '../random';
import { fail, ok, type Result } from '../result';
import type { DatasetRef, Experiment } from './experiment';

/** Reads a bundled file by its catalog path relative to datasets/ (e.g. 'iris.csv'). */
export type LoadText = (path: string) => Promise<string>;

/**
 * `n` rows of `d` independent standard-normal features and a balanced random 0/1 label that does not
 * depend on them: any score above chance on unseen rows is a leak.
 */
export function randomLabels(p: { n: number; d: number; seed: number }): SyntheticDataset {
  const rng = createRng(p.seed);
  const x = Float64Array.from({ length: p.n * p.d }, () => rng.normal());
  const y = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) y[i] = i % 2;
  // Shuffle labels so that the row order carries nothing either.
  for (let i = p.n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = y[i]!;
    y[i] = y[j]!;
    y[j] = t;
  }
  return { name: 'random-labels', task: 'binary', n: p.n, d: p.d, featureNames: Array.from({ length: p.d }, (_, j) => `x${j + 1}`), x, y };
}

/** Loads the table a DatasetRef names, with its task. Errors (unknown id, unreadable file) are values. */
export async function loadLessonTable(ref: DatasetRef, loadText: LoadText): Promise<Result<{ table: LabelledTable; task: Task; title: string }>> {
  if (ref.id === 'random-labels') {
    const params = { n: ref.params?.n ?? 200, d: ref.params?.d ?? 500, seed: ref.params?.seed ?? 1 };
    return ok({ table: labelledTableFromSynthetic(randomLabels(params)), task: 'binary', title: `Random labels (${params.n} rows, ${params.d} noise features)` });
  }
  const synthetic = findSyntheticEntry(ref.id);
  if (synthetic) {
    const params = { ...synthetic.defaults, ...ref.params };
    return ok({ table: labelledTableFromSynthetic(synthetic.generate(params)), task: synthetic.task, title: `${synthetic.title} (${params.n} points, noise ${params.noise})` });
  }
  const bundled = findBundledEntry(ref.id);
  if (!bundled || bundled.kind !== 'dataset') {
    return fail({ kind: 'unknown-dataset', message: `The lesson asks for dataset "${ref.id}", which is not in the catalog.`, file: null, row: null, column: null });
  }
  const parsed = parseCsv(await loadText(bundled.file), bundled.file);
  if (!parsed.ok) return parsed;
  const table = labelledTableFromCsv(parsed.value, bundled.target);
  if (!table.ok) return table;
  return ok({ table: table.value, task: bundled.task, title: bundled.title }, table.warnings);
}

/**
 * The bundled files (paths relative to datasets/) an experiment reads, so a shell can fetch them before
 * handing the experiment to a Worker. Synthetic and lesson datasets need none.
 */
export function filesNeeded(experiment: Experiment): string[] {
  const id = experiment.kind === 'train' ? experiment.dataset.id : experiment.source.kind === 'bundled-predictions' ? experiment.source.id : null;
  const entry = id ? findBundledEntry(id) : undefined;
  return entry ? [entry.file] : [];
}
