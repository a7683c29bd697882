/**
 * The longest URL hash the app reads. A 2 MB hash once took 21 s to render (every page parses the hash
 * on each render, and the Train page compared and rewrote it); no link the app writes comes near 8 KiB
 * (the longest, a lesson with every setting, is well under 1 KiB). Longer links open the page with its
 * defaults and say so: the same rule for the route parser (src/ui/useHashRoute.ts) and the settings
 * parser (src/core/train/settings.ts).
 */

/** Most characters of a URL hash (with its `#`) or of a link's settings that are read. */
export const MAX_LINK_CHARS = 8 * 1024;

/** The one short message for a link over MAX_LINK_CHARS: its length, the limit, what happened. */
export function linkTooLongMessage(length: number): string {
  return `This link is too long to read: its settings are ${length.toLocaleString('en-US')} characters, and a link may carry at most ${MAX_LINK_CHARS.toLocaleString('en-US')} (8 KiB). The page opened with its defaults.`;
}
