/// <reference types="vite-plugin-pwa/vanillajs" />

/** Names of the runtime caches of this build's optional models (vite.config.ts). */
declare const __ESCO_MODEL_CACHES__: string[];
