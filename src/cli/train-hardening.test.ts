/**
 * Reproductions of issue 17's training failures (items 3 and 5), each failing before its fix: an
 * unbounded model, unbounded step records, an engine exception as a stack, UTF-16 refused by train only,
 * a single-class target called "multiclass", Adam at lr 1e6 ending "completed", silent empty splits and
 * imputed features.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as train } from './train-command';
import { capture } from './hardening.test';
import { describeEngineFailure } from '../core/train/engine-failure';
import { buildModelSpec } from '../core/train/model';
import { estimateModelSize } from '../core/train/model-limits';

const tmp = mkdtempSync(join(tmpdir(), 'train-hardening-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, body: string | Uint8Array): string => {
  const path = join(tmp, name);
  writeFileSync(path, body);
  return path;
};

describe('limits', () => {
  it('--hidden 100000000 exits 2 at once with the size and the limit, before anything is allocated', async () => {
    const start = Date.now();
    const { code, stderr } = await capture(train, '--dataset', 'iris', '--model', 'mlp', '--hidden', '100000000', '--steps', '1');
    expect(code).toBe(2);
    expect(Date.now() - start).toBeLessThan(3000);
    expect(stderr).toMatch(/too large: 300,000,001 parameters, about [\d.]+ GB/);
    expect(stderr).toContain('5,000,000 parameters');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('the estimate counts parameters exactly as the model layout does', () => {
    for (const [kind, hidden, inputs, outputs] of [['mlp', [32, 16], 4, 3], ['cnn', [64], 64, 10], ['logistic', [], 30, 1]] as const) {
      const spec = buildModelSpec({ kind, hidden: [...hidden], activation: 'relu', dropout: 0, init: 'glorot' }, inputs, outputs > 1 ? 'softmax' : 'sigmoid', outputs);
      expect(estimateModelSize(kind, hidden, inputs, outputs, 1).parameters).toBe(spec.paramCount);
    }
  });

  it('--keep-steps N keeps the last N records and the whole summary', async () => {
    const { code, stdout } = await capture(train, '--dataset', 'iris', '--model', 'softmax', '--steps', '60', '--keep-steps', '5', '--json', '--no-baselines');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.steps.map((s: { step: number }) => s.step)).toEqual([56, 57, 58, 59, 60]);
    expect(out.status).toBe('completed');
    expect(out.final.accuracy).toBeGreaterThan(0);
    expect(out.epochs.length).toBeLessThanOrEqual(5);
  });

  it('--json-lines streams one object a line, then the summary', async () => {
    const { code, stdout } = await capture(train, '--dataset', 'iris', '--model', 'softmax', '--steps', '12', '--json-lines', '--no-baselines');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'step')).toHaveLength(12);
    const summary = lines[lines.length - 1];
    expect(summary.type).toBe('summary');
    expect(summary.status).toBe('completed');
    expect(summary.steps).toBeUndefined();
  });

  it('an engine exception is one plain sentence that says what to change', () => {
    const wasm = Object.assign(new Error('memory access out of bounds\n    at wasm://wasm/00a1:wasm-function[12]'), { name: 'RuntimeError' });
    const message = describeEngineFailure(wasm, 'cli');
    expect(message).toContain('ran out of memory');
    expect(message).toContain('--hidden');
    expect(message).not.toContain('wasm-function');
    expect(describeEngineFailure(new Error('GPUDevice was lost: reason unknown'))).toContain('GPU device was lost');
  });
});

describe('consistency', () => {
  it('train reads a UTF-16 file as metrics does', async () => {
    const text = 'a,b,target\n' + Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`).join('\n') + '\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const { code, stdout, stderr } = await capture(train, '--dataset', file('u16.csv', utf16), '--model', 'logistic', '--steps', '3', '--no-baselines');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('UTF-16LE');
  });

  it('a single-class target with --model logistic says so', async () => {
    const path = file('one.csv', 'a,target\n' + Array.from({ length: 10 }, (_, i) => `${i},yes`).join('\n') + '\n');
    const { code, stderr } = await capture(train, '--dataset', path, '--model', 'logistic', '--steps', '2');
    expect(code).toBe(2);
    expect(stderr).toContain('every row is "yes"');
    expect(stderr).not.toContain('several classes');
  });

  it('Adam at lr 1e6 is reported diverged (loss growth), with the layer and step', async () => {
    const { code, stdout } = await capture(train, '--dataset', 'breast-cancer', '--model', 'logistic', '--optimizer', 'adam', '--lr', '1e6', '--epochs', '3', '--json', '--no-baselines');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.status).toBe('diverged');
    expect(out.divergence.what).toBe('loss-growth');
    expect(out.divergence.layer).toBe('logistic');
    expect(out.divergence.message).toMatch(/step \d+/);
  });

  it('an empty test split and imputed features are warned about, in the text output too', async () => {
    const path = file('tiny.csv', 'a,b,target\n1,,0\n2,3,1\n');
    const { code, stdout } = await capture(train, '--dataset', path, '--model', 'logistic', '--steps', '2', '--no-baselines');
    expect(code).toBe(0);
    expect(stdout).toMatch(/the test split is empty/);
    expect(stdout).toMatch(/1 missing feature value\(s\) were imputed/);
  });
});
