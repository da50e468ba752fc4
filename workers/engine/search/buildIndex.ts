/**
 * Builds the embedding index of one target (occupations or skills) with a model: the same code
 * runs in Node (npm run index, tools/index/build.ts) and in the worker (a model without a prebuilt
 * index, see browserIndex.ts), so both produce the same vectors for the same model.
 */
import type { Lang, ProgressCallback, Target } from '../../api';
import type { KnownWords } from '../embed/knownWords';
import type { EscoData } from '../esco/store';
import { abortError } from './abort';
import { encodeIndex, type IndexEncoding } from './indexFormat';
import { buildCentroids, entryLanguages, occupationTexts, templateUsesDescriptions, type EntryTexts, type IndexTemplate } from './representation';

/** What the search code needs from a model (the engine's Embedder has this shape). */
export interface TextEmbedder {
  readonly dim: number;
  readonly recipe: { recipeHash: string };
  embed(
    texts: string[],
    options: { role: 'query' | 'document'; signal?: AbortSignal; batchSize?: number; onProgress?: (done: number, total: number) => void },
  ): Promise<Float32Array>;
  /** The words the model saw in training, when it lists them (embed/knownWords.ts): long texts keep only those. */
  knownWords?(): Promise<KnownWords | null>;
}

export interface BuildIndexOptions {
  template: IndexTemplate;
  encoding?: IndexEncoding;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  /** Texts per embed call between progress events (default 512). */
  chunk?: number;
}

/** Per-entry texts of a target in the template's languages (loads the labels/descriptions needed). */
export async function loadEntryTexts(data: EscoData, target: Target, template: IndexTemplate): Promise<EntryTexts[]> {
  const langs = [...new Set<Lang>([...template.langs, 'en'])];
  const needDescriptions = templateUsesDescriptions(template);
  const labelTables = await Promise.all(langs.map((l) => data.labels(l)));
  const descriptionTables = needDescriptions ? await Promise.all(langs.map((l) => data.descriptions(l))) : [];
  const entries: EntryTexts[] = [];
  for (let i = 0; i < data.count(target); i++) {
    const entry: EntryTexts = { labels: {}, descriptions: {}, isco: {} };
    langs.forEach((lang, li) => {
      const labels = labelTables[li][target][i];
      if (labels) entry.labels[lang] = labels;
      const description = descriptionTables[li]?.[target][i];
      if (description) entry.descriptions![lang] = description;
      if (target === 'occupations') {
        const group = labelTables[li].iscoGroups[data.core.occupations.isco[i]];
        if (group) entry.isco![lang] = group;
      }
    });
    entries.push(entry);
  }
  return entries;
}

/** Texts to embed and how they group: texts of (entry, language) unit u are rows unitFirst[u] .. unitFirst[u+1]-1. */
export function planTexts(entries: EntryTexts[], template: IndexTemplate) {
  const texts: string[] = [];
  const unitFirst: number[] = [0];
  const entryFirstUnit: number[] = [0];
  for (const entry of entries) {
    for (const lang of entryLanguages(entry, template)) {
      const unitTexts = occupationTexts(entry, lang, template);
      if (!unitTexts.length) continue;
      texts.push(...unitTexts);
      unitFirst.push(texts.length);
    }
    entryFirstUnit.push(unitFirst.length - 1);
  }
  return { texts, unitFirst, entryFirstUnit };
}

export interface BuiltIndex {
  bytes: Uint8Array;
  entries: number;
  rows: number;
  texts: number;
}

export async function buildEmbeddingIndex(
  data: EscoData,
  target: Target,
  embedder: TextEmbedder,
  options: BuildIndexOptions,
): Promise<BuiltIndex> {
  const { template, signal, onProgress } = options;
  const entries = await loadEntryTexts(data, target, template);
  const { texts, unitFirst, entryFirstUnit } = planTexts(entries, template);
  const dim = embedder.dim;
  const chunk = options.chunk ?? 512;
  const units = unitFirst.length - 1;
  // Texts are embedded a chunk of whole units at a time and reduced at once to unit centroids,
  // so memory holds one chunk of text vectors, never all of them (skills: ~10^5 texts).
  const unitVectors = new Float32Array(units * dim);
  onProgress?.({ status: 'work', stage: 'index', done: 0, total: texts.length });
  for (let u0 = 0; u0 < units; ) {
    if (signal?.aborted) throw abortError();
    let u1 = u0 + 1;
    while (u1 < units && unitFirst[u1 + 1] - unitFirst[u0] <= chunk) u1++;
    const t0 = unitFirst[u0];
    const t1 = unitFirst[u1];
    // Identical texts within the chunk (shared alt labels) are embedded once.
    const unique = new Map<string, number>();
    const rowOf = texts.slice(t0, t1).map((t) => {
      let row = unique.get(t);
      if (row === undefined) unique.set(t, (row = unique.size));
      return row;
    });
    const uniqueTexts = [...unique.keys()];
    const out = await embedder.embed(uniqueTexts, { role: 'document', signal });
    if (out.length !== uniqueTexts.length * dim) throw new Error(`embedder returned ${out.length} values for ${uniqueTexts.length} texts of dim ${dim}`);
    const textVectors = new Float32Array((t1 - t0) * dim);
    rowOf.forEach((row, i) => textVectors.set(out.subarray(row * dim, (row + 1) * dim), i * dim));
    const localFirst = unitFirst.slice(u0, u1 + 1).map((t) => t - t0);
    unitVectors.set(buildCentroids(textVectors, dim, localFirst), u0 * dim);
    onProgress?.({ status: 'work', stage: 'index', done: t1, total: texts.length });
    u0 = u1;
  }

  let rowsOut: Float32Array;
  let firstRow: Uint32Array | undefined;
  if (template.rowPerLang) {
    rowsOut = unitVectors;
    firstRow = Uint32Array.from(entryFirstUnit);
    // Keep the simple layout (row i = entry i) when every entry has exactly one row.
    if (firstRow.every((v, i) => v === i)) firstRow = undefined;
  } else {
    rowsOut = buildCentroids(unitVectors, dim, entryFirstUnit);
  }
  const bytes = encodeIndex(rowsOut, dim, options.encoding ?? 'int8-rowscale', firstRow);
  return { bytes, entries: entries.length, rows: rowsOut.length / dim, texts: texts.length };
}
