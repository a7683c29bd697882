/**
 * How the running shell reads a bundled file from datasets/ (the page: its own hashed static assets).
 * The shell installs its loader once at start-up, so workers and stores never import the UI to get one.
 */
export type BundledFileLoader = (path: string) => Promise<string>;

let loader: BundledFileLoader | null = null;

export function installBundledFileLoader(next: BundledFileLoader): void {
  loader = next;
}

/** The text of datasets/`path` through the installed loader. */
export function fetchBundledFile(path: string): Promise<string> {
  if (!loader) return Promise.reject(new Error(`no loader for bundled files is installed (wanted datasets/${path})`));
  return loader(path);
}
