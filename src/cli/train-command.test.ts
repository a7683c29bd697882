import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTrainArgs, run } from './train-command';

const tmp = mkdtempSync(join(tmpdir(), 'train-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

interface JsonStep { step: number; loss: number; grad_norm: number; weight_norm: number; update_norm: number; update_ratio: number | null; lr: number; ms: number; cos_update_grad: number | null; cos_grad_prev: number | null; layers: { name: string; grad_norm: number; m_norm?: number; v_norm?: number }[] }

describe('train --json', () => {
  it('prints one document with config, backend, steps, epochs, baselines and final test metrics', async () => {
    const { code, stdout, stderr } = await cli('--dataset', 'iris', '--model', 'mlp', '--hidden', '8', '--epochs', '2', '--batch-size', '16', '--seed', '3', '--backend', 'cpu', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['config', 'backend', 'steps', 'epochs', 'baselines', 'final']));
    expect(doc.backend).toMatchObject({ name: 'cpu' });
    const steps = doc.steps as JsonStep[];
    expect(steps).toHaveLength(2 * Math.ceil(102 / 16));
    for (const key of ['step', 'loss', 'grad_norm', 'weight_norm', 'update_norm', 'update_ratio', 'lr', 'ms', 'cos_update_grad', 'cos_grad_prev', 'layers']) {
      expect(steps[1]).toHaveProperty(key);
    }
    expect(steps[0]!.layers.map((l) => l.name)).toEqual(['hidden1', 'output']);
    // global norm = sqrt of the sum of per-layer squared norms
    const s = steps[3]!;
    expect(Math.hypot(...s.layers.map((l) => l.grad_norm))).toBeCloseTo(s.grad_norm, 6);
    expect(s.layers[0]!.m_norm).toBeGreaterThan(0); // adam by default
    expect(s.layers[0]!.v_norm).toBeGreaterThan(0);
    const epochs = doc.epochs as { train: Record<string, number>; validation: Record<string, number> }[];
    expect(epochs).toHaveLength(2);
    expect(epochs[1]!.validation).toHaveProperty('accuracy');
    expect((doc.final as Record<string, number>).accuracy).toBeGreaterThan(0);
    expect((doc.baselines as { name: string }[]).map((b) => b.name)).toEqual(['random', 'majority', 'softmax']);
  });

  it('the same command twice gives the same losses (seeded)', async () => {
    const args = ['--dataset', 'two-moons', '--model', 'mlp', '--hidden', '8', '--dropout', '0.1', '--steps', '15', '--backend', 'cpu', '--json', '--no-baselines'];
    const a = JSON.parse((await cli(...args)).stdout) as { steps: JsonStep[] };
    const b = JSON.parse((await cli(...args)).stdout) as { steps: JsonStep[] };
    expect(b.steps.map((s) => s.loss)).toEqual(a.steps.map((s) => s.loss));
  });

  it('--overfit-batch reports a verdict', async () => {
    const { code, stdout } = await cli('--dataset', 'wine', '--model', 'mlp', '--overfit-batch', '--backend', 'wasm', '--json', '--no-baselines');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { verdict: { passed: boolean; message: string }; steps: JsonStep[] };
    expect(doc.verdict.passed).toBe(true);
    expect(doc.verdict.message).toMatch(/^Passed/);
    expect(doc.steps.length).toBeGreaterThan(1);
  });

  it('trains on an uploaded CSV with a chosen target column, text features one-hot encoded', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 7},${i % 2 ? 'red' : 'blue'},${i % 3 === 0 ? 'yes' : 'no'}`);
    const file = join(tmp, 'mine.csv');
    writeFileSync(file, `size,colour,bought\n${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await cli('--dataset', file, '--target', 'bought', '--model', 'logistic', '--epochs', '2', '--backend', 'cpu', '--json', '--no-baselines');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { data: { task: string; classes: string[]; features: string[] } };
    expect(doc.data).toMatchObject({ task: 'binary', classes: ['no', 'yes'], features: ['size', 'colour=blue', 'colour=red'] });
  });
});

describe('train: errors exit with code 2 and a message on stderr', () => {
  it.each([
    [['--model', 'mlp'], /missing --dataset/],
    [['--dataset', 'iris'], /missing --model/],
    [['--dataset', 'iris', '--model', 'mlp', '--epochs', '2', '--steps', '3'], /--epochs or --steps, not both/],
    [['--dataset', 'iris', '--model', 'mlp', '--lr', 'fast'], /--lr must be a number >= 0/],
    [['--dataset', 'iris', '--model', 'mlp', '--optimizer', 'lion'], /--optimizer must be one of/],
    [['--dataset', 'iris', '--model', 'logistic'], /logistic regression is for two classes/],
    [['--dataset', 'diabetes', '--model', 'softmax'], /softmax regression predicts classes/],
    [['--dataset', 'iris', '--model', 'cnn'], /cnn needs square images/],
    [['--dataset', 'no-such-thing', '--model', 'mlp'], /no dataset called "no-such-thing"/],
    [['--dataset', 'iris', '--model', 'mlp', '--target', 'petal_width_cm', '--task', 'binary'], /binary model needs exactly two classes/],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('parses --hidden and flags', () => {
    const a = parseTrainArgs(['--dataset', 'x', '--model', 'mlp', '--hidden', '64,32', '--no-standardize', '--lr=0.1']);
    expect(a).toMatchObject({ config: { hidden: [64, 32], standardize: false, standardizeTarget: false, lr: 0.1 } });
  });
});
