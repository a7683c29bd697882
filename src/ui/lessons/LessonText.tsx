import { Fragment } from 'react';
import { parseInline, parseLessonText, type Inline } from './markup';

function Spans({ inline }: { inline: Inline[] }) {
  return (
    <>
      {inline.map((s, i) => {
        switch (s.kind) {
          case 'code':
            return <code key={i}>{s.text}</code>;
          case 'strong':
            return <strong key={i}>{s.text}</strong>;
          case 'em':
            return <em key={i}>{s.text}</em>;
          default:
            return <Fragment key={i}>{s.text}</Fragment>;
        }
      })}
    </>
  );
}

/** Lesson text with its small markup (see markup.ts). */
export function LessonText({ text }: { text: string }) {
  return (
    <>
      {parseLessonText(text).map((b, i) =>
        b.kind === 'p' ? (
          <p key={i}>
            <Spans inline={b.inline} />
          </p>
        ) : (
          <ul key={i}>
            {b.items.map((item, k) => (
              <li key={k}>
                <Spans inline={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

/** One line of inline markup (questions, check descriptions). */
export function InlineText({ text }: { text: string }) {
  return <Spans inline={parseInline(text)} />;
}
