import type { ModelFiles } from '../models/readRecipe';

export interface FetchModelFilesOptions {
  /** Download progress of large files, in transformers.js' event shape. */
  onProgress?: (event: { status: 'progress'; file: string; loaded: number; total: number; progress: number }) => void;
  /**
   * Keep .onnx files in the Cache API under this name, keyed by URL + version (the package's
   * weights fingerprint), so a re-packed model is fetched again and an unchanged one never is.
   */
  cache?: { name: string; version: string };
  fetchImpl?: typeof fetch;
}

/**
 * ModelFiles over HTTP (browser, worker, or Node's fetch). A 404 is a missing file, like on disk;
 * so is an HTML page where a model file should be (a dev server's single-page fallback).
 */
export function fetchModelFiles(folderUrl: string | URL, options: FetchModelFilesOptions = {}): ModelFiles {
  const base = String(folderUrl).replace(/\/?$/, '/');
  const fetchImpl = options.fetchImpl ?? fetch;
  const get = async (path: string): Promise<Response | null> => {
    const url = new URL(path, base).href;
    const res = await fetchImpl(url);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
    if (!path.endsWith('.html') && (res.headers.get('content-type') ?? '').includes('text/html')) return null;
    return res;
  };
  const readBody = async (path: string, res: Response): Promise<Uint8Array> => {
    const total = Number(res.headers.get('content-length') ?? 0);
    if (!options.onProgress || !res.body) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded += value.byteLength;
      options.onProgress({ status: 'progress', file: path, loaded, total, progress: total ? (loaded / total) * 100 : 0 });
    }
    const out = new Uint8Array(loaded);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.byteLength; }
    return out;
  };
  const cached = async (path: string): Promise<Uint8Array | null> => {
    const key = `${new URL(path, base).href}?v=${encodeURIComponent(options.cache!.version)}`;
    const store = await caches.open(options.cache!.name);
    const hit = await store.match(key);
    if (hit) return new Uint8Array(await hit.arrayBuffer());
    const res = await get(path);
    if (!res) return null;
    const bytes = await readBody(path, res);
    // A full quota must not stop the model from loading: caching is an optimisation. Not awaited:
    // writing 10 MB to disk need not delay the session (the bytes are in hand).
    const body = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
    void store.put(key, new Response(body, { headers: { 'content-type': 'application/octet-stream' } })).catch(() => {});
    return bytes;
  };
  return {
    text: async (path) => (await get(path))?.text() ?? null,
    bytes: async (path) => {
      if (options.cache && /\.onnx(_data)?$/.test(path) && typeof caches !== 'undefined') return cached(path);
      const res = await get(path);
      return res ? readBody(path, res) : null;
    },
  };
}
