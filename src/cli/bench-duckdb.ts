/**
 * `npm run bench -- duckdb`: the CLI's DuckDB engine on Parquet files too large for the in-memory
 * path, as whole processes started from the shell (wall time and peak memory from GNU time), as the
 * issue measures them:
 *   - 10M rows x 3 binary models from Parquet (target <= 8 s), against pandas + scikit-learn doing
 *     the same work on the CSV of the same rows (Debian's Python has no Parquet reader; target: the
 *     CLI >= 10x faster; one Python run, it takes minutes);
 *   - 100M rows x 1 binary model from Parquet with --memory-limit 2GB (target <= 60 s, peak <= 3 GB),
 *     its AUC checked against an independent rank formula run by DuckDB itself.
 * The files are generated here by DuckDB (seeded: setseed), in a temporary directory, never committed.
 * The load average before and after each run goes into results.json: the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSection } from './bench';
import { PYTHON, PYTHON_SCRIPT } from './bench-metrics';
import { openDuckDb } from './duckdb-engine';
import { repoRoot } from './repo-root';

const root = repoRoot();
const TIME = '/usr/bin/time';
const SIGNALS = [2.0, 1.0, 0.4];

/** y_true plus models of decreasing quality, P = sigmoid(signal (2y - 1) + noise), as bench-metrics' CSV. */
async function makeParquet(path: string, rows: number, models: number, csvToo: string | null): Promise<void> {
  const db = await openDuckDb();
  try {
    const c = db.connection;
    await c.run('SELECT setseed(0.20240601)');
    // Box-Muller noise from two uniforms; six decimals as in the CSV benches.
    const cols = SIGNALS.slice(0, models).map((s, j) =>
      `round(1 / (1 + exp(-(${s} * (2 * y_true - 1) + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))), 6) AS ${['strong', 'medium', 'weak'][j]}`);
    await c.run(`CREATE TABLE t AS SELECT y_true, ${cols.join(', ')} FROM (SELECT CAST(random() < 0.3 AS INTEGER) AS y_true FROM range(${rows}))`);
    await c.run(`COPY t TO '${path}' (FORMAT parquet)`);
    if (csvToo) await c.run(`COPY t TO '${csvToo}' (FORMAT csv, HEADER true)`);
  } finally {
    db.close();
  }
}

interface Measured { ms: number; peakMb: number; stdout: string; load: number }

/** One process under GNU time: wall ms and peak resident MB. */
function measured(command: string, args: string[]): Measured {
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-v', command, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 1_800_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { ms, peakMb: peak ? Number(peak[1]) / 1024 : NaN, stdout: r.stdout, load };
}

/** The exact AUC of one score column by the Mann-Whitney rank formula, computed by DuckDB on its own. */
async function referenceAuc(path: string, column: string): Promise<number> {
  const db = await openDuckDb('2GB');
  try {
    const sql = `WITH r AS (SELECT y_true, rank() OVER (ORDER BY ${column}) AS lo, count(*) OVER (PARTITION BY ${column}) AS ties FROM read_parquet('${path}')),
      s AS (SELECT sum(CASE WHEN y_true = 1 THEN lo + (ties - 1) / 2.0 ELSE 0 END) AS ranks, sum(y_true) AS p, count(*) - sum(y_true) AS n FROM r)
      SELECT (ranks - p * (p + 1) / 2.0) / (p * n) AS auc FROM s`;
    const rows = (await db.connection.runAndReadAll(sql)).getRowObjectsJS() as { auc: number }[];
    return Number(rows[0]!.auc);
  } finally {
    db.close();
  }
}

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-duckdb-'));
  const bin = join(root, 'bin/ml-workbench.mjs');
  try {
    const p10 = join(dir, 'predictions-10m.parquet'), csv10 = join(dir, 'predictions-10m.csv'), p100 = join(dir, 'predictions-100m.parquet');
    process.stdout.write('generating 10M x 3 (Parquet and CSV) and 100M x 1 (Parquet) with DuckDB...\n');
    await makeParquet(p10, 10_000_000, 3, csv10);
    await makeParquet(p100, 100_000_000, 1, null);
    const mb = (p: string) => statSync(p).size / 1e6;
    measured(process.execPath, [bin, 'metrics', p10, '--json']); // warm the file cache and the bundle
    const ten = measured(process.execPath, [bin, 'metrics', p10, '--json']);
    const tenReport = JSON.parse(ten.stdout) as { engine: string; models: Record<string, { roc_auc: number }> };
    const py = existsSync(PYTHON) ? measured(PYTHON, ['-c', PYTHON_SCRIPT, csv10, '1']) : null;
    const hundred = measured(process.execPath, [bin, 'metrics', p100, '--memory-limit', '2GB', '--json']);
    const hundredAuc = (JSON.parse(hundred.stdout) as { models: { strong: { roc_auc: number } } }).models.strong.roc_auc;
    const reference = await referenceAuc(p100, 'strong');
    const rows: BenchSection['rows'] = [
      { name: `metrics, 10M x 3 from Parquet (${mb(p10).toFixed(0)} MB, whole process)`, value: ten.ms, unit: 'ms', target: '<= 8000 ms' },
      { name: '  peak memory', value: ten.peakMb, unit: 'MB' },
    ];
    if (py) {
      rows.push(
        { name: `python3 pandas + scikit-learn, same rows as CSV (${mb(csv10).toFixed(0)} MB)`, value: py.ms, unit: 'ms' },
        { name: '  speed-up of ml-workbench', value: py.ms / ten.ms, unit: 'x', target: '>= 10x' },
      );
    }
    rows.push(
      { name: `metrics, 100M x 1 from Parquet, --memory-limit 2GB (${mb(p100).toFixed(0)} MB)`, value: hundred.ms, unit: 'ms', target: '<= 60000 ms' },
      { name: '  peak memory', value: hundred.peakMb, unit: 'MB', target: '<= 3072 MB' },
      { name: '  |AUC - rank-formula AUC|', value: Math.abs(hundredAuc - reference), unit: '', target: '<= 1e-9' },
    );
    return {
      rows,
      details: {
        engine: tenReport.engine, aucs10m: Object.fromEntries(Object.entries(tenReport.models).map(([k, v]) => [k, v.roc_auc])),
        auc100m: hundredAuc, referenceAuc100m: reference,
        loadAverage1mAtStart: { tenMillion: ten.load, python: py?.load ?? null, hundredMillion: hundred.load }, loadAverageAfter: loadavg().map((x) => Number(x.toFixed(2))),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
