/**
 * Settings a learner may change before running a step (a learning rate, a cost, a seed): a path into
 * the experiment data, read and written without mutating the lesson. Paths are dot-separated; after
 * `variants` (or `models`) the next segment is an element's `id`, not an index, so a path keeps working
 * when a teacher reorders variants: 'variants.high.config.lr', 'config.seed', 'costs.fn', 'source.seed'.
 */
import type { Experiment, LessonSetting } from './experiment';

type Node = Record<string, unknown> | unknown[];

function child(node: unknown, segment: string, previous: string | undefined): unknown {
  if (Array.isArray(node)) {
    // Arrays of objects with ids (variants, models) are addressed by id.
    if (previous === 'variants' || previous === 'models') return node.find((e) => (e as { id?: string }).id === segment);
    return node[Number(segment)];
  }
  if (node && typeof node === 'object') return (node as Record<string, unknown>)[segment];
  return undefined;
}

/** The number at `path`, or undefined when the path does not lead to a number. */
export function readSetting(experiment: Experiment, path: string): number | undefined {
  const segments = path.split('.');
  let node: unknown = experiment;
  segments.forEach((s, i) => {
    node = child(node, s, segments[i - 1]);
  });
  return typeof node === 'number' ? node : undefined;
}

/**
 * A copy of the experiment with the number at `path` set to `value`. Missing objects on the way are
 * created (a variant without a `config` gets one), but a missing variant id or a non-object is an error.
 */
export function writeSetting(experiment: Experiment, path: string, value: number): Experiment {
  const copy = structuredClone(experiment) as unknown as Node;
  const segments = path.split('.');
  let node: unknown = copy;
  for (let i = 0; i < segments.length - 1; i++) {
    let next = child(node, segments[i]!, segments[i - 1]);
    if (next === undefined && node && typeof node === 'object' && !Array.isArray(node)) {
      next = {};
      (node as Record<string, unknown>)[segments[i]!] = next;
    }
    if (!next || typeof next !== 'object') throw new RangeError(`setting path "${path}": no "${segments[i]}" in the experiment`);
    node = next;
  }
  if (!node || typeof node !== 'object' || Array.isArray(node)) throw new RangeError(`setting path "${path}" does not end in an object field`);
  (node as Record<string, unknown>)[segments[segments.length - 1]!] = value;
  return copy as unknown as Experiment;
}

/** Clamps to [min, max] and rounds to the setting's step grid (log settings keep 3 significant digits). */
export function normaliseSettingValue(setting: LessonSetting, value: number): number {
  if (!Number.isFinite(value)) return readDefaultFallback(setting);
  const clamped = Math.min(setting.max, Math.max(setting.min, value));
  if (setting.log) return Number(clamped.toPrecision(3));
  const steps = Math.round((clamped - setting.min) / setting.step);
  return Number((setting.min + steps * setting.step).toPrecision(12));
}

function readDefaultFallback(setting: LessonSetting): number {
  return setting.min;
}

/** The experiment with every given setting value applied (values are normalised; unknown ids ignored). */
export function applySettings(experiment: Experiment, settings: readonly LessonSetting[], values: Readonly<Record<string, number>>): Experiment {
  let out = experiment;
  for (const s of settings) {
    const v = values[s.id];
    if (v === undefined) continue;
    out = writeSetting(out, s.path, normaliseSettingValue(s, v));
  }
  return out;
}

/** The lesson's own value of every setting (what a fresh step starts with). */
export function defaultSettingValues(experiment: Experiment, settings: readonly LessonSetting[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of settings) {
    const v = readSetting(experiment, s.path);
    if (v !== undefined) out[s.id] = v;
  }
  return out;
}
