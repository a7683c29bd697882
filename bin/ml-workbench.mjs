#!/usr/bin/env node
/**
 * `ml-workbench <metrics|compare|train> ...` (also `npm run -s cli -- ...`): runs the bundled command
 * line in dist-cli/ (plain JavaScript, no transpiling), first rebuilding it (scripts/build-cli.mjs)
 * when it is missing or any of its source files is newer than it, so it always runs the current source.
 * The check is one stat per source file (~2 ms).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const currentFile = join(root, 'dist-cli', 'current.json');

/** The entry of an up-to-date build, or null. */
function currentEntry() {
  if (!existsSync(currentFile)) return null;
  let current;
  try {
    current = JSON.parse(readFileSync(currentFile, 'utf8'));
  } catch {
    return null;
  }
  const entry = join(root, 'dist-cli', current.build, 'main.js');
  if (!existsSync(entry)) return null;
  for (const input of current.inputs) {
    let mtime;
    try {
      mtime = statSync(join(root, input)).mtimeMs;
    } catch {
      return null; // a source file was removed or renamed
    }
    if (mtime > current.builtAt) return null;
  }
  return entry;
}

let entry = currentEntry();
if (entry === null) {
  mkdirSync(join(root, 'dist-cli'), { recursive: true });
  const { buildCli } = await import('../scripts/build-cli.mjs');
  entry = (await buildCli()).entry;
}
await import(pathToFileURL(entry).href);
