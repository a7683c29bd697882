import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumericCsv } from './fast-numeric';
import { numericColumn } from './numeric';
import { parseCsv } from './parse';

/** Numeric cells of every accepted shape, plus cells the strict reader rejects (missing, text, hex). */
const NUMERIC_CELLS = ['0', '1', '-0', '0.5', '.5', '2.', '+3', '1e3', '6.02E23', ' 7 ', '0.123456', '123456789012345678', '1e-400', 'inf', '-Infinity', '17.99'];
const BAD_CELLS = ['', 'NA', 'nan', 'abc', '0x1A', '1_000', '  ', '1..2', 'e5'];

/** Random plain decimals around the 15-significant-digit and 16-character limits of the inline reader. */
const decimalCell = fc.tuple(
  fc.constantFrom('', '-', '+'),
  fc.stringMatching(/^[0-9]{0,10}$/),
  fc.constantFrom('', '.'),
  fc.stringMatching(/^[0-9]{0,9}$/),
).map(([sign, int, dot, frac]) => sign + int + dot + frac);
const numericCell = fc.oneof(fc.constantFrom(...NUMERIC_CELLS, '1234567890.12345', '1234567890.123456', '0.00000000000001', '-0.0'), decimalCell.filter((c) => /[0-9]/.test(c)));
const anyCell = fc.oneof({ weight: 8, arbitrary: numericCell }, { weight: 1, arbitrary: fc.constantFrom(...BAD_CELLS) });

interface Shape { header: string[]; rows: string[][]; delimiter: string; trailing: string; bom: boolean; blankAt: number }

function render(s: Shape): string {
  const lines = [s.header.join(s.delimiter), ...s.rows.map((r) => r.join(s.delimiter))];
  if (s.blankAt >= 0 && s.blankAt < lines.length) lines.splice(s.blankAt + 1, 0, '');
  return (s.bom ? '\ufeff' : '') + lines.join('\n') + s.trailing;
}

