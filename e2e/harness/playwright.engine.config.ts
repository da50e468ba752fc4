import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base from '../../playwright.config';

/** Runs e2e/engine on its own Vite server (port 5191, no file watching). */
const port = Number(process.env.ENGINE_E2E_PORT ?? 5191);

export default defineConfig({
  ...base,
  testDir: '..',
  testMatch: 'engine/**/*.spec.ts',
  testIgnore: [],
  // Relative paths here resolve against this folder: the report must land where scripts/test.mjs reads it.
  reporter: [['list'], ['json', { outputFile: fileURLToPath(new URL('../../tmp/playwright-engine.json', import.meta.url)) }]],
  use: { ...base.use, baseURL: `http://localhost:${port}` },
  webServer: {
    command: `npx vite --config e2e/harness/vite.engine.config.ts --port ${port} --strictPort`,
    url: `http://localhost:${port}/e2e/harness/engine.html`,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
