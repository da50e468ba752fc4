import { describe, expect, it } from 'vitest';
import { threadScriptProblem } from '../../workers/engine/runtime/threadScript';

const URL_ = 'https://app.example/ort/ort-wasm-simd-threaded.mjs';
const serve = (status: number, headers: Record<string, string>) =>
  (async () => new Response('export default 1;', { status, headers })) as unknown as typeof fetch;

describe('threadScriptProblem', () => {
  it('lets threads start when the .mjs carries COEP (require-corp or credentialless)', async () => {
    expect(await threadScriptProblem(URL_, serve(200, { 'Cross-Origin-Embedder-Policy': 'require-corp' }))).toBeNull();
    expect(await threadScriptProblem(URL_, serve(200, { 'cross-origin-embedder-policy': 'credentialless' }))).toBeNull();
  });

  it('names the missing header, which would make Chromium refuse the thread workers', async () => {
    const reason = await threadScriptProblem(URL_, serve(200, { 'Content-Type': 'text/javascript' }));
    expect(reason).toContain('Cross-Origin-Embedder-Policy');
    expect(reason).toContain(URL_);
    expect(await threadScriptProblem(URL_, serve(200, { 'Cross-Origin-Embedder-Policy': 'unsafe-none' }))).toContain('Cross-Origin-Embedder-Policy');
  });

  it('reports a missing file or a failed request instead of throwing', async () => {
    expect(await threadScriptProblem(URL_, serve(404, {}))).toContain('HTTP 404');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await threadScriptProblem(URL_, offline)).toContain('Failed to fetch');
  });
});
