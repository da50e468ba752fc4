/**
 * How an ESCO entry becomes the vector(s) stored in an embedding index. Configurable because the
 * best choice depends on the model (measured by the eval, tools/eval): a static model does best
 * with the centroid of its label embeddings (NOTES.md: MRR 0.36 vs 0.34 for one label+description
 * text), while a large transformer model built in the browser can only afford one text per entry.
 *
 * For each language in `langs`, an entry yields texts:
 *   kind 'text'      one text: `format` with {label} {alts} {description} {isco} filled in
 *   kind 'centroid'  one text per piece: the preferred label, up to maxAlts alternative labels
 *                    (gendered forms already split by the data import), the description
 * The vectors of one language are averaged (then normalized); across languages the entry keeps
 * one row per language when rowPerLang (search takes the best row), else their normalized mean.
 */
import type { Lang } from '../../api';

export type TemplatePart = 'label' | 'alts' | 'description';

export interface IndexTemplate {
  kind: 'text' | 'centroid';
  /** kind 'text': e.g. "{label}" or "{label}: {description}". */
  format: string;
  /** kind 'centroid': which pieces are embedded. */
  parts: TemplatePart[];
  /** Alternative labels used at most (ESCO lists up to ~60 for some entries). */
  maxAlts: number;
  /** Languages whose labels are embedded; an entry without labels in any of them uses English. */
  langs: Lang[];
  rowPerLang: boolean;
}

/** One entry's labels and descriptions per language, as the ESCO data has them. */
export interface EntryTexts {
  /** [preferred, ...alternatives] per language. */
  labels: Partial<Record<Lang, string[]>>;
  descriptions?: Partial<Record<Lang, string>>;
  /** ISCO group label in the entry's language (occupations). */
  isco?: Partial<Record<Lang, string>>;
}

export const TEMPLATE_PRESETS = {
  /** Centroid of the labels in every language: multilingual, one row per entry. */
  'labels-centroid': { kind: 'centroid', format: '', parts: ['label', 'alts'], maxAlts: 10, langs: ['en', 'de', 'es', 'fr', 'nl', 'pt'], rowPerLang: false },
  /** One vector per language, each the centroid of that language's labels; best row wins. */
  'labels-per-language': { kind: 'centroid', format: '', parts: ['label', 'alts'], maxAlts: 10, langs: ['en', 'de', 'es', 'fr', 'nl', 'pt'], rowPerLang: true },
  /** Preferred English label only: one text per entry, cheapest to build in a browser. */
  label: { kind: 'text', format: '{label}', parts: [], maxAlts: 0, langs: ['en'], rowPerLang: false },
  /** English label and description as one text. */
  'label-description': { kind: 'text', format: '{label}: {description}', parts: [], maxAlts: 0, langs: ['en'], rowPerLang: false },
  /** Centroid of labels and description in every ESCO language (one row per entry). */
  'labels-description-multilingual': { kind: 'centroid', format: '', parts: ['label', 'alts', 'description'], maxAlts: 10, langs: ['en', 'de', 'es', 'fr', 'nl', 'pt'], rowPerLang: false },
  /** Centroid of English labels and description. */
  'labels-description-centroid': { kind: 'centroid', format: '', parts: ['label', 'alts', 'description'], maxAlts: 10, langs: ['en'], rowPerLang: false },
} as const satisfies Record<string, IndexTemplate>;

export type TemplatePreset = keyof typeof TEMPLATE_PRESETS;

export function resolveTemplate(template: IndexTemplate | TemplatePreset | string): IndexTemplate {
  if (typeof template !== 'string') return template;
  const preset = (TEMPLATE_PRESETS as Record<string, IndexTemplate>)[template];
  if (!preset) throw new Error(`unknown index template "${template}" (known: ${Object.keys(TEMPLATE_PRESETS).join(', ')})`);
  return { ...preset, parts: [...preset.parts], langs: [...preset.langs] };
}

/** Stable text of a template, compared to detect an index built with another one. */
export function templateKey(template: IndexTemplate): string {
  const t = template;
  return JSON.stringify([t.kind, t.kind === 'text' ? t.format : '', t.kind === 'centroid' ? t.parts : [], t.maxAlts, t.langs, t.rowPerLang]);
}

function usesDescriptions(template: IndexTemplate): boolean {
  return template.kind === 'text' ? template.format.includes('{description}') : template.parts.includes('description');
}
export { usesDescriptions as templateUsesDescriptions };

/**
 * Texts to embed for one entry in one language; [] when the entry has no label in `lang`.
 * (Named for occupations, used for skills as well.)
 */
export function occupationTexts(entry: EntryTexts, lang: Lang, template: IndexTemplate): string[] {
  const labels = entry.labels[lang];
  if (!labels || labels.length === 0) return [];
  const [label, ...allAlts] = labels;
  const alts = allAlts.slice(0, template.maxAlts);
  const description = entry.descriptions?.[lang] ?? '';
  if (template.kind === 'text') {
    const text = template.format
      .replace(/\{label\}/g, label)
      .replace(/\{alts\}/g, alts.join(', '))
      .replace(/\{description\}/g, description)
      .replace(/\{isco\}/g, entry.isco?.[lang] ?? '')
      .replace(/\s*:\s*$/, '') // "{label}: {description}" with no description
      .trim();
    return text ? [text] : [];
  }
  const texts: string[] = [];
  if (template.parts.includes('label')) texts.push(label);
  if (template.parts.includes('alts')) texts.push(...alts);
  if (template.parts.includes('description') && description) texts.push(description);
  return texts;
}
export const entryTexts = occupationTexts;

/** The languages an entry is embedded in under a template (English when it has none of them). */
export function entryLanguages(entry: EntryTexts, template: IndexTemplate): Lang[] {
  const langs = template.langs.filter((l) => (entry.labels[l]?.length ?? 0) > 0);
  return langs.length ? langs : entry.labels.en?.length ? ['en'] : [];
}

/**
 * Means of groups of rows, normalized: rows firstRow[g] .. firstRow[g+1]-1 form group g.
 * Each input row is normalized first so a long text does not outweigh a short one.
 * A group without rows gives a zero vector.
 */
export function buildCentroids(vectors: Float32Array, dim: number, firstRow: ArrayLike<number>): Float32Array {
  const groups = firstRow.length - 1;
  const out = new Float32Array(groups * dim);
  for (let g = 0; g < groups; g++) {
    const o = g * dim;
    for (let r = firstRow[g]; r < firstRow[g + 1]; r++) {
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += vectors[r * dim + j] ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let j = 0; j < dim; j++) out[o + j] += vectors[r * dim + j] * inv;
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += out[o + j] ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dim; j++) out[o + j] *= inv;
  }
  return out;
}
