import { expect, test } from '@playwright/test';
import { buildForTests, serveDist, type ServedSite } from '../scripts/serve-dist.mjs';

/** The built site carries a strict Content-Security-Policy, and the app runs under it without violations. */
let site: ServedSite;

test.beforeAll(async () => {
  site = await serveDist({ dir: buildForTests().dir, port: 0, collectCspReports: true });
});
test.afterAll(async () => {
  await site?.close();
});

test('index.html has the strict CSP as a meta tag and as a header, with cross-origin isolation', async ({ request }) => {
  const response = await request.get(site.url);
  const header = response.headers()['content-security-policy'];
  expect(header).toContain("connect-src 'self'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  const html = await response.text();
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1]?.replace(/&#39;/g, "'");
  expect(meta).toBeDefined();
  for (const directive of ["default-src 'self'", "connect-src 'self';", "script-src 'self' 'wasm-unsafe-eval';", 'worker-src', "object-src 'none'"]) {
    expect(meta).toContain(directive);
  }
  expect(meta).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
});

test('the app analyses a title and opens every view without a CSP violation', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${site.url}#/titles`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('single-title').fill('software developer');
  await page.getByTestId('single-title').press('Enter');
  await expect(page.getByTestId('single-results').locator('.result-label').first()).toBeVisible({ timeout: 150_000 });
  for (const route of ['resume', 'course', 'matrix', 'settings']) {
    await page.locator(`.app-nav a[href$="#/${route}"]`).click();
    await expect(page.locator('.app-main h2').first()).toBeVisible();
  }
  // Violations inside workers are not visible to the page: the server collects their reports.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(site.cspReports).toEqual([]);
});
