/**
 * The library entries (package.json exports ./metrics and ./stats, built by scripts/build-lib.mjs): the
 * README's example runs against dist-lib/ in a plain Node process, printing the values its comments
 * give; it type-checks against the emitted .d.ts; and the metrics entry pulls in no DOM library,
 * React or TensorFlow.js.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './repo-root';

const root = repoRoot();
const lib = join(root, 'dist-lib');

/** The ```js block of the README section "Use the metrics in your own code". */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use the metrics in your own code'));
  const match = section.match(/```js\n([\s\S]*?)```/);
  if (!match) throw new Error('README: no js example in "Use the metrics in your own code"');
  return match[1]!;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build-lib.mjs')], { cwd: root, stdio: 'pipe' });
}, 120_000);

describe('the library build', () => {
  it("runs the README's example and prints what its comments say", () => {
    const code = readmeExample();
    const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (\S+)/g)].map((m) => m[1]!);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    // Inside the package directory, 'ml-workbench/metrics' resolves through package.json "exports".
    writeFileSync(join(lib, 'readme-example.mjs'), code);
    const out = execFileSync(process.execPath, [join(lib, 'readme-example.mjs')], { cwd: root, encoding: 'utf8' });
    expect(out.trimEnd().split('\n')).toEqual(expected);
  });

  it('the example type-checks against the emitted declarations', () => {
    writeFileSync(join(lib, 'readme-example.ts'), readmeExample());
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--ignoreConfig', '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler',
      '--types', 'node', '--lib', 'es2023', join(lib, 'readme-example.ts')], { cwd: root, encoding: 'utf8' });
  });

  it('the metrics entry imports no DOM, React, Plotly or TensorFlow.js, only its declared dependencies', () => {
    const deps = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    const seen = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(join(lib, file), 'utf8').matchAll(/(?:^|\n)(?:import|export)\s[^;]*?from\s*"([^"]+)"/g)) {
        if (m[1]!.startsWith('./')) walk(m[1]!.slice(2));
        else seen.add(m[1]!);
      }
    };
    walk('metrics.js');
    const external = [...seen].filter((s) => !s.endsWith('.js'));
    expect(external.every((p) => deps.includes(p)), external.join(', ')).toBe(true);
    expect(external.filter((p) => /tensorflow|react|plotly|zustand/.test(p))).toEqual([]);
    const types = readdirSync(join(lib, 'types', 'metrics'));
    expect(types).toContain('index.d.ts');
  });
});
