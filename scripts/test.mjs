// `npm test`: the whole suite — type checks, unit tests (Vitest, Node) and end-to-end tests
// (Playwright driving Debian's Chromium on WebGPU and WASM). Prints one closing line
// "N passed, N failed, N skipped" summing every runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium, ensureDependencies } from './setup.mjs';

ensureDependencies();
ensureChromium();
mkdirSync('tmp', { recursive: true });
for (const f of ['tmp/vitest.json', 'tmp/playwright.json']) rmSync(f, { force: true });

const only = process.argv[2]; // optional: "unit" | "e2e" | "types"
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' } }).status ?? 1;

let passed = 0, failed = 0, skipped = 0;
const failures = [];

if (!only || only === 'types') {
  const code = run('npx', ['tsc', '-p', 'tsconfig.json']) || run('npx', ['tsc', '-p', 'workers/tsconfig.json']) || run('npx', ['tsc', '-p', 'tools/tsconfig.json']);
  if (code === 0) passed += 1; else { failed += 1; failures.push('type check'); }
}

if (!only || only === 'unit') {
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=tmp/vitest.json']);
  if (existsSync('tmp/vitest.json')) {
    const r = JSON.parse(readFileSync('tmp/vitest.json', 'utf8'));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (r.numFailedTests || r.numFailedTestSuites) failures.push('unit tests');
    if (r.numFailedTestSuites && !r.numFailedTests) failed += r.numFailedTestSuites;
  } else if (code !== 0) { failed += 1; failures.push('unit test runner'); }
}

if (!only || only === 'e2e') {
  // Two Playwright runs: the engine on its fixture models, then the app on the default model.
  for (const [label, config, out] of [
    ['engine e2e', 'e2e/harness/playwright.engine.config.ts', 'tmp/playwright-engine.json'],
    ['app e2e', 'playwright.config.ts', 'tmp/playwright.json'],
  ]) {
    rmSync(out, { force: true });
    const code = run('npx', ['playwright', 'test', '-c', config]);
    if (existsSync(out)) {
      const s = JSON.parse(readFileSync(out, 'utf8')).stats;
      passed += s.expected + (s.flaky ?? 0); failed += s.unexpected; skipped += s.skipped;
      if (s.unexpected) failures.push(label);
      if (code !== 0 && !s.unexpected) { failed += 1; failures.push(`${label} runner`); }
    } else if (code !== 0) { failed += 1; failures.push(`${label} runner`); }
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
