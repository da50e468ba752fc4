/**
 * The part of ESCO the shipped model never sees, so that the eval measures generalisation:
 * 10% of the alternative labels of occupations and skills in every language, and every
 * description of 10% of the occupations. Chosen by a seeded hash of the label, so it does not
 * depend on file order. Stored as URIs (the part after the last "/") and label indices.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { EscoSource, Lang, RawOccupation, RawSkill } from '../esco/source.js';
import { LANGS } from '../esco/source.js';
import { hashUnit } from './random.js';

export interface Holdout {
  seed: number;
  altFraction: number;
  descriptionFraction: number;
  /** occupation id → language → indices into labels[lang].alt */
  occupationAlt: Record<string, Partial<Record<Lang, number[]>>>;
  skillAlt: Record<string, Partial<Record<Lang, number[]>>>;
  /** occupations whose descriptions (all languages) are held out */
  occupationDescriptions: string[];
}

export const conceptId = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1);

function pickAlts(
  concepts: Array<RawOccupation | RawSkill>,
  seed: number,
  fraction: number,
): Record<string, Partial<Record<Lang, number[]>>> {
  const out: Record<string, Partial<Record<Lang, number[]>>> = {};
  for (const concept of concepts) {
    const id = conceptId(concept.uri);
    for (const lang of LANGS) {
      const alt = concept.labels[lang]?.alt ?? [];
      const picked = alt.flatMap((label, i) => (hashUnit(seed, `alt|${id}|${lang}|${label}`) < fraction ? [i] : []));
      if (picked.length === 0) continue;
      (out[id] ??= {})[lang] = picked;
    }
  }
  return out;
}

export function chooseHoldout(source: EscoSource, seed = 20251121, altFraction = 0.1, descriptionFraction = 0.1): Holdout {
  return {
    seed,
    altFraction,
    descriptionFraction,
    occupationAlt: pickAlts(source.occupations, seed, altFraction),
    skillAlt: pickAlts(source.skills, seed, altFraction),
    occupationDescriptions: source.occupations
      .map((o) => conceptId(o.uri))
      .filter((id) => hashUnit(seed, `description|${id}`) < descriptionFraction),
  };
}

export function writeHoldout(path: string, holdout: Holdout): void {
  writeFileSync(path, JSON.stringify(holdout) + '\n');
}

export function readHoldout(path: string): Holdout {
  return JSON.parse(readFileSync(path, 'utf8')) as Holdout;
}

/** Fast membership checks over a hold-out. */
export class HoldoutView {
  private readonly descriptions: Set<string>;
  constructor(readonly holdout: Holdout) {
    this.descriptions = new Set(holdout.occupationDescriptions);
  }
  isAltHeld(kind: 'occupation' | 'skill', uri: string, lang: Lang, index: number): boolean {
    const table = kind === 'occupation' ? this.holdout.occupationAlt : this.holdout.skillAlt;
    return table[conceptId(uri)]?.[lang]?.includes(index) ?? false;
  }
  isDescriptionHeld(uri: string): boolean {
    return this.descriptions.has(conceptId(uri));
  }
}
