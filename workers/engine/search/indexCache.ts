/**
 * Where indexes built in the browser are kept between visits: IndexedDB (through `idb`), keyed by
 * model id + recipe hash + ESCO data version + target + template, so a changed model, recipe,
 * data or template never reads an old index, and the next visit skips the build.
 * IndexedDB exists in workers; in Node (tools, tests) a Map stands in.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { Target } from '../../api';

export interface IndexCache {
  get(key: string): Promise<ArrayBuffer | undefined>;
  put(key: string, bytes: ArrayBuffer): Promise<void>;
}

export function indexCacheKey(parts: { modelId: string; recipeHash: string; dataVersion: string; target: Target; template: string }): string {
  return [parts.modelId, parts.recipeHash, parts.dataVersion, parts.target, parts.template].join('|');
}

export function memoryIndexCache(): IndexCache {
  const map = new Map<string, ArrayBuffer>();
  return {
    async get(key) {
      return map.get(key);
    },
    async put(key, bytes) {
      map.set(key, bytes);
    },
  };
}

const DB_NAME = 'esco-matcher-indexes';
const STORE = 'indexes';

/**
 * IndexedDB-backed cache; falls back to memory when IndexedDB is unavailable or refuses
 * (private browsing, quota), because a missing cache must only cost a rebuild, never a failure.
 */
export function idbIndexCache(): IndexCache {
  const memory = memoryIndexCache();
  if (typeof indexedDB === 'undefined') return memory;
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= openDB(DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore(STORE);
      },
    }));
  return {
    async get(key) {
      try {
        return ((await (await open()).get(STORE, key)) as ArrayBuffer | undefined) ?? (await memory.get(key));
      } catch {
        return memory.get(key);
      }
    },
    async put(key, bytes) {
      try {
        const database = await open();
        // One index per model/target is enough: drop older builds of the same model and target.
        const [modelId, , , target] = key.split('|');
        for (const old of await database.getAllKeys(STORE)) {
          const parts = String(old).split('|');
          if (parts[0] === modelId && parts[3] === target && old !== key) await database.delete(STORE, old);
        }
        await database.put(STORE, bytes, key);
      } catch {
        // quota or private mode: a memory copy serves this session
        await memory.put(key, bytes);
      }
    },
  };
}
