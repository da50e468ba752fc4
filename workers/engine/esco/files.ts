/**
 * Where the engine reads shipped files from: over fetch in the browser and worker, over fs in
 * Node tools (tools/data/nodeFiles.ts). Paths are relative to the app's public root
 * (e.g. "data/esco/core.json", "models/esco-static-v1/index/manifest.json").
 */

export interface DataFiles {
  /** The file's bytes; rejects with a MissingFileError naming the path when it is missing. */
  bytes(path: string, signal?: AbortSignal): Promise<Uint8Array>;
}

export class MissingFileError extends Error {
  override name = 'MissingFileError';
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
  }
}

/** Single-page-app servers (Vite dev, many hosts) answer a missing file with index.html and 200. */
function isHtmlFallback(path: string, response: Response): boolean {
  return !/\.html?$/.test(path) && (response.headers.get('content-type') ?? '').startsWith('text/html');
}

/** DataFiles over fetch, relative to `base` (the app's public root URL). */
export function fetchDataFiles(base: URL | string, fetchFn: typeof fetch = fetch): DataFiles {
  const root = typeof base === 'string' ? new URL(base) : base;
  return {
    async bytes(path, signal) {
      const url = new URL(path, root);
      const response = await fetchFn(url, { signal });
      if (!response.ok) throw new MissingFileError(path, `HTTP ${response.status} for ${url.href}`);
      if (isHtmlFallback(path, response)) throw new MissingFileError(path, `not found (the server answered with its HTML page) at ${url.href}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

const decoder = new TextDecoder();

export async function readJson<T>(files: DataFiles, path: string, signal?: AbortSignal): Promise<T> {
  const bytes = await files.bytes(path, signal);
  try {
    return JSON.parse(decoder.decode(bytes)) as T;
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
}
