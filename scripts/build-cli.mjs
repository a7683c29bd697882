/**
 * Builds the command line (src/cli/main.ts and everything it imports) into plain ES modules under
 * dist-cli/, so `ml-workbench` / `npm run cli` start without transpiling TypeScript.
 *
 * - One esbuild bundle with code splitting: each command (and its imports) is a chunk loaded only when
 *   that command runs, so `metrics` never reads the training code.
 * - External: TensorFlow.js (loaded by `train` only) and DuckDB (native, loaded by dynamic import only
 *   when used); everything else, the core included, is bundled.
 * - Each build goes to dist-cli/<id>/ and dist-cli/current.json is then replaced atomically, naming the
 *   build and listing its source files, so a process starting during a rebuild runs a complete bundle
 *   and bin/ml-workbench.mjs can tell when a source is newer than the bundle.
 *
 * `node scripts/build-cli.mjs` builds; bin/ml-workbench.mjs calls `buildCli()` when the bundle is stale.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(root, 'dist-cli');
export const currentFile = join(distDir, 'current.json');
/** Builds kept besides the newest, for processes still running from them. */
const KEEP_OLD_BUILDS = 2;

export async function buildCli() {
  const esbuild = await import('esbuild');
  const id = `build-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(distDir, id);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', 'gradient-thread': 'src/cli/gradient-thread.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@tensorflow/*', '@duckdb/*'],
    // Bundled CommonJS (PapaParse, @stdlib) may call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  inputs.push('package.json', 'package-lock.json', 'scripts/build-cli.mjs');
  const tmp = `${currentFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ build: id, esbuild: esbuild.version, builtAt: Date.now(), inputs }) + '\n');
  renameSync(tmp, currentFile);
  const builds = readdirSync(distDir).filter((d) => d.startsWith('build-') && d !== id).sort();
  for (const old of builds.slice(0, Math.max(0, builds.length - KEEP_OLD_BUILDS))) rmSync(join(distDir, old), { recursive: true, force: true });
  return { build: id, entry: join(outdir, 'main.js'), inputs: inputs.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(distDir, { recursive: true });
  const t0 = performance.now();
  const r = await buildCli();
  process.stdout.write(`built ${r.entry} from ${r.inputs} files in ${(performance.now() - t0).toFixed(0)} ms\n`);
}
