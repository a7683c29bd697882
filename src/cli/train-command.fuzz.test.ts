/**
 * Fuzzing `train` in-process with random argv: the command always ends with exit code 0 or 2 (never an
 * exception, never 1) and a usage or data error is one short message on stderr, within a time limit per
 * case. Bounds: src/fuzz-support/fuzz-inputs.ts.
 *
 * Training itself is replaced by a sentinel: an argv that passes every check would otherwise train (and
 * a valid one may ask for any size or length), and 10,000 runs must take seconds. What is fuzzed is
 * everything before the first step: the argument parser, resolveTrainConfig, the saved-run reader, the
 * dataset loader, data preparation, the frozen-layer check and the backend choice.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTIVATION_NAMES } from '../core/train/activations';
import { LOSS_SCALINGS } from '../core/train/config';
import { FAULT_NAMES } from '../core/train/faults';
import { PRECISIONS } from '../core/train/low-precision';
import { INIT_NAMES, MODEL_KINDS } from '../core/train/model';
import { OPTIMIZER_NAMES } from '../core/train/optimizers';
import { SCHEDULE_NAMES } from '../core/train/schedules';
import { CASE_LIMIT_MS, FUZZ_RUNS, argvOf, checkMessage, numberText, structuredArgv, withinTimeLimitAsync } from '../fuzz-support/fuzz-inputs';

const { ReachedTraining } = vi.hoisted(() => ({ ReachedTraining: class ReachedTraining extends Error {} }));
const reached = (): never => { throw new ReachedTraining('reached training'); };
vi.mock('../core/train/training-run', async (original) => ({ ...(await original<object>()), TrainingRun: class { constructor() { reached(); } } }));
vi.mock('../core/train/overfit-batch', async (original) => ({ ...(await original<object>()), runOverfitBatch: reached }));
vi.mock('../core/train/lr-range-test', async (original) => ({ ...(await original<object>()), runLrRangeTest: reached }));
vi.mock('../core/train/branch', async (original) => ({ ...(await original<object>()), startBranch: reached }));

const { USAGE, run, useNodeBackend } = await import('./train-command');

const tmp = mkdtempSync(join(tmpdir(), 'train-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}
const tiny = file('tiny.csv', 'a,b,target\n1,2,x\n2,1,y\n3,3,x\n4,0,y\n5,5,x\n0,4,y\n');
const paths = [
  tiny,
  file('regression.csv', 'a,b,target\n1,2,0.5\n2,1,1.5\n3,3,2\n4,0,-1\n'),
  file('no-target.csv', 'a,b,label\n1,2,x\n2,1,y\n'),
  file('one-column.csv', 'target\n1\n0\n'),
  file('broken.csv', 'a,target\n1,"x\n'),
  file('binary.csv', 'a,target\n1,\u0000\n'),
  file('run.json', '{"config": {}, "losses": []}'),
  file('not-json.json', 'nope'),
  join(tmp, 'missing.csv'),
  tmp,
];
const datasets = ['iris', 'xor', 'two-moons', 'circles', 'spiral', 'noisy-linear', 'wine', 'binary-breast-cancer', 'nope', ...paths];

const FLAGS = [
  '--dataset', '--target', '--model', '--hidden', '--activation', '--dropout', '--l1', '--l2', '--init', '--optimizer', '--lr',
  '--schedule', '--epochs', '--steps', '--batch-size', '--seed', '--backend', '--clip', '--patience', '--impute', '--task',
  '--details-every', '--momentum', '--beta1', '--beta2', '--epsilon', '--rho', '--weight-decay', '--split', '--freeze', '--fault',
  '--resume-from', '--at', '--precision', '--loss-scaling', '--loss-scale', '--json', '--overfit-batch', '--no-standardize', '--eval-training-mode', '--class-weights',
  '--missing-indicators', '--lr-range-test', '--no-baselines', '--emit-split', '--help',
];
const VALUES = [...MODEL_KINDS, ...OPTIMIZER_NAMES, ...SCHEDULE_NAMES, ...ACTIVATION_NAMES, ...INIT_NAMES, ...FAULT_NAMES, ...datasets,
  ...PRECISIONS, ...LOSS_SCALINGS, 'cpu', 'wasm', 'auto', 'webgpu', 'mean', 'median', 'most_frequent', 'binary', 'multiclass', 'regression', '32,32', '8', '0,1', 'none', '0.7,0.15,0.15', '1,0,0'];

const sizes = fc.oneof(fc.constantFrom('8', '32,32', '4,4,4', '', '0', '1,', '100000000', 'a'), fc.array(fc.integer({ min: -1, max: 64 }), { maxLength: 4 }).map((a) => a.join(',')));
const fraction = fc.oneof(fc.double({ min: -0.5, max: 1.5 }).map(String), fc.constantFrom('0', '0.5', '0.999', '1'));
const trainOptions = [
  ['--target', fc.constantFrom('target', 'label', 'a', 'nope')],
  ['--hidden', sizes],
  ['--activation', fc.constantFrom(...ACTIVATION_NAMES)],
  ['--dropout', fraction],
  ['--l1', numberText], ['--l2', numberText],
  ['--init', fc.constantFrom(...INIT_NAMES)],
  ['--optimizer', fc.constantFrom(...OPTIMIZER_NAMES)],
  ['--lr', fc.oneof(numberText, fc.constantFrom('0.01', '1e6'))],
  ['--schedule', fc.constantFrom(...SCHEDULE_NAMES)],
  ['--epochs', fc.constantFrom('1', '3', '0', '1000000000')],
  ['--batch-size', fc.constantFrom('1', '16', '0', '100000')],
  ['--seed', fc.constantFrom('0', '7', '-3', '1.5')],
  ['--backend', fc.constantFrom('cpu', 'wasm', 'auto')],
  ['--clip', numberText], ['--patience', fc.constantFrom('1', '5', '0')],
  ['--impute', fc.constantFrom('mean', 'median', 'most_frequent')],
  ['--task', fc.constantFrom('binary', 'multiclass', 'regression')],
  ['--details-every', fc.constantFrom('1', '10')],
  ['--momentum', fraction], ['--beta1', fraction], ['--beta2', fraction], ['--rho', fraction], ['--epsilon', numberText], ['--weight-decay', numberText],
  ['--split', fc.constantFrom('0.7,0.15,0.15', '1,0,0', '0.5,0.5,0', '0,0.5,0.5', '0.6,0.2,0.3', '1')],
  ['--freeze', fc.constantFrom('0', '0,1', 'none', '5', '')],
  ['--fault', fc.constantFrom(...FAULT_NAMES)],
  ['--precision', fc.constantFrom(...PRECISIONS)],
  ['--loss-scaling', fc.constantFrom(...LOSS_SCALINGS)],
  ['--loss-scale', fc.constantFrom('1', '1024', '65536', '0', '-1')],
] as const;
const switches = ['--json', '--no-standardize', '--eval-training-mode', '--class-weights', '--missing-indicators', '--no-baselines', '--emit-split'];
const required = [['--dataset', fc.constantFrom(...datasets)], ['--model', fc.constantFrom(...MODEL_KINDS)]] as const;
/** A training run, an overfit-one-batch run or an LR range test (the two modes exclude each other). */
const structured = fc.oneof(
  { weight: 4, arbitrary: structuredArgv(fc.constant([]), trainOptions, switches, required) },
  { weight: 1, arbitrary: structuredArgv(fc.constant(['--overfit-batch']), trainOptions, switches, required) },
  { weight: 1, arbitrary: structuredArgv(fc.constant(['--lr-range-test']), trainOptions, switches, required) },
);

