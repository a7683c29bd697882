/**
 * Builds the core's public entries as a library for other code (package.json `exports`):
 *   ml-workbench/metrics  <- src/core/metrics/index.ts   (dist-lib/metrics.js + dist-lib/types/metrics/index.d.ts)
 *   ml-workbench/stats    <- src/core/stats/index.ts     (dist-lib/stats.js + dist-lib/types/stats/index.d.ts)
 * ES modules (esbuild, shared code in chunks), dependencies left as imports of the installed packages,
 * types from `tsc -p tsconfig.lib.json` (its lib has no DOM, so a DOM dependency fails the build).
 * The core is pure (no DOM, no TensorFlow.js: an ESLint rule and bundle.test.ts check it).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-lib');

export async function buildLib() {
  const esbuild = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { metrics: 'src/core/metrics/index.ts', stats: 'src/core/stats/index.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    logLevel: 'warning',
    legalComments: 'none',
  });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.lib.json')], { cwd: root, stdio: 'inherit' });
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  await buildLib();
  process.stdout.write(`built ${outdir} in ${(performance.now() - t0).toFixed(0)} ms\n`);
}
