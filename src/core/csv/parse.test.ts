import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../result';
import { parseCsv, type ParseCsvOptions } from './parse';
import { rowLine, type CsvTable } from './table';

/**
 * Parses in one chunk and in 3-character chunks and insists both agree, so every case below also
 * checks that chunk boundaries change nothing (line numbers in errors included).
 */
function parse(text: string, file = 'test.csv', options: ParseCsvOptions = {}): Result<CsvTable> {
  const whole = parseCsv(text, file, options);
  const tiny = parseCsv(text, file, { ...options, chunkSize: 3 });
  expect(tiny).toEqual(whole);
  return whole;
}

function table(text: string, options: ParseCsvOptions = {}): CsvTable {
  const r = parse(text, 'test.csv', options);
  if (!r.ok) throw new Error(`expected a table, got: ${r.error.message}`);
  return r.value;
}

function failure(text: string, file = 'test.csv', options: ParseCsvOptions = {}) {
  const r = parse(text, file, options);
  if (r.ok) throw new Error('expected an error, got a table');
  return r.error;
}

describe('parseCsv: accepted input', () => {
  it('reads a header and column-major cells', () => {
    const t = table('a,b,c\n1,2,3\n4,5,6\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.columns).toEqual([['1', '4'], ['2', '5'], ['3', '6']]);
    expect(t.rowCount).toBe(2);
    expect(t.delimiter).toBe(',');
    expect([rowLine(t, 0), rowLine(t, 1)]).toEqual([2, 3]);
  });

  it('strips a UTF-8 BOM from the first header name', () => {
    expect(table('\ufeffid,score\n1,0.5').header).toEqual(['id', 'score']);
  });

  it('reads CRLF and CR line endings without leaving \\r in cells', () => {
    expect(table('a,b\r\n1,2\r\n3,4\r\n').columns).toEqual([['1', '3'], ['2', '4']]);
    expect(table('a,b\r1,2\r3,4').columns).toEqual([['1', '3'], ['2', '4']]);
  });

  it('detects semicolon and tab delimiters, even with decimal commas in a semicolon file', () => {
    const semi = table('a;b;c\n1,5;2,25;x\n3,0;4,5;y\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.columns).toEqual([['1,5', '3,0'], ['2,25', '4,5'], ['x', 'y']]);
    // Two columns, a few rows and a final newline: PapaParse alone would not detect this one.
    expect(table('a;b\n1,5;2\n3,5;4\n').delimiter).toBe(';');
    const tab = table('name\tscore\nAnn Lee\t0.5\nBo, Jr\t0.7\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.columns[0]).toEqual(['Ann Lee', 'Bo, Jr']);
  });

  it('takes an explicit delimiter', () => {
    const t = table('a|b\n1|2', { delimiter: '|' });
    expect(t.columns).toEqual([['1'], ['2']]);
    expect(() => parseCsv('a\n1', 'x.csv', { delimiter: '"' })).toThrow(RangeError);
  });

  it('unquotes fields holding delimiters, line breaks and doubled quotes', () => {
    const t = table('text,n\n"a, b",1\n"line 1\nline 2",2\n"she said ""hi""",3\n"",4\n');
    expect(t.columns[0]).toEqual(['a, b', 'line 1\nline 2', 'she said "hi"', '']);
    expect(t.columns[1]).toEqual(['1', '2', '3', '4']);
  });

  it('counts editor lines across multi-line cells (Excel: CRLF rows, LF inside cells)', () => {
    const t = table('id,note\r\n1,"a\nb\nc"\r\n2,x\r\n3,"d\r\ne"\r\n4,y\r\n');
    expect(t.rowCount).toBe(4);
    expect([0, 1, 2, 3].map((i) => rowLine(t, i))).toEqual([2, 5, 6, 8]);
  });

  it('accepts trailing empty lines and a missing final newline', () => {
    expect(table('a,b\n1,2\n\n\n').rowCount).toBe(1);
    expect(table('a,b\n1,2').rowCount).toBe(1);
  });

  it('skips blank lines inside a multi-column file, warns, and keeps row numbers exact', () => {
    const r = parse('a,b\n1,2\n\n   \n3,4\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.columns).toEqual([['1', '3'], ['2', '4']]);
    expect(rowLine(r.value, 1)).toBe(5);
    expect(r.warnings).toEqual(['test.csv: skipped 2 blank line(s), the first at row 3.']);
  });

  it('skips blank lines before the header', () => {
    const t = table('\n  \r\na,b\n1,2\n');
    expect([t.header, rowLine(t, 0)]).toEqual([['a', 'b'], 4]);
  });

  it('keeps an empty line of a one-column file as an empty (missing) cell', () => {
    const t = table('y\n1\n\n0\n""\n');
    expect(t.columns).toEqual([['1', '', '0', '']]);
  });

  it('keeps cells verbatim (spaces included) but trims header names', () => {
    const t = table(' a , b \n 1 ,x y \n');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.columns).toEqual([[' 1 '], ['x y ']]);
  });

  it('renames empty header names as pandas does, with a warning', () => {
    const r = parse(',a,\n0,1,2\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.header).toEqual(['Unnamed: 0', 'a', 'Unnamed: 2']);
    expect(r.warnings[0]).toContain('"Unnamed: 0", "Unnamed: 2"');
  });

  it('warns when the header row looks like data', () => {
    const r = parse('1,2\n3,4\n');
    expect(r.ok && r.warnings.some((w) => w.includes('looks like data'))).toBe(true);
  });

  it('warns about U+FFFD replacement characters but parses', () => {
    const r = parse('name,x\nJos\ufffd,1\n');
    expect(r.ok && r.warnings.some((w) => w.includes('could not be decoded'))).toBe(true);
  });

  it('reads unicode cells', () => {
    expect(table('a,b\n✓,日本\n😀,ʤ\n').columns).toEqual([['✓', '😀'], ['日本', 'ʤ']]);
  });
});

describe('parseCsv: each bad input gives one located error', () => {
  it('empty file, whitespace-only file, BOM-only file', () => {
    for (const text of ['', '\n\r\n', '   \n  ', '\ufeff']) {
      expect(failure(text, 'e.csv')).toEqual({ kind: 'empty', message: 'e.csv: the file is empty.', file: 'e.csv', row: null, column: null });
    }
  });

  it('header only', () => {
    for (const text of ['a,b,c', 'a,b,c\r\n', 'a,b,c\n\n']) {
      const e = failure(text, 'h.csv');
      expect(e.kind).toBe('no-rows');
      expect(e.message).toBe('h.csv: the file has a header row but no data rows.');
    }
  });

  it('a ragged row: the message and row are exact', () => {
    const rows = ['a,b,c,d,e'];
    for (let i = 2; i <= 13; i++) rows.push(`${i},1,2,3,4`);
    rows.push('14,1,2,3');
    rows.push('15,1,2,3,4');
    const e = failure(`${rows.join('\n')}\n`, 'breast.csv');
    expect(e).toEqual({
      kind: 'ragged',
      message: 'breast.csv, row 14: expected 5 fields (as in the header) but found 4.',
      file: 'breast.csv',
      row: 14,
      column: null,
    });
  });

  it('a ragged row with a trailing delimiter gets a hint', () => {
    const e = failure('a,b\n1,2\n3,4,\n');
    expect(e.row).toBe(3);
    expect(e.message).toContain('found 3. The extra fields are empty: a trailing delimiter');
  });

  it('a ragged row after multi-line cells is located on its own line', () => {
    const e = failure('a,b\n"x\ny",1\n2\n');
    expect([e.kind, e.row]).toEqual(['ragged', 4]);
  });

  it('an unclosed quote: the row and column where it opened', () => {
    const lines = ['id,text,score'];
    for (let i = 0; i < 200; i++) lines.push(`${i},ok,0.5`);
    lines.push('200,"never closed,0.5');
    for (let i = 0; i < 200; i++) lines.push(`${i},ok,0.5`);
    const e = failure(lines.join('\n'), 'notes.csv');
    expect(e).toEqual({
      kind: 'quotes',
      message: 'notes.csv, row 202, column "text": a quote opens here and is never closed. Close it, or write a quote inside a quoted value as "".',
      file: 'notes.csv',
      row: 202,
      column: 'text',
    });
  });

  it('text after a closing quote: the line of that quote and its column', () => {
    // The record starts on line 3; its third field, the malformed one, opens on line 4.
    const e = failure('a,b,c\n1,2,3\n"x\ny",5,"6"7\n8,9,10\n');
    expect([e.kind, e.row, e.column]).toEqual(['quotes', 4, 'c']);
    expect(e.message).toContain('text after its closing quote');
  });

  it('a quote problem in the header has no column', () => {
    const e = failure('a,"b\n1,2\n');
    expect([e.kind, e.row, e.column]).toEqual(['quotes', 1, null]);
  });

  it('a quote problem in the header, shown with its row', () => {
    const e = failure('a,"b"c\n1,2\n');
    expect([e.kind, e.row, e.column]).toEqual(['quotes', 1, null]);
  });

  it('binary content: NUL bytes, control characters', () => {
    expect(failure('a,b\n1,\u0000\n').kind).toBe('binary');
    const garbage = Array.from({ length: 400 }, (_, i) => String.fromCharCode((i * 7919) % 32)).join('');
    expect(failure(`a,b\n${garbage}`).kind).toBe('binary');
    expect(failure('\ufffd\ufffd\ufffd,\ufffd\ufffd\n\ufffd,1').kind).toBe('binary');
  });

  it('non-CSV formats are named', () => {
    expect(failure('PK\u0003\u0004\u0014\u0000').message).toContain('Excel .xlsx');
    expect(failure('<!DOCTYPE html>\n<html><body>a,b</body></html>').message).toContain('HTML page');
    expect(failure('[{"a": 1}]').message).toContain('JSON');
    expect(failure('%PDF-1.7\n1,2').kind).toBe('not-csv');
  });

  it('a duplicate column name is an error on row 1 naming the column', () => {
    expect(failure('id,score,id\n1,2,3\n', 'p.csv')).toEqual({
      kind: 'header',
      message: 'p.csv, row 1, column "id": the column name is used twice (columns 1 and 3); rename one of them.',
      file: 'p.csv',
      row: 1,
      column: 'id',
    });
    // Trimming makes " id" and "id" the same name.
    expect(failure('id, id\n1,2\n').column).toBe('id');
  });

  it('the first problem wins: a ragged row before an unclosed quote', () => {
    const e = failure('a,b\n1\n"x,2\n');
    expect([e.kind, e.row]).toEqual(['ragged', 2]);
  });
});

describe('parseCsv: progress', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reports increasing fractions ending at 1, at most every 50 ms', () => {
    let now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 10));
    const text = `a,b\n${Array.from({ length: 5000 }, (_, i) => `${i},${i % 2}`).join('\n')}`;
    const seen: number[] = [];
    const r = parseCsv(text, 'p.csv', { chunkSize: 256, onProgress: (f) => seen.push(f) });
    expect(r.ok).toBe(true);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] as number);
    // Each chunk advances the fake clock by 10 ms, so at most one report per 5 chunks (plus the final 1).
    const chunks = Math.ceil(text.length / 200);
    expect(seen.length).toBeLessThanOrEqual(chunks / 5 + 2);
    expect(seen.length).toBeGreaterThan(5);
  });
});

