/**
 * The training view of ESCO: per occupation and skill, the label variants and descriptions the
 * model may see (hold-out removed, gendered labels split), plus essential-skill links and the
 * TalentCLEF title pairs that do not touch a held-out label.
 */
import { LANGS, readTalentClef, splitGenderedLabel, type EscoSource, type Lang } from '../esco/source.js';
import type { HoldoutView } from './holdout.js';
import { normalizeBert } from './wordpiece.js';

export interface TrainingConcept {
  /** 0..n-1 over occupations then skills: the key that marks false negatives in a batch. */
  key: number;
  uri: string;
  kind: 'occupation' | 'skill';
  /** label variants per language; the first ones come from the preferred label */
  labels: Partial<Record<Lang, string[]>>;
  descriptions: Partial<Record<Lang, string>>;
}

export interface TrainingView {
  concepts: TrainingConcept[];
  /** [occupation key, skill key] for essential relations */
  essential: Array<[number, number]>;
  /** [occupation key, title, title] */
  titlePairs: Array<[number, string, string]>;
  /** normalized held-out alt texts: no training text may equal one of them */
  heldTexts: Set<string>;
}

export function buildTrainingView(source: EscoSource, holdout: HoldoutView, options: { sharedDir?: string } = {}): TrainingView {
  const heldTexts = new Set<string>();
  const concepts: TrainingConcept[] = [];
  const keyOf = new Map<string, number>();
  const add = (kind: 'occupation' | 'skill', uri: string, labelsByLang: EscoSource['occupations'][number]['labels']) => {
    const concept: TrainingConcept = { key: concepts.length, uri, kind, labels: {}, descriptions: {} };
    for (const lang of LANGS) {
      const set = labelsByLang[lang];
      if (!set) continue;
      const variants: string[] = [...splitGenderedLabel(set.preferred)];
      set.alt.forEach((alt, i) => {
        if (holdout.isAltHeld(kind, uri, lang, i)) {
          for (const v of splitGenderedLabel(alt)) heldTexts.add(normalizeBert(v));
          return;
        }
        variants.push(...splitGenderedLabel(alt));
      });
      concept.labels[lang] = [...new Set(variants)];
      if (set.description && !(kind === 'occupation' && holdout.isDescriptionHeld(uri))) concept.descriptions[lang] = set.description;
    }
    keyOf.set(uri, concept.key);
    concepts.push(concept);
  };
  for (const o of source.occupations) add('occupation', o.uri, o.labels);
  for (const s of source.skills) add('skill', s.uri, s.labels);
  // A held-out text must not come back as another label of the same concept.
  for (const c of concepts) {
    for (const lang of LANGS) {
      const labels = c.labels[lang];
      if (labels) c.labels[lang] = labels.filter((l, i) => i === 0 || !heldTexts.has(normalizeBert(l)));
    }
  }
  const essential: Array<[number, number]> = [];
  for (const r of source.relations) {
    if (r.relationType !== 'essential') continue;
    essential.push([keyOf.get(r.occupationUri)!, keyOf.get(r.skillUri)!]);
  }
  const titlePairs: Array<[number, string, string]> = [];
  for (const lang of ['de', 'es'] as const) {
    for (const p of readTalentClef(lang, options)) {
      const key = keyOf.get(p.occupationUri);
      if (key === undefined) continue;
      if (heldTexts.has(normalizeBert(p.title1)) || heldTexts.has(normalizeBert(p.title2))) continue;
      // TalentCLEF titles keep the "Lehrer/Lehrerin" form: pair one variant of each.
      const a = splitGenderedLabel(p.title1);
      const b = splitGenderedLabel(p.title2);
      if (a.some((t) => heldTexts.has(normalizeBert(t))) || b.some((t) => heldTexts.has(normalizeBert(t)))) continue;
      titlePairs.push([key, a[0], b[b.length - 1]]);
    }
  }
  return { concepts, essential, titlePairs, heldTexts };
}
