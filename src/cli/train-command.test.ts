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

describe('train: every optimiser knob and the split', () => {
  type Doc = { config: { optimizer: Record<string, number | string>; validationFraction: number; testFraction: number }; steps: { loss: number }[];
    epochs: { validation: unknown }[]; final: unknown; baselines: { validation: unknown; test: unknown }[]; data: { rows: Record<string, number> };
    split?: { train: number[]; validation: number[]; test: number[] } };
  const train = async (...argv: string[]): Promise<Doc> => {
    const r = await cli('--dataset', 'iris', '--model', 'softmax', '--epochs', '1', '--batch-size', '32', '--backend', 'cpu', '--no-baselines', '--json', ...argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Doc;
  };
  const losses = (d: Doc): number[] => d.steps.map((s) => s.loss);

  it('config echoes every optimiser value, defaults included', async () => {
    const d = await train('--optimizer', 'adam', '--beta1', '0.8', '--epsilon', '1e-6');
    expect(d.config.optimizer).toEqual({ name: 'adam', momentum: 0.9, beta1: 0.8, beta2: 0.999, rho: 0.9, epsilon: 1e-6, weightDecay: 0.01 });
    expect(d.config).toMatchObject({ validationFraction: 0.15, testFraction: 0.15 });
    const all = await train('--optimizer', 'rmsprop', '--momentum', '0.5', '--beta1', '0.5', '--beta2', '0.9', '--rho', '0.8', '--epsilon', '0.001', '--weight-decay', '0.1');
    expect(all.config.optimizer).toEqual({ name: 'rmsprop', momentum: 0.5, beta1: 0.5, beta2: 0.9, rho: 0.8, epsilon: 0.001, weightDecay: 0.1 });
  });

  it('each knob reaches the update rule: momentum 0 is plain SGD, AdamW without decay is Adam, and changing any knob changes the run', async () => {
    expect(losses(await train('--optimizer', 'momentum', '--momentum', '0'))).toEqual(losses(await train('--optimizer', 'sgd')));
    expect(losses(await train('--optimizer', 'adamw', '--weight-decay', '0'))).toEqual(losses(await train('--optimizer', 'adam')));
    const base = { adam: losses(await train('--optimizer', 'adam')), rmsprop: losses(await train('--optimizer', 'rmsprop')), momentum: losses(await train('--optimizer', 'momentum')), adamw: losses(await train('--optimizer', 'adamw')) };
    const changed: [keyof typeof base, string, string][] = [
      ['adam', '--beta1', '0.5'], ['adam', '--beta2', '0.9'], ['adam', '--epsilon', '0.1'], ['rmsprop', '--rho', '0.5'], ['momentum', '--momentum', '0.5'], ['adamw', '--weight-decay', '0.5'],
    ];
    for (const [name, flag, value] of changed) {
      const l = losses(await train('--optimizer', name, flag, value));
      expect(l[0], `${flag}: the first loss is before any update`).toBe(base[name][0]);
      expect(l.at(-1), `${flag} ${value} changes the run`).not.toBe(base[name].at(-1));
    }
  });

  it('--split 1,0,0 trains on every row; validation and test are null; --emit-split lists the rows', async () => {
    const d = await train('--split', '1,0,0', '--emit-split');
    expect(d.data.rows).toEqual({ train: 150, validation: 0, test: 0 });
    expect(d.config).toMatchObject({ validationFraction: 0, testFraction: 0 });
    expect(d.final).toBeNull();
    expect(d.epochs.every((e) => e.validation === null)).toBe(true);
    expect(d.split!.train).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(d.split!.validation).toEqual([]);
    const withBaselines = JSON.parse((await cli('--dataset', 'iris', '--model', 'softmax', '--epochs', '1', '--backend', 'cpu', '--split', '1,0,0', '--json')).stdout) as Doc;
    expect(withBaselines.baselines.length).toBeGreaterThan(0);
    expect(withBaselines.baselines.every((b) => b.validation === null && b.test === null)).toBe(true);
  });

  it('--emit-split: the three parts partition the rows, with the sizes of data.rows, and follow the seed', async () => {
    const d = await train('--split', '0.6,0.2,0.2', '--emit-split', '--seed', '4');
    const { train: tr, validation: va, test: te } = d.split!;
    expect([tr.length, va.length, te.length]).toEqual([d.data.rows.train, d.data.rows.validation, d.data.rows.test]);
    expect(va.length).toBe(30);
    expect([...tr, ...va, ...te].sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect((await train('--split', '0.6,0.2,0.2', '--emit-split', '--seed', '4')).split).toEqual(d.split);
    expect((await train('--split', '0.6,0.2,0.2', '--emit-split', '--seed', '5')).split!.test).not.toEqual(te);
    expect((await train()).split).toBeUndefined();
  });

  const bad: [string[], RegExp][] = [
    [['--momentum', '1'], /^train: --momentum must be in \[0, 1\), got "1"/],
    [['--beta1', '-0.1'], /^train: --beta1 must be in \[0, 1\)/],
    [['--beta2', '1.5'], /^train: --beta2 must be in \[0, 1\)/],
    [['--rho', 'x'], /^train: --rho must be in \[0, 1\)/],
    [['--epsilon', '0'], /^train: --epsilon must be a number > 0/],
    [['--weight-decay', '-1'], /^train: --weight-decay must be a number >= 0/],
    [['--split', '0.5,0.5'], /^train: --split must be three fractions TRAIN,VALIDATION,TEST/],
    [['--split', '0.5,0.3,0.3'], /^train: --split must be three fractions/],
    [['--split', '0,0.5,0.5'], /^train: --split must be three fractions/],
  ];
  for (const [argv, message] of bad) {
    it(`${argv.join(' ')}: exit 2 naming the flag`, async () => {
      const r = await cli('--dataset', 'iris', '--model', 'softmax', ...argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  }

  it('--help lists the new flags', async () => {
    const r = await cli('--help');
    for (const flag of ['--momentum', '--beta1', '--beta2', '--epsilon', '--rho', '--weight-decay', '--split', '--emit-split']) expect(r.stdout).toContain(flag);
  });
});

describe('train --fault and --resume-from', () => {
  it('--fault frozen-layer freezes layer 0 (update norm exactly 0); the JSON names the fault and the dataset', async () => {
    const { code, stdout } = await cli('--dataset', 'iris', '--model', 'mlp', '--hidden', '8', '--steps', '12', '--fault', 'frozen-layer', '--backend', 'cpu', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { fault: string; dataset: string; steps: { layers: { update_norm: number }[] }[] };
    expect(doc.fault).toBe('frozen-layer');
    expect(doc.dataset).toBe('iris');
    expect(doc.steps.every((s) => s.layers[0]!.update_norm === 0)).toBe(true);
  });

  it('--resume-from RUN.json --at STEP with nothing changed reproduces the saved run; with --lr it departs after the step', async () => {
    const saved = await cli('--dataset', 'iris', '--model', 'mlp', '--hidden', '8', '--steps', '20', '--seed', '4', '--backend', 'cpu', '--json');
    const file = join(tmp, 'run.json');
    writeFileSync(file, saved.stdout);
    const original = JSON.parse(saved.stdout) as { steps: { loss: number }[]; final: unknown };
    const same = JSON.parse((await cli('--resume-from', file, '--at', '8', '--json')).stdout) as typeof original & { branch: { changed: string[]; replay_matches: boolean } };
    expect(same.steps.map((s) => s.loss)).toEqual(original.steps.map((s) => s.loss));
    expect(same.final).toEqual(original.final);
    expect(same.branch).toMatchObject({ at: 8, changed: [], replay_matches: true });
    const faster = JSON.parse((await cli('--resume-from', file, '--at', '8', '--lr', '0.2', '--json')).stdout) as typeof same;
    expect(faster.branch.changed).toEqual(['lr']);
    expect(faster.steps.slice(0, 9).map((s) => s.loss)).toEqual(original.steps.slice(0, 9).map((s) => s.loss));
    expect(faster.steps[9]!.loss).not.toBe(original.steps[9]!.loss);
  });

  it.each([
    [['--dataset', 'iris', '--model', 'mlp', '--fault', 'nope'], /--fault must be one of shuffled-labels/],
    [['--resume-from', 'x.json'], /go together/],
    [['--dataset', 'diabetes', '--model', 'mlp', '--fault', 'wrong-loss'], /wrong-loss: needs a classification task/],
    [['--dataset', 'iris', '--model', 'mlp', '--hidden', '8', '--freeze', '5'], /cannot freeze layer 5: the model has 2 layer/],
  ])('%j exits 2 with a message', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
