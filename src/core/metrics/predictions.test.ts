import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/parse';
import type { DataError } from '../result';
import { loadPredictions, type LoadedPredictions, type LoadPredictionsOptions } from './predictions';

function load(text: string, options: LoadPredictionsOptions = {}): LoadedPredictions {
  const table = parseCsv(text, 'preds.csv');
  if (!table.ok) throw new Error(table.error.message);
  const r = loadPredictions(table.value, options);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.value;
}

function loadError(text: string, options: LoadPredictionsOptions = {}): DataError {
  const table = parseCsv(text, 'preds.csv');
  if (!table.ok) throw new Error(table.error.message);
  const r = loadPredictions(table.value, options);
  if (r.ok) throw new Error(`expected an error, got task ${r.value.task}`);
  return r.error;
}

describe('loadPredictions: binary', () => {
  it('reads labels as 0/1 and a [0, 1] column as a probability', () => {
    const p = load('y_true,logistic\n1,0.9\n0,0.2\n1,0.6\n');
    expect(p.task).toBe('binary');
    if (p.task !== 'binary') return;
    expect(Array.from(p.labels)).toEqual([1, 0, 1]);
    expect(p.classes).toEqual(['0', '1']);
    expect(p.positiveLabel).toBe('1');
    expect(p.rows).toBe(3);
    expect(p.target).toBe('y_true');
    expect(p.models).toHaveLength(1);
    expect(p.models[0]).toMatchObject({ name: 'logistic', kind: 'probability', columns: ['logistic'] });
    expect(Array.from(p.models[0]!.values)).toEqual([0.9, 0.2, 0.6]);
  });

  it('treats a column with any value outside [0, 1] as a score and remembers where', () => {
    const p = load('y_true,svm,p\n1,1.7,0.9\n0,-0.4,0.1\n1,0.2,1\n');
    if (p.task !== 'binary') throw new Error('binary expected');
    expect(p.models.map((m) => m.kind)).toEqual(['score', 'probability']);
    expect(p.models[0]!.outOfRange).toEqual({ value: 1.7, row: 2 });
  });

  it('finds the label column by its usual names, case-insensitively, in the documented order', () => {
    expect(load('Label,a\n1,0.5\n0,0.1\n').target).toBe('Label');
    expect(load('y,target,a\n1,0,0.5\n0,1,0.1\n').target).toBe('target');
    expect(load('truth,a\n1,0.5\n0,0.1\n', { target: 'truth' }).target).toBe('truth');
  });

  it('reads text labels with a recognisable positive, and needs --pos-label otherwise', () => {
    // "Yes" and "yes" are different labels: three distinct values make it multiclass, and a
    // probability column is then not a column of predicted labels.
    expect(loadError('label,m\nyes,0.8\nno,0.3\nYes,0.6\nno,0.4\n')).toMatchObject({ kind: 'unknown-label', row: 2, column: 'm' });
    const q = load('label,m\nYES,0.8\nno,0.3\nYES,0.6\n');
    if (q.task !== 'binary') throw new Error('binary expected');
    expect(q.positiveLabel).toBe('YES');
    expect(Array.from(q.labels)).toEqual([1, 0, 1]);

    const err = loadError('label,m\ncat,0.8\ndog,0.3\n');
    expect(err.kind).toBe('positive-label');
    expect(err.message).toMatch(/"cat", "dog"; pass --pos-label/);
    const r = load('label,m\ncat,0.8\ndog,0.3\n', { positiveLabel: 'dog' });
    if (r.task !== 'binary') throw new Error('binary expected');
    expect(Array.from(r.labels)).toEqual([0, 1]);
    expect(loadError('label,m\ncat,0.8\ndog,0.3\n', { positiveLabel: 'cow' }).kind).toBe('positive-label');
  });

  it('matches a numeric positive label by value (1.0 is 1), and accepts -1/1 labels', () => {
    const p = load('y,m\n1.0,0.8\n0,0.3\n1,0.6\n');
    if (p.task !== 'binary') throw new Error('binary expected');
    expect(Array.from(p.labels)).toEqual([1, 0, 1]);
    expect(p.classes).toEqual(['0', '1']);
    const q = load('y,m\n-1,0.2\n1,0.7\n');
    if (q.task !== 'binary') throw new Error('binary expected');
    expect(Array.from(q.labels)).toEqual([0, 1]);
    const r = load('y,m\n1,0.2\n2,0.7\n', { positiveLabel: '2.0' });
    if (r.task !== 'binary') throw new Error('binary expected');
    expect(r.positiveLabel).toBe('2');
    expect(Array.from(r.labels)).toEqual([0, 1]);
  });

  it('accepts a sample with only negatives', () => {
    const p = load('y_true,m\n0,0.2\n0,0.7\n');
    if (p.task !== 'binary') throw new Error('binary expected');
    expect(p.positiveLabel).toBe('1');
    expect(Array.from(p.labels)).toEqual([0, 0]);
  });

  it('uses the positive class column of a <model>:<class> pair', () => {
    const p = load('y_true,m:0,m:1\n1,0.1,0.9\n0,0.8,0.2\n');
    if (p.task !== 'binary') throw new Error('binary expected');
    expect(p.models[0]).toMatchObject({ name: 'm', kind: 'probability', columns: ['m:0', 'm:1'] });
    expect(Array.from(p.models[0]!.values)).toEqual([0.9, 0.2]);
  });

  it('reads a text column of predicted labels as 0/1', () => {
    const p = load('label,rule\nyes,yes\nno,yes\nyes,no\n');
    if (p.task !== 'binary') throw new Error('binary expected');
    expect(p.models[0]!.kind).toBe('labels');
    expect(Array.from(p.models[0]!.values)).toEqual([1, 1, 0]);
  });
});

