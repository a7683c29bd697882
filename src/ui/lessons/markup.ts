/**
 * The small markup of lesson text (no HTML, so a lesson file cannot inject any): paragraphs separated by
 * a blank line, lines starting with "- " as a list, and inline `code`, **strong** and *emphasis*.
 * Parsed to plain data here (tested in Node); LessonText.tsx renders it.
 */
export type Inline = { kind: 'text' | 'em' | 'strong' | 'code'; text: string };
export type Block = { kind: 'p'; inline: Inline[] } | { kind: 'ul'; items: Inline[][] };

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;

/** Inline spans of one line or paragraph; unmatched markers stay as text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    const token = m[0];
    if (token.startsWith('`')) out.push({ kind: 'code', text: token.slice(1, -1) });
    else if (token.startsWith('**')) out.push({ kind: 'strong', text: token.slice(2, -2) });
    else out.push({ kind: 'em', text: token.slice(1, -1) });
    last = at + token.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Blocks of a lesson text. */
export function parseLessonText(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk): Block => {
      const lines = chunk.split('\n').map((l) => l.trim());
      if (lines.every((l) => l.startsWith('- '))) return { kind: 'ul', items: lines.map((l) => parseInline(l.slice(2))) };
      return { kind: 'p', inline: parseInline(lines.join(' ')) };
    });
}
