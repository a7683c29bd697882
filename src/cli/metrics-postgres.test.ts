/**
 * The `--sql postgres` output on a real PostgreSQL server: a throw-away cluster (initdb as the
 * postgres user when we are root, since PostgreSQL refuses to run as root) on a free localhost port in
 * a temporary directory, a prediction file loaded with psql's \copy, the printed SQL run by psql, and
 * every value compared with `--json` to 1e-9. The server is stopped in a `finally`.
 * No mock: if PostgreSQL's binaries are missing this fails (`.ci/run` installs Debian's postgresql).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './metrics-command';

const root = resolve(__dirname, '../..');
const example = (name: string): string => resolve(root, 'datasets/predictions', name);

function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql; .ci/run does this)');
  return join(base, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.on('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
let bin: string;
let dir: string;
let port: number;
let started = false;

/** Runs a server binary, as the postgres user when we are root. */
function server(command: string, args: string[]): string {
  const exe = join(bin, command);
  return asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : execFileSync(exe, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function psql(args: string[], input?: string): string {
  return execFileSync(join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', ...args],
    { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });
}

beforeAll(async () => {
  bin = postgresBin();
  dir = mkdtempSync(join(tmpdir(), 'metrics-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  port = await freePort();
  const data = join(dir, 'data');
  server('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  server('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  started = true;
}, 120_000);

afterAll(() => {
  try {
    if (started) server('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } });
  return { code, stdout, stderr };
}

/** Creates table `name` with the CSV's columns (double precision where every value is a number, else text) and loads it. */
function loadCsv(path: string, name: string): void {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const header = head!.split(',');
  const numeric = header.map((_, j) => lines.every((l) => l.split(',')[j]!.trim() !== '' && Number.isFinite(Number(l.split(',')[j]))));
  const columns = header.map((h, j) => `"${h.replace(/"/g, '""')}" ${numeric[j] ? 'DOUBLE PRECISION' : 'TEXT'}`).join(', ');
  psql(['-c', `DROP TABLE IF EXISTS ${name}; CREATE TABLE ${name} (${columns})`]);
  psql(['-c', `\\copy ${name} FROM '${path}' WITH (FORMAT csv, HEADER true)`]);
}

type Report = { task: string; models: Record<string, Record<string, unknown>> };

/** Runs `--sql postgres` on the server and compares every row with `--json`. */
async function expectSqlMatchesJson(file: string, table: string, extra: string[] = []): Promise<void> {
  loadCsv(file, table);
  const json = await cli(file, '--json', ...extra);
  expect(json.stderr).toBe('');
  const report = JSON.parse(json.stdout) as Report;
  const sql = await cli(file, '--sql', 'postgres', '--table', table, ...extra);
  expect(sql.code, sql.stderr).toBe(0);
  const sqlFile = join(dir, `${table}.sql`);
  writeFileSync(sqlFile, sql.stdout);
  const out = psql(['-A', '-t', '-F', '\t', '-f', sqlFile]);
  const rows = out.trim().split('\n').map((l) => l.split('\t') as [string, string, string]);
  const seen = new Set<string>();
  for (const [model, metric, text] of rows) {
    const cell = /^confusion\[(\d+)\]\[(\d+)\]$/.exec(metric);
    const expected = cell ? (report.models[model]!.confusion as number[][])[Number(cell[1])]![Number(cell[2])]! : report.models[model]![metric];
    const where = `${model}.${metric}: postgres ${JSON.stringify(text)}, json ${String(expected)}`;
    if (!cell) seen.add(`${model}.${metric}`);
    if (expected === null) expect(text, where).toBe('');
    else {
      const actual = Number(text);
      expect(typeof expected, where).toBe('number');
      expect(Math.abs(actual - (expected as number)), where).toBeLessThanOrEqual(1e-9 * Math.abs(expected as number) + 1e-15);
    }
  }
  // Every scalar of the JSON came back from PostgreSQL.
  for (const [model, values] of Object.entries(report.models)) {
    for (const key of Object.keys(values)) if (key !== 'confusion') expect(seen.has(`${model}.${key}`), `${model}.${key} from postgres`).toBe(true);
  }
}

describe('--sql postgres on a real PostgreSQL server matches --json', () => {
  it('binary', async () => {
    expect(psql(['-A', '-t', '-c', 'SHOW server_version_num']).trim()).toMatch(/^\d+$/);
    await expectSqlMatchesJson(example('binary-breast-cancer.csv'), 'binary_preds', ['--threshold', '0.3']);
  });

  it('binary with text labels and a score column', async () => {
    const lines = readFileSync(example('binary-breast-cancer.csv'), 'utf8').trim().split('\n');
    const text = [`label,${lines[0]!.split(',').slice(1).join(',')},margin`,
      ...lines.slice(1).map((l, i) => { const [y, ...rest] = l.split(','); return `${y === '1' ? 'yes' : 'no'},${rest.join(',')},${(Number(rest[0]) - 0.5) * 8 + (i % 5) / 10}`; })];
    const path = join(dir, 'text-labels.csv');
    writeFileSync(path, text.join('\n') + '\n');
    await expectSqlMatchesJson(path, 'text_preds');
  });

  it('multiclass', async () => {
    await expectSqlMatchesJson(example('multiclass-digits.csv'), 'multiclass_preds');
  });

  it('regression', async () => {
    await expectSqlMatchesJson(example('regression-diabetes.csv'), 'regression_preds', ['--features', '10']);
  });
});
