// The app itself (`npx vite build` → dist/, served by `vite preview` with the app's own config):
// time from navigation to the load event and bytes fetched until then, with an empty cache.
// The model and the first result are measured by the cold-start workload (cold.html, same worker).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'vite';
import { launchChromium } from '../browser';
import { summarize, type Summary } from '../stats';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds dist/ when it is missing or older than the app's sources. */
export function buildAppIfNeeded(repo: string, log: (m: string) => void): { ok: boolean; error?: string } {
  const built = newestMtime(join(repo, 'dist/index.html'));
  const sources = Math.max(...['index.html', 'src', 'workers', 'public', 'vite.config.ts'].map((p) => newestMtime(join(repo, p))));
  if (built > sources) return { ok: true };
  log('  dist/ is missing or stale: npx vite build');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, error: `npx vite build failed: ${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-4).join(' | ')}` };
  return { ok: true };
}

export async function measureAppShell(repo: string, runs: number, log: (m: string) => void): Promise<{ ok: boolean; loadMs?: Summary; bytes?: number; error?: string }> {
  const build = buildAppIfNeeded(repo, log);
  if (!build.ok) {
    log(`  ${build.error}`);
    return { ok: false, error: build.error };
  }
  const server = await preview({ root: repo, logLevel: 'warn', preview: { port: 4327, strictPort: false, host: 'localhost' } });
  const url = server.resolvedUrls?.local[0] ?? 'http://localhost:4327/';
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let runBytes = 0;
      const pending: Promise<void>[] = [];
      page.on('requestfinished', (req) => pending.push(req.sizes().then((s) => { runBytes += s.responseBodySize + s.responseHeadersSize; }, () => {})));
      await page.goto(url, { waitUntil: 'load' });
      times.push(await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return nav.loadEventEnd || performance.now();
      }));
      await Promise.all(pending);
      bytes = runBytes;
      await context.close();
    }
    const loadMs = summarize(times);
    log(`  app shell: load event at ${loadMs.median.toFixed(0)} ms, ${(bytes / 1e6).toFixed(2)} MB`);
    return { ok: true, loadMs, bytes };
  } finally {
    await browser.close();
    await server.close();
  }
}
