/**
 * URLs of the bundled CSVs in datasets/. Vite copies each file into the build as a hashed asset,
 * so "pick a bundled dataset" works from the static site with no server and no network.
 */
const urls = import.meta.glob('../../datasets/**/*.csv', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** Maps a catalog path relative to datasets/ (e.g. 'iris.csv', 'predictions/binary-breast-cancer.csv') to its URL. */
export function bundledFileUrl(path: string): string {
  const url = urls[`../../datasets/${path}`];
  if (!url) throw new Error(`no bundled file datasets/${path}`);
  return url;
}

/** Fetches a bundled file's text (from the same origin: the app's own static assets). */
export async function fetchBundledFile(path: string): Promise<string> {
  const response = await fetch(bundledFileUrl(path));
  if (!response.ok) throw new Error(`could not load datasets/${path}: HTTP ${response.status}`);
  return response.text();
}
