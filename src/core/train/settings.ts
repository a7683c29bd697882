/**
 * The Train page's settings: which data, the engine's TrainConfig, and the backend. Plain data that
 * round-trips through the URL (`#/train?dataset=xor&lr=0.1&hidden=8,8`), so a teacher can share a link.
 * Only values that differ from the defaults are written, with the engine's own field names; optimiser and
 * schedule fields are `optimizer.<field>` and `schedule.<field>`, dataset generator parameters `data.<key>`.
 */
import { findBundledEntry, findSyntheticEntry, SYNTHETIC_DATASETS, BUNDLED_DATASETS, type SyntheticEntry, type SyntheticGeneratorParams } from '../data/catalog';
import { DEFAULT_TRAIN_CONFIG, resolveTrainConfig, type TrainConfig, type TrainConfigInput } from './config';
import { quoteExcerpt } from '../text/excerpt';
import { MAX_LINK_CHARS, linkTooLongMessage } from '../link-limits';

/** Backends a person can ask for; 'auto' lets the worker's policy choose (software GPUs skipped). */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export type DatasetChoice =
  | { source: 'bundled'; id: string }
  | { source: 'synthetic'; id: SyntheticEntry['id']; params: SyntheticGeneratorParams }
  | { source: 'upload'; fileName: string; target: string };

export interface TrainSettings {
  dataset: DatasetChoice;
  config: TrainConfig;
  backend: BackendChoice;
}

/** Bundled files one can train on (prediction files are for the Metrics page). */
export const TRAINABLE_BUNDLED = BUNDLED_DATASETS.filter((e) => e.kind === 'dataset');

/** The page's starting point: two moons and the engine's defaults, which train every bundled dataset. */
export function defaultSettings(): TrainSettings {
  const moons = findSyntheticEntry('two-moons')!;
  return { dataset: { source: 'synthetic', id: moons.id, params: { ...moons.defaults } }, config: structuredClone(DEFAULT_TRAIN_CONFIG), backend: 'auto' };
}

/** The dataset choice for a catalog id with its default parameters, or null for unknown ids. */
export function datasetChoiceFor(id: string): DatasetChoice | null {
  const synthetic = findSyntheticEntry(id);
  if (synthetic) return { source: 'synthetic', id: synthetic.id, params: { ...synthetic.defaults } };
  const bundled = findBundledEntry(id);
  if (bundled && bundled.kind === 'dataset') return { source: 'bundled', id };
  return null;
}

/** One line naming the data, for the runs list and chart titles. */
export function describeDataset(choice: DatasetChoice): string {
  if (choice.source === 'bundled') return findBundledEntry(choice.id)?.title ?? choice.id;
  if (choice.source === 'upload') return `${choice.fileName} (target ${choice.target})`;
  const entry = findSyntheticEntry(choice.id);
  return `${entry?.title ?? choice.id} (${choice.params.n} points, noise ${choice.params.noise})`;
}

type Scalar = number | string | boolean | null | number[];

function encodeValue(v: Scalar): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return v.length ? v.join(',') : 'none';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** Decodes `text` into the type of `like` (the default); undefined when it does not parse. */
function decodeValue(text: string, like: Scalar, nullable: boolean): Scalar | undefined {
  if (text === 'none' && (nullable || Array.isArray(like))) return Array.isArray(like) ? [] : null;
  if (Array.isArray(like)) {
    const parts = text.split(',').map((s) => Number(s.trim()));
    return parts.every((n) => Number.isFinite(n)) ? parts : undefined;
  }
  if (typeof like === 'boolean') return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : undefined;
  if (typeof like === 'number' || like === null) {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
  }
  return text;
}

const NULLABLE: ReadonlySet<string> = new Set(['epochs', 'steps', 'clipNorm', 'patience', 'task']);
const TOP_KEYS = (Object.keys(DEFAULT_TRAIN_CONFIG) as (keyof TrainConfig)[]).filter((k) => k !== 'optimizer' && k !== 'schedule');

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The URL query for `settings`: only what differs from `defaultSettings()`. */
export function settingsToParams(settings: TrainSettings): URLSearchParams {
  const p = new URLSearchParams();
  const d = settings.dataset;
  const defaults = defaultSettings();
  if (d.source === 'upload') {
    p.set('dataset', 'upload');
    p.set('file', d.fileName);
    p.set('target', d.target);
  } else {
    if (!same(d.id, (defaults.dataset as { id: string }).id)) p.set('dataset', d.id);
    if (d.source === 'synthetic') {
      const entry = findSyntheticEntry(d.id);
      for (const spec of entry?.params ?? []) {
        const value = d.params[spec.key];
        if (value !== undefined && value !== entry?.defaults[spec.key]) p.set(`data.${spec.key}`, String(value));
      }
    }
  }
  const c = settings.config;
  const base = DEFAULT_TRAIN_CONFIG;
  for (const key of TOP_KEYS) {
    if (!same(c[key], base[key])) p.set(key, encodeValue(c[key] as Scalar));
  }
  if (c.optimizer.name !== base.optimizer.name) p.set('optimizer', c.optimizer.name);
  for (const [key, value] of Object.entries(c.optimizer)) {
    if (key !== 'name' && !same(value, base.optimizer[key as keyof typeof base.optimizer])) p.set(`optimizer.${key}`, encodeValue(value as Scalar));
  }
  if (c.schedule.name !== base.schedule.name) p.set('schedule', c.schedule.name);
  for (const [key, value] of Object.entries(c.schedule)) {
    if (key !== 'name' && !same(value, base.schedule[key as keyof typeof base.schedule])) p.set(`schedule.${key}`, encodeValue(value as Scalar));
  }
  if (settings.backend !== 'auto') p.set('backend', settings.backend);
  return p;
}

