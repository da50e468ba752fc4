// Serves the built site (dist/) with the headers a production host would send: those of
// dist/_headers (Content-Security-Policy, COOP/COEP, CORS for widget assets), so e2e tests and
// manual checks see exactly what a static host configured from that file sends.
// Usage: node scripts/serve-dist.mjs [--port 4180] [--dir dist] [--widget dist-widget]
//   --widget also serves the widget build from the site's root, as if dist-widget/ had been copied
//   into dist/ (the documented deployment: docs/WIDGET.md).
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** Parses a Netlify / Cloudflare Pages `_headers` file into [{ pattern: RegExp, headers: [name, value][] }]. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      const glob = raw.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/:\w+/g, '[^/]+');
      rules.push({ pattern: new RegExp(`^${glob}$`), headers: [] });
    } else if (rules.length) {
      const at = raw.indexOf(':');
      rules[rules.length - 1].headers.push([raw.slice(0, at).trim(), raw.slice(at + 1).trim()]);
    }
  }
  return rules;
}

export function headersFor(rules, path) {
  const out = {};
  for (const rule of rules) if (rule.pattern.test(path)) for (const [k, v] of rule.headers) out[k] = v;
  return out;
}

export const CSP_REPORT_PATH = '/__csp-report';

/**
 * Starts the server; resolves with { server, url, close(), cspReports }.
 * With `collectCspReports`, every Content-Security-Policy header also says `report-uri /__csp-report`
 * and the violations browsers report (from pages, workers and the service worker alike) are kept
 * in `cspReports`: a page-side `securitypolicyviolation` listener would miss the workers'.
 */
export function serveDist({ dir = 'dist', port = 4180, widgetDir, host = 'localhost', collectCspReports = false } = {}) {
  const cspReports = [];
  const root = resolve(dir);
  const headersFile = join(root, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const roots = [...(widgetDir ? [resolve(widgetDir)] : []), root];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (collectCspReports && path === CSP_REPORT_PATH && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        try {
          cspReports.push(JSON.parse(body)['csp-report'] ?? JSON.parse(body));
        } catch {
          cspReports.push({ raw: body });
        }
        res.writeHead(204).end();
      });
      return;
    }
    const candidates = roots.map((base) => {
      const file = normalize(join(base, path));
      return file.startsWith(base + sep) || file === base ? file : null;
    });
    if (candidates.includes(null)) return void res.writeHead(403).end();
    let file = candidates.find((f) => existsSync(f) && statSync(f).isFile()) ?? candidates[candidates.length - 1];
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const headers = headersFor(rules, path);
    if (collectCspReports && headers['Content-Security-Policy']) {
      headers['Content-Security-Policy'] += `; report-uri ${CSP_REPORT_PATH}`;
    }
    if (!existsSync(file) || file.endsWith(`${sep}_headers`)) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': headers['Cache-Control'] ?? 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const url = `http://${host}:${server.address().port}/`;
      const close = () =>
        new Promise((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
      resolveStart({ server, url, close, cspReports });
    });
  });
}

let built = null;

/**
 * Builds the site and the widget once per test process, into tmp/ (so a developer's own dist/
 * is left alone). Returns { dir, widgetDir }.
 */
export function buildForTests({ dir = 'tmp/e2e-dist', widgetDir = 'tmp/e2e-dist-widget' } = {}) {
  if (built) return built;
  const run = (args) => execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', ...args], { stdio: 'inherit' });
  run(['--outDir', dir, '--emptyOutDir']);
  run(['-c', 'vite.widget.config.ts', '--outDir', widgetDir, '--emptyOutDir']);
  built = { dir, widgetDir };
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  // No top-level await: Playwright specs require() this module.
  serveDist({ dir: arg('dir', 'dist'), port: Number(arg('port', 4180)), widgetDir: arg('widget') }).then(({ url }) =>
    console.log(`[serve-dist] ${url} (headers from _headers)`),
  );
}
