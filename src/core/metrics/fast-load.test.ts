/**
 * The fast path of `loadPredictionsFromCsv` (parseNumericCsv + loadBinaryFromNumericTable) must be
 * invisible: for any file, the same result (value, warnings, or error kind/row/column/message) as the
 * general path `loadPredictions(parseCsv(text))`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumericCsv } from '../csv/fast-numeric';
import { parseCsv } from '../csv/parse';
import { ok, type Result } from '../result';
import { loadBinaryFromNumericTable, loadPredictions, predictionTargetName, type LoadedPredictions, type LoadPredictionsOptions } from './predictions';
import { loadPredictionsFromCsv } from './report';

function generalPath(text: string, options: LoadPredictionsOptions, file = 'p.csv'): Result<LoadedPredictions> {
  const table = parseCsv(text, file);
  if (!table.ok) return table;
  const loaded = loadPredictions(table.value, options);
  if (!loaded.ok) return loaded;
  return ok(loaded.value, [...table.warnings, ...loaded.warnings]);
}

function tookFastPath(text: string, options: LoadPredictionsOptions): boolean {
  const numeric = parseNumericCsv(text, 'p.csv', { textColumn: (header) => predictionTargetName(header, options.target) });
  return numeric !== null && loadBinaryFromNumericTable(numeric, options) !== null;
}

const LABELS = ['0', '1', '1.0', '-0', '2', 'yes', '', 'NA'];
const SCORES = ['0', '1', '0.25', '0.999999', '-1.5', '3e2', 'inf', 'nan', '', 'abc', '.5', ' 0.5'];

const fileArb = fc.integer({ min: 1, max: 4 }).chain((nModels) => fc.record({
  header: fc.tuple(
    fc.constantFrom('y_true', 'label', 'a'),
    fc.uniqueArray(fc.constantFrom('b', 'm:0', 'm:1', 'c', 'd', 'e', 'y'), { minLength: nModels, maxLength: nModels }),
  ).map(([t, rest]) => [t, ...rest]),
  rows: fc.array(fc.tuple(
    fc.oneof({ weight: 40, arbitrary: fc.constantFrom('0', '1') }, { weight: 1, arbitrary: fc.constantFrom(...LABELS) }),
    fc.array(fc.oneof({ weight: 60, arbitrary: fc.constantFrom('0.1', '0.7', '0.5', '0.25') }, { weight: 1, arbitrary: fc.constantFrom(...SCORES) }),
      { minLength: nModels, maxLength: nModels }),
  ), { minLength: 1, maxLength: 12 }),
  options: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, fc.record({
    task: fc.constantFrom(undefined, 'auto', 'binary', 'regression', 'multiclass'),
    target: fc.constantFrom(undefined, 'y_true', 'a'),
    positiveLabel: fc.constantFrom(undefined, '1', '0'),
  }, { requiredKeys: [] })),
}));

describe('loadPredictionsFromCsv fast path', () => {
  it('gives the general path\'s result (value, warnings or located error) for random prediction files', () => {
    let fast = 0;
    fc.assert(fc.property(fileArb, ({ header, rows, options }) => {
      const text = [header.join(','), ...rows.map(([y, s]) => [y, ...s].join(','))].join('\n') + '\n';
      const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as LoadPredictionsOptions;
      if (tookFastPath(text, opts)) fast++;
      expect(loadPredictionsFromCsv(text, 'p.csv', opts)).toEqual(generalPath(text, opts));
    }), { numRuns: 600 });
    expect(fast).toBeGreaterThan(20); // the property exercised the fast path, not only the fallback
  });

  it('gives the general path\'s result for files with text labels', () => {
    let fast = 0;
    const textLabels = fc.constantFrom(['yes', 'no'], ['pos', 'neg'], ['True', 'False'], ['cat', 'dog'], ['yes', ' no'], ['yes', 'NA'], ['1', 'no']);
    fc.assert(fc.property(fileArb, textLabels, ({ header, rows, options }, [p, q]) => {
      const text = [header.join(','), ...rows.map(([y, s]) => [y === '1' ? p : y === '0' ? q : y, ...s].join(','))].join('\n') + '\n';
      const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as LoadPredictionsOptions;
      if (tookFastPath(text, opts)) fast++;
      expect(loadPredictionsFromCsv(text, 'p.csv', opts)).toEqual(generalPath(text, opts));
    }), { numRuns: 600 });
    expect(fast).toBeGreaterThan(20);
  });

  it('takes the fast path on a typical file, with scores outside [0, 1] kept as a score model', () => {
    const text = 'y_true,p,margin\n1,0.9,2.5\n0,0.2,-1\n1,0.6,0.3\n';
    expect(tookFastPath(text, {})).toBe(true);
    const r = loadPredictionsFromCsv(text, 'p.csv');
    expect(r).toEqual(generalPath(text, {}));
    if (r.ok && r.value.task === 'binary') {
      expect(r.value.models.map((m) => m.kind)).toEqual(['probability', 'score']);
      expect(r.value.models[1]!.outOfRange).toEqual({ value: 2.5, row: 2 });
    }
  });

  it('takes the fast path on a file with yes/no labels', () => {
    const text = 'label,p\nyes,0.9\nno,0.2\nno,0.6\n';
    expect(tookFastPath(text, {})).toBe(true);
    const r = loadPredictionsFromCsv(text, 'p.csv');
    expect(r).toEqual(generalPath(text, {}));
    expect(r.ok && r.value.task === 'binary' && [r.value.classes, r.value.positiveLabel, Array.from(r.value.labels)])
      .toEqual([['no', 'yes'], 'yes', [1, 0, 0]]);
  });

  it.each(['binary-breast-cancer.csv', 'regression-diabetes.csv', 'multiclass-digits.csv'])('gives the same result as the general path on bundled %s', (name) => {
    const text = readFileSync(resolve(__dirname, '../../../datasets/predictions', name), 'utf8');
    expect(loadPredictionsFromCsv(text, name)).toEqual(generalPath(text, {}, name));
  });
});
