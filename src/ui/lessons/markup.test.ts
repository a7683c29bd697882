import { describe, expect, it } from 'vitest';
import { parseInline, parseLessonText } from './markup';

describe('lesson markup', () => {
  it('parses code, strong and emphasis, leaving other text alone', () => {
    expect(parseInline('call `model.eval()` **before** you *evaluate*, 2 * 3 = 6')).toEqual([
      { kind: 'text', text: 'call ' },
      { kind: 'code', text: 'model.eval()' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', text: 'before' },
      { kind: 'text', text: ' you ' },
      { kind: 'em', text: 'evaluate' },
      { kind: 'text', text: ', 2 * 3 = 6' },
    ]);
  });

  it('splits paragraphs on blank lines and reads "- " lines as a list', () => {
    const blocks = parseLessonText('First line\ncontinues.\n\n- one\n- **two**\n\nLast.');
    expect(blocks).toEqual([
      { kind: 'p', inline: [{ kind: 'text', text: 'First line continues.' }] },
      { kind: 'ul', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'strong', text: 'two' }]] },
      { kind: 'p', inline: [{ kind: 'text', text: 'Last.' }] },
    ]);
  });

  it('never produces HTML: angle brackets stay text', () => {
    expect(parseLessonText('<b>x</b>')).toEqual([{ kind: 'p', inline: [{ kind: 'text', text: '<b>x</b>' }] }]);
  });
});
