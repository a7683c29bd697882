import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../core/csv/parse';
import type { CsvTable } from '../core/csv/table';
import { driftCheck } from '../core/stats';
import { DRIFT_EXAMPLES, driftColumnKind, driftFeaturesFromCsv, findDriftExample, makeDriftExample } from './experiments-drift';

function csv(text: string, name = 'x.csv'): CsvTable {
  const r = parseCsv(text, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const diabetes = csv(readFileSync(resolve(__dirname, '../../datasets/diabetes.csv'), 'utf8'), 'diabetes.csv');

function numbers(table: CsvTable, name: string): number[] {
  return table.columns[table.header.indexOf(name)]!.map(Number);
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sdOf = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));

describe('driftColumnKind', () => {
  it('reads numbers as numeric, few integer codes and text as categorical', () => {
    expect(driftColumnKind(['1.5', '2', 'NA'], ['3', ''])).toBe('numeric');
    expect(driftColumnKind(['1', '2', '1'], ['2', '2'])).toBe('categorical');
    expect(driftColumnKind(['1', '2', '3', '4', '5', '6'], ['1'])).toBe('numeric');
    expect(driftColumnKind(['a', 'b'], ['a'])).toBe('categorical');
    expect(driftColumnKind(['1', '2.5'], ['x'])).toBe('categorical');
  });
});

describe('driftFeaturesFromCsv', () => {
  it('compares the shared columns, minus the excluded ones, and names the others', () => {
    const ref = csv('a,b,c,target\n1.5,x,1,0\n2.5,y,2,1\n', 'ref.csv');
    const cur = csv('b,a,d,target\ny,3.5,7,1\n', 'cur.csv');
    const r = driftFeaturesFromCsv(ref, cur, ['target']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => [f.name, f.kind])).toEqual([['a', 'numeric'], ['b', 'categorical']]);
    expect(r.value[0]!.kind === 'numeric' && Array.from(r.value[0]!.current)).toEqual([3.5]);
    expect(r.warnings.join(' ')).toMatch(/Only in ref\.csv: c.*Only in cur\.csv: d/);
    const none = driftFeaturesFromCsv(csv('p\n1\n', 'p.csv'), csv('q\n1\n', 'q.csv'));
    expect(none.ok).toBe(false);
  });
});

describe('makeDriftExample', () => {
  it('splits the rows into two halves that together are the file, leaving unshifted columns verbatim', () => {
    const r = makeDriftExample(diabetes, findDriftExample('diabetes-unshifted')!);
    if (!r.ok) throw new Error(r.error.message);
    const ref = csv(r.value.reference), cur = csv(r.value.current);
    expect(ref.rowCount).toBe(221);
    expect(cur.rowCount).toBe(221);
    const rows = (t: CsvTable) => Array.from({ length: t.rowCount }, (_, i) => t.columns.map((c) => c[i]).join(','));
    const original = rows(diabetes).sort();
    expect([...rows(ref), ...rows(cur)].sort()).toEqual(original);
    expect(makeDriftExample(diabetes, findDriftExample('diabetes-unshifted')!)).toEqual(r); // seeded
  });

  it('shifts the current half by the stated amounts of the reference standard deviation', () => {
    const plain = makeDriftExample(diabetes, { seed: 1, shifts: [] });
    const shifted = makeDriftExample(diabetes, { seed: 1, shifts: [{ column: 'bmi', shiftSd: 0.8 }, { column: 's5_ltg', scale: 1.5 }] });
    if (!plain.ok || !shifted.ok) throw new Error('example failed');
    const ref = csv(plain.value.reference), before = csv(plain.value.current), after = csv(shifted.value.current);
    const s = sdOf(numbers(ref, 'bmi'));
    expect(mean(numbers(after, 'bmi')) - mean(numbers(before, 'bmi'))).toBeCloseTo(0.8 * s, 3);
    expect(sdOf(numbers(after, 's5_ltg')) / sdOf(numbers(before, 's5_ltg'))).toBeCloseTo(1.5, 3);
    expect(numbers(after, 'age')).toEqual(numbers(before, 'age'));
    expect(makeDriftExample(diabetes, { seed: 1, shifts: [{ column: 'nope', shiftSd: 1 }] }).ok).toBe(false);
  });

  it('gives a drift check that flags exactly the shifted features, and nothing for the unshifted halves', () => {
    for (const example of DRIFT_EXAMPLES) {
      const r = makeDriftExample(diabetes, example);
      if (!r.ok) throw new Error(r.error.message);
      const features = driftFeaturesFromCsv(csv(r.value.reference), csv(r.value.current), [example.target]);
      if (!features.ok) throw new Error(features.error.message);
      expect(features.value.find((f) => f.name === 'sex')!.kind).toBe('categorical');
      const report = driftCheck(features.value);
      if (!report.ok) throw new Error(report.error.message);
      expect(report.value.driftedFeatures.sort()).toEqual(example.shifts.map((s) => s.column).sort());
    }
  });
});
