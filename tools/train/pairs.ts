/**
 * Training pairs for one epoch, drawn with a seeded generator from the training view. Each pair
 * carries the concept keys it belongs to, so that the batch loss never treats two texts of the
 * same occupation or skill as each other's negatives.
 */
import { LANGS, type Lang } from '../esco/source.js';
import type { TrainingConcept, TrainingView } from './concepts.js';

export interface TextPair {
  a: string;
  b: string;
  keys: number[];
  kind: PairKind;
}

export type PairKind = 'label' | 'crosslingual' | 'description' | 'essential' | 'title';

export interface PairMix {
  /** label ↔ another label of the same concept, same language: pairs per label */
  label: number;
  /** label ↔ label in another language: pairs per concept and language */
  crosslingual: number;
  /** label ↔ description: pairs per description */
  description: number;
  /** occupation label ↔ essential skill label: fraction of the relations per epoch */
  essential: number;
  /** TalentCLEF title pairs: fraction per epoch */
  title: number;
  /**
   * Extra label ↔ label pairs per English occupation label, on top of `label`. Real vacancy
   * titles (eval task 4) are English and noisy; alt labels are the closest thing ESCO has to them.
   * 0 draws nothing (and consumes no random numbers), which reproduces the earlier mix exactly.
   */
  englishOccupationLabel: number;
}

export const DEFAULT_MIX: PairMix = { label: 0.5, crosslingual: 1.5, description: 1, essential: 0.3, title: 0.5, englishOccupationLabel: 0 };

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function langsOf(c: TrainingConcept): Lang[] {
  return LANGS.filter((l) => (c.labels[l]?.length ?? 0) > 0);
}

function repeat(times: number, random: () => number, fn: () => void): void {
  let n = Math.floor(times);
  if (random() < times - n) n++;
  for (let i = 0; i < n; i++) fn();
}

export function epochPairs(view: TrainingView, mix: PairMix, random: () => number): TextPair[] {
  const pairs: TextPair[] = [];
  for (const c of view.concepts) {
    const langs = langsOf(c);
    const keys = [c.key];
    for (const lang of langs) {
      const labels = c.labels[lang]!;
      if (labels.length > 1) {
        const perLabel = mix.label + (lang === 'en' && c.kind === 'occupation' ? mix.englishOccupationLabel : 0);
        for (let i = 0; i < labels.length; i++) {
          repeat(perLabel, random, () => {
            let j = Math.floor(random() * (labels.length - 1));
            if (j >= i) j++;
            pairs.push({ a: labels[i], b: labels[j], keys, kind: 'label' });
          });
        }
      }
      if (langs.length > 1) {
        repeat(mix.crosslingual, random, () => {
          let other = pick(langs, random);
          if (other === lang) other = lang === 'en' ? pick(langs.filter((l) => l !== 'en'), random) : 'en';
          pairs.push({ a: pick(labels, random), b: pick(c.labels[other]!, random), keys, kind: 'crosslingual' });
        });
      }
    }
    for (const lang of LANGS) {
      const description = c.descriptions[lang];
      if (!description) continue;
      repeat(mix.description, random, () => {
        // Half of the time the label comes from another language: descriptions anchor languages too.
        const labelLang = random() < 0.5 && c.labels[lang] ? lang : pick(langs, random);
        pairs.push({ a: pick(c.labels[labelLang]!, random), b: description, keys, kind: 'description' });
      });
    }
  }
  const concepts = view.concepts;
  for (const [occ, skill] of view.essential) {
    if (random() >= mix.essential) continue;
    const o = concepts[occ];
    const s = concepts[skill];
    const lang = pick(langsOf(o), random);
    const skillLabels = s.labels[lang] ?? s.labels.en!;
    pairs.push({ a: pick(o.labels[lang]!, random), b: pick(skillLabels, random), keys: [occ, skill], kind: 'essential' });
  }
  for (const [occ, t1, t2] of view.titlePairs) {
    if (random() >= mix.title) continue;
    pairs.push({ a: t1, b: t2, keys: [occ], kind: 'title' });
  }
  return pairs;
}
