import { useSyncExternalStore } from 'react';
import { MAX_LINK_CHARS } from '../core/link-limits';

/**
 * The route lives in the URL hash (`#/metrics?file=...`) so a page and its settings can be shared as a link
 * and the static build needs no server rewrites.
 */
export interface HashRoute {
  page: string;
  params: URLSearchParams;
  /** Set when the hash is longer than MAX_LINK_CHARS: its length. Its settings were not read. */
  tooLong?: number;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/** Longest page name looked for in an over-long hash (route ids are short words). */
const PAGE_CHARS = 64;

/**
 * The page and the query of a hash. A hash over MAX_LINK_CHARS keeps only its page (when that is a short
 * name) and no settings, and says how long it was: it is never split or decoded whole.
 */
export function parseHash(hash: string): HashRoute {
  if (hash.length > MAX_LINK_CHARS) {
    const head = hash.slice(0, PAGE_CHARS + 2).replace(/^#\/?/, '');
    const end = head.search(/[?&#]/);
    const page = end === -1 ? '' : head.slice(0, end);
    return { page, params: new URLSearchParams(), tooLong: hash.length };
  }
  const body = hash.replace(/^#\/?/, '');
  const [page = '', query = ''] = body.split('?', 2);
  return { page, params: new URLSearchParams(query) };
}

export function useHashRoute(): HashRoute {
  return parseHash(useSyncExternalStore(subscribe, getHash, () => ''));
}

export function navigate(page: string, params?: Record<string, string>): void {
  const query = params ? new URLSearchParams(params).toString() : '';
  window.location.hash = `#/${page}${query ? `?${query}` : ''}`;
}
