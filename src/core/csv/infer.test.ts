import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DISTINCT_CAP, guessTargetColumn, inferColumns, type ColumnSummary } from './infer';
import { parseCsv } from './parse';

function summaries(text: string): ColumnSummary[] {
  const r = parseCsv(text, 't.csv');
  if (!r.ok) throw new Error(r.error.message);
  return inferColumns(r.value);
}

function byName(text: string): Record<string, ColumnSummary> {
  return Object.fromEntries(summaries(text).map((s) => [s.name, s]));
}

/** A CSV with the given columns (equal lengths). */
function csv(columns: Record<string, Array<string | number>>): string {
  const names = Object.keys(columns);
  const n = (columns[names[0] as string] as unknown[]).length;
  const rows = Array.from({ length: n }, (_, i) => names.map((k) => String((columns[k] as unknown[])[i])).join(','));
  return [names.join(','), ...rows].join('\n');
}

describe('inferColumns: kinds', () => {
  const s = byName(csv({
    y01: [0, 1, 1, 0, 1, 0],
    yesno: ['yes', 'no', 'no', 'yes', 'yes', 'no'],
    species: ['setosa', 'virginica', 'setosa', 'versicolor', 'virginica', 'versicolor'],
    score: [0.1, 0.93, 0.5, 0.25, 0.75, 0.6],
    count: [3, 17, 250, 4, 99, 1000],
    names: ['ann', 'bob', 'cy', 'di', 'ed', 'flo'],
    constant: [7, 7, 7, 7, 7, 7],
    mixed: [1, 2, 'three', 4, 5, 6],
    floatLabels: ['0.0', '1.0', '1', '0', '1.0', '0.0'],
  }));

  it('labels: 0/1, yes/no, a few class names, 0.0/1.0', () => {
    expect([s.y01?.kind, s.yesno?.kind, s.species?.kind, s.floatLabels?.kind]).toEqual(['label', 'label', 'label', 'label']);
  });

  it('numeric, integer, categorical', () => {
    expect(s.score?.kind).toBe('numeric');
    expect(s.count?.kind).toBe('integer'); // 6 distinct in 6 rows: not seen twice per class on average
    expect(s.names?.kind).toBe('categorical');
    expect(s.constant?.kind).toBe('integer'); // one value cannot be a target
    expect(s.mixed?.kind).toBe('categorical');
  });

  it('counts numbers as numbers: 1 and 1.0 are one value, written canonically in levels', () => {
    expect(s.floatLabels?.distinct).toBe(2);
    expect(s.floatLabels?.levels).toEqual([{ value: '0', count: 3 }, { value: '1', count: 3 }]);
  });

  it('levels are sorted by count, ties in order of first appearance', () => {
    expect(s.yesno?.levels).toEqual([{ value: 'yes', count: 3 }, { value: 'no', count: 3 }]);
    expect(summaries('v\nc\nb\na\nb\nb\na\nc\n')[0]?.levels).toEqual([
      { value: 'b', count: 3 }, { value: 'c', count: 2 }, { value: 'a', count: 2 },
    ]);
  });

  it('more than 20 classes is not a label', () => {
    const values = Array.from({ length: 210 }, (_, i) => `c${i % 21}`);
    expect(summaries(csv({ c: values }))[0]?.kind).toBe('categorical');
    const ints = Array.from({ length: 210 }, (_, i) => i % 21);
    expect(summaries(csv({ c: ints }))[0]?.kind).toBe('integer');
    const twenty = Array.from({ length: 200 }, (_, i) => i % 20);
    expect(summaries(csv({ c: twenty }))[0]?.kind).toBe('label');
  });
});

describe('inferColumns: statistics', () => {
  it('missing, distinct, min, max, mean and examples over non-missing values', () => {
    const [x] = summaries('x\n3\nNA\n-1\n\n2.5\n3\nnull\n');
    expect(x).toEqual({
      name: 'x', index: 0, kind: 'numeric', missing: 3, distinct: 3, distinctCapped: false,
      min: -1, max: 3, mean: (3 - 1 + 2.5 + 3) / 4, examples: ['3', '-1', '2.5'], levels: null,
    });
  });

  it('a text column has no numeric statistics; examples are the first five distinct, trimmed', () => {
    const [c] = summaries('c\n b\na\nb\nc\nd\ne\nf\n');
    expect([c?.min, c?.max, c?.mean]).toEqual([null, null, null]);
    expect(c?.examples).toEqual(['b', 'a', 'c', 'd', 'e']);
  });

  it('an all-missing column is categorical with nothing counted', () => {
    const [, e] = summaries('a,e\n1,\n2,NA\n');
    expect(e).toMatchObject({ kind: 'categorical', missing: 2, distinct: 0, min: null, examples: [] });
  });

  it('caps distinct counting', () => {
    const values = Array.from({ length: 3000 }, (_, i) => i * 0.5);
    const [v] = summaries(csv({ v: values }));
    expect([v?.distinct, v?.distinctCapped, v?.min, v?.max]).toEqual([DISTINCT_CAP, true, 0, 1499.5]);
    const [w] = summaries(csv({ w: values.map((x) => `id${x}`) }));
    expect([w?.kind, w?.distinct, w?.distinctCapped]).toEqual(['categorical', DISTINCT_CAP, true]);
  });
});

describe('inferColumns on the bundled datasets', () => {
  const load = (path: string): ColumnSummary[] => {
    const text = readFileSync(new URL(`../../../datasets/${path}`, import.meta.url), 'utf8');
    const r = parseCsv(text, path);
    if (!r.ok) throw new Error(r.error.message);
    return inferColumns(r.value);
  };

  it('finds the target of each and calls it a label (or integer for regression)', () => {
    const iris = load('iris.csv');
    expect(guessTargetColumn(iris)).toBe('target');
    expect(iris.at(-1)).toMatchObject({ kind: 'label', distinct: 3, missing: 0 });
    expect(iris.at(-1)?.levels?.map((l) => l.count)).toEqual([50, 50, 50]);
    expect(iris.slice(0, 4).every((c) => c.kind === 'numeric')).toBe(true);
    const breast = load('breast-cancer.csv');
    expect(breast.find((c) => c.name === guessTargetColumn(breast))).toMatchObject({ kind: 'label', distinct: 2 });
    const digits = load('digits.csv');
    expect(digits.find((c) => c.name === guessTargetColumn(digits))).toMatchObject({ kind: 'label', distinct: 10 });
    const diabetes = load('diabetes.csv');
    expect(diabetes.find((c) => c.name === guessTargetColumn(diabetes))?.kind).toBe('integer');
    const preds = load('predictions/binary-breast-cancer.csv');
    expect(guessTargetColumn(preds)).toBe('y_true');
    expect(preds.map((c) => c.kind)).toEqual(['label', 'numeric', 'numeric', 'numeric']);
  });
});

describe('guessTargetColumn', () => {
  const named = (...names: string[]) => names.map((name) => ({ name }));
  it('prefers target, label, y_true, y, class in that order, ignoring case', () => {
    expect(guessTargetColumn(named('x', 'Class', 'y', 'f'))).toBe('y');
    expect(guessTargetColumn(named('y', 'LABEL'))).toBe('LABEL');
    expect(guessTargetColumn(named('Target', 'label'))).toBe('Target');
    expect(guessTargetColumn(named('y_true', 'score'))).toBe('y_true');
  });
  it('falls back to the last column, or null without columns', () => {
    expect(guessTargetColumn(named('a', 'b', 'outcome'))).toBe('outcome');
    expect(guessTargetColumn([])).toBeNull();
  });
});
