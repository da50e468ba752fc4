// Vite config for the bench harness: the app's own config (same plugins, the self-served
// onnxruntime-web files, COOP/COEP) plus the harness pages as inputs, built into bench/tmp/dist,
// and /bench-tmp/ (generated models and texts, git-ignored) served by `vite preview`.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { defineConfig, mergeConfig, type Plugin, type UserConfig } from 'vite';
import appConfig, { isolationHeaders } from '../../vite.config.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const BENCH_TMP = join(REPO_ROOT, 'bench/tmp');
export const HARNESS_DIST = join(BENCH_TMP, 'dist');

function serveBenchTmp(): Plugin {
  return {
    name: 'serve-bench-tmp',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        if (!url.startsWith('/bench-tmp/')) return next();
        const file = normalize(join(BENCH_TMP, decodeURIComponent(url.slice('/bench-tmp/'.length))));
        if (!file.startsWith(BENCH_TMP) || file.startsWith(HARNESS_DIST) || !existsSync(file) || !statSync(file).isFile()) {
          res.statusCode = 404;
          res.end();
          return;
        }
        for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        res.setHeader('Content-Length', String(statSync(file).size));
        res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}

// The harness registers no service worker; building one for it would only cost time.
process.env.NO_PWA = '1';

export default defineConfig(async (env) => mergeConfig(await (appConfig as (e: typeof env) => UserConfig | Promise<UserConfig>)(env), {
  root: REPO_ROOT,
  plugins: [serveBenchTmp()],
  logLevel: 'warn',
  build: {
    outDir: HARNESS_DIST,
    emptyOutDir: true,
    rollupOptions: {
      input: {
        bench: join(REPO_ROOT, 'e2e/bench-harness/index.html'),
        cold: join(REPO_ROOT, 'e2e/bench-harness/cold.html'),
      },
    },
  },
}));
