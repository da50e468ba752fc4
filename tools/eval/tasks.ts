/**
 * The evaluation tasks, built from the raw ESCO files, the model's hold-out list and the
 * development splits in ../shared/eval (read at run time, never copied into the repo).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, type SourceProblem } from '../esco/csv.js';
import { splitGenderedLabel, type EscoSource, type Lang, type RawOccupation, type RawSkill } from '../esco/source.js';
import { HoldoutView } from '../train/holdout.js';
import { normalizeBert } from '../train/wordpiece.js';

export interface Doc {
  id: number;
  uri: string;
  /** label variants: the preferred label's first, then the alternative labels' */
  labels: string[];
  preferredCount: number;
  description?: string;
  /** ESCO's hidden labels (search-only forms), which the app's keyword index searches and the dense side leaves out. */
  hidden?: string[];
}

export interface Corpus {
  name: string;
  docs: Doc[];
}

export interface Query {
  text: string;
  relevant: Set<number>;
  lang?: Lang;
}

export interface Task {
  id: string;
  title: string;
  corpus: Corpus;
  /** The English documents of the same entries, which the app's index of another language searches too. */
  englishCorpus?: Corpus;
  queries: Query[];
  /** several relevant items per query: report MAP */
  multiRelevant: boolean;
  note?: string;
}

type Kind = 'occupation' | 'skill';

/** Documents of one kind in one language, without the held-out alternative labels. */
export function buildCorpus(concepts: Array<RawOccupation | RawSkill>, kind: Kind, lang: Lang, holdout: HoldoutView): Corpus {
  const docs: Doc[] = [];
  for (const c of concepts) {
    const set = c.labels[lang];
    if (!set) continue;
    const preferred = splitGenderedLabel(set.preferred);
    const alts = set.alt.flatMap((alt, i) => (holdout.isAltHeld(kind, c.uri, lang, i) ? [] : splitGenderedLabel(alt)));
    const labels = [...new Set([...preferred, ...alts])];
    // A hidden label that repeats a held-out alternative label would hand the keyword side the query.
    const held = new Set(set.alt.flatMap((alt, i) => (holdout.isAltHeld(kind, c.uri, lang, i) ? splitGenderedLabel(alt).map(normalizeBert) : [])));
    const hidden = [...new Set((set.hidden ?? []).flatMap(splitGenderedLabel))].filter((h) => !held.has(normalizeBert(h)));
    docs.push({ id: docs.length, uri: c.uri, labels, preferredCount: preferred.length, description: set.description, ...(hidden.length ? { hidden } : {}) });
  }
  return { name: `${kind}s-${lang}`, docs };
}

/** Held-out alternative labels as queries; a label that is still (as a variant) in its own document is skipped. */
export function heldOutQueries(concepts: Array<RawOccupation | RawSkill>, kind: Kind, lang: Lang, holdout: HoldoutView, corpus: Corpus): Query[] {
  const docOf = new Map(corpus.docs.map((d) => [d.uri, d]));
  const byText = new Map<string, Query>();
  for (const c of concepts) {
    const set = c.labels[lang];
    const doc = docOf.get(c.uri);
    if (!set || !doc) continue;
    const own = new Set(doc.labels.map(normalizeBert));
    set.alt.forEach((alt, i) => {
      if (!holdout.isAltHeld(kind, c.uri, lang, i)) return;
      if (splitGenderedLabel(alt).some((v) => own.has(normalizeBert(v)))) return;
      const key = normalizeBert(alt);
      const q = byText.get(key) ?? { text: alt, relevant: new Set<number>(), lang };
      q.relevant.add(doc.id);
      byText.set(key, q);
    });
  }
  return [...byText.values()];
}

/** Queries of one corpus re-pointed at another corpus (same URIs): cross-lingual retrieval. */
export function retarget(queries: Query[], from: Corpus, to: Corpus): Query[] {
  const toId = new Map(to.docs.map((d) => [d.uri, d.id]));
  return queries.flatMap((q) => {
    const relevant = new Set([...q.relevant].flatMap((id) => (toId.has(from.docs[id].uri) ? [toId.get(from.docs[id].uri)!] : [])));
    return relevant.size ? [{ ...q, relevant }] : [];
  });
}

export function vacancyTitleQueries(shared: string, corpus: Corpus): { queries: Query[]; missing: number } {
  const file = 'eval/jobbert-titles-dev/titles.dev.csv';
  const problems: SourceProblem[] = [];
  const table = parseCsv(readFileSync(join(shared, file), 'utf8'), file, problems);
  const idOf = new Map(corpus.docs.map((d) => [d.uri, d.id]));
  let missing = 0;
  const queries: Query[] = [];
  for (const row of table.rows) {
    const id = idOf.get(row.get('conceptUri').trim());
    if (id === undefined) {
      missing++;
      continue;
    }
    queries.push({ text: row.get('vacancyTitle').trim(), relevant: new Set([id]), lang: 'en' });
  }
  return { queries, missing: missing + problems.length };
}

