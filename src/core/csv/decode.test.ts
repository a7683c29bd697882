import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { decodeCsvBytes, findNonCsvContent } from './decode';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeCsvBytes', () => {
  it('decodes UTF-8 from a Uint8Array or an ArrayBuffer', () => {
    const bytes = utf8('a,b\nré,日本\n');
    expect(decodeCsvBytes(bytes, 'x.csv')).toEqual({ ok: true, value: 'a,b\nré,日本\n', warnings: [] });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(decodeCsvBytes(buffer, 'x.csv')).toEqual({ ok: true, value: 'a,b\nré,日本\n', warnings: [] });
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id\n1')]), 'x.csv');
    expect(r.ok && r.value).toBe('id\n1');
  });

  it('reads invalid UTF-8 as Windows-1252, with a warning', () => {
    // "café,€" in Windows-1252: é = 0xE9, € = 0x80.
    const r = decodeCsvBytes(new Uint8Array([...utf8('name,x\ncaf'), 0xe9, 0x2c, 0x80]), 'latin.csv');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toBe('name,x\ncafé,€');
    expect(r.warnings[0]).toContain('latin.csv: not valid UTF-8, read as Windows-1252');
  });

  it('decodes UTF-16 LE and BE with a byte-order mark', () => {
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (const ch of 'a\tb\n1\t2') {
      const c = ch.charCodeAt(0);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    for (const bytes of [le, be]) {
      const r = decodeCsvBytes(new Uint8Array(bytes), 'u16.csv');
      expect(r.ok && r.value).toBe('a\tb\n1\t2');
      expect(r.ok && r.warnings[0]).toMatch(/UTF-16(LE|BE)/);
    }
  });

  it('names spreadsheets, archives and documents picked by mistake', () => {
    const cases: Array<[number[], string]> = [
      [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'Excel .xlsx'],
      [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], '.xls'],
      [[0x1f, 0x8b, 0x08, 0x00], 'gzip'],
      [[...utf8('%PDF-1.4\n')], 'PDF'],
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'PNG'],
    ];
    for (const [bytes, what] of cases) {
      const r = decodeCsvBytes(new Uint8Array(bytes), 'data.csv');
      expect(r.ok ? null : [r.error.kind, r.error.row, r.error.column]).toEqual(['not-csv', null, null]);
      expect(!r.ok && r.error.message).toContain(what);
    }
  });

  it('refuses binary content: NUL bytes, random bytes', () => {
    const nul = decodeCsvBytes(utf8('a,b\n1,\u0000'), 'bin.csv');
    expect(!nul.ok && nul.error).toEqual({ kind: 'binary', message: 'bin.csv: the file contains NUL bytes: it is a binary file, not CSV text.', file: 'bin.csv', row: null, column: null });
    const rng = createRng(5);
    const noise = new Uint8Array(4096).map(() => 1 + rng.int(255)); // no zero byte: exercise the share test
    const r = decodeCsvBytes(noise, 'noise.bin');
    expect(!r.ok && r.error.kind).toBe('binary');
  });

  it('gives empty text for empty bytes (parseCsv reports the empty file)', () => {
    expect(decodeCsvBytes(new Uint8Array(0), 'e.csv')).toEqual({ ok: true, value: '', warnings: [] });
  });
});

describe('findNonCsvContent', () => {
  it('accepts ordinary CSV, a few replacement characters, and an allowed control delimiter', () => {
    expect(findNonCsvContent('a,b\n1,2\n', 'x.csv')).toBeNull();
    expect(findNonCsvContent(`name\n${'Jos\ufffd\n'.repeat(3)}${'plain text row\n'.repeat(20)}`, 'x.csv')).toBeNull();
    const rs = 'a\u001eb\n1\u001e2\n';
    expect(findNonCsvContent(rs, 'x.csv')?.kind).toBe('binary');
    expect(findNonCsvContent(rs, 'x.csv', '\u001e')).toBeNull();
  });

  it('does not mistake CSV that merely starts like another format', () => {
    expect(findNonCsvContent('PAR1,PAR2\n1,2\n', 'x.csv')).toBeNull();
    expect(findNonCsvContent('SQLite,version\n3,1\n', 'x.csv')).toBeNull();
    expect(findNonCsvContent('[a],b\n1,2\n', 'x.csv')).toBeNull();
  });
});
