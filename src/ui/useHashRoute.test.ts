import { describe, expect, it } from 'vitest';
import { MAX_LINK_CHARS } from '../core/link-limits';
import { parseHash } from './useHashRoute';

describe('parseHash', () => {
  it('reads the page and its query', () => {
    const r = parseHash('#/train?lr=0.5&hidden=8,8');
    expect(r.page).toBe('train');
    expect(r.params.get('lr')).toBe('0.5');
    expect(r.params.get('hidden')).toBe('8,8');
    expect(r.tooLong).toBeUndefined();
    expect(parseHash('').page).toBe('');
  });

  it('keeps only the page of a hash over the link limit, with its length (a 2 MB hash took 21 s to render, issue 17)', () => {
    const hash = `#/train?lr=0.5&pad=${'x'.repeat(2_000_000)}`;
    const r = parseHash(hash);
    expect(r).toEqual({ page: 'train', params: new URLSearchParams(), tooLong: hash.length });
    // A long page name is not a page; a bare long hash neither.
    expect(parseHash(`#/${'p'.repeat(MAX_LINK_CHARS)}`).page).toBe('');
    expect(parseHash(`#/lessons?${'a=1&'.repeat(MAX_LINK_CHARS)}`).page).toBe('lessons');
  });

  it('reads a hash of exactly the limit as usual', () => {
    const head = '#/train?lr=0.5&pad=';
    const r = parseHash(head + 'x'.repeat(MAX_LINK_CHARS - head.length));
    expect(r.tooLong).toBeUndefined();
    expect(r.params.get('lr')).toBe('0.5');
  });
});
