import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, quoteExcerpt, truncateText } from './excerpt';

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
