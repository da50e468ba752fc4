import { expect, test, type Page } from '@playwright/test';
import { buildForTests, serveDist, type ServedSite } from '../scripts/serve-dist.mjs';

/**
 * The built site (service worker, precache) served with production headers. After one visit the
 * server is shut down and the browser is set offline: a reload and every flow must still work.
 */
let site: ServedSite | null = null;

test.beforeAll(() => {
  buildForTests();
});
test.afterAll(async () => {
  await site?.close();
});

/** The service worker takes control only after it stored every precached file (clientsClaim). */
async function waitForOfflineCopy(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 120_000 });
}

test('after one visit, the app reloads and analyses titles and a resume with the network off', async ({ context, page }) => {
  test.setTimeout(240_000);
  site = await serveDist({ dir: buildForTests().dir, port: 0 });
  await page.goto(`${site.url}#/titles`);
  await waitForOfflineCopy(page);
  // Let the first visit finish loading the model, so the reload below aborts nothing in flight.
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

  // Really offline: the server is gone, and the browser reports no network.
  await site.close();
  site = null;
  await context.setOffline(true);
  // Asked before the reload: Debian's Chromium 150 reports navigator.onLine true in a page its
  // service worker served after the context went offline (seen here; Chromium 156 said false).
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.reload();
  // From here on every request is served offline; none may fail.
  const failed: string[] = [];
  context.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // Chromium reports every HEAD request as ERR_ABORTED, answered or not (no body to read);
    // a HEAD that really fails offline says ERR_INTERNET_DISCONNECTED and is counted.
    if (request.method() === 'HEAD' && error === 'net::ERR_ABORTED') return;
    failed.push(`${request.method()} ${request.url()} (${error})`);
  });

  const title = page.getByTestId('single-title');
  await title.fill('software developer');
  await title.press('Enter');
  const firstTitleHit = page.getByTestId('single-results').locator('.result-label').first();
  await expect(firstTitleHit).toHaveText(/^software developer$/i, { timeout: 150_000 });

  await page.locator('.app-nav a[href$="#/resume"]').click();
  await page.getByTestId('resume-text').fill(
    'Registered nurse with eight years on a surgical ward. Administered medication, dressed wounds, monitored vital signs and trained new nursing staff.',
  );
  await page.getByTestId('analyze').click();
  const resumeResults = page.getByTestId('resume-results');
  await expect(resumeResults.locator('.result-item').first()).toBeVisible({ timeout: 150_000 });

  for (const route of ['course', 'matrix', 'settings', 'titles']) {
    await page.locator(`.app-nav a[href$="#/${route}"]`).click();
    await expect(page.locator('.app-main h2').first()).toBeVisible();
  }
  // Hash routes were visited offline; a reload on one of them is served from the cache too.
  await page.reload();
  await expect(page.getByTestId('single-title')).toBeVisible();

  expect(failed, 'requests that failed while offline').toEqual([]);
});
