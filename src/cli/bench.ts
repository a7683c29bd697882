/**
 * `npm run bench`: measures, prints a table per section and writes bench/results.json.
 * Each section lives in its own file and exports `run(): Promise<BenchSection>`.
 * `npm run bench -- metrics` runs one section; results of sections not run are kept from the last file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchSection {
  /** Human-readable rows for the printed table. */
  rows: { name: string; value: number; unit: string; target?: string }[];
  /** Anything else worth keeping in results.json. */
  details?: Record<string, unknown>;
}

const sections: Record<string, () => Promise<{ run(): Promise<BenchSection> }>> = {
  metrics: () => import('./bench-metrics'),
  cli: () => import('./bench-cli'),
  train: () => import('./bench-train'),
  browser: () => import('./bench-browser'),
  'browser-train': () => import('./bench-browser-train'),
  'browser-experiments': () => import('./bench-browser-experiments'),
  duckdb: () => import('./bench-duckdb'),
  'browser-parquet': () => import('./bench-browser-parquet'),
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outFile = resolve(root, 'bench/results.json');

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(sections);
  const previous = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as { sections?: Record<string, BenchSection> }) : {};
  const results: Record<string, BenchSection> = { ...(previous.sections ?? {}) };
  for (const name of names) {
    const load = sections[name];
    if (!load) throw new Error(`unknown bench section: ${name} (have ${Object.keys(sections).join(', ')})`);
    process.stdout.write(`\n== ${name} ==\n`);
    const section = await (await load()).run();
    results[name] = section;
    for (const r of section.rows) {
      process.stdout.write(`${r.name.padEnd(58)} ${formatValue(r.value).padStart(12)} ${r.unit.padEnd(8)} ${r.target ? `(target ${r.target})` : ''}\n`);
    }
  }
  mkdirSync(dirname(outFile), { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
  writeFileSync(outFile, JSON.stringify({ date: new Date().toISOString(), machine, sections: results }, null, 2) + '\n');
  process.stdout.write(`\nwrote ${outFile}\n`);
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
