import { defineConfig } from 'vite';
import { dropBundledOrtWasm } from './vite.config.ts';

/**
 * The embeddable widget: `npm run build:widget` writes dist-widget/esco-matcher.js (the custom
 * element, the bridge and comlink) and the matcher worker under dist-widget/assets/. Models, ESCO
 * data and the onnxruntime files are not copied: the widget loads them from its `base-url`, by
 * default the folder of esco-matcher.js, i.e. the app once dist-widget/* is copied into dist/.
 *
 * An ordinary (not library-mode) build with a script entry: library mode inlines every asset as
 * base64, which would put onnxruntime's 26 MB .wasm into the worker script.
 */
export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [dropBundledOrtWasm()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  worker: { format: 'es' },
  build: {
    outDir: 'dist-widget',
    emptyOutDir: true,
    target: 'es2022',
    copyPublicDir: false,
    modulePreload: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: { 'esco-matcher': 'src/widget/index.ts' },
      preserveEntrySignatures: 'exports-only',
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
