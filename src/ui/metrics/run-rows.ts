/**
 * When the Metrics page shows a training run's test predictions (`from=run:<runId>`, see handoff.ts):
 * the run's data and which table row each prediction row is, so a confident mistake can open in the
 * what-if panel. The run's stored settings name its data; preparing it again with the run's config
 * gives the same seeded split, and the i-th prediction is the i-th test row (the predictions file is
 * written in that order, one row per file line from line 2).
 */
import { useEffect, useState } from 'react';
import type { LabelledTable } from '../../core/data/table';
import { predictionsModelName } from '../../core/train/run-export';
import type { TrainSettings } from '../../core/train/settings';
import { prepareTrainingData } from '../../core/train/train-data';
import { loadRunForExport } from '../../store/train-store';
import { loadPageData } from '../train/page-data';

export interface RunRows {
  runId: string;
  /** The model's name in the predictions file. */
  model: string;
  table: LabelledTable;
  /** Table row of each prediction row. */
  testRows: Int32Array;
  /** Editor line of every table row (for the panel's title). */
  lines: Int32Array;
}

async function loadRunRows(runId: string): Promise<RunRows | null> {
  const loaded = await loadRunForExport(runId);
  const settings = loaded?.run.meta.config as Partial<TrainSettings> | undefined;
  if (!loaded?.weights || !loaded.predictions || !settings?.dataset) return null;
  // The what-if panel explains dense models; the CNN has its own views on the Train page.
  if (!loaded.weights.info.layers.every((l) => l.kind === 'dense')) return null;
  const { table } = await loadPageData(settings.dataset);
  if (!table) return null;
  const prepared = prepareTrainingData(table, loaded.weights.config, loaded.weights.config.task ?? undefined);
  if (!prepared.ok || prepared.value.data.test.n !== loaded.predictions.y.length) return null;
  return { runId, model: predictionsModelName(loaded.run.meta.name), table, testRows: prepared.value.data.test.rows, lines: prepared.value.data.lines };
}

/** The run behind a `from=run:<runId>` parameter, once loaded; null otherwise (or when it cannot be explained). */
export function useRunRows(from: string | null): RunRows | null {
  const [rows, setRows] = useState<RunRows | null>(null);
  useEffect(() => {
    let cancelled = false;
    setRows(null);
    if (!from?.startsWith('run:')) return;
    void loadRunRows(from.slice(4))
      .then((r) => !cancelled && setRows(r))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [from]);
  return rows;
}
