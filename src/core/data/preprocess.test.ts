import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/parse';
import { createRng } from '../random';
import golden from './preprocess.golden.json';
import { DEFAULT_PREPROCESS, encodeTarget, fitPreprocessor, inferTask, prepareDataset, transformRows, type ImputeStrategy } from './preprocess';
import { labelledTableFromCsv, type FeatureColumn, type LabelledTable } from './table';

function table(numeric: Record<string, (number | null)[]>, categorical: Record<string, (string | null)[]>): LabelledTable {
  const features: FeatureColumn[] = [
    ...Object.entries(numeric).map(([name, v]): FeatureColumn => ({ name, kind: 'numeric', values: Float64Array.from(v, (x) => (x === null ? NaN : x)) })),
    ...Object.entries(categorical).map(([name, v]): FeatureColumn => ({ name, kind: 'categorical', values: v })),
  ];
  const n = features[0]!.values.length;
  return { source: 't', rowCount: n, features, target: { name: 'target', labels: new Array<string>(n).fill('0'), numeric: new Float64Array(n) }, lines: new Int32Array(n) };
}

describe('fitPreprocessor + transformRows agree with scikit-learn (preprocess.golden.py)', () => {
  const train = table(golden.trainNumeric, golden.trainCategorical);
  const test = table(golden.testNumeric, golden.testCategorical);
  for (const strategy of ['mean', 'median', 'most_frequent'] as ImputeStrategy[]) {
    it(`SimpleImputer(${strategy}) -> StandardScaler, MissingIndicator, OneHotEncoder`, () => {
      const want = golden.cases[strategy];
      const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
      const pre = fitPreprocessor(train, all(6), { ...DEFAULT_PREPROCESS, task: 'regression', impute: strategy, missingIndicators: true });
      expect(pre.featureNames).toEqual(want.featureNames);
      const d = want.featureNames.length;
      const check = (got: Float32Array, rows: number[][]) =>
        rows.forEach((row, i) => row.forEach((v, j) => expect(got[i * d + j]).toBeCloseTo(v, 5)));
      check(transformRows(pre, train, all(6)), want.train);
      check(transformRows(pre, test, all(2)), want.test);
    });
  }

  it('without standardisation the imputed values pass through unchanged', () => {
    const pre = fitPreprocessor(train, Int32Array.from([0, 1, 2, 3]), { ...DEFAULT_PREPROCESS, task: 'regression', standardize: false });
    const x = transformRows(pre, train, Int32Array.from([2]));
    expect(pre.featureNames).toEqual(['a', 'b', 'c', 'colour=blue', 'colour=red']);
    // a is missing in row 2: filled with the mean of rows 0, 1, 3 (1, 2, 4); c = 0.25 and colour 'blue' pass through
    [7 / 3, 5, 0.25, 1, 0].forEach((v, j) => expect(x[j]).toBeCloseTo(v, 6));
  });
});

