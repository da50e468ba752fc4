/**
 * The BM25 documents of an ESCO target in one language: labels in that language (English where
 * ESCO has none), English labels as a second field, and optionally descriptions.
 * Built in the worker on first use (measured in Node: occupations 0.25–0.4 s, skills 0.6–0.9 s
 * without descriptions); a serialized index is a larger download than the labels it is built from,
 * so only the English occupations index, on every cold start's path, ships prebuilt
 * (lexicalPrebuilt.ts).
 */
import type { Lang, Target } from '../../api';
import type { EscoData } from '../esco/store';
import type { LexicalDoc } from './lexical';

export async function lexicalDocs(data: EscoData, target: Target, lang: Lang, withDescriptions = false): Promise<LexicalDoc[]> {
  const { labels } = await data.labelsWithFallback(target, lang);
  const english = lang === 'en' ? null : (await data.labels('en'))[target];
  const descriptions = withDescriptions ? (await data.descriptions(lang))[target] : null;
  return labels.map((list, id) => {
    const doc: LexicalDoc = { id, labels: list };
    const en = english?.[id];
    if (en && en !== list) doc.english = en;
    const description = descriptions?.[id];
    if (description) doc.description = description;
    return doc;
  });
}
