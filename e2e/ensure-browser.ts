/**
 * Run before the end-to-end tests: make sure a Chromium exists, installing one by the only two routes we allow
 * (Playwright's installer, or apt-get as root on Debian/Ubuntu), else stop with one clear message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './browser';

function attempt(label: string, command: string, args: string[]): void {
  process.stderr.write(`No Chromium found; trying: ${label}\n`);
  spawnSync(command, args, { stdio: 'inherit', timeout: 10 * 60_000 });
}

let found = findChromium();
if (!found) {
  attempt('npx playwright install chromium', 'npx', ['playwright', 'install', 'chromium']);
  found = findChromium();
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!found && isRoot && existsSync('/etc/debian_version')) {
  attempt('apt-get install -y chromium', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
  found = findChromium();
}
if (!found) {
  process.stderr.write(
    '\nThe end-to-end tests need Chromium and none could be found or installed.\n' +
      'Install one, then run `npm test` again:\n' +
      '  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
      '  elsewhere:      npx playwright install chromium\n' +
      'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.\n',
  );
  process.exit(1);
}
process.stdout.write(`e2e browser: ${found.description}\n`);
