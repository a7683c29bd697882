/**
 * Fuzzing `metrics` in-process with random argv over a few small files (valid, broken, binary, gzip,
 * missing): the command always resolves with exit code 0 or 2 (never throws, never 1), a usage or data
 * error is one short message on stderr, a JSON report parses and its warnings are short, and each case
 * stays within a time limit. Bounds: src/fuzz-support/fuzz-inputs.ts.
 *
 * `--engine duckdb` is left out of the vocabulary: starting DuckDB takes about 100 ms, too slow for
 * 10,000 cases (its messages are tested in metrics-duckdb.test.ts). Without it a CSV always takes the
 * core (js) engine, `--sql` included.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { CASE_LIMIT_MS, FUZZ_RUNS, argvOf, checkMessage, structuredArgv, withinTimeLimitAsync } from '../fuzz-support/fuzz-inputs';
import { USAGE, run } from './metrics-command';

const tmp = mkdtempSync(join(tmpdir(), 'metrics-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

/** The first rows of a bundled example: small enough for thousands of runs, real enough to report. */
function head(example: string, rows: number): string {
  return readFileSync(resolve(__dirname, '../../datasets/predictions', example), 'utf8').split('\n').slice(0, rows + 1).join('\n') + '\n';
}

const binary = file('binary.csv', head('binary-breast-cancer.csv', 40));
const paths = [
  binary,
  file('churn.csv', head('binary-churn-log.csv', 60)),
  file('multiclass.csv', head('multiclass-digits.csv', 30)),
  file('regression.csv', head('regression-diabetes.csv', 30)),
  file('binary.csv.gz', gzipSync(readFileSync(binary))),
  file('broken.csv', 'y_true,a\n1,0.5\n0,"x\n'),
  file('ragged.csv', 'y_true,a,b\n1,0.5\n'),
  file('garbage.bin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])),
  file('empty.csv', ''),
  file('bad.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2])),
  join(tmp, 'missing.csv'),
  join(tmp, 'x'.repeat(200) + '.csv'),
  (() => { const d = join(tmp, 'a-directory'); mkdirSync(d); return d; })(),
];

const FLAGS = [
  '--target', '--task', '--threshold', '--pos-label', '--features', '--log-loss-eps', '--json', '--json', '--help',
  '--engine', '--sql', '--table', '--memory-limit',
  '--by', '--min-slice', '--bins', '--find-slices', '--fairness', '--time', '--window', '--reference', '--alert', '--extra',
];
/** The flags that take no value; every other flag of FLAGS reads the next token as its value. */
const SWITCHES = new Set(['--json', '--help', '--find-slices', '--fairness']);
/** `--json` as a switch, not as the value of an option (`--pos-label --json` sets the label to "--json"). */
function asksForJson(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') return true;
    if (FLAGS.includes(args[i]!) && !SWITCHES.has(args[i]!)) i++; // its value is the next token
  }
  return false;
}
const VALUES = [
  'y_true', 'logistic', 'gbm', 'segment', 'region', 'date', 'tenure', 'segment,region', 'a,b,c', 'auto', 'binary', 'multiclass',
  'regression', 'js', 'postgres', 'spark', 'bigquery', 'predictions', 'my.table', '1;drop', '512MB', '2GB', 'lots', 'day',
  'week', 'month', '7', 'roc_auc<0.8', 'roc_auc<0.8,psi>0.2', 'nonsense<', '1', '0', 'yes',
];

const columns = fc.constantFrom('y_true', 'logistic', 'gbm', 'segment', 'region', 'date', 'tenure', 'x', 'svm_uncalibrated', 'logistic:0', '');
/** One file mostly; now and then none or two. */
const oneFile = fc.oneof({ weight: 12, arbitrary: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...paths.slice(0, 5)) }, { weight: 1, arbitrary: fc.constantFrom(...paths) }).map((p) => [p]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...paths), { maxLength: 2 }) });
const plain = [
  ['--target', columns],
  ['--task', fc.constantFrom('auto', 'binary', 'multiclass', 'regression')],
  ['--threshold', fc.oneof(fc.double({ min: -1, max: 2 }).map(String), fc.constantFrom('0.5', '0', '1'))],
  ['--pos-label', fc.constantFrom('1', '0', 'yes', '3', '')],
  ['--features', fc.constantFrom('0', '1', '10', '1000')],
  ['--log-loss-eps', fc.constantFrom('auto', '1e-15', '0.1', '0.49')],
] as const;
/** Options with values of their own kind, in the groups that go together, so most runs get past the argument checks. */
const structured = fc.oneof(
  structuredArgv(oneFile, plain, ['--json']),
  structuredArgv(oneFile, [...plain, ['--table', fc.constantFrom('predictions', 'a.b', 'x')]], ['--json'], [['--sql', fc.constantFrom('duckdb', 'postgres', 'spark', 'bigquery')]]),
  structuredArgv(oneFile, [...plain, ['--min-slice', fc.constantFrom('1', '5', '30')], ['--bins', fc.constantFrom('1', '2', '4')],
    ['--extra', fc.constantFrom('tenure', 'segment', 'tenure,region', 'logistic')]], ['--json', '--find-slices', '--fairness'],
  [['--by', fc.constantFrom('segment', 'region', 'segment,region', 'tenure', 'date', 'y_true')]]),
  structuredArgv(oneFile, [...plain, ['--reference', fc.constantFrom(...paths)], ['--alert', fc.constantFrom('roc_auc<0.8', 'roc_auc<0.8,psi>0.2', 'f1>=0.5', 'x<1', 'psi>0.1')],
    ['--extra', fc.constantFrom('tenure', 'segment', 'tenure,region')]], ['--json'],
  [['--time', fc.constantFrom('date', 'date', 'segment', 'tenure')], ['--window', fc.constantFrom('day', 'week', 'month', '7', '1')]]),
);

/** argv without `--engine duckdb` (see the file comment). */
const argv = fc.oneof({ weight: 3, arbitrary: structured }, { weight: 1, arbitrary: argvOf(FLAGS, VALUES, paths) }).filter((a) => !a.some((t, i) => t === '--engine=duckdb' || (t === '--engine' && a[i + 1] === 'duckdb')));

describe('fuzz: metrics in-process', () => {
  it(`random argv: exit 0 or 2, short messages, never an exception (${FUZZ_RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        let stdout = '', stderr = '';
        const io = { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } };
        const code = await withinTimeLimitAsync(() => run([...args], io), 'metrics');
        if (code !== 0 && code !== 2) throw new Error(`exit code ${code}`);
        if (code === 2) {
          if (stderr === '') throw new Error('exit 2 without a message');
          if (stdout !== '') throw new Error('exit 2 with output on stdout');
          checkMessage(stderr.replace(USAGE, '').trimEnd(), 'metrics stderr');
        } else if (stderr !== '') throw new Error(`exit 0 with stderr: ${stderr.slice(0, 200)}`);
        if (code === 0 && asksForJson(args) && !args.includes('--help') && !args.includes('-h') && !args.some((a) => a === '--sql' || a.startsWith('--sql='))) {
          const doc = JSON.parse(stdout) as { warnings?: string[] };
          for (const w of doc.warnings ?? []) checkMessage(w, 'metrics warning');
        }
      }),
      { numRuns: FUZZ_RUNS, timeout: CASE_LIMIT_MS },
    );
  });
});
