/**
 * onnxruntime-web starts its WASM threads as workers from its .mjs. In a cross-origin-isolated
 * page Chromium refuses a worker script served without Cross-Origin-Embedder-Policy
 * (net::ERR_BLOCKED_BY_RESPONSE) and fires no error event, so onnxruntime waits for its threads
 * forever and no model ever loads (seen here with a server that sent COEP on every file but the
 * .mjs). The engine reads the .mjs's headers before it asks for threads, and runs one thread when
 * they would be refused. The body is read in full, so the runtime's own request for the file can
 * be answered from the HTTP cache.
 * Returns why threads cannot start, or null when they can.
 */
export async function threadScriptProblem(mjsUrl: string, fetchFile: typeof fetch = fetch): Promise<string | null> {
  try {
    const response = await fetchFile(mjsUrl);
    await response.arrayBuffer();
    if (!response.ok) return `${mjsUrl} answered HTTP ${response.status}`;
    const policy = (response.headers.get('cross-origin-embedder-policy') ?? '').trim();
    if (!/^(require-corp|credentialless)\b/.test(policy)) {
      return `${mjsUrl} is served without Cross-Origin-Embedder-Policy, which the WASM thread workers need (docs/DEPLOY.md)`;
    }
    return null;
  } catch (error) {
    return `${mjsUrl} could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
}
