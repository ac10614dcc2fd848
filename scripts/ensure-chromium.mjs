// Finds Debian's Chromium for the end-to-end tests; installs it with apt when we are root and
// it is missing. Playwright never downloads a browser of its own in this project.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.mjs';

if (chromiumPath()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(
    'Chromium not found: install Debian\'s "chromium" package (sudo apt-get install chromium) or set CHROMIUM_PATH.',
  );
  process.exit(1);
}
console.log("Chromium not found: installing Debian's chromium package with apt-get …");
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
const result = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (result.status !== 0 || !chromiumPath()) {
  console.error('Installing chromium with apt-get failed: install Debian\'s "chromium" package by hand.');
  process.exit(1);
}
