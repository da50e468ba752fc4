/**
 * Learns the word translation tables of the lexical side (workers/engine/search/translate.ts) from
 * ESCO's parallel labels: every occupation and skill has labels in several languages under one
 * URI, so a word that keeps turning up in the Spanish labels of the concepts whose English labels
 * hold "driver" ("conductor", "conductora") is likely to mean it.
 *
 * Association: Dice's coefficient over concepts, 2·n(w, e) / (n(w) + n(e)), where n counts the
 * concepts whose labels in the language (w, or a compound part of one of their words) or in English
 * (e) hold the word; an English word is
 * kept when it shares ≥ 2 concepts with w and Dice ≥ 0.1, the 3 best per word. Chosen on eval task
 * 2 (held-out labels → English occupations, the app's lexical index with these tables): top 1–5 at
 * Dice 0.05–0.3 all lifted the hybrid above the dense list in every language and in both halves of
 * the queries; top 3 at 0.1 by the most on the whole (docs/EVAL.md). Counting compound parts as
 * words (added after) lifted app lexical on German 0.185 → 0.261 and Dutch 0.320 → 0.368 (hybrid
 * 0.639 → 0.646, 0.658 → 0.662); Spanish, French and Portuguese moved by ≤ 0.01.
 *
 * Only the labels the default model was trained on are used (the alternative labels of the
 * model's hold-out list are left out), so the eval's held-out queries stay unseen here too.
 */
import type { Lang } from '../../workers/api';
import { ESCO_ATTRIBUTION } from '../../workers/engine/esco/types';
import { Decompounder } from '../../workers/engine/search/decompound';
import { isStopword, wordTokens } from '../../workers/engine/search/tokenize';
import { TRANSLATION_FORMAT, type TranslationTable } from '../../workers/engine/search/translate';
import type { EscoSource, LabelSet } from '../esco/source';
import { HoldoutView } from '../train/holdout';

export const TRANSLATION = { minShared: 2, minDice: 0.1, perWord: 3 };

/** The labels of one concept in two languages. */
export interface ParallelLabels {
  labels: string[];
  english: string[];
}

function wordSet(labels: string[], splitter?: Decompounder): Set<string> {
  const words = new Set<string>();
  for (const label of labels) {
    for (const w of wordTokens(label)) {
      if (isStopword(w)) continue;
      words.add(w);
      if (splitter) for (const part of splitter.split(w)) words.add(part);
    }
  }
  return words;
}

function countInto(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Word → English words, best first (ties: alphabetical), keys sorted: the same input gives the same table. */
export function learnTranslations(concepts: ParallelLabels[], options = TRANSLATION): Record<string, string[]> {
  const own = new Map<string, number>();
  const english = new Map<string, number>();
  const shared = new Map<string, Map<string, number>>();
  // Compound parts count as words of their own ("krankenpflege" → "kranken", "pflege"), so a part
  // that is rarely a word alone ("pflege") still gets the English words of the concepts it is in.
  const splitter = new Decompounder(concepts.flatMap((c) => [...wordSet(c.labels)]));
  for (const concept of concepts) {
    const words = wordSet(concept.labels, splitter);
    const englishWords = wordSet(concept.english);
    if (!words.size || !englishWords.size) continue;
    for (const e of englishWords) countInto(english, e);
    for (const w of words) {
      countInto(own, w);
      let row = shared.get(w);
      if (!row) shared.set(w, (row = new Map()));
      for (const e of englishWords) countInto(row, e);
    }
  }
  const table: Record<string, string[]> = {};
  for (const w of [...shared.keys()].sort()) {
    const scored: [string, number][] = [];
    for (const [e, n] of shared.get(w)!) {
      if (n < options.minShared) continue;
      const dice = (2 * n) / (own.get(w)! + english.get(e)!);
      if (dice >= options.minDice) scored.push([e, dice]);
    }
    if (!scored.length) continue;
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    table[w] = scored.slice(0, options.perWord).map(([e]) => e);
  }
  return table;
}

/** A label set without the held-out alternative labels. */
function trainedLabels(set: LabelSet | undefined, kind: 'occupation' | 'skill', uri: string, lang: Lang, holdout: HoldoutView): string[] {
  if (!set?.preferred) return [];
  return [set.preferred, ...set.alt.filter((_, i) => !holdout.isAltHeld(kind, uri, lang, i))];
}

/** The parallel labels of every occupation and skill that has labels in `lang` and in English. */
export function parallelLabels(source: EscoSource, lang: Lang, holdout: HoldoutView): ParallelLabels[] {
  const out: ParallelLabels[] = [];
  const add = (kind: 'occupation' | 'skill', concept: { uri: string; labels: Partial<Record<Lang, LabelSet>> }) => {
    const labels = trainedLabels(concept.labels[lang], kind, concept.uri, lang, holdout);
    const english = trainedLabels(concept.labels.en, kind, concept.uri, 'en', holdout);
    if (labels.length && english.length) out.push({ labels, english });
  };
  for (const o of source.occupations) add('occupation', o);
  for (const s of source.skills) add('skill', s);
  return out;
}

export function buildTranslationTable(source: EscoSource, lang: Lang, holdout: HoldoutView): TranslationTable {
  const concepts = parallelLabels(source, lang, holdout);
  return {
    format: TRANSLATION_FORMAT,
    lang,
    source:
      `learned from ESCO's ${lang} and English labels of the same ${concepts.length} occupations and skills ` +
      `(the default model's held-out labels left out) by tools/data/translations.ts. ${ESCO_ATTRIBUTION}`,
    words: learnTranslations(concepts),
  };
}