describe('loadPredictions: errors carry file, row and column', () => {
  it('no label column', () => {
    const e = loadError('truth,a\n1,0.5\n');
    expect(e).toMatchObject({ kind: 'unknown-column', file: 'preds.csv', row: null });
    expect(e.message).toMatch(/^preds\.csv: no label column: expected one named "y_true", "label", "target", "y"/);
    expect(loadError('y,a\n1,0.5\n', { target: 'truth' })).toMatchObject({ kind: 'unknown-column', column: 'truth' });
  });

  it('a missing label', () => {
    expect(loadError('y_true,a\n1,0.5\n,0.2\n0,0.1\n')).toMatchObject({ kind: 'missing-value', row: 3, column: 'y_true' });
  });

  it('a non-numeric or missing score', () => {
    const e = loadError('y_true,a,b\n1,0.5,0.1\n0,0.2,0.3\n1,abc,0.2\n');
    expect(e).toMatchObject({ kind: 'non-numeric', file: 'preds.csv', row: 4, column: 'a' });
    expect(e.message).toBe('preds.csv, row 4, column "a": "abc" is not a number.');
    expect(loadError('y_true,a\n1,0.5\n0,NA\n')).toMatchObject({ kind: 'missing-value', row: 3, column: 'a' });
    expect(loadError('y_true,a\n1,0.5\n0,inf\n')).toMatchObject({ kind: 'non-numeric', row: 3, column: 'a' });
    // A column of words that are not labels is not a model column.
    expect(loadError('y_true,note\n1,good\n0,bad\n')).toMatchObject({ kind: 'non-numeric', row: 2, column: 'note' });
  });

  it('a multiclass probability outside [0, 1]', () => {
    const e = loadError('y,m:a,m:b,m:c\na,0.5,0.3,0.2\nb,0.1,1.2,-0.3\nc,0,0,1\n');
    expect(e).toMatchObject({ kind: 'out-of-range', row: 3, column: 'm:b' });
    expect(e.message).toMatch(/^preds\.csv, row 3, column "m:b": 1\.2 is not a probability/);
  });

  it('a predicted label that is not a class', () => {
    const e = loadError('y,pred\na,a\nb,b\nc,d\n');
    expect(e).toMatchObject({ kind: 'unknown-label', row: 4, column: 'pred' });
    expect(e.message).toMatch(/"d" is not one of the classes \("a", "b", "c"\)/);
  });

  it('a model missing a class column, and a file without models', () => {
    expect(loadError('y,m:0,m:1\n0,1,0\n1,0,1\n2,0,1\n').message).toMatch(/no probability column for class "2" \(expected "m:2"\)/);
    expect(loadError('y_true\n1\n0\n').kind).toBe('no-models');
  });

  it('a task that does not fit the labels', () => {
    expect(loadError('y,m\n0,0.1\n1,0.2\n2,0.3\n', { task: 'binary' })).toMatchObject({ kind: 'task', column: 'y' });
    expect(loadError('y,m\na,0.1\nb,0.2\n', { task: 'regression' })).toMatchObject({ kind: 'non-numeric', row: 2, column: 'y' });
    expect(loadError('y,m\n3,0.1\n3,0.2\n').kind).toBe('task');
  });

  it('counts rows as an editor does when a quoted cell spans lines', () => {
    const e = loadError('y_true,a,note\n1,0.5,"two\nlines"\n0,x,ok\n');
    expect(e).toMatchObject({ row: 4, column: 'a' });
  });
});

