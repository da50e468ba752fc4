import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';

/**
 * The onnxruntime-web runtime files, served by the app itself under /ort/ (never a CDN):
 * transformers.js v4 loads the asyncify build for both WASM and WebGPU.
 */
const require = createRequire(import.meta.url);
const ortDist = join(dirname(require.resolve('onnxruntime-web/package.json', {
  paths: [dirname(require.resolve('@huggingface/transformers/package.json'))],
})), 'dist');
export const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];

function serveOrtRuntime(): Plugin {
  return {
    name: 'serve-ort-runtime',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0].replace(/^.*\/ort\//, '');
        if (!req.url?.includes('/ort/') || !name || !ORT_FILES.includes(name)) return next();
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
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

/** Cross-origin isolation, so multi-threaded WASM gets SharedArrayBuffer. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  plugins: [react(), serveOrtRuntime()],
  server: { headers: isolationHeaders, port: 5173, strictPort: false },
  preview: { headers: isolationHeaders, port: 4173, strictPort: false },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
