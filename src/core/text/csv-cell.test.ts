import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvTable } from './csv-cell';

describe('csvCell (OWASP CSV injection)', () => {
  it('prefixes text cells a spreadsheet would run as a formula', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(csvCell('+1+cmd')).toBe("'+1+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    // Neutralised first, then quoted: the quoted field still does not start with "=".
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
  });

  it('leaves numbers, safe text and empty cells alone', () => {
    expect(csvCell(-0.3)).toBe('-0.3');
    expect(csvCell('-0.3')).toBe('-0.3'); // a numeric label read as text: a spreadsheet reads a number
    expect(csvCell('-1e-5')).toBe('-1e-5');
    expect(csvCell(-Infinity)).toBe('-Infinity');
    expect(csvCell(NaN)).toBe('NaN');
    expect(csvCell('model a')).toBe('model a');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });

  it('writes lines and tables', () => {
    expect(csvLine(['=1', 2, null])).toBe("'=1,2,");
    expect(csvTable(['a', '@b'], [[1, '-x']])).toBe("a,'@b\n1,'-x\n");
  });
});
