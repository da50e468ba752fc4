// One-time set-up shared by `npm start` and `npm test`: dependencies and the browser for e2e tests.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' };

export function ensureDependencies() {
  const lock = existsSync('package-lock.json') ? statSync('package-lock.json').mtimeMs : 0;
  const marker = 'node_modules/.package-lock.json';
  if (existsSync(marker) && statSync(marker).mtimeMs >= lock) return;
  console.log('[setup] installing npm dependencies (onnxruntime-node install script skipped: its CPU build is inside the package)');
  // `npm install`, not `npm ci`: npm 11 here leaves some platform-specific optional packages of
  // rollup out of the lock file and then refuses `npm ci`; install keeps to the locked versions.
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit', env });
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium drives the e2e tests; `npx playwright install` cannot download a browser here. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  const command = 'apt-get update && apt-get install -y chromium';
  if (isRoot && hasApt) {
    console.log(`[setup] ${CHROMIUM} missing: running \`${command}\``);
    execSync(command, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  console.error(`[setup] Chromium is needed for the end-to-end tests and is not installed at ${CHROMIUM}.`);
  console.error(`[setup] Install it with:  sudo ${command}`);
  console.error('[setup] (or point CHROMIUM_PATH at another Chromium build)');
  process.exit(1);
}
