import { expect, test } from '@playwright/test';
import { buildForTests, serveDist, type ServedSite } from '../scripts/serve-dist.mjs';

/**
 * The embeddable widget on a host page of another origin (docs/widget-demo.html) whose global CSS
 * is hostile: it renders intact in its shadow root, emits `match` with the expected occupation,
 * and two widgets share one worker.
 */
let app: ServedSite;
let host: ServedSite;

test.beforeAll(async () => {
  const { dir, widgetDir } = buildForTests();
  app = await serveDist({ dir, widgetDir, port: 0 });
  host = await serveDist({ dir: 'docs', port: 0, host: '127.0.0.1' });
});
test.afterAll(async () => {
  await app?.close();
  await host?.close();
});

const HOSTILE_CSS = `
  * { color: red !important; display: inline !important; font-size: 31px !important; visibility: visible; }
  esco-matcher { opacity: 0.1 !important; }
  input, button, li, a, ol, h3 { display: none !important; }
`;

test('two widgets on a hostile host page render, match and share one worker', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${host.url}widget-demo.html?app=${encodeURIComponent(app.url)}`);
  expect(new URL(host.url).origin).not.toBe(new URL(app.url).origin);
  await page.addStyleTag({ content: HOSTILE_CSS });
  await page.evaluate(() => {
    const events: { id: string; type: string; detail: unknown }[] = [];
    (window as unknown as { widgetEvents: typeof events }).widgetEvents = events;
    for (const element of document.querySelectorAll('esco-matcher')) {
      for (const type of ['match', 'error']) {
        element.addEventListener(type, (event) => events.push({ id: element.id, type, detail: (event as CustomEvent).detail }));
      }
    }
  });

  const titles = page.locator('esco-matcher#titles');
  await expect(titles.locator('input')).toBeVisible({ timeout: 30_000 });
  // The host's rules reach its own elements but not the widget's inside.
  expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).color)).toBe('rgb(255, 0, 0)');
  const hostStyle = await titles.evaluate((el) => {
    const style = getComputedStyle(el);
    return { display: style.display, opacity: style.opacity, shadow: el.shadowRoot !== null };
  });
  expect(hostStyle).toEqual({ display: 'block', opacity: '1', shadow: true });

  await titles.locator('input').fill('software developer');
  await titles.locator('button').click();
  const first = titles.locator('ol li a').first();
  await expect(first).toHaveText(/^software developer$/i, { timeout: 150_000 });
  const look = await first.evaluate((a) => {
    const style = getComputedStyle(a);
    return { color: style.color, fontSize: style.fontSize, display: getComputedStyle(a.parentElement!).display };
  });
  expect(look.color).not.toBe('rgb(255, 0, 0)');
  expect(look.fontSize).not.toBe('31px');
  expect(look.display).toBe('list-item');

  const skills = page.locator('esco-matcher#skills');
  await skills.locator('input').fill('write computer code in Python');
  await skills.locator('button').click();
  await expect(skills.locator('ol li a').first()).toBeVisible({ timeout: 60_000 });

  const events = await page.evaluate(
    () => (window as unknown as { widgetEvents: { id: string; type: string; detail: any }[] }).widgetEvents,
  );
  const titleMatch = events.find((e) => e.id === 'titles' && e.type === 'match');
  expect(titleMatch?.detail.occupations[0].label).toMatch(/^software developer$/i);
  expect(titleMatch?.detail.occupations[0].id).toMatch(/^http:\/\/data\.europa\.eu\/esco\/occupation\//);
  const skillMatch = events.find((e) => e.id === 'skills' && e.type === 'match');
  expect(skillMatch?.detail.skills.length).toBeGreaterThan(0);
  expect(events.filter((e) => e.type === 'error')).toEqual([]);

  // One matcher worker for both widgets. Playwright lists the page's dedicated workers, including
  // onnxruntime's thread workers (ort/…mjs) when the page is cross-origin isolated: not counted.
  const matcherWorkers = page.workers().filter((worker) => !worker.url().includes('/ort/'));
  expect(matcherWorkers).toHaveLength(1);
  expect(errors).toEqual([]);
});
