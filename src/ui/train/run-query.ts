/**
 * Search and sort for the runs list: pure functions over run metadata.
 */
import type { RunMeta } from '../../store/runs-db';

/** Orders the runs list can be sorted in. */
export const RUN_SORTS = ['newest', 'oldest', 'name', 'loss', 'steps'] as const;
export type RunSort = (typeof RUN_SORTS)[number];

/** Text a query is matched against: name, data, status, backend, kind and the main settings. */
export function runSearchText(run: RunMeta): string {
  const c = (run.config ?? {}) as { config?: { model?: string; optimizer?: { name?: string }; lr?: number; hidden?: number[] } };
  const cfg = c.config ?? {};
  return [run.name, run.datasetLabel, run.status, run.backend ?? '', run.kind, cfg.model ?? '', cfg.optimizer?.name ?? '', cfg.lr !== undefined ? `lr ${cfg.lr}` : '', cfg.hidden?.join(',') ?? '']
    .join(' ')
    .toLowerCase();
}

/**
 * Runs whose search text contains every whitespace-separated word of `query` (case-insensitive), in
 * `sort` order. 'loss' puts runs without a finite last loss at the end; ties keep newest first.
 */
export function filterAndSortRuns(runs: readonly RunMeta[], query: string, sort: RunSort): RunMeta[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = runs.filter((r) => {
    const text = runSearchText(r);
    return words.every((w) => text.includes(w));
  });
  const newest = (a: RunMeta, b: RunMeta) => b.createdAt - a.createdAt;
  const lossKey = (r: RunMeta) => (r.lastLoss !== null && Number.isFinite(r.lastLoss) ? r.lastLoss : Infinity);
  const compare: Record<RunSort, (a: RunMeta, b: RunMeta) => number> = {
    newest,
    oldest: (a, b) => a.createdAt - b.createdAt,
    name: (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }) || newest(a, b),
    loss: (a, b) => lossKey(a) - lossKey(b) || newest(a, b),
    steps: (a, b) => b.stepCount - a.stepCount || newest(a, b),
  };
  return matching.sort((a, b) => {
    const c = compare[sort](a, b);
    return Number.isNaN(c) ? newest(a, b) : c;
  });
}
