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
  const value = text ?? '';
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
