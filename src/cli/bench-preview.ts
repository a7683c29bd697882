/**
 * What every browser benchmark needs before it drives a page: a build (made only if missing) and a
 * `vite preview` of it on a port of the bench's own, started in its own process group and ended with it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the app into `outDir` unless it already holds a build. */
export function ensureBuild(outDir = join(root, 'dist')): void {
  if (existsSync(join(outDir, 'index.html'))) return;
  process.stdout.write(`${outDir} has no build: building (vite build)…\n`);
  const r = spawnSync('npx', ['vite', 'build', '--outDir', outDir], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

/** Serves `outDir` on 127.0.0.1:`port` and resolves once it answers (within 60 s). */
export async function startPreview(port: number, outDir = join(root, 'dist')): Promise<ChildProcess> {
  const child = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root, stdio: 'ignore', detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stopPreview(child);
  throw new Error(`vite preview did not start on port ${port}`);
}

/** Ends the preview's process group (it was started detached, so the whole group is ours). */
export function stopPreview(child: ChildProcess): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}
