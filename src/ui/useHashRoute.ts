import { useSyncExternalStore } from 'react';

/**
 * The route lives in the URL hash (`#/metrics?file=...`) so a page and its settings can be shared as a link
 * and the static build needs no server rewrites.
 */
export interface HashRoute {
  page: string;
  params: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export function parseHash(hash: string): HashRoute {
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
