/**
 * The bundled command line (scripts/build-cli.mjs -> dist-cli/, started by bin/ml-workbench.mjs, which
 * `npm run cli` runs): it prints what the source prints, loads neither TensorFlow.js nor DuckDB for
 * `metrics`, and rebuilds itself when a source file is newer than the bundle.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './metrics-command';
import { repoRoot } from './repo-root';

const root = repoRoot();
const bin = join(root, 'bin/ml-workbench.mjs');
const current = (): { build: string; inputs: string[] } => JSON.parse(readFileSync(join(root, 'dist-cli/current.json'), 'utf8')) as { build: string; inputs: string[] };
const sh = (...args: string[]): string => execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

describe('the bundled CLI', () => {
  it('prints the same JSON as the source, for metrics and compare', async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: root });
    const file = join(root, 'datasets/predictions/binary-breast-cancer.csv');
    let fromSource = '';
    await run([file, '--json'], { stdout: { write: (s: string) => { fromSource += s; } }, stderr: { write: () => undefined } });
    expect(sh('metrics', file, '--json')).toBe(fromSource);
    const compared = JSON.parse(sh('compare', file, '--bootstrap', '5', '--json')) as { models: string[]; delong: unknown };
    expect(compared.models).toEqual(['logistic', 'naive_bayes_2_features']);
    expect(compared.delong).not.toBeNull();
  });

  it('metrics and compare load neither TensorFlow.js nor DuckDB statically (only train imports TF.js)', () => {
    const dir = join(root, 'dist-cli', current().build);
    const staticImports = (chunk: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(chunk)) return seen;
      seen.add(chunk);
      const text = readFileSync(join(dir, chunk), 'utf8');
      for (const m of text.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)) {
        if (m[1]!.startsWith('./')) staticImports(m[1]!.slice(2), seen);
        else seen.add(m[1]!);
      }
      return seen;
    };
    const main = readFileSync(join(dir, 'main.js'), 'utf8');
    const chunkOf = (command: string): string => main.match(new RegExp(`import\\("\\./(${command}-command-[^"]+)"\\)`))![1]!;
    for (const command of ['metrics', 'compare']) {
      const loaded = [...staticImports('main.js'), ...staticImports(chunkOf(command))];
      expect(loaded.filter((m) => m.startsWith('@tensorflow') || m.startsWith('@duckdb')), command).toEqual([]);
    }
    expect([...staticImports(chunkOf('train'))]).toContain('@tensorflow/tfjs-core');
  });

  it('rebuilds when a source file is newer than the bundle, and not otherwise', () => {
    sh('--help');
    const before = current().build;
    sh('--help');
    expect(current().build).toBe(before);
    const source = join(root, 'src/core/metrics/report.ts');
    expect(current().inputs).toContain('src/core/metrics/report.ts');
    const { atime } = statSync(source);
    utimesSync(source, atime, new Date());
    expect(sh('--help')).toContain('usage: npm run -s cli -- <metrics|compare|train|learning-curve>');
    expect(current().build).not.toBe(before);
  });
});
