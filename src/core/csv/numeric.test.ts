import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissingCell, numericColumn, parseStrictNumber } from './numeric';
import { parseCsv } from './parse';
import type { CsvTable } from './table';

function table(text: string, file = 'preds.csv'): CsvTable {
  const r = parseCsv(text, file);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parseStrictNumber', () => {
  it('reads decimal and scientific notation exactly as Number() does', () => {
    const cases: Array<[string, number]> = [
      ['1', 1], ['-2.5', -2.5], ['+3', 3], ['.5', 0.5], ['5.', 5], ['007', 7], ['0.1', 0.1],
      ['1e3', 1000], ['1E-3', 0.001], ['6.02e+23', 6.02e23], [' 7 ', 7], ['\t8\t', 8],
      ['0.9999999892401782', 0.9999999892401782], ['123456789012345678', 123456789012345680],
      ['9007199254740993', 9007199254740992], ['1e400', Infinity], ['2.2250738585072014e-308', 2.2250738585072014e-308],
    ];
    for (const [cell, value] of cases) expect(parseStrictNumber(cell), cell).toBe(value);
    expect(Object.is(parseStrictNumber('-0'), -0)).toBe(true);
  });

  it('reads inf and Infinity with a sign', () => {
    expect(parseStrictNumber('inf')).toBe(Infinity);
    expect(parseStrictNumber('-inf')).toBe(-Infinity);
    expect(parseStrictNumber('+Infinity')).toBe(Infinity);
    expect(parseStrictNumber(' -INF ')).toBe(-Infinity);
  });

  it('rejects what Number() or parseFloat would wrongly accept', () => {
    for (const cell of ['12abc', '1,5', '0x1A', '0b1', '0o7', '1_000', '', ' ', 'abc', '--1', '1e', '1e+', '.', '-', '1.2.3', 'e5', '.e5', '1.5e3x', '١٢', 'NaN', 'infinit', '1 2']) {
      expect(parseStrictNumber(cell), JSON.stringify(cell)).toBeNull();
    }
  });

  it('agrees with Number() on every double written by String, toFixed and toExponential (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 20 }), (d, digits) => {
      for (const text of [String(d), d.toExponential(Math.min(digits, 20)), Math.abs(d) < 1e21 ? d.toFixed(digits) : String(d)]) {
        expect(Object.is(parseStrictNumber(text), Number(text)), text).toBe(true);
      }
    }), { numRuns: 3000, seed: 11 });
  });

  it('rounds like Number() at exact ties and next to powers of two', () => {
    // Integers 2^53 + odd are exact midpoints between doubles (ties to even); below a power of two the
    // gap between doubles halves.
    const ties = [1, 3, 5, 12_345_677, 2 ** 40 + 1].map((odd) => (2n ** 53n + BigInt(odd)).toString());
    for (const s of [...ties, (2n ** 54n - 1n).toString(), '0.99999999999999994', '0.99999999999999995', '1.9999999999999999', '0.49999999999999997', '7.9999999999999996']) {
      expect(parseStrictNumber(s), s).toBe(Number(s));
    }
    fc.assert(fc.property(fc.integer({ min: -60, max: 60 }), fc.integer({ min: -8, max: 8 }), fc.integer({ min: 15, max: 17 }), (k, j, precision) => {
      const s = (2 ** k * (1 + j * 2 ** -53)).toPrecision(precision);
      expect(Object.is(parseStrictNumber(s), Number(s)), s).toBe(true);
    }), { numRuns: 3000, seed: 4 });
  });

  it('reads the shortest text of every double in the usual score range exactly (property)', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (d) => {
      const s = String(d);
      expect(Object.is(parseStrictNumber(s), Number(s)), s).toBe(true); // Number(String(d)) is d, but for -0
    }), { numRuns: 20_000, seed: 5 });
  });

  it('never accepts a string Number() reads differently, and accepts every strict decimal (property)', () => {
    const strict = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
    // Up to 24 characters, so both the short (scan) and the long (Number first) paths are exercised.
    const textArb = fc.array(fc.constantFrom('0', '1', '5', '9', '.', 'e', 'E', '+', '-', ' ', 'x', 'b', ','), { maxLength: 24 }).map((p) => p.join(''));
    fc.assert(fc.property(textArb, (text) => {
      const v = parseStrictNumber(text);
      if (strict.test(text)) expect(Object.is(v, Number(text)), text).toBe(true);
      else expect(v, text).toBeNull();
    }), { numRuns: 5000, seed: 12 });
  });
});

