import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confusionAtThreshold } from '../core/metrics';
import { createMetricsClient } from './metrics-client';
import type { BinaryModelDetails, LoadedPayload } from './metrics-protocol';
import { metricsReportFromCsv } from '../core/metrics/report';

const datasets = resolve(__dirname, '../../datasets');
const breast = readFileSync(resolve(datasets, 'predictions/binary-breast-cancer.csv'), 'utf8');
const diabetes = readFileSync(resolve(datasets, 'predictions/regression-diabetes.csv'), 'utf8');
const digits = readFileSync(resolve(datasets, 'predictions/multiclass-digits.csv'), 'utf8');

/** Parses the bundled file independently (plain split: it has no quotes) for reference counts. */
function columnsOf(text: string): Record<string, number[]> {
  const [head, ...lines] = text.trim().split('\n');
  const names = head!.split(',');
  const cols: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) line.split(',').forEach((cell, j) => cols[names[j]!]!.push(Number(cell)));
  return cols;
}

describe('metrics engine (main-thread client)', () => {
  it('loads a binary file: report, sweep and curves agree with a direct count', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    let details: BinaryModelDetails[] = [];
    const stages: string[] = [];
    const done = new Promise<void>((ok) => {
      void client.load({ kind: 'text', name: 'breast.csv', text: breast }, null, {
        onProgress: (s) => stages.push(s),
        onDetails: (_id, models) => { details = models; ok(); },
      }).then((outcome) => {
        expect(outcome.ok).toBe(true);
        if (!outcome.ok || outcome.payload.data.task !== 'binary') throw new Error('not binary');
        const { file, group, data } = outcome.payload;
        expect(file.task).toBe('binary');
        expect(file.mapping.target).toBe('y_true');
        expect(file.positiveLabel).toBe('1');
        expect(group.rows).toBe(569);
        expect(group.positives).toBe(212);
        expect(data.models.map((m) => m.name)).toEqual(['logistic', 'naive_bayes_2_features', 'svm_uncalibrated']);
        const cols = columnsOf(breast);
        for (const m of data.models) {
          const c = confusionAtThreshold(cols.y_true!, cols[m.name]!, 0.5);
          expect([m.report.tp, m.report.fp, m.report.tn, m.report.fn]).toEqual([c.tp, c.fp, c.tn, c.fn]);
          expect(m.sweep.nPositive).toBe(212);
          expect(m.roc.x[0]).toBe(0);
          expect(m.roc.x[m.roc.x.length - 1]).toBe(1);
        }
      });
    });
    await done;
    expect(stages).toContain('Parsing');
    expect(details).toHaveLength(3);
    expect(details[0]!.calibration).not.toBeNull();
    const d = details[0]!;
    expect(d.scores.positive.reduce((a, b) => a + b, 0)).toBe(212);
    expect(d.scores.negative.reduce((a, b) => a + b, 0)).toBe(357);
    client.dispose();
  });

  it('reports a located error for a broken file and keeps working', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const broken = 'y_true,a\n1,0.9\n0,0.2\n1,oops\n0,0.1\n';
    const outcome = await client.load({ kind: 'text', name: 'broken.csv', text: broken }, null);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.row).toBe(4);
    expect(outcome.error.column).toBe('a');
    expect(outcome.error.message).toContain('broken.csv, row 4, column "a"');
    const again = await client.load({ kind: 'text', name: 'ok.csv', text: 'y_true,a\n1,0.9\n0,0.2\n' }, null);
    expect(again.ok).toBe(true);
    client.dispose();
  });

  it('groups files with the same labels and renames clashing models', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const a = await client.load({ kind: 'text', name: 'a.csv', text: 'y_true,m\n1,0.9\n0,0.2\n1,0.4\n' }, null);
    const b = await client.load({ kind: 'text', name: 'b.csv', text: 'y_true,m,other\n1,0.1,0.5\n0,0.3,0.5\n1,0.8,0.5\n' }, null);
    const c = await client.load({ kind: 'text', name: 'c.csv', text: 'y_true,m\n0,0.9\n0,0.2\n1,0.4\n' }, null);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(b.payload.joined).toBe(true);
    expect(b.payload.group.id).toBe(a.payload.group.id);
    expect(b.payload.file.models[0]!.displayName).toBe('b/m');
    expect(c.payload.joined).toBe(false);
    expect(c.payload.group.id).not.toBe(a.payload.group.id);
    client.dispose();
  });

  it('ignores id-like columns, keeps them for the error table, and re-reads with a new mapping', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const text = 'id,y_true,a,b\nx1,1,0.9,0.2\nx2,0,0.8,0.1\nx3,1,0.3,0.7\nx4,0,0.1,0.6\n';
    const first = await client.load({ kind: 'text', name: 'ids.csv', text }, null);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.payload.file.autoIgnored).toEqual(['id']);
    expect(first.payload.file.models.map((m) => m.name)).toEqual(['a', 'b']);
    const errors = await client.errors(first.payload.group.id, 'a', 0.5, 10);
    // a is wrong on row x2 (label 0, score 0.8) and x3 (label 1, score 0.3): 0.3 past vs 0.2 past.
    expect(errors.rows.map((r) => r.line)).toEqual([3, 4]);
    expect(errors.columns).toEqual(['row', 'y_true', 'a score', 'past threshold by', 'b', 'id']);
    expect(errors.rows[0]!.cells.at(-1)).toBe('x2');
    expect(errors.wrongRows).toBe(2);
    const remapped = await client.remap(first.payload.file.fileId, { ...first.payload.file.mapping, ignored: ['id', 'b'] });
    if (!remapped.ok) throw new Error(remapped.error.message);
    expect(remapped.payload.file.models.map((m) => m.name)).toEqual(['a']);
    expect(remapped.payload.file.fileId).toBe(first.payload.file.fileId);
    client.dispose();
  });

  it('compares two models (DeLong, McNemar) and bootstraps intervals', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const outcome = await client.load({ kind: 'text', name: 'breast.csv', text: breast }, null);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const g = outcome.payload.group.id;
    const cmp = await client.compare(g, 'logistic', 'naive_bayes_2_features', { a: 0.5, b: 0.5 });
    expect(cmp.delong!.diff).toBeGreaterThan(0);
    expect(cmp.delong!.pValue).toBeLessThan(0.05);
    expect(cmp.mcnemar!.b + cmp.mcnemar!.c).toBeGreaterThan(0);
    const boot = await client.bootstrap(g, { logistic: 0.5 }, 50, 1);
    const auc = outcome.payload.data.task === 'binary' ? outcome.payload.data.models[0]!.report.roc_auc! : NaN;
    expect(boot.intervals.logistic!.roc_auc!.lower!).toBeLessThanOrEqual(auc);
    expect(boot.intervals.logistic!.roc_auc!.upper!).toBeGreaterThanOrEqual(auc);
    client.dispose();
  });

  it('answers other requests during a long bootstrap, and stops it when aborted', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const outcome = await client.load({ kind: 'text', name: 'breast.csv', text: breast }, null);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const g = outcome.payload.group.id;
    const abort = new AbortController();
    let lastFraction = 0;
    // Far more resamples than the test waits for: only a cancel ends it in time.
    const running = client.bootstrap(g, {}, 1_000_000, 1, (f) => { lastFraction = f; }, abort.signal);
    const cmp = await client.compare(g, 'logistic', 'naive_bayes_2_features', null);
    expect(cmp.delong!.diff).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(lastFraction).toBeGreaterThan(0);
    expect(lastFraction).toBeLessThan(0.01);
    // The engine is free again.
    const boot = await client.bootstrap(g, {}, 20, 1);
    expect(boot.B).toBe(20);
    client.dispose();
  });

  it('loads regression and multiclass files with their plot data', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const reg = await client.load({ kind: 'text', name: 'diabetes.csv', text: diabetes }, null);
    if (!reg.ok || reg.payload.data.task !== 'regression') throw new Error('not regression');
    expect(reg.payload.data.models.map((m) => m.name)).toEqual(['linear', 'random_forest']);
    expect(reg.payload.data.models[0]!.sample.actual.length).toBe(442);
    expect(reg.payload.data.models[0]!.residuals.counts.reduce((a, b) => a + b, 0)).toBe(442);
    const mc = await client.load({ kind: 'text', name: 'digits.csv', text: digits }, null);
    if (!mc.ok || mc.payload.data.task !== 'multiclass') throw new Error('not multiclass');
    expect(mc.payload.group.classes).toHaveLength(10);
    const m = mc.payload.data.models[0]!;
    expect(m.report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(mc.payload.group.rows);
    expect(m.perClass.f1).toHaveLength(10);
    client.dispose();
  });

  it('prints the numbers and the warnings the CLI prints, for every task (one loader, one per-model report)', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    for (const [name, text] of [['breast.csv', breast], ['diabetes.csv', diabetes], ['digits.csv', digits]] as const) {
      const outcome = await client.load({ kind: 'text', name, text }, null, { onProgress: () => undefined, onDetails: () => undefined });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const cli = metricsReportFromCsv(text, name);
      if (!cli.ok) throw new Error(cli.error.message);
      const payload: LoadedPayload = outcome.payload;
      expect(payload.file.warnings).toEqual(cli.value.report.warnings);
      const models = payload.data.models as { name: string; report: unknown }[];
      expect(Object.fromEntries(models.map((m) => [m.name, m.report]))).toEqual(cli.value.report.models);
    }
    client.dispose();
  });
});