const shapeArb = (cell: fc.Arbitrary<string>, blanks: boolean): fc.Arbitrary<Shape> =>
  fc.integer({ min: 1, max: 4 }).chain((nCols) => fc.record({
    header: fc.uniqueArray(fc.constantFrom('y_true', 'a', ' b', 'model:1', 'c ', '1', '2', ''), { minLength: nCols, maxLength: nCols }),
    rows: fc.array(fc.array(cell, { minLength: nCols, maxLength: nCols }), { minLength: 0, maxLength: 10 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    trailing: fc.constantFrom('', '\n', '\n\n'),
    bom: fc.boolean(),
    blankAt: blanks ? fc.integer({ min: -3, max: 5 }) : fc.constant(-1),
  }));

/** The fast path's promise: when it answers, the general path gives the same table and the same numbers. */
function expectSameAsGeneral(text: string, textColumn?: string): ReturnType<typeof parseNumericCsv> {
  const fast = parseNumericCsv(text, 'f.csv', textColumn === undefined ? {} : { textColumn: () => textColumn });
  if (fast === null) return null;
  const general = parseCsv(text, 'f.csv');
  expect(general.ok).toBe(true);
  if (!general.ok) return fast;
  expect(general.warnings).toEqual([]);
  expect(fast.header).toEqual(general.value.header);
  expect(fast.rowCount).toBe(general.value.rowCount);
  expect(fast.delimiter).toBe(general.value.delimiter);
  if (fast.text !== null) {
    expect(fast.text.column).toBe(textColumn);
    expect(fast.text.cells).toEqual(general.value.columns[fast.header.indexOf(fast.text.column)]);
  }
  fast.header.forEach((name, j) => {
    if (fast.text?.column === name) return;
    const col = numericColumn(general.value, name);
    expect(col.ok).toBe(true);
    if (col.ok) {
      // Bit for bit: Object.is tells -0 from 0.
      expect(Array.from(fast.columns[j]!).every((v, i) => Object.is(v, col.value[i]))).toBe(true);
    }
  });
  return fast;
}

describe('parseNumericCsv', () => {
  it('reads a plain numeric file into the same numbers as parseCsv + numericColumn', () => {
    const text = 'y_true,p\n1,0.9\n0,-0\n1,1e-3\n';
    const fast = expectSameAsGeneral(text);
    expect(fast).not.toBeNull();
    expect(fast!.header).toEqual(['y_true', 'p']);
    expect(Array.from(fast!.columns[1]!)).toEqual([0.9, -0, 0.001]);
  });

  it.each([
    ['a quote', 'y,p\n1,"0.5"\n'],
    ['CRLF line endings', 'y,p\r\n1,0.5\r\n'],
    ['a ragged row', 'y,p\n1,0.5,3\n'],
    ['a short row', 'y,p\n1\n0,0.5\n'],
    ['a blank line', 'y,p\n1,0.5\n\n0,0.2\n'],
    ['a missing value', 'y,p\n1,\n'],
    ['text', 'y,p\nyes,0.5\n'],
    ['a one-column file', 'y\n1\n0\n'],
    ['a header only', 'y,p\n'],
    ['an empty header name', 'y,\n1,0.5\n'],
    ['a duplicate header name', 'y,y\n1,0.5\n'],
    ['a numeric header', '1,2\n1,0.5\n'],
    ['a blank first line', '\ny,p\n1,0.5\n'],
    ['undecodable characters', 'y,p\n1,0.5\ufffd\n'],
  ])('declines %s (the general path reports or warns)', (_, text) => {
    expect(parseNumericCsv(text, 'f.csv')).toBeNull();
  });

  it('reads random plain decimals bit for bit as parseStrictNumber (Number()) does', () => {
    fc.assert(fc.property(fc.array(decimalCell, { minLength: 1, maxLength: 20 }), (cells) => {
      const fast = parseNumericCsv(`a,b\n${cells.map((c) => `${c},1`).join('\n')}\n`, 'f.csv');
      const valid = cells.every((c) => /[0-9]/.test(c));
      expect(fast !== null).toBe(valid);
      if (fast !== null) cells.forEach((c, i) => expect(Object.is(fast.columns[0]![i], Number(c))).toBe(true));
    }), { numRuns: 500 });
  });

  it('answers for every quote-free all-numeric table, with the general path\'s numbers', () => {
    fc.assert(fc.property(shapeArb(numericCell, false), (s) => {
      const text = render(s);
      const fast = expectSameAsGeneral(text);
      const header = s.header.map((h) => h.trim());
      const simple = s.rows.length > 0 && s.header.length >= 2 && !header.includes('') &&
        !header.every((h) => /^\d+$/.test(h));
      if (simple) expect(fast).not.toBeNull();
    }), { numRuns: 300 });
  });

  it('never differs from the general path on quote-free tables with bad cells and blank lines', () => {
    fc.assert(fc.property(shapeArb(anyCell, true), (s) => { expectSameAsGeneral(render(s)); }), { numRuns: 500 });
  });

  it('keeps the text column as raw cells when some cell is not a number, and only that column', () => {
    const text = 'y,p\nyes,0.5\n no ,0.25\n';
    const fast = expectSameAsGeneral(text, 'y');
    expect(fast?.text).toEqual({ column: 'y', cells: ['yes', ' no '] });
    expect(Array.from(fast!.columns[1]!)).toEqual([0.5, 0.25]);
    expect(parseNumericCsv(text, 'f.csv', { textColumn: () => 'p' })).toBeNull();
    expect(expectSameAsGeneral('y,p\n1,0.5\n', 'y')?.text).toBeNull(); // all numbers: no text column
  });

  it('never differs from the general path with a text column', () => {
    const cell = fc.oneof(anyCell, fc.constantFrom('yes', 'no', ' yes'));
    fc.assert(fc.property(shapeArb(cell, true), fc.nat(3), (s, j) => {
      const column = s.header[j % s.header.length]!.trim();
      expectSameAsGeneral(render(s), column);
    }), { numRuns: 500 });
  });
});