/** Job-ad sentences with the skills annotated in them (v1.1.0 preferred labels → URIs by English label). */
export function skillSentenceQueries(shared: string, skills: RawSkill[], corpus: Corpus): { queries: Query[]; unmapped: string[] } {
  const byLabel = new Map(skills.map((s) => [s.labels.en!.preferred.toLowerCase(), s.uri]));
  const idOf = new Map(corpus.docs.map((d) => [d.uri, d.id]));
  const unmapped = new Set<string>();
  const bySentence = new Map<string, Query>();
  for (const name of ['house_validation_annotations.csv', 'tech_validation_annotations.csv']) {
    const file = `eval/skill-extraction-dev/${name}`;
    const table = parseCsv(readFileSync(join(shared, file), 'utf8'), file, []);
    for (const row of table.rows) {
      const label = row.get('label').trim();
      if (label === 'LABEL NOT PRESENT' || label === 'UNDERSPECIFIED' || label === '') continue;
      const uri = byLabel.get(label.toLowerCase());
      const id = uri === undefined ? undefined : idOf.get(uri);
      if (id === undefined) {
        unmapped.add(label);
        continue;
      }
      const sentence = row.get('sentence').trim();
      const q = bySentence.get(sentence) ?? { text: sentence, relevant: new Set<number>(), lang: 'en' as Lang };
      q.relevant.add(id);
      bySentence.set(sentence, q);
    }
  }
  return { queries: [...bySentence.values()], unmapped: [...unmapped] };
}

export const OCCUPATION_LANGS: Lang[] = ['en', 'de', 'es', 'fr', 'nl', 'pt'];
export const SKILL_LANGS: Lang[] = ['en', 'de', 'es', 'fr'];

export function buildTasks(source: EscoSource, holdout: HoldoutView, shared: string): { tasks: Task[]; notes: string[] } {
  const tasks: Task[] = [];
  const notes: string[] = [];
  const occ = new Map(OCCUPATION_LANGS.map((l) => [l, buildCorpus(source.occupations, 'occupation', l, holdout)]));
  const occEn = occ.get('en')!;
  for (const lang of OCCUPATION_LANGS) {
    const corpus = occ.get(lang)!;
    tasks.push({ id: `1-${lang}`, title: `1. held-out alt label → occupation (${lang})`, corpus, ...(lang === 'en' ? {} : { englishCorpus: occEn }), queries: heldOutQueries(source.occupations, 'occupation', lang, holdout, corpus), multiRelevant: false });
  }
  for (const lang of OCCUPATION_LANGS.filter((l) => l !== 'en')) {
    const from = occ.get(lang)!;
    const queries = retarget(heldOutQueries(source.occupations, 'occupation', lang, holdout, from), from, occEn);
    tasks.push({ id: `2-${lang}`, title: `2. cross-lingual: held-out ${lang} label → English occupation`, corpus: occEn, queries, multiRelevant: false });
  }
  const skillsEnHeld = buildCorpus(source.skills, 'skill', 'en', holdout);
  for (const lang of SKILL_LANGS) {
    const corpus = lang === 'en' ? skillsEnHeld : buildCorpus(source.skills, 'skill', lang, holdout);
    tasks.push({ id: `3-${lang}`, title: `3. held-out skill alt label → skill (${lang})`, corpus, ...(lang === 'en' ? {} : { englishCorpus: skillsEnHeld }), queries: heldOutQueries(source.skills, 'skill', lang, holdout, corpus), multiRelevant: false });
  }
  // Tasks 4 and 5 query with real job-ad text, not ESCO labels: their index is all of ESCO, as in the product.
  const nothingHeld = new HoldoutView({ ...holdout.holdout, occupationAlt: {}, skillAlt: {}, occupationDescriptions: [] });
  const occEnFull = buildCorpus(source.occupations, 'occupation', 'en', nothingHeld);
  const titles = vacancyTitleQueries(shared, occEnFull);
  if (titles.missing) notes.push(`task 4: ${titles.missing} titles point at occupations not in the data and were skipped`);
  tasks.push({ id: '4', title: '4. real vacancy titles → occupation (JobBERT dev, en)', corpus: occEnFull, queries: titles.queries, multiRelevant: false });
  const skillsEn = buildCorpus(source.skills, 'skill', 'en', nothingHeld);
  const sentences = skillSentenceQueries(shared, source.skills, skillsEn);
  if (sentences.unmapped.length) notes.push(`task 5: ${sentences.unmapped.length} annotated labels have no v1.1.1 English preferred label and were skipped`);
  tasks.push({ id: '5', title: '5. job-ad sentences → ESCO skills (skill-extraction dev, en)', corpus: skillsEn, queries: sentences.queries, multiRelevant: true });
  return { tasks, notes };
}
