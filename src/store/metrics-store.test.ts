/**
 * The Metrics page's store over the real engine: in Node there is no Worker, so the client runs the
 * engine on the main thread (the channel's fallback), as a browser without workers would.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { confusionAtThreshold, thresholdMetricsAt } from '../core/metrics';
import { metricsReportFromCsv } from '../core/metrics/report';
import { activeGroup, detailsKey, modelNames, thresholdOf, useMetricsStore } from './metrics-store';

const datasets = resolve(__dirname, '../../datasets/predictions');
const breast = readFileSync(resolve(datasets, 'binary-breast-cancer.csv'), 'utf8');
const diabetes = readFileSync(resolve(datasets, 'regression-diabetes.csv'), 'utf8');
const churn = readFileSync(resolve(datasets, 'binary-churn-log.csv'), 'utf8');

const state = () => useMetricsStore.getState();

/** The label and one model column of a quote-free CSV. */
function column(text: string, name: string): number[] {
  const [head, ...lines] = text.trim().split('\n');
  const j = head!.split(',').indexOf(name);
  return lines.map((l) => Number(l.split(',')[j]));
}

describe('metrics store (main-thread client)', () => {
  it('loads a binary file: its group and models, the report the CLI prints, the plots after the table, the first comparison and error rows', async () => {
    await state().loadText('breast.csv', breast);
    const s = state();
    expect(s.error).toBeNull();
    expect(s.loading).toBeNull();
    expect(s.files.map((f) => f.name)).toEqual(['breast.csv']);
    const group = activeGroup(s)!;
    expect(group.info).toMatchObject({ task: 'binary', rows: 569, positives: 212, negatives: 357 });
    expect(modelNames(group)).toEqual(['logistic', 'naive_bayes_2_features', 'svm_uncalibrated']);
    expect(s.selectedModel).toBe('logistic');
    // The numbers and warnings the CLI prints for the same file.
    const cli = metricsReportFromCsv(breast, 'breast.csv');
    if (!cli.ok) throw new Error(cli.error.message);
    for (const m of group.data.models) expect(m.report).toEqual(cli.value.report.models[m.name]);
    expect(s.files[0]!.warnings).toEqual(cli.value.report.warnings);
    await vi.waitFor(() => expect(state().details[detailsKey(s.files[0]!.fileId, 'logistic')]).toBeDefined());
    await vi.waitFor(() => expect(state().comparison?.status).toBe('done'));
    expect(state().comparison).toMatchObject({ a: 'logistic', b: 'naive_bayes_2_features' });
    expect(state().comparison!.result!.delong).not.toBeNull();
    await vi.waitFor(() => expect(state().errorRows?.status).toBe('done'));
    const c = confusionAtThreshold(column(breast, 'y_true'), column(breast, 'logistic'), 0.5);
    expect(state().errorRows!.result!.wrongRows).toBe(c.fp + c.fn);
  });

  it('moves thresholds, shared or per model; the error rows follow the slider', async () => {
    state().setThreshold(0.3);
    expect(thresholdOf(state(), 'logistic')).toBe(0.3);
    state().setPerModel(true);
    state().setModelThreshold('svm_uncalibrated', 0);
    expect(thresholdOf(state(), 'logistic')).toBe(0.3);
    expect(thresholdOf(state(), 'svm_uncalibrated')).toBe(0);
    state().setThreshold(Number.NaN);
    expect(state().threshold).toBe(0.3);
    await vi.waitFor(() => expect(state().errorRows?.result?.rule).toContain('threshold 0.3'));
    const c = confusionAtThreshold(column(breast, 'y_true'), column(breast, 'logistic'), 0.3);
    expect(state().errorRows!.result!.wrongRows).toBe(c.fp + c.fn);
    const sweep = activeGroup(state())!.data.task === 'binary' ? (activeGroup(state())!.data.models[0] as { sweep: Parameters<typeof thresholdMetricsAt>[0] }).sweep : null;
    expect(thresholdMetricsAt(sweep!, 0.3).fp).toBe(c.fp);
    state().setPerModel(false);
    state().setThreshold(0.5);
  });

  it('bootstraps intervals for every model of the group, and a cancel leaves it idle', async () => {
    await state().runBootstrap(40);
    const b = state().bootstrap;
    expect(b.status).toBe('done');
    expect(Object.keys(b.result!.intervals)).toEqual(['logistic', 'naive_bayes_2_features', 'svm_uncalibrated']);
    const auc = b.result!.intervals.logistic!.roc_auc!;
    expect(auc.lower!).toBeLessThanOrEqual(auc.upper!);
    const running = state().runBootstrap(2000);
    state().cancelBootstrap();
    await running;
    expect(state().bootstrap.status).toBe('idle');
    expect(state().bootstrap.message).toMatch(/^Cancelled at \d+ %\.$/);
  });

  it('a second file with the same labels joins the group under file-qualified names; another task gets its own group', async () => {
    await state().loadText('breast-again.csv', breast);
    let s = state();
    expect(s.groups).toHaveLength(1);
    expect(s.notice).toContain('join the comparison');
    expect(modelNames(activeGroup(s))).toContain('breast-again/logistic');
    await state().loadText('diabetes.csv', diabetes);
    s = state();
    expect(s.groups.map((g) => g.info.task)).toEqual(['binary', 'regression']);
    expect(activeGroup(s)!.info.task).toBe('regression');
    expect(s.notice).toContain('compared on their own');
    const cli = metricsReportFromCsv(diabetes, 'diabetes.csv');
    if (!cli.ok) throw new Error(cli.error.message);
    for (const m of activeGroup(s)!.data.models) expect(m.report).toEqual(cli.value.report.models[m.name]);
    state().setActiveGroup(s.groups[0]!.info.id);
    expect(activeGroup(state())!.info.task).toBe('binary');
  });

  it('removes a file: its models leave the group, an emptied group goes', async () => {
    const again = state().files.find((f) => f.name === 'breast-again.csv')!;
    await state().removeFile(again.fileId);
    expect(modelNames(activeGroup(state()))).toEqual(['logistic', 'naive_bayes_2_features', 'svm_uncalibrated']);
    const diabetesFile = state().files.find((f) => f.name === 'diabetes.csv')!;
    await state().removeFile(diabetesFile.fileId);
    expect(state().groups.map((g) => g.info.task)).toEqual(['binary']);
  });

  it('a broken file is an error naming row and column; loading it again without that column works', async () => {
    await state().loadText('broken.csv', 'y_true,a,b\n1,0.9,0.5\n0,0.2,x\n');
    const failed = state().error!;
    expect(failed.fileId).toBeNull();
    expect(failed.error).toMatchObject({ row: 3, column: 'b' });
    await state().retryIgnoring('b');
    expect(state().error).toBeNull();
    const file = state().files.find((f) => f.name === 'broken.csv')!;
    expect(file.mapping.ignored).toEqual(['b']);
    expect(file.models.map((m) => m.name)).toEqual(['a']);
  });

  it('re-maps a file; a bad mapping keeps its previous reading', async () => {
    const file = state().files.find((f) => f.name === 'broken.csv')!;
    await state().remap(file.fileId, { ...file.mapping, target: 'nope' });
    expect(state().error?.fileId).toBe(file.fileId);
    expect(state().error!.error.column).toBe('nope');
    expect(state().files.find((f) => f.fileId === file.fileId)!.models.map((m) => m.name)).toEqual(['a']);
  });

  it('reads text columns of a log as slice columns and filters the page to a slice', async () => {
    await state().loadText('churn.csv', churn);
    const file = state().files.find((f) => f.name === 'churn.csv')!;
    expect(file.models.map((m) => m.name)).toEqual(['gbm', 'logistic', 'tenure']);
    expect(file.extraColumns.map((c) => [c.name, c.kind])).toEqual([['date', 'time'], ['segment', 'categorical'], ['region', 'categorical']]);
    const rows = activeGroup(state())!.info.rows;
    await state().filterToSlice({ region: 'north' });
    const filtered = state().filter!;
    expect(filtered.key).toEqual({ region: 'north' });
    const north = churn.trim().split('\n').slice(1).filter((l) => l.split(',')[5] === 'north').length;
    expect(filtered.rows).toBe(north);
    expect(activeGroup(state())!.info.rows).toBe(north);
    await state().filterToSlice(null);
    expect(state().filter).toBeNull();
    expect(activeGroup(state())!.info.rows).toBe(rows);
  });
});
