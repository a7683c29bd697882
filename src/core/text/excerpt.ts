/**
 * Quoting a value inside a message without echoing it whole: a 50 MB cell must not become a 50 MB
 * banner or stderr line. Every message that quotes a user value goes through `quoteExcerpt`.
 */

/** Characters of a value a message shows; the rest is summarised by its length. */
export const EXCERPT_CHARS = 60;

/**
 * `value` JSON-quoted if it is short, else its first EXCERPT_CHARS characters, an ellipsis and the
 * full length: `"aaaa…" (50,000,000 characters)`. Never splits a surrogate pair.
 * @example quoteExcerpt('cat') === '"cat"'
 */
export function quoteExcerpt(text: string | null | undefined, max = EXCERPT_CHARS): string {
  // String(): a value typed as text may arrive as a number from parsed data (a URL's `task=0`).
  const value = String(text ?? '');
  if (value.length <= max) return JSON.stringify(value);
  let cut = max;
  const code = value.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${JSON.stringify(value.slice(0, cut) + '…')} (${value.length.toLocaleString('en-US')} characters)`;
}

/** The plain-text counterpart for places that show a value unquoted (table cells, names). */
export function truncateText(value: string, max = EXCERPT_CHARS): string {
  if (value.length <= max) return value;
  let cut = max;
  const code = value.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return value.slice(0, cut) + '…';
}

/** Characters of quoted values a list in a message shows before it says how many more there are. */
export const LIST_CHARS = 240;

/**
 * Values quoted by `quoteExcerpt` and joined by commas, as many as fit in LIST_CHARS (at least one),
 * then how many were left out: a file of 10,000 columns must not become a 10,000-name message.
 * @example quoteList(['a', 'b']) === '"a", "b"'
 * @example quoteList(Array.from({ length: 1000 }, (_, i) => `c${i}`)) // '"c0", "c1", … and 960 more'
 */
export function quoteList(values: readonly string[], max = LIST_CHARS): string {
  const shown: string[] = [];
  let length = 0;
  for (const v of values) {
    const q = quoteExcerpt(v);
    if (shown.length > 0 && length + q.length + 2 > max) break;
    shown.push(q);
    length += q.length + 2;
  }
  const rest = values.length - shown.length;
  return shown.join(', ') + (rest > 0 ? ` and ${rest.toLocaleString('en-US')} more` : '');
}

/** Characters of a file path a message shows. */
export const PATH_CHARS = 200;

/**
 * A path as it is when it is short, else its start and its end around an ellipsis, so that the file
 * name stays in view: `/home/…/predictions.csv`.
 */
export function shortPath(path: string, max = PATH_CHARS): string {
  if (path.length <= max) return path;
  const tail = Math.floor(max / 2);
  return `${truncateText(path, max - tail - 1).slice(0, -1)}…${path.slice(path.length - tail)}`;
}
