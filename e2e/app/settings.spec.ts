import { expect, test } from '@playwright/test';
import { attachScreenshot, openApp, waitForModel } from './helpers/app';

test('settings list the models, show what runs, and switch the device with a progress bar', async ({ page }, testInfo) => {
  await openApp(page, 'settings');
  const table = page.getByTestId('model-table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.getByText('esco-static-v1')).toBeVisible();
  await waitForModel(page);
  const running = page.getByTestId('running');
  // "Automatic" keeps the default model (no transformer layers) on WASM, although WebGPU exists here.
  await expect(page.getByLabel('Automatic')).toBeChecked();
  await expect(running.locator('dd').first()).toHaveText('WASM');
  // Search scores run on onnxruntime's WASM kernels, not the slower JavaScript fallback.
  await expect(page.getByTestId('running-scoring')).toHaveText('onnxruntime (WASM SIMD)');
  // The app is served cross-origin isolated, so onnxruntime runs on every core (up to 4).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('running-threads')).toHaveText(String(Math.min(cores, 4)));
  // Chromium has relaxed SIMD: full similarity matrices run on the engine's kernel, on the same threads.
  await expect(page.getByTestId('running-matrices')).toHaveText(`relaxed-SIMD kernel, threads: ${Math.min(cores, 4)}`);
  await attachScreenshot(page, testInfo, 'settings-model-ready.png');

  // Asked for explicitly, the graphics card runs it (SwiftShader's WebGPU here), and the choice is kept.
  await page.getByLabel('Graphics card (WebGPU)').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(running.locator('dd').first()).toHaveText('WebGPU', { timeout: 150_000 });
  // SwiftShader is a software adapter: similarity matrices stay on the CPU kernel, far faster here.
  await expect(page.getByTestId('running-matrices')).toHaveText(`relaxed-SIMD kernel, threads: ${Math.min(cores, 4)}`);
  await page.reload();
  await expect(page.getByLabel('Graphics card (WebGPU)')).toBeChecked();
  await expect(running.locator('dd').first()).toHaveText('WebGPU', { timeout: 150_000 });
});

test('a server that sends no COEP with the runtime script gets one WASM thread and a reason, not a model that never loads', async ({ page }) => {
  // In an isolated page Chromium refuses thread workers whose script lacks COEP, and onnxruntime
  // then waits for them forever; the engine reads the header first and stays on one thread.
  await page.route('**/ort/*.mjs', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await openApp(page, 'settings');
  await waitForModel(page);
  const threads = page.getByTestId('running-threads');
  await expect(threads).toContainText('1 (one only:');
  await expect(threads).toContainText('ort-wasm-simd-threaded.mjs is served without Cross-Origin-Embedder-Policy');
  await expect(page.getByTestId('running-scoring')).toHaveText('onnxruntime (WASM SIMD)');
  await expect(page.getByTestId('running-matrices')).toHaveText('relaxed-SIMD kernel, threads: 1');
});

test('interface and ESCO languages are chosen separately and kept after a reload', async ({ page }, testInfo) => {
  await openApp(page, 'settings');
  await page.getByLabel('Interface language', { exact: true }).first().selectOption('de');
  await expect(page.getByRole('link', { name: 'Lebenslauf' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByLabel('Sprache der ESCO-Bezeichnungen und -Beschreibungen').selectOption('fr');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Einstellungen', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Sprache der ESCO-Bezeichnungen und -Beschreibungen')).toHaveValue('fr');
  await expect(page.getByText('Dieser Dienst verwendet die ESCO-Klassifikation der Europäischen Kommission.')).toBeVisible();
  await attachScreenshot(page, testInfo, 'settings-german.png');
});

test('"Clear all data" removes inputs and settings', async ({ page }) => {
  await openApp(page, 'resume');
  await page.getByTestId('resume-text').fill('Registered nurse');
  await page.waitForTimeout(600);
  await page.goto('/#/settings');
  page.once('dialog', (dialog) => void dialog.accept());
  // The app reloads itself once everything is removed.
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Clear all data' }).click()]);
  await page.getByRole('link', { name: 'Resume' }).click();
  await expect(page.getByTestId('resume-text')).toHaveValue('');
});
