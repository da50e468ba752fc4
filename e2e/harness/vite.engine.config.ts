import { defineConfig, mergeConfig, type ConfigEnv, type UserConfig } from 'vite';
import base from '../../vite.config.ts';

/**
 * The app's Vite config for the engine's browser tests, minus file watching: other work in the
 * repository must not reload the harness page in the middle of a test.
 */
export default defineConfig(async (env: ConfigEnv) => {
  const app = (typeof base === 'function' ? await base(env) : await base) as UserConfig;
  return mergeConfig(app, {
    server: { hmr: false, watch: null },
    // One onnxruntime-web instance: the engine's and transformers.js' imports must not be pre-bundled apart.
    optimizeDeps: { exclude: ['onnxruntime-web'] },
  } satisfies UserConfig);
});
