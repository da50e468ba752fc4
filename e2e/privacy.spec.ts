import { expect, test, type BrowserContext } from '@playwright/test';
import { buildForTests, serveDist, type ServedSite } from '../scripts/serve-dist.mjs';

/**
 * No text leaves the device: every request the app makes while analysing goes to its own origin,
 * and with remote models disabled (the default build) a missing model is an error, not a download
 * from elsewhere.
 */
let site: ServedSite;

test.beforeAll(async () => {
  const { dir, widgetDir } = buildForTests();
  site = await serveDist({ dir, widgetDir, port: 0, collectCspReports: true });
});
test.afterAll(async () => {
  await site?.close();
});

function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

const foreign = (urls: string[], origin: string) =>
  urls.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin);

test('analysing a resume and a title contacts only the page’s own origin', async ({ context, page }) => {
  test.setTimeout(240_000);
  const urls = recordRequests(context);
  await page.goto(`${site.url}#/resume`);
  await page.getByTestId('resume-text').fill(
    'Software developer at a logistics company: built web applications in TypeScript and Java, designed SQL databases and led code reviews.',
  );
  await page.getByTestId('analyze').click();
  await expect(page.getByTestId('resume-results').locator('.result-item').first()).toBeVisible({ timeout: 150_000 });
  await page.locator('.app-nav a[href$="#/titles"]').click();
  await page.getByTestId('single-title').fill('nurse');
  await page.getByTestId('single-title').press('Enter');
  await expect(page.getByTestId('single-results').locator('.result-label').first()).toBeVisible({ timeout: 60_000 });

  const origin = new URL(site.url).origin;
  expect(urls.length).toBeGreaterThan(5);
  expect(foreign(urls, origin)).toEqual([]);
  // Anything the CSP had to block would have been an attempt to leave the origin.
  expect(site.cspReports).toEqual([]);
});

test('a model that is not on the server gives a clear error and no request elsewhere', async ({ context, page }) => {
  test.setTimeout(120_000);
  const urls = recordRequests(context);
  await page.goto(site.url);
  const outcome = await page.evaluate(async () => {
    await import(new URL('esco-matcher.js', location.href).href);
    const element = document.createElement('esco-matcher');
    element.setAttribute('model', 'no-such-model');
    element.setAttribute('base-url', location.href.replace(/[#?].*$/, ''));
    document.body.append(element);
    const error = new Promise<string>((resolve) =>
      element.addEventListener('error', (event) => resolve((event as unknown as CustomEvent<{ message: string }>).detail.message)),
    );
    await (element as unknown as { analyse(text: string): Promise<unknown> }).analyse('nurse');
    return error;
  });
  expect(outcome).toContain('no-such-model');
  expect(foreign(urls, new URL(site.url).origin)).toEqual([]);
  expect(site.cspReports).toEqual([]);
});