describe('target encoding and task inference', () => {
  const csvTable = (text: string) => {
    const parsed = parseCsv(text, 'f.csv');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const t = labelledTableFromCsv(parsed.value, 'y');
    if (!t.ok) throw new Error(t.error.message);
    return t.value;
  };

  it('infers binary, multiclass and regression', () => {
    expect(inferTask(csvTable('x,y\n1,0\n2,1\n3,0\n').target)).toBe('binary');
    expect(inferTask(csvTable('x,y\n1,cat\n2,dog\n3,emu\n').target)).toBe('multiclass');
    expect(inferTask(csvTable('x,y\n1,0.5\n2,1\n3,0\n').target)).toBe('regression');
    expect(inferTask(csvTable(`x,y\n${Array.from({ length: 30 }, (_, i) => `${i},${i}`).join('\n')}\n`).target)).toBe('regression');
  });

  it('sorts numeric classes numerically and codes them 0..K-1', () => {
    const enc = encodeTarget(csvTable('x,y\n1,10\n2,9\n3,10\n4,2\n'), 'multiclass');
    expect(enc.ok && enc.value.classes).toEqual(['2', '9', '10']);
    expect(enc.ok && Array.from(enc.value.y)).toEqual([2, 1, 2, 0]);
  });

  it('refuses a text target for regression, naming the row', () => {
    const enc = encodeTarget(csvTable('x,y\n1,2\n2,abc\n'), 'regression');
    expect(enc.ok).toBe(false);
    if (!enc.ok) expect(enc.error).toMatchObject({ kind: 'non-numeric', row: 3, column: 'y' });
  });

  it('refuses three classes for a binary model', () => {
    const enc = encodeTarget(csvTable('x,y\n1,a\n2,b\n3,c\n'), 'binary');
    expect(!enc.ok && enc.error.kind).toBe('not-binary');
  });

  it('reports a missing target with its row, and an unknown target column', () => {
    const parsed = parseCsv('x,y\n1,a\n2,\n', 'f.csv');
    const t = parsed.ok ? labelledTableFromCsv(parsed.value, 'y') : null;
    expect(t && !t.ok && t.error).toMatchObject({ kind: 'missing-target', row: 3 });
    const u = parsed.ok ? labelledTableFromCsv(parsed.value, 'label') : null;
    expect(u && !u.ok && u.error.kind).toBe('unknown-column');
  });

  it('types columns: numbers with missing cells stay numeric, text becomes categorical', () => {
    const t = csvTable('a,b,y\n1,red,0\nNA,blue,1\n3,,0\n');
    expect(t.features.map((f) => f.kind)).toEqual(['numeric', 'categorical']);
    expect(Array.from(t.features[0]!.values as Float64Array)).toEqual([1, NaN, 3]);
    expect(t.features[1]!.values).toEqual(['red', 'blue', null]);
  });
});

describe('prepareDataset', () => {
  const n = 200;
  const numeric = { f: Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : i)) };
  const base = table(numeric, {});
  // 150 of class 0, 50 of class 1
  const t: LabelledTable = { ...base, target: { name: 'target', labels: Array.from({ length: n }, (_, i) => (i < 150 ? '0' : '1')), numeric: Float64Array.from({ length: n }, (_, i) => (i < 150 ? 0 : 1)) } };

  it('splits with class proportions kept, standardises on training rows only, counts missing values', () => {
    const r = prepareDataset(t, { ...DEFAULT_PREPROCESS, task: 'binary', classWeights: true }, createRng(1));
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.train.n + p.validation.n + p.test.n).toBe(n);
    const ones = (y: Float64Array) => y.reduce((a, b) => a + b, 0);
    expect(ones(p.validation.y)).toBe(Math.round(50 * 0.15));
    expect(ones(p.test.y)).toBe(Math.round(50 * 0.15));
    expect(p.validation.n).toBe(Math.round(150 * 0.15) + Math.round(50 * 0.15));
    // training features have mean 0 and std 1 (they were fitted there); the others need not
    const mean = p.train.x.reduce((a, b) => a + b, 0) / p.train.n;
    const std = Math.sqrt(p.train.x.reduce((a, b) => a + (b - mean) ** 2, 0) / p.train.n);
    expect(mean).toBeCloseTo(0, 5);
    expect(std).toBeCloseTo(1, 5);
    expect(p.missing).toEqual([{ column: 'f', count: 12 }]);
    // balanced weights n / (K n_c)
    const n1 = ones(p.train.y);
    expect(p.classWeights![1]).toBeCloseTo(p.train.n / (2 * n1), 12);
    expect(p.classWeights![0]).toBeCloseTo(p.train.n / (2 * (p.train.n - n1)), 12);
  });

  it('the same seed gives the same split; another seed a different one', () => {
    const a = prepareDataset(t, { ...DEFAULT_PREPROCESS, task: 'binary' }, createRng(5));
    const b = prepareDataset(t, { ...DEFAULT_PREPROCESS, task: 'binary' }, createRng(5));
    const c = prepareDataset(t, { ...DEFAULT_PREPROCESS, task: 'binary' }, createRng(6));
    if (!a.ok || !b.ok || !c.ok) throw new Error('prepare failed');
    expect(Array.from(a.value.test.rows)).toEqual(Array.from(b.value.test.rows));
    expect(Array.from(a.value.test.rows)).not.toEqual(Array.from(c.value.test.rows));
  });
});
