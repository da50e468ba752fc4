/**
 * The BM25 documents of an ESCO target in one language: labels in that language (English where
 * ESCO has none) with ESCO's hidden labels (search-only forms: misspellings, regional and older
 * forms), English labels (hidden ones too) as a second field, and optionally descriptions.
 * Built in the worker on first use (measured in Node: occupations 0.25–0.4 s, skills 0.6–0.9 s
 * without descriptions); a serialized index is a larger download than the labels it is built from,
 * so only the English indexes, on the path of every cold start and first resume, ship prebuilt
 * (lexicalPrebuilt.ts).
 */
import type { Lang, Target } from '../../api';
import type { EscoData } from '../esco/store';
import type { LexicalDoc } from './lexical';

export async function lexicalDocs(data: EscoData, target: Target, lang: Lang, withDescriptions = false): Promise<LexicalDoc[]> {
  const { labels, langOf } = await data.labelsWithFallback(target, lang);
  const hidden = (await data.labels(lang)).hidden?.[target];
  const englishTable = lang === 'en' ? null : await data.labels('en');
  const english = englishTable?.[target];
  const englishHidden = englishTable?.hidden?.[target];
  const descriptions = withDescriptions ? (await data.descriptions(lang))[target] : null;
  return labels.map((list, id) => {
    const own = langOf[id] === lang ? hidden?.[id] : englishHidden?.[id];
    const doc: LexicalDoc = { id, labels: own ? [...list, ...own] : list };
    const en = english?.[id];
    // An entry that fell back to English already has its English labels.
    if (en && langOf[id] === lang) doc.english = englishHidden?.[id] ? [...en, ...englishHidden[id]] : en;
    const description = descriptions?.[id];
    if (description) doc.description = description;
    return doc;
  });
}
