/**
 * `npm run bench -- cli`: the command line as whole processes started from the shell, as a script
 * looping over files pays for it.
 *
 * Start-up: RUNS interleaved runs each of `node -e 0` (the floor), `node bin/ml-workbench.mjs metrics`
 * on the 569-row breast-cancer file (the `ml-workbench` bin: the bundle in dist-cli/, no transpiling;
 * target <= 3x the floor) and `npm run -s cli -- metrics` on the same file (npm's own start-up on top).
 * Large file: the bin on 1,000,000 rows x 3 binary models (29 MB, the metrics section's generator;
 * target <= 1.0 s), against pandas + scikit-learn doing the same work as a whole `python3` process
 * (bench-metrics' script, one run per process; target: the bin >= 10x faster). Medians of wall times.
 * The load average before and after goes into results.json: the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSection } from './bench';
import { makeCsv, median, PYTHON, PYTHON_SCRIPT } from './bench-metrics';
import { repoRoot } from './repo-root';

const RUNS = 11;
const BIG_RUNS = 5;
const PY_RUNS = 3;
const root = repoRoot();

/** Wall time of one process in ms; throws when it fails. */
function timed(command: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

export async function run(): Promise<BenchSection> {
  const loadBefore = loadavg();
  const small = join(root, 'datasets/predictions/binary-breast-cancer.csv');
  const bin = join(root, 'bin/ml-workbench.mjs');
  timed(process.execPath, [join(root, 'scripts/build-cli.mjs')]); // a fresh bundle, outside the timings
  const node: number[] = [], cli: number[] = [], npm: number[] = [];
  timed(process.execPath, [bin, 'metrics', small, '--json']); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    node.push(timed(process.execPath, ['-e', '0']));
    cli.push(timed(process.execPath, [bin, 'metrics', small, '--json']));
    npm.push(timed('npm', ['run', '-s', 'cli', '--', 'metrics', small, '--json']));
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const big = join(dir, 'predictions-1m.csv');
  try {
    writeFileSync(big, makeCsv(1_000_000, 20240601));
    timed(process.execPath, [bin, 'metrics', big, '--json']);
    const bigRuns = Array.from({ length: BIG_RUNS }, () => timed(process.execPath, [bin, 'metrics', big, '--json']));
    const py = existsSync(PYTHON) ? Array.from({ length: PY_RUNS }, () => timed(PYTHON, ['-c', PYTHON_SCRIPT, big, '1'])) : null;
    const floor = median(node), start = median(cli), bigMs = median(bigRuns);
    const rows: BenchSection['rows'] = [
      { name: 'node -e 0 (whole process), median', value: floor, unit: 'ms' },
      { name: 'ml-workbench metrics, 569 rows (whole process), median', value: start, unit: 'ms' },
      { name: '  ratio to node -e 0', value: start / floor, unit: 'x', target: '<= 3x' },
      { name: 'npm run -s cli -- metrics, 569 rows, median', value: median(npm), unit: 'ms' },
      { name: 'ml-workbench metrics, 1M rows x 3 models (whole process), median', value: bigMs, unit: 'ms', target: '<= 1000 ms' },
    ];
    if (py) {
      rows.push(
        { name: 'python3 pandas + scikit-learn, same work (whole process), median', value: median(py), unit: 'ms' },
        { name: '  speed-up of ml-workbench', value: median(py) / bigMs, unit: 'x', target: '>= 10x' },
      );
    }
    const round = (xs: number[]): number[] => xs.map((x) => Number(x.toFixed(1)));
    return {
      rows,
      details: {
        runs: RUNS, nodeMs: round(node), cliMs: round(cli), npmMs: round(npm), bigMs: round(bigRuns), pythonMs: py ? round(py) : null,
        loadAverageBefore: loadBefore.map((x) => Number(x.toFixed(2))), loadAverageAfter: loadavg().map((x) => Number(x.toFixed(2))),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