describe('isMissingCell', () => {
  it('recognises empty, NA, N/A, NaN, null, None in any case and with spaces', () => {
    for (const cell of ['', '  ', 'NA', 'na', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', ' NA ']) expect(isMissingCell(cell), cell).toBe(true);
    for (const cell of ['0', '-', 'N', 'none1', 'missing']) expect(isMissingCell(cell), cell).toBe(false);
  });
});

describe('numericColumn', () => {
  it('converts a column to a Float64Array', () => {
    const t = table('y_true,score\n1,0.25\n0,1e-3\n1, 7 \n');
    const r = numericColumn(t, 'score');
    expect(r.ok && Array.from(r.value)).toEqual([0.25, 0.001, 7]);
    expect(r.ok && r.value).toBeInstanceOf(Float64Array);
  });

  it('names the file, row and column of a non-number', () => {
    const rows = ['id,model_a,model_b'];
    for (let i = 0; i < 5; i++) rows.push(`${i},0.5,0.5`);
    rows.push('5,0.5,abc');
    expect(numericColumn(table(rows.join('\n')), 'model_b')).toEqual({
      ok: false,
      error: { kind: 'non-numeric', message: 'preds.csv, row 7, column "model_b": "abc" is not a number.', file: 'preds.csv', row: 7, column: 'model_b' },
    });
  });

  it('hints at a decimal comma', () => {
    const r = numericColumn(table('a;b\n1;"1,5"\n'), 'b');
    expect(!r.ok && r.error.message).toBe('preds.csv, row 2, column "b": "1,5" is not a number. (a decimal comma? Write 1.5, not 1,5.)');
  });

  it('locates errors after multi-line quoted cells by editor row', () => {
    const r = numericColumn(table('note,y\n"a\nb\nc",1\nok,x\n'), 'y');
    expect(!r.ok && [r.error.kind, r.error.row]).toEqual(['non-numeric', 5]);
  });

  it('refuses missing values unless allowed, then reads them as NaN with a warning', () => {
    const t = table('y\n1\nNA\n\n2\nnull\n');
    expect(numericColumn(t, 'y')).toEqual({
      ok: false,
      error: { kind: 'missing-value', message: 'preds.csv, row 3, column "y": the value is missing ("NA").', file: 'preds.csv', row: 3, column: 'y' },
    });
    const r = numericColumn(t, 'y', { allowMissing: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(Array.from(r.value)).toEqual([1, NaN, NaN, 2, NaN]);
    expect(r.warnings).toEqual(['preds.csv, column "y": 3 missing value(s) read as NaN.']);
    const empty = numericColumn(table('a,y\n1,\n'), 'y');
    expect(!empty.ok && empty.error.message).toBe('preds.csv, row 2, column "y": the value is missing (empty).');
  });

  it('reports an unknown column with the columns there are', () => {
    const r = numericColumn(table('a,b\n1,2\n'), 'c');
    expect(r).toEqual({
      ok: false,
      error: { kind: 'unknown-column', message: 'preds.csv, column "c": there is no such column (the columns are "a", "b").', file: 'preds.csv', row: null, column: 'c' },
    });
  });

  it('reads the bundled prediction file exactly (17-digit floats)', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../datasets/predictions/binary-breast-cancer.csv', import.meta.url), 'utf8');
    const t = table(text, 'binary-breast-cancer.csv');
    const lines = text.trim().split('\n');
    for (const name of t.header) {
      const r = numericColumn(t, name);
      if (!r.ok) throw new Error(r.error.message);
      const j = t.header.indexOf(name);
      // Reference: Number() on the text split by hand (the file has no quotes).
      expect(Array.from(r.value)).toEqual(lines.slice(1).map((l) => Number(l.split(',')[j])));
    }
  });
});