describe('the rows behind a confusion-matrix cell', () => {
  it('binary: every cell holds exactly the rows its count says, most confident first', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const outcome = await client.load({ kind: 'text', name: 'breast.csv', text: breast }, null);
    if (!outcome.ok || outcome.payload.data.task !== 'binary') throw new Error('not binary');
    const cols = columnsOf(breast);
    const c = confusionAtThreshold(cols.y_true!, cols.logistic!, 0.3);
    for (const cell of ['tp', 'fp', 'tn', 'fn'] as const) {
      const r = await client.cellRows(outcome.payload.group.id, 'logistic', { kind: 'binary', cell }, 0.3, 1000);
      expect(r.wrongRows, cell).toBe(c[cell]);
      expect(r.rows.length).toBe(c[cell]);
      const scoreAt = r.columns.indexOf('logistic score');
      const scores = r.rows.map((row) => row.cells[scoreAt] as number);
      for (const s of scores) expect(s >= 0.3).toBe(cell === 'tp' || cell === 'fp');
      const distances = scores.map((s) => Math.abs(s - 0.3));
      expect(distances).toEqual([...distances].sort((a, b) => b - a));
      // The line number points at the file's own row.
      const lines = breast.trim().split('\n');
      for (const row of r.rows.slice(0, 5)) expect(Number(lines[row.line - 1]!.split(',')[0])).toBe(cell === 'tp' || cell === 'fn' ? 1 : 0);
    }
  });

  it('multiclass: the cell (true, predicted) has the rows of the confusion count', async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const outcome = await client.load({ kind: 'text', name: 'digits.csv', text: digits }, null);
    if (!outcome.ok || outcome.payload.data.task !== 'multiclass') throw new Error('not multiclass');
    const m = outcome.payload.data.models[0]!;
    const K = outcome.payload.group.classes.length;
    for (let a = 0; a < K; a += 3) {
      for (let p = 0; p < K; p += 2) {
        const r = await client.cellRows(outcome.payload.group.id, m.name, { kind: 'multiclass', actual: a, predicted: p }, 0.5, 10_000);
        expect(r.wrongRows).toBe(m.report.confusion[a]![p]);
      }
    }
  });
});