/** Characters that stress a CSV parser, plus ordinary text. */
const CELL_CHARS = ['a', 'B', 'z', '0', '7', '.', '-', ' ', '\t', ',', ';', '"', '\n', '\r', "'", 'é', 'ʤ', '日', '😀', '#', '\\'];
const cellArb = fc.array(fc.constantFrom(...CELL_CHARS), { maxLength: 8 }).map((cs) => cs.join(''));
const nameArb = fc.array(fc.constantFrom('a', 'b', 'x', 'y', '_', '1', 'é', ' ', '"', ','), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join('').trim())
  .filter((n) => n !== '');

/** Writes one field as RFC 4180 does: quoted when it holds the delimiter, a quote or a line break. */
function writeField(cell: string, delimiter: string, alone: boolean): string {
  // A one-column row whose only cell is empty must be written "" (Python's csv module does the same),
  // or it would read as a blank line.
  if (cell.includes(delimiter) || /["\r\n]/.test(cell) || (alone && cell === '')) return `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

describe('parseCsv: round trip (property)', () => {
  it('any table written with proper quoting parses back to the same header, cells and row lines', () => {
    const tableArb = fc.integer({ min: 1, max: 4 }).chain((nCols) => fc.record({
      header: fc.uniqueArray(nameArb, { minLength: nCols, maxLength: nCols }),
      rows: fc.array(fc.array(cellArb, { minLength: nCols, maxLength: nCols }), { minLength: 1, maxLength: 12 }),
      delimiter: fc.constantFrom(',', ';', '\t'),
      newline: fc.constantFrom('\n', '\r\n'),
      trailingNewline: fc.boolean(),
      bom: fc.boolean(),
      chunkSize: fc.integer({ min: 1, max: 40 }),
    }));
    fc.assert(fc.property(tableArb, ({ header, rows, delimiter, newline, trailingNewline, bom, chunkSize }) => {
      const alone = header.length === 1;
      const lines = [header, ...rows].map((r) => r.map((c) => writeField(c, delimiter, alone)).join(delimiter));
      // Expected editor line of each data row: 1 + line breaks before it.
      const expectedLines: number[] = [];
      let line = 1;
      lines.forEach((l, k) => {
        if (k > 0) expectedLines.push(line);
        line += 1 + (l.match(/\r\n|\r|\n/g)?.length ?? 0);
      });
      const text = (bom ? '\ufeff' : '') + lines.join(newline) + (trailingNewline ? newline : '');
      const r = parseCsv(text, 'rt.csv', { delimiter, chunkSize });
      if (!r.ok) throw new Error(`${r.error.message}\n${JSON.stringify(text)}`);
      expect(r.value.header).toEqual(header);
      expect(r.value.rowCount).toBe(rows.length);
      expect(r.value.columns).toEqual(header.map((_, j) => rows.map((row) => row[j])));
      expect(rows.map((_, i) => rowLine(r.value, i))).toEqual(expectedLines);
    }), { numRuns: 400, seed: 20240601 });
  });
});
