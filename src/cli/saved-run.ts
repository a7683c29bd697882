/**
 * A saved run: the JSON export of `train --json`, read back for `--resume-from RUN.json --at STEP`.
 * Only what a branch needs is checked: the configuration, the dataset, the fault, the backend and the
 * step losses (to confirm the replay reproduces the saved trunk).
 */
import { readFile } from 'node:fs/promises';
import { resolveTrainConfig, type TrainConfig } from '../core/train/config';
import { isFaultName, type FaultName } from '../core/train/faults';
import { quoteExcerpt, shortPath, truncateText } from '../core/text/excerpt';

export interface SavedRun {
  config: TrainConfig;
  dataset: string;
  target: string | null;
  fault: FaultName | null;
  backend: string | null;
  /** Step losses as saved (null where the run wrote a non-finite number). */
  losses: (number | null)[];
}

/** Reads and checks RUN.json; the error message names the file and the missing or bad key. */
export async function readSavedRun(file: string): Promise<{ ok: true; run: SavedRun } | { ok: false; message: string }> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, message: `cannot read ${shortPath(file)} as a run's JSON export: ${truncateText(String((err as Error).message), 200)}` };
  }
  if (typeof json !== 'object' || json === null) return { ok: false, message: `${file}: not a run's JSON export (expected an object)` };
  if (typeof json.dataset !== 'string') return { ok: false, message: `${file}: no "dataset" key; export the run with train --json (this version writes it)` };
  const config = resolveTrainConfig((json.config ?? {}) as Parameters<typeof resolveTrainConfig>[0]);
  if (!config.ok) return { ok: false, message: `${file}: its "config" is not a valid configuration: ${config.error.message}` };
  const fault = typeof json.fault === 'string' ? json.fault : null;
  if (fault !== null && !isFaultName(fault)) return { ok: false, message: `${file}: unknown fault ${quoteExcerpt(fault)}` };
  const steps = Array.isArray(json.steps) ? (json.steps as { loss?: number | null }[]) : [];
  const backend = (json.backend as { name?: unknown } | undefined)?.name;
  return {
    ok: true,
    run: {
      config: config.value,
      dataset: json.dataset,
      target: typeof json.target === 'string' ? json.target : null,
      fault,
      backend: typeof backend === 'string' ? backend : null,
      losses: steps.map((s) => (typeof s.loss === 'number' ? s.loss : null)),
    },
  };
}
