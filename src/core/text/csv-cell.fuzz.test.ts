/**
 * Fuzzing the one CSV writer (csv-cell.ts) against the app's own CSV reader: any row of text and
 * numbers written with `csvLine` reads back as one row of the same width, no text cell read back starts
 * the way a spreadsheet formula does (=, +, -, @, tab, CR) unless it is a plain number literal, and a
 * number reads back as the same double, a text cell as itself or with one leading quote.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseCsv } from '../csv/parse';
import { FUZZ_RUNS, withinTimeLimit } from '../../fuzz-support/fuzz-inputs';
import { csvLine, type CsvCell } from './csv-cell';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' '), fc.string({ maxLength: 10 })).map(([a, b]) => a + b),
  fc.constantFrom("=cmd|' /C calc'!A0", '@SUM(1+1)', '=HYPERLINK("http://x","click")', '-1', '+1', '-0.3', '-', '+', '=', '1e5', '-.5', '\t=1'),
);
const cell: fc.Arbitrary<CsvCell> = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, -0.3, 0, -0) },
);

describe('fuzz: CSV cells a spreadsheet cannot run', () => {
  it(`rows written with csvLine read back inert and whole (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (row) => {
        withinTimeLimit(() => {
          // A header row of plain names, so the parser sees the written row as data.
          const header = row.map((_, i) => `c${i}`);
          const parsed = parseCsv(`${header.join(',')}\n${csvLine(row)}\n`, 'export.csv', { delimiter: ',' });
          if (!parsed.ok) {
            // A row of only empty cells is a blank line, which the reader skips.
            if (parsed.error.kind === 'no-rows' && row.every((c) => c === null || c === '')) return;
            throw new Error(`unreadable export: ${parsed.error.message}`);
          }
          const back = parsed.value.columns.map((col) => col[0] ?? '');
          if (back.length !== row.length) throw new Error(`width ${back.length}, wrote ${row.length}`);
          row.forEach((value, j) => {
            const got = back[j]!;
            if (typeof value === 'number') {
              if (Number(got) !== value) throw new Error(`number ${value} read back as ${got}`);
            } else if (FORMULA_START.test(got) && !NUMBER_LITERAL.test(got)) {
              throw new Error(`cell ${JSON.stringify(value)} reads back as the formula ${JSON.stringify(got)}`);
            } else if (typeof value === 'string' && got !== value && got !== `'${value}`) {
              // Text comes back as written, or with the one quote that makes it inert.
              throw new Error(`cell ${JSON.stringify(value)} reads back as ${JSON.stringify(got)}`);
            }
          });
        }, 'csv cell');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
