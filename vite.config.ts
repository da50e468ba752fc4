import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { ORT_FILES } from './workers/engine/runtime/ortFiles.ts';

/**
 * The onnxruntime-web runtime files, served by the app itself under /ort/ (never a CDN): the
 * WebGPU (asyncify) build and the smaller WASM-only build (workers/engine/runtime/ortFiles.ts).
 */
const require = createRequire(import.meta.url);

/** The folder of package `name` as Node would find it from `from` (works when package.json is not exported). */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} not found from ${from}. Run npm install.`);
  }
}
/** The onnxruntime-web that transformers.js itself uses. */
const ortDist = join(packageDir('onnxruntime-web', dirname(require.resolve('@huggingface/transformers'))), 'dist');

export function serveOrtRuntime(): Plugin {
  return {
    name: 'serve-ort-runtime',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0].replace(/^.*\/ort\//, '');
        if (!req.url?.includes('/ort/') || !name || !ORT_FILES.includes(name)) return next();
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        // Threads start their workers from the .mjs: in a cross-origin-isolated page Chromium refuses
        // a worker script without COEP, and this middleware answers before Vite adds server.headers.
        for (const [header, value] of Object.entries(isolationHeaders)) res.setHeader(header, value);
        res.end(readFileSync(join(ortDist, name)));
      });
    },
    generateBundle() {
      for (const name of ORT_FILES) {
        const file = join(ortDist, name);
        if (!existsSync(file)) throw new Error(`onnxruntime-web file missing: ${file}. Run npm install.`);
        this.emitFile({ type: 'asset', fileName: `ort/${name}`, source: readFileSync(file) });
      }
    },
  };
}

/**
 * onnxruntime-web inside the worker bundle names its .wasm as a fallback for when no `wasmPaths`
 * is set, so the bundler emits a second 26 MB copy under assets/. The engine always points
 * `wasmPaths` at ort/ (workers/engine-api/session.ts), so that copy is never fetched: drop it
 * rather than deploy and precache it twice.
 */
export function dropBundledOrtWasm(): Plugin {
  return {
    name: 'drop-bundled-ort-wasm',
    enforce: 'post',
    generateBundle(_, bundle) {
      for (const name of Object.keys(bundle)) {
        if (/^assets\/ort-wasm-simd-threaded[^/]*\.wasm$/.test(name)) delete bundle[name];
      }
    },
  };
}

/**
 * `vite preview` sends files of a type it does not know (.onnx, .onnx_data) with an empty
 * Content-Type, which its compression middleware takes for text and gzips on the fly: the 10 MB
 * model cost the server CPU on every cold start (10.4 → 9.9 MB, measured in the cold-start bench).
 * Such files go out as application/octet-stream, uncompressed, as static hosts send them.
 */
export function binaryTypeForUnknownFiles(): Plugin {
  const middleware = (_req: unknown, res: import('node:http').ServerResponse, next: () => void) => {
    const setHeader = res.setHeader;
    res.setHeader = function (name: string, value: number | string | readonly string[]) {
      const empty = name.toLowerCase() === 'content-type' && (value === '' || value === undefined);
      return setHeader.call(this, name, empty ? 'application/octet-stream' : value);
    };
    next();
  };
  return {
    name: 'binary-type-for-unknown-files',
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}

/** Cross-origin isolation, so multi-threaded WASM gets SharedArrayBuffer. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The model every visitor gets; it is precached with its ESCO indexes for offline use. */
export const DEFAULT_MODEL_ID = 'esco-static-v1';

/**
 * Hosts transformers.js talks to when a deployer turns remote models on
 * (VITE_ALLOW_REMOTE_MODELS=1 at build time): the hub and the CDNs its downloads redirect to.
 */
export const REMOTE_MODEL_ORIGINS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'];

/**
 * The Content-Security-Policy lives in one place, public/_headers (the file static hosts such as
 * Netlify and Cloudflare Pages read). The build copies it into index.html as a meta tag too, for
 * hosts that cannot set headers, and widens connect-src only when remote models are enabled.
 */
export function readCsp(allowRemoteModels: boolean): string {
  const headers = readFileSync(join(import.meta.dirname, 'public/_headers'), 'utf8');
  const line = headers.split('\n').find((l) => /^\s*Content-Security-Policy:/i.test(l));
  if (!line) throw new Error('public/_headers has no Content-Security-Policy line');
  const csp = line.replace(/^\s*Content-Security-Policy:\s*/i, '').trim();
  return allowRemoteModels ? widenConnectSrc(csp, REMOTE_MODEL_ORIGINS) : csp;
}

function widenConnectSrc(csp: string, origins: string[]): string {
  return csp.replace(/connect-src ([^;]*)/, (_, sources: string) => `connect-src ${sources.trim()} ${origins.join(' ')}`);
}

/** Directives a <meta> CSP ignores (browsers log a warning for each): headers only. */
const HEADER_ONLY_DIRECTIVES = ['frame-ancestors', 'report-uri', 'report-to', 'sandbox'];

export function cspForMeta(csp: string): string {
  return csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !HEADER_ONLY_DIRECTIVES.includes(d.split(/\s+/)[0]))
    .join('; ');
}

/**
 * Build-time privacy wiring: the strict CSP meta tag (replacing the looser one index.html keeps for
 * the dev server, whose hot reload needs inline scripts), the rewritten dist/_headers, the web app
 * manifest link, and the service-worker boot module.
 */
function privacyAndPwaHtml(allowRemoteModels: boolean): Plugin {
  let outDir = 'dist';
  return {
    name: 'privacy-and-pwa-html',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const tags = [
          { tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' as const },
          { tag: 'link', attrs: { rel: 'icon', href: './icons/icon.svg', type: 'image/svg+xml' }, injectTo: 'head' as const },
          { tag: 'link', attrs: { rel: 'apple-touch-icon', href: './icons/icon-192.png' }, injectTo: 'head' as const },
          { tag: 'meta', attrs: { name: 'theme-color', content: '#0b5cad' }, injectTo: 'head' as const },
          { tag: 'script', attrs: { type: 'module', src: '/src/pwa/boot.ts' }, injectTo: 'body' as const },
        ];
        if (ctx.server) return { html, tags };
        const withoutDevCsp = html.replace(/\s*<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*>/gi, '');
        const csp = cspForMeta(readCsp(allowRemoteModels));
        return {
          html: withoutDevCsp,
          tags: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' }, ...tags],
        };
      },
    },
    writeBundle() {
      if (!allowRemoteModels) return;
      const file = join(outDir, '_headers');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(/(Content-Security-Policy:\s*)(.*)/i, (_, key: string, csp: string) => key + widenConnectSrc(csp, REMOTE_MODEL_ORIGINS)));
    },
  };
}

/** Files of public/models/<id>/ (relative paths, sorted): what a model package ships. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Models other than the default are cached the first time they are used, each in a cache named
 * after a hash of its files: when a model changes, its cache name changes, the new files are
 * fetched, and the page deletes the old cache (src/pwa/boot.ts).
 */
function optionalModelCaches(): { id: string; cacheName: string }[] {
  const root = join(import.meta.dirname, 'public/models');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((id) => id !== DEFAULT_MODEL_ID && statSync(join(root, id)).isDirectory())
    .map((id) => {
      const hash = createHash('sha256');
      for (const file of listFiles(join(root, id))) {
        hash.update(file + '\0');
        hash.update(readFileSync(join(root, id, file)));
      }
      return { id, cacheName: `esco-model-${id}-${hash.digest('hex').slice(0, 12)}` };
    });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineConfig(({ mode, command }) => {
  const env = loadEnv(mode, import.meta.dirname, 'VITE_');
  const allowRemoteModels = env.VITE_ALLOW_REMOTE_MODELS === '1';
  const modelCaches = command === 'build' ? optionalModelCaches() : [];
  return {
    base: './',
    define: { __ESCO_MODEL_CACHES__: JSON.stringify(modelCaches.map((m) => m.cacheName)) },
    plugins: [
      react(),
      serveOrtRuntime(),
      binaryTypeForUnknownFiles(),
      dropBundledOrtWasm(),
      privacyAndPwaHtml(allowRemoteModels),
      VitePWA({
        // A new version waits until the user accepts it (src/pwa/UpdatePrompt.tsx): reloading in the
        // middle of an analysis would lose it.
        disable: process.env.NO_PWA === '1',
        registerType: 'prompt',
        injectRegister: false,
        manifest: false, // public/manifest.webmanifest
        workbox: {
          cacheId: 'esco-matcher',
          globPatterns: [
            '*.{html,webmanifest,svg,png,ico}',
            'assets/**/*',
            'icons/**/*',
            'ort/**/*',
            'data/**/*',
            'models/index.json',
            `models/${DEFAULT_MODEL_ID}/**/*`,
          ],
          // holdout-ids.json lists ESCO entries kept out of training, for the evaluation tools only.
          globIgnores: ['_headers', '**/*.map', 'models/*/holdout-ids.json'],
          // The WASM runtime alone is 26 MB; the default model and its indexes are large too.
          maximumFileSizeToCacheInBytes: 128 * 1024 * 1024,
          cleanupOutdatedCaches: true,
          // The first install takes over the open page at once, so it works offline without a reload.
          clientsClaim: true,
          navigateFallback: 'index.html',
          navigateFallbackDenylist: [/\/(models|data|ort|assets)\//],
          runtimeCaching: [
            // The default model and the ESCO data are precached whole, so any other file there does
            // not exist. Say so (404) without the network: the engine and transformers.js probe for
            // optional files (e.g. onnx/model_quantized.onnx_data), and offline a network error
            // would fail the model load where a 404 is the normal answer.
            {
              urlPattern: new RegExp(`/(models/${escapeRegExp(DEFAULT_MODEL_ID)}|data)/`),
              handler: async () => new Response('Not in this build', { status: 404, headers: { 'Content-Type': 'text/plain' } }),
            },
            // The engine asks whether an optional file exists with HEAD, which the precache route
            // (GET only) would send to the network: answer from the caches.
            {
              urlPattern: new RegExp(`/(models/${escapeRegExp(DEFAULT_MODEL_ID)}|data)/`),
              method: 'HEAD' as const,
              handler: async ({ request }: { request: Request }) => {
                const cached = await caches.match(request.url, { ignoreSearch: true });
                // No body, so no Content-Length: Chromium would wait for the bytes it announces.
                const headers = new Headers(cached?.headers);
                headers.delete('content-length');
                return new Response(null, { status: cached ? cached.status : 404, headers });
              },
            },
            {
              urlPattern: /\/models\//,
              method: 'HEAD' as const,
              handler: async ({ request }: { request: Request }) => {
                const cached = await caches.match(request.url, { ignoreSearch: true });
                if (!cached) return fetch(request);
                const headers = new Headers(cached.headers);
                headers.delete('content-length');
                return new Response(null, { status: cached.status, headers });
              },
            },
            // 404s are kept too: offline, a probe for an optional file gets the same answer as online.
            ...modelCaches.map(({ id, cacheName }) => ({
              urlPattern: new RegExp(`/models/${escapeRegExp(id)}/`),
              handler: 'CacheFirst' as const,
              options: { cacheName, cacheableResponse: { statuses: [200, 404] } },
            })),
          ],
        },
      }),
    ],
    server: {
      headers: isolationHeaders,
      port: 5173,
      strictPort: false,
      // Builds, test reports and benchmark output must not reload open pages.
      watch: { ignored: ['**/tmp/**', '**/bench/**', '**/test-results/**', '**/playwright-report/**', '**/dist/**', '**/dist-widget/**'] },
    },
    preview: { headers: isolationHeaders, port: 4173, strictPort: false },
    worker: { format: 'es' as const },
    optimizeDeps: {
      // One onnxruntime-web instance for transformers.js and the engine.
      exclude: ['@huggingface/transformers', 'onnxruntime-web'],
      // Pre-bundled at start, so a worker's first import does not re-optimise and reload the page.
      include: ['pdfjs-dist', 'mammoth', 'eld/extrasmall', 'minisearch', 'papaparse', 'comlink', 'idb', 'fflate'],
    },
    build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  };
});
