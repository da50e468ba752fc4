import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cspForMeta, readCsp, REMOTE_MODEL_ORIGINS } from '../../vite.config';
import { headersFor, parseHeadersFile } from '../../scripts/serve-dist.mjs';
import { staleModelCaches } from '../../src/pwa/caches';

const rules = parseHeadersFile(readFileSync('public/_headers', 'utf8'));

describe('the deployed headers (public/_headers)', () => {
  it('give every page the strict CSP and cross-origin isolation', () => {
    const page = headersFor(rules, '/index.html');
    expect(page['Content-Security-Policy']).toMatch(/(^|; )connect-src 'self'(;|$)/);
    expect(page['Content-Security-Policy']).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:/);
    expect(page['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(page['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(page['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('open the widget and the files it loads to other sites, and keep the service worker fresh', () => {
    for (const path of ['/esco-matcher.js', '/assets/matcher.worker-abc.js', '/models/esco-static-v1/config.json', '/data/esco/core.json', '/ort/x.wasm']) {
      expect(headersFor(rules, path)['Access-Control-Allow-Origin'], path).toBe('*');
    }
    expect(headersFor(rules, '/sw.js')['Cache-Control']).toBe('no-cache');
  });
});

describe('the CSP of the build', () => {
  it('leaves header-only directives out of the meta tag', () => {
    const meta = cspForMeta(readCsp(false));
    expect(meta).not.toContain('frame-ancestors');
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('lets the page reach the model hub only when the deployer enables remote models', () => {
    expect(readCsp(false)).not.toContain('huggingface');
    const widened = readCsp(true).match(/connect-src ([^;]*)/)![1].split(' ');
    expect(widened).toEqual(["'self'", ...REMOTE_MODEL_ORIGINS]);
  });
});

describe('model caches of earlier builds', () => {
  it('are the esco-model caches this build does not name; other caches are left alone', () => {
    const existing = ['esco-model-big-aaaa', 'esco-model-big-bbbb', 'esco-matcher-precache-v2-http://x/', 'transformers-cache'];
    expect(staleModelCaches(existing, ['esco-model-big-bbbb'])).toEqual(['esco-model-big-aaaa']);
  });
});
