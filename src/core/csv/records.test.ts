import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { countLineBreaks, detectDialect, parseRows } from './records';

describe('parseRows: chunking is invisible (property)', () => {
  it('gives the rows and quote errors of a one-shot Papa.parse for any text, well-formed or not', () => {
    const textArb = fc.array(fc.constantFrom('a', '1', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', 'é'), { maxLength: 60 })
      .map((parts) => parts.join(''));
    fc.assert(fc.property(textArb, fc.integer({ min: 1, max: 16 }), fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), (text, chunkSize, newline) => {
      const reference = Papa.parse<string[]>(text, { delimiter: ',', newline });
      const ours = parseRows(text, { delimiter: ',', newline, chunkSize });
      expect(ours.data).toEqual(reference.data);
      const quoteCodes = (errors: Array<{ code: string; row?: number }>) =>
        errors.filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes').map((e) => `${e.code}@${e.row}`);
      expect(quoteCodes(ours.errors)).toEqual(quoteCodes(reference.errors));
    }), { numRuns: 2000, seed: 7 });
  });
});

describe('detectDialect', () => {
  it('picks the most consistent delimiter among comma, semicolon and tab', () => {
    expect(detectDialect('a,b,c\n1,2,3\n').delimiter).toBe(',');
    expect(detectDialect('a;b\n1,5;2,5\n3,5;4').delimiter).toBe(';');
    // PapaParse's guesser counts the empty row after a final newline: a short two-column file is then
    // undetectable (parseCsv drops trailing line breaks before detecting, see parse.test.ts).
    expect(detectDialect('a;b\n1,5;2,5\n3,5;4\n').delimiterDetected).toBe(false);
    expect(detectDialect('a\tb\n"x, y"\t2').delimiter).toBe('\t');
    expect(detectDialect('a|b\n1|2\n')).toMatchObject({ delimiter: ',', delimiterDetected: false });
  });

  it('detects the line ending outside quotes and only looks at the start of a large text', () => {
    expect(detectDialect('a,b\r\n"x\ny",1\r\n').newline).toBe('\r\n');
    expect(detectDialect('a,b\r1,2\r').newline).toBe('\r');
    const big = `a;b\n${'1;2\n'.repeat(40_000)}`;
    const started = performance.now();
    expect(detectDialect(big).delimiter).toBe(';');
    expect(performance.now() - started).toBeLessThan(1000); // a full-text guess would be far slower; generous for loaded CI
  });
});

describe('countLineBreaks', () => {
  it('counts \\r\\n, lone \\r and lone \\n once each, where they end', () => {
    expect(countLineBreaks('a\r\nb\rc\nd', 0, 8)).toBe(3);
    expect(countLineBreaks('a\r\nb', 0, 3)).toBe(1);
    expect(countLineBreaks('a\r\nb', 0, 2)).toBe(0);
    expect(countLineBreaks('', 0, 0)).toBe(0);
  });
});