/**
 * Settings from a URL query. Unknown keys are ignored; a value that does not parse or a configuration
 * the engine refuses is reported in `problems` (verbatim for the page) and replaced by its default. A
 * query longer than MAX_LINK_CHARS is not read: the defaults, with one problem saying so.
 */
export function settingsFromParams(params: URLSearchParams): { settings: TrainSettings; problems: string[] } {
  const problems: string[] = [];
  const settings = defaultSettings();
  // The route parser already drops an over-long hash; params built another way get the same limit.
  const length = queryLength(params);
  if (length > MAX_LINK_CHARS) return { settings, problems: [linkTooLongMessage(length)] };
  const datasetId = params.get('dataset');
  if (datasetId === 'upload') {
    settings.dataset = { source: 'upload', fileName: params.get('file') ?? 'data.csv', target: params.get('target') ?? '' };
  } else if (datasetId !== null) {
    const choice = datasetChoiceFor(datasetId);
    if (choice) settings.dataset = choice;
    else problems.push(`Unknown dataset ${quoteExcerpt(datasetId)}; using ${describeDataset(settings.dataset)}.`);
  }
  if (settings.dataset.source === 'synthetic') {
    const entry = findSyntheticEntry(settings.dataset.id)!;
    for (const spec of entry.params) {
      const text = params.get(`data.${spec.key}`);
      if (text === null) continue;
      const n = Number(text);
      if (text.trim() !== '' && Number.isFinite(n) && n >= spec.min && n <= spec.max) settings.dataset.params[spec.key] = n;
      else problems.push(`${spec.label} must be a number from ${spec.min} to ${spec.max}; got ${quoteExcerpt(text)}.`);
    }
  }

  const input: TrainConfigInput = {};
  const bag = input as Record<string, unknown>;
  for (const key of TOP_KEYS) {
    const text = params.get(key);
    if (text === null) continue;
    const value = decodeValue(text, DEFAULT_TRAIN_CONFIG[key] as Scalar, NULLABLE.has(key));
    if (value === undefined) problems.push(`Setting ${key}=${quoteExcerpt(text)} is not understood; using the default.`);
    else bag[key] = value;
  }
  // Giving steps but not epochs means "train for that many steps" (the default epochs would clash).
  if (input.steps != null && !params.has('epochs')) input.epochs = null;
  for (const group of ['optimizer', 'schedule'] as const) {
    const defaults = DEFAULT_TRAIN_CONFIG[group] as unknown as Record<string, Scalar>;
    const out: Record<string, unknown> = {};
    const name = params.get(group);
    if (name !== null) out.name = name;
    for (const key of Object.keys(defaults)) {
      if (key === 'name') continue;
      const text = params.get(`${group}.${key}`);
      if (text === null) continue;
      const value = decodeValue(text, defaults[key]!, false);
      if (value === undefined) problems.push(`Setting ${group}.${key}=${quoteExcerpt(text)} is not understood; using the default.`);
      else out[key] = value;
    }
    if (Object.keys(out).length) bag[group] = out;
  }
  const resolved = resolveTrainConfig(input);
  if (resolved.ok) settings.config = resolved.value;
  else problems.push(`${resolved.error.message} The link's training settings were replaced by the defaults.`);

  const backend = params.get('backend');
  if (backend !== null) {
    if ((BACKEND_CHOICES as readonly string[]).includes(backend)) settings.backend = backend as BackendChoice;
    else problems.push(`Backend must be one of ${BACKEND_CHOICES.join(', ')}; got ${quoteExcerpt(backend)}.`);
  }
  return { settings, problems };
}

/** Characters of `params` written as a query (`k=v&…`, before percent-encoding), without building it. */
function queryLength(params: URLSearchParams): number {
  let n = 0;
  for (const [k, v] of params) n += k.length + v.length + 2;
  return Math.max(0, n - 1);
}

/** All synthetic generators (for the dataset picker). */
export const TRAINABLE_SYNTHETIC = SYNTHETIC_DATASETS;
