import type { Hit } from '../../../workers/api';

/** A person's choice of occupation for one row, overriding the best hit. */
export interface Pick {
  id: string;
  score: number;
}

export interface OccupationLabel {
  label: string;
  isco?: string;
  url?: string;
}

/** One list of titles being matched; hits[i] is null until row i is matched. */
export interface Batch {
  titles: string[];
  hits: (Hit[] | null)[];
  picks: (Pick | null)[];
  /** Labels of every occupation seen in hits or picks, in `labelsLang`. */
  labels: Record<string, OccupationLabel>;
  labelsLang: string;
}

export function newBatch(titles: string[], labelsLang: string): Batch {
  return {
    titles,
    // Blank rows have nothing to match: they count as matched with no hits.
    hits: titles.map((title) => (title ? null : [])),
    picks: titles.map(() => null),
    labels: {},
    labelsLang,
  };
}

export const titleKey = (title: string) => title.toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/** Keys of a title list, computed once per list (a run re-reads them after every chunk). */
const keyCache = new WeakMap<readonly string[], string[]>();
export function titleKeys(titles: readonly string[]): string[] {
  let keys = keyCache.get(titles);
  if (!keys) {
    keys = titles.map(titleKey);
    keyCache.set(titles, keys);
  }
  return keys;
}

/**
 * The distinct non-blank titles still to match, each with the rows it appears in: a list from HR
 * repeats titles a lot, and each distinct title is searched once.
 */
export function pendingGroups(batch: Batch): { title: string; rows: number[] }[] {
  const groups = new Map<string, { title: string; rows: number[] }>();
  const keys = titleKeys(batch.titles);
  batch.titles.forEach((title, row) => {
    if (batch.hits[row] !== null) return;
    const key = keys[row];
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { title, rows: [row] });
  });
  return [...groups.values()];
}

export function distinctCount(titles: readonly string[]): number {
  const keys = titleKeys(titles);
  return new Set(keys.filter((_, i) => titles[i])).size;
}

/** Distinct titles not matched yet (what "Match the remaining" would search). */
export function pendingCount(batch: Batch): number {
  const keys = titleKeys(batch.titles);
  const pending = new Set<string>();
  for (let row = 0; row < keys.length; row++) if (batch.hits[row] === null) pending.add(keys[row]);
  return pending.size;
}

/** Writes one chunk's hits into a copy of the batch. */
export function withHits(batch: Batch, groups: readonly { rows: number[] }[], hits: readonly Hit[][]): Batch {
  const next = batch.hits.slice();
  groups.forEach((group, i) => {
    for (const row of group.rows) next[row] = hits[i] ?? [];
  });
  return { ...batch, hits: next };
}

/** The occupation shown as best for a row: the person's pick, else the top hit. */
export function bestOf(batch: Batch, row: number): Pick | null {
  const pick = batch.picks[row];
  if (pick) return pick;
  const top = batch.hits[row]?.[0];
  return top ? { id: top.id, score: top.score } : null;
}

export function runnerUps(batch: Batch, row: number, count: number): Hit[] {
  const best = bestOf(batch, row);
  return (batch.hits[row] ?? []).filter((hit) => hit.id !== best?.id).slice(0, count);
}

export function matchedCount(batch: Batch): number {
  let n = 0;
  batch.titles.forEach((title, row) => {
    if (title && batch.hits[row] !== null) n++;
  });
  return n;
}

export function allOccupationIds(batch: Batch): string[] {
  const ids = new Set<string>();
  for (const hits of batch.hits) for (const hit of hits ?? []) ids.add(hit.id);
  for (const pick of batch.picks) if (pick) ids.add(pick.id);
  return [...ids];
}

/**
 * The batch as stored in IndexedDB: hits as typed arrays over a table of occupation ids. Typed
 * arrays are cloned as one block, where 20,000 rows × 6 hit objects would take the UI thread
 * hundreds of milliseconds on every save.
 */
export interface StoredBatch {
  format: 'titles-batch/1';
  titles: string[];
  ids: string[];
  k: number;
  /** 1 when the row has been matched. */
  matched: Uint8Array;
  /** rows × k indexes into `ids`, -1 where a row has fewer hits. */
  hitIds: Int32Array;
  hitScores: Float32Array;
  pickIds: Int32Array;
  pickScores: Float32Array;
  labels: Record<string, OccupationLabel>;
  labelsLang: string;
}

export function encodeBatch(batch: Batch): StoredBatch {
  const k = Math.max(1, ...batch.hits.map((hits) => hits?.length ?? 0));
  const n = batch.titles.length;
  const idIndex = new Map<string, number>();
  const ids: string[] = [];
  const indexOf = (id: string) => {
    let i = idIndex.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      idIndex.set(id, i);
    }
    return i;
  };
  const stored: StoredBatch = {
    format: 'titles-batch/1',
    titles: batch.titles,
    ids,
    k,
    matched: new Uint8Array(n),
    hitIds: new Int32Array(n * k).fill(-1),
    hitScores: new Float32Array(n * k),
    pickIds: new Int32Array(n).fill(-1),
    pickScores: new Float32Array(n),
    labels: batch.labels,
    labelsLang: batch.labelsLang,
  };
  for (let row = 0; row < n; row++) {
    const hits = batch.hits[row];
    if (hits) {
      stored.matched[row] = 1;
      hits.forEach((hit, j) => {
        stored.hitIds[row * k + j] = indexOf(hit.id);
        stored.hitScores[row * k + j] = hit.score;
      });
    }
    const pick = batch.picks[row];
    if (pick) {
      stored.pickIds[row] = indexOf(pick.id);
      stored.pickScores[row] = pick.score;
    }
  }
  return stored;
}

export function decodeBatch(stored: StoredBatch): Batch {
  const { k, ids } = stored;
  const hits: (Hit[] | null)[] = stored.titles.map((_, row) => {
    if (!stored.matched[row]) return null;
    const list: Hit[] = [];
    for (let j = 0; j < k; j++) {
      const id = stored.hitIds[row * k + j];
      if (id >= 0) list.push({ id: ids[id], score: stored.hitScores[row * k + j] });
    }
    return list;
  });
  const picks = stored.titles.map((_, row) => (stored.pickIds[row] >= 0 ? { id: ids[stored.pickIds[row]], score: stored.pickScores[row] } : null));
  return { titles: stored.titles, hits, picks, labels: stored.labels, labelsLang: stored.labelsLang };
}
