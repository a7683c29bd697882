/**
 * The page's own view of the chosen data: the points for the decision-boundary chart and the feature
 * values of any row (for the hard-examples table). The engine trains in its worker on the same data;
 * the page regenerates or re-parses it (synthetic generators are seeded, bundled files are small) so
 * that per-row detail never has to cross the worker boundary.
 */
import { useEffect, useState } from 'react';
import { findBundledEntry, findSyntheticEntry } from '../../core/data/catalog';
import { parseCsv } from '../../core/csv/parse';
import { labelledTableFromCsv, labelledTableFromSynthetic, type LabelledTable } from '../../core/data/table';
import { uploadedText } from '../../store/train-store';
import type { BoundaryPoints } from './boundary';
import type { DatasetChoice } from '../../core/train/settings';

export interface PageData {
  /** 2-D data (or 1-D regression): the chart shows the boundary / curve. */
  plottable: boolean;
  points: BoundaryPoints | null;
  classes: string[] | null;
  /** Feature names and values (as text) of table rows. */
  features: ((rows: number[]) => { header: string[]; values: string[][] }) | null;
  /** The labelled table the engine trains on (for the what-if panel), or null when it does not load. */
  table: LabelledTable | null;
}

const EMPTY: PageData = { plottable: false, points: null, classes: null, features: null, table: null };
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));

/** Loads what the page needs to know about `dataset` (regenerated or re-parsed here). */
export async function loadPageData(dataset: DatasetChoice): Promise<PageData> {
  if (dataset.source === 'synthetic') {
    const entry = findSyntheticEntry(dataset.id);
    if (!entry) return EMPTY;
    const ds = entry.generate(dataset.params);
    const features = (rows: number[]) => ({ header: ds.featureNames, values: rows.map((r) => ds.featureNames.map((_, j) => fmt(ds.x[r * ds.d + j]!))) });
    const plottable = ds.d === 2 || (ds.d === 1 && ds.task === 'regression');
    const table = labelledTableFromSynthetic(ds);
    if (!plottable) return { plottable, points: null, classes: null, features, table };
    const x1 = Array.from({ length: ds.n }, (_, i) => ds.x[i * ds.d]!);
    const x2 = ds.d === 2 ? Array.from({ length: ds.n }, (_, i) => ds.x[i * ds.d + 1]!) : [];
    return { plottable, points: { x1, x2, y: Array.from(ds.y) }, classes: ds.task === 'binary' ? ['0', '1'] : null, features, table };
  }
  let text: string | null;
  let name: string;
  let target: string;
  if (dataset.source === 'bundled') {
    const entry = findBundledEntry(dataset.id);
    if (!entry) return EMPTY;
    const { fetchBundledFile } = await import('../../core/data/bundled-files');
    text = await fetchBundledFile(entry.file);
    name = entry.file;
    target = entry.target;
  } else {
    text = uploadedText(dataset.fileName);
    name = dataset.fileName;
    target = dataset.target;
  }
  if (text === null) return EMPTY;
  const parsed = parseCsv(text, name);
  if (!parsed.ok) return EMPTY;
  const table = parsed.value;
  const featureCols = table.header.map((h, j) => ({ h, j })).filter((c) => c.h !== target);
  const labelled = labelledTableFromCsv(table, target);
  return {
    plottable: false,
    points: null,
    classes: null,
    features: (rows) => ({ header: featureCols.map((c) => c.h), values: rows.map((r) => featureCols.map((c) => table.columns[c.j]![r] ?? '')) }),
    table: labelled.ok ? labelled.value : null,
  };
}

/** React hook over loadPageData; keeps the last result while the next loads. */
export function usePageData(dataset: DatasetChoice): PageData {
  const [data, setData] = useState<PageData>(EMPTY);
  const key = JSON.stringify(dataset);
  useEffect(() => {
    let cancelled = false;
    void loadPageData(JSON.parse(key) as DatasetChoice)
      .then((d) => !cancelled && setData(d))
      .catch(() => !cancelled && setData(EMPTY));
    return () => {
      cancelled = true;
    };
  }, [key]);
  return data;
}