describe('loadPredictions: multiclass and regression', () => {
  it('groups <model>:<class> columns into a row-major probability matrix in class order', () => {
    const p = load('y_true,lr:2,lr:0,lr:1,rf\n0,0.1,0.7,0.2,0\n2,0.6,0.3,0.1,2\n1,0.2,0.2,0.6,1\n');
    if (p.task !== 'multiclass') throw new Error('multiclass expected');
    expect(p.classes).toEqual(['0', '1', '2']);
    expect(Array.from(p.labels)).toEqual([0, 2, 1]);
    const lr = p.models[0]!;
    expect(lr).toMatchObject({ name: 'lr', kind: 'probabilities', columns: ['lr:0', 'lr:1', 'lr:2'] });
    expect(Array.from(lr.values)).toEqual([0.7, 0.2, 0.1, 0.3, 0.1, 0.6, 0.2, 0.6, 0.2]);
    expect(p.models[1]).toMatchObject({ name: 'rf', kind: 'labels' });
    expect(Array.from(p.models[1]!.values)).toEqual([0, 2, 1]);
  });

  it('sorts numeric classes by value and merges 1 with 1.0', () => {
    const p = load('y,pred\n10,2\n2,1.0\n1,10\n1,1\n');
    if (p.task !== 'multiclass') throw new Error('multiclass expected');
    expect(p.classes).toEqual(['1', '2', '10']);
    expect(Array.from(p.labels)).toEqual([2, 1, 0, 0]);
    expect(Array.from(p.models[0]!.values)).toEqual([1, 0, 2, 0]);
  });

  it('adds a class that only a probability column names (absent from this sample)', () => {
    const p = load('y,m:a,m:b,m:c\na,0.8,0.1,0.1\nb,0.2,0.7,0.1\na,0.5,0.4,0.1\n', { task: 'multiclass' });
    if (p.task !== 'multiclass') throw new Error('multiclass expected');
    expect(p.classes).toEqual(['a', 'b', 'c']);
  });

  it('infers regression for numeric labels with plain numeric predictions', () => {
    const p = load('y_true,linear\n151,201.6\n75,66.9\n141,150.2\n206,180\n');
    expect(p.task).toBe('regression');
    if (p.task !== 'regression') return;
    expect(Array.from(p.yTrue)).toEqual([151, 75, 141, 206]);
    expect(p.models[0]).toMatchObject({ name: 'linear', kind: 'regression' });
    expect(Array.from(p.models[0]!.values)).toEqual([201.6, 66.9, 150.2, 180]);
  });

  it('infers multiclass for integer labels with label-valued predictions, regression otherwise', () => {
    expect(load('y,pred\n0,1\n1,1\n2,0\n').task).toBe('multiclass');
    expect(load('y,pred\n0,1.5\n1,1\n2,0\n').task).toBe('regression');
    expect(loadError('y,pred\n0,1.5\n1,1\n2,0\n', { task: 'multiclass' })).toMatchObject({ kind: 'unknown-label', row: 2 });
  });
});
