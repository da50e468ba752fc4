import { createMatcherClient, type MatcherClient } from '../matcher/bridge';
import matcherWorkerUrl from '../../workers/matcher.worker.ts?worker&url';

/**
 * One matcher worker per asset base URL, however many <esco-matcher> elements the page holds:
 * the model and the ESCO indexes are loaded once and the elements queue their calls on it.
 */
const clients = new Map<string, MatcherClient>();

/**
 * The worker learns where models, data and the runtime live from its own URL (`?base=`).
 * A page may only start a worker from its own origin, so when the widget script comes from
 * another origin (the usual embedding), a one-line module worker made from a blob on the host's
 * origin imports the real worker script (which must be served with CORS).
 */
export function createWidgetWorker(baseUrl: string, workerUrl: string = new URL(matcherWorkerUrl, import.meta.url).href): Worker {
  const url = new URL(workerUrl);
  url.searchParams.set('base', baseUrl);
  if (url.origin === location.origin) return new Worker(url, { type: 'module', name: 'esco-matcher' });
  const source = `import ${JSON.stringify(url.href)};`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl, { type: 'module', name: 'esco-matcher' });
  // The worker has fetched the blob once it runs; the URL is no longer needed after a moment.
  setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
  return worker;
}

export function sharedClient(baseUrl: string): MatcherClient {
  let client = clients.get(baseUrl);
  if (!client) {
    client = createMatcherClient({ createWorker: () => createWidgetWorker(baseUrl) });
    clients.set(baseUrl, client);
  }
  return client;
}
