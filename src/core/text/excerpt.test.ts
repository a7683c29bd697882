import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, LIST_CHARS, PATH_CHARS, quoteExcerpt, quoteList, shortPath, truncateText } from './excerpt';

describe('quoteExcerpt', () => {
  it('quotes short values whole', () => {
    expect(quoteExcerpt('cat')).toBe('"cat"');
    expect(quoteExcerpt('a"b')).toBe('"a\\"b"');
  });

  it('quotes a long value by a 60-character excerpt and its full length', () => {
    const q = quoteExcerpt('x'.repeat(50_000_000));
    expect(q).toBe(`"${'x'.repeat(EXCERPT_CHARS)}…" (50,000,000 characters)`);
    expect(q.length).toBeLessThan(100);
  });

  it('never splits a surrogate pair', () => {
    const s = 'a'.repeat(EXCERPT_CHARS - 1) + '😀'.repeat(10);
    expect(truncateText(s)).toBe('a'.repeat(EXCERPT_CHARS - 1) + '…');
    expect(truncateText('short')).toBe('short');
  });
});

describe('quoteList', () => {
  it('quotes a short list whole', () => {
    expect(quoteList(['a', 'b"c'])).toBe('"a", "b\\"c"');
    expect(quoteList([])).toBe('');
  });

  it('stops at LIST_CHARS and says how many more there are', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `column_${i}`);
    const list = quoteList(names);
    expect(list.length).toBeLessThan(LIST_CHARS + 30);
    expect(list.startsWith('"column_0", "column_1", ')).toBe(true);
    const shown = list.split(', ').length;
    expect(list.endsWith(` and ${(10_000 - shown).toLocaleString('en-US')} more`)).toBe(true);
  });

  it('always shows the first value, as an excerpt', () => {
    const list = quoteList(['x'.repeat(5000), 'y', 'z'], 50);
    expect(list).toBe(`${quoteExcerpt('x'.repeat(5000))} and 2 more`);
  });
});

describe('shortPath', () => {
  it('keeps a short path and elides the middle of a long one, the file name in view', () => {
    expect(shortPath('/data/preds.csv')).toBe('/data/preds.csv');
    const long = `/${'d/'.repeat(500)}predictions.csv`;
    const p = shortPath(long);
    expect(p.length).toBe(PATH_CHARS);
    expect(p.startsWith('/d/d/')).toBe(true);
    expect(p.endsWith('/predictions.csv')).toBe(true);
    expect(p).toContain('…');
  });
});
