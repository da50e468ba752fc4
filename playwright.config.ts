import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (never a Playwright-downloaded browser: none can be
 * fetched here). WebGPU is exposed by this Chromium on secure origins such as http://localhost.
 */
const port = Number(process.env.E2E_PORT ?? 5174);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The engine's browser tests run on their own server: e2e/harness/playwright.engine.config.ts.
  testIgnore: ['engine/**', 'bench-harness/**'],
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI: a 2-core machine running WebGPU on SwiftShader is slow and noisy; a retried pass is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'tmp/playwright.json' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--enable-unsafe-webgpu',
      ],
    },
  },
  webServer: {
    // No file watching and one onnxruntime-web instance (see e2e/harness/vite.engine.config.ts).
    command: `npx vite --config e2e/harness/vite.engine.config.ts --port ${port} --strictPort`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