const resume = structuredArgv(fc.constant([]), [['--lr', numberText], ['--optimizer', fc.constantFrom(...OPTIMIZER_NAMES)], ['--fault', fc.constantFrom(...FAULT_NAMES)]], ['--json'],
  [['--resume-from', fc.constantFrom(...paths)], ['--at', fc.constantFrom('0', '3', '-1', 'x')]]);

const argv = fc.oneof({ weight: 6, arbitrary: structured }, { weight: 1, arbitrary: resume }, { weight: 2, arbitrary: argvOf(FLAGS, VALUES, paths) });

describe('fuzz: train in-process (up to the first training step)', () => {
  // The first activation of each backend loads TensorFlow.js and the wasm binary: not part of a case.
  beforeAll(async () => {
    expect((await useNodeBackend('wasm')).ok).toBe(true);
    expect((await useNodeBackend('cpu')).ok).toBe(true);
  });

  it(`random argv: exit 0 or 2 or training starts, short messages, never another exception (${FUZZ_RUNS} cases)`, async () => {
    const outcomes = { usage: 0, data: 0, training: 0, help: 0 };
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        let stdout = '', stderr = '';
        const io = { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } };
        let code: number;
        try {
          code = await withinTimeLimitAsync(() => run([...args], io), 'train');
        } catch (err) {
          if (!(err instanceof ReachedTraining)) throw err;
          outcomes.training++;
          return;
        }
        // run() turns any exception from the engine into one plain line and exit 1: the mock's is how training announces itself.
        if (code === 1 && stderr.includes('reached training') && !/\n\s+at /.test(stderr)) {
          outcomes.training++;
          return;
        }
        if (code === 0) {
          if (!stdout.startsWith('usage:')) throw new Error(`exit 0 without training: ${stdout.slice(0, 200)}`);
          outcomes.help++;
          return;
        }
        if (code !== 2) throw new Error(`exit code ${code}`);
        if (stdout !== '' && !stdout.includes('rows (train/validation/test)')) throw new Error(`exit 2 with output: ${stdout.slice(0, 200)}`);
        const message = stderr.replace(USAGE, '').trimEnd();
        if (message === '') throw new Error('exit 2 without a message');
        checkMessage(message, 'train stderr');
        if (stderr.includes(USAGE)) outcomes.usage++;
        else outcomes.data++;
      }),
      { numRuns: FUZZ_RUNS, timeout: CASE_LIMIT_MS },
    );
    // The generators reach every stage, not only the argument checks.
    expect(outcomes.training).toBeGreaterThan(FUZZ_RUNS / 20);
    expect(outcomes.data).toBeGreaterThan(FUZZ_RUNS / 20);
    console.log(`train fuzz outcomes: ${JSON.stringify(outcomes)}`);
  });
});
