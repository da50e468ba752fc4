// Serving (vite preview, with COOP/COEP from the app's config) and driving headless Debian chromium.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  // measureUserAgentSpecificMemory otherwise waits for the next natural GC (up to ~20 s).
  '--enable-blink-features=ForceEagerMeasureMemory',
];

export async function startPreview(configFile: string, outDir?: string): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    configFile,
    logLevel: 'warn',
    ...(outDir ? { build: { outDir } } : {}),
    preview: { port: 4317, strictPort: false, host: 'localhost', open: false },
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('vite preview did not report a local URL');
  return { server, url };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Prints the page's and its workers' errors, so a failing workload says why. */
export function forwardErrors(page: Page, log: (m: string) => void): void {
  page.on('pageerror', (e) => log(`  [page error] ${e.message} ${(e.stack ?? '').split('\n').slice(1, 3).join(' ')}`));
  page.on('console', (m) => {
    // 404s are expected: optional model files (e.g. config_sentence_transformers.json) are probed.
    // The app's HTML plugin links a manifest and icon the harness pages do not have.
    const expected = m.text().startsWith('Failed to load resource') || m.text().startsWith('Manifest fetch');
    if (m.type() === 'error' && !expected) log(`  [console] ${m.text().slice(0, 300)}`);
  });
}

export async function openHarness(context: BrowserContext, baseUrl: string, log: (m: string) => void): Promise<Page> {
  const page = await context.newPage();
  forwardErrors(page, log);
  await page.goto(`${baseUrl}/e2e/bench-harness/index.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 60_000 });
  return page;
}
