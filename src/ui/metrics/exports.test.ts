import { describe, expect, it } from 'vitest';
import { comparisonCsv, comparisonJson, confusionCsv, csvField, multiclassConfusionCsv, reportHtml } from './exports';

const table = {
  task: 'binary' as const,
  keys: ['roc_auc', 'tp', 'fp', 'tn', 'fn'],
  rows: [
    { model: 'a,"quoted"', values: { roc_auc: 0.123456789012345, tp: 3, fp: 1, tn: 4, fn: 2 }, threshold: 0.5 },
    { model: 'b', values: { roc_auc: null, tp: 0, fp: 0, tn: 5, fn: 5 }, threshold: Infinity },
  ],
};

describe('exports', () => {
  it('quotes CSV fields as RFC 4180 says and keeps full precision', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(null)).toBe('');
    const lines = comparisonCsv(table).trim().split('\n');
    expect(lines[0]).toBe('model,threshold,roc_auc,tp,fp,tn,fn');
    expect(lines[1]).toBe('"a,""quoted""",0.5,0.123456789012345,3,1,4,2');
    expect(lines[2]).toBe('b,Infinity,,0,0,5,5');
  });

  it('adds interval columns when bootstrap intervals exist', () => {
    const csv = comparisonCsv(table, { B: 10, seed: 0, thresholds: {}, validResamples: {}, intervals: { b: { tp: { lower: 1, upper: 2 } } } });
    expect(csv.split('\n')[0]).toContain('roc_auc,roc_auc_lower,roc_auc_upper,tp,tp_lower,tp_upper');
    expect(csv.split('\n')[2]).toBe('b,Infinity,,,,0,1,2,0,,,5,,,5,,');
  });

  it('writes JSON in the CLI shape, infinite thresholds as strings', () => {
    const json = JSON.parse(comparisonJson(table, { files: ['f.csv'], rows: 10, target: 'y', positiveLabel: '1', costFP: 1, costFN: 5 }, null, null));
    expect(json.task).toBe('binary');
    expect(json.models.b.roc_auc).toBeNull();
    expect(json.thresholds.b).toBe('Infinity');
    expect(json.threshold).toBeNull();
    expect(json.costs).toEqual({ fp: 1, fn: 5 });
  });

  it('writes the confusion matrices and a self-contained report', () => {
    expect(confusionCsv(table).split('\n')[1]).toBe('"a,""quoted""",0.5,3,1,4,2');
    const html = reportHtml({
      title: 'T <x>', created: new Date(0), table, intervals: null, comparisonText: null, warnings: ['w'],
      meta: { files: ['f.csv'], rows: 10, target: 'y', positiveLabel: '1', costFP: 1, costFN: 1 },
      figures: [{ title: 'ROC', dataUrl: 'data:image/svg+xml,%3Csvg%3E' }, { title: 'evil', dataUrl: 'https://example.com/x.png' }],
    });
    expect(html).toContain('<title>T &lt;x&gt;</title>');
    expect(html).toContain('src="data:image/svg+xml,%3Csvg%3E"');
    // Only data: URLs are embedded: the report loads nothing from anywhere.
    expect(html).not.toContain('example.com');
    expect(html).not.toMatch(/<script|<link/);
    // One column per model and one row per metric, so a page-wide report never cuts off its last columns.
    expect(html).toContain('<th scope="col">a,&quot;quoted&quot;</th><th scope="col">b</th>');
    expect((html.match(/<th scope="row"/g) ?? []).length).toBe(1 + table.keys.length);
    expect(html).toMatch(/<main>[\s\S]*<\/main>/);
  });
});

describe('exports neutralise formula cells (OWASP CSV injection)', () => {
  const evil = {
    task: 'binary' as const,
    keys: ['tp', 'fp', 'tn', 'fn'],
    rows: [
      { model: "=cmd|' /C calc'!A0", values: { tp: 1, fp: 0, tn: 1, fn: 0 }, threshold: -0.3 },
      { model: '@SUM(1+1)', values: { tp: 1, fp: 0, tn: 1, fn: 0 }, threshold: 0.5 },
    ],
  };
  it('prefixes model names and class names that start a formula, leaves numbers alone', () => {
    const lines = comparisonCsv(evil).trim().split('\n');
    expect(lines[1]).toBe("'=cmd|' /C calc'!A0,-0.3,1,0,1,0");
    expect(lines[2]).toBe("'@SUM(1+1),0.5,1,0,1,0");
    expect(confusionCsv(evil).split('\n')[1]!.startsWith("'=")).toBe(true);
    const mc = multiclassConfusionCsv(['=HYPERLINK("http://x","click")', 'b'], [[1, 0], [0, 1]]).split('\n');
    expect(mc[0]).toBe('true \\ predicted,"\'=HYPERLINK(""http://x"",""click"")",b');
    expect(mc[1]!.startsWith('"\'=HYPERLINK')).toBe(true);
  });
});
