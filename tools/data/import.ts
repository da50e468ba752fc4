/**
 * npm run data — writes the compact ESCO data under public/data/esco/ from the raw downloads in
 * ../shared (read by tools/esco/source.ts). See workers/engine/esco/types.ts for the layout.
 * Output is deterministic: entries sorted by URI, keys in fixed order, no timestamps, so a rerun
 * gives identical bytes and git shows only real data changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LANGS as SOURCE_LANGS, readEscoSource, splitGenderedLabel, type EscoSource, type LabelSet } from '../esco/source';
import { encodeRelations } from '../../workers/engine/esco/relations';
import {
  DATA_FORMAT,
  ESCO_ATTRIBUTION,
  LANGS,
  type DescriptionTable,
  type EscoCore,
  type EscoMeta,
  type LabelList,
  type LabelTable,
} from '../../workers/engine/esco/types';
import type { Lang, Target } from '../../workers/api';
import { PUBLIC_DIR } from './nodeFiles';
import { ensureLexicalIndexes } from '../index/lexical';
import { translationTablePath } from '../../workers/engine/search/translate';
import { HOLDOUT_PATH } from '../eval/holdoutPath';
import { chooseHoldout, HoldoutView, readHoldout } from '../train/holdout';
import { buildTranslationTable } from './translations';

export const ESCO_OUT_DIR = join(PUBLIC_DIR, 'data', 'esco');

const URI_PREFIX: Record<Target, string> = {
  occupations: 'http://data.europa.eu/esco/occupation/',
  skills: 'http://data.europa.eu/esco/skill/',
};

const ATTRIBUTION_MD = `# ESCO data

${ESCO_ATTRIBUTION}

The files in this folder are derived from ESCO (European Skills, Competences, Qualifications and
Occupations), published by the European Commission, and reused under Commission Decision
2011/833/EU (reuse, also commercial, with attribution). They were processed (joined across
releases, gendered labels split, compacted) by \`npm run data\` (tools/data/import.ts):

- occupations: ESCO v1.2.0 (en, de, es, nl, pt) joined by URI with v1.1.1 (en) and v1.0.8 (fr)
- skills: ESCO v1.1.1 (en, with descriptions), v1.0.8 (es, fr labels), v1.2.0 skill collections (de)
- occupation–skill relations: ESCO v1.1.1
- ISCO-08 groups: ESCO v1.1.1 (en), v1.2.0 (de, nl), v1.0.8 (es, fr)

The European Commission is not responsible for this processing. ESCO portal: https://esco.ec.europa.eu/
`;

function stripPrefix(uri: string, prefix: string): string {
  return uri.startsWith(prefix) ? uri.slice(prefix.length) : uri;
}

/** Each label and its gendered forms, trimmed, in order, without repeats or what `seen` holds. */
function withGenderedForms(labels: string[], seen = new Set<string>()): string[] {
  const out: string[] = [];
  for (const label of labels) {
    for (const form of [label, ...splitGenderedLabel(label)]) {
      const clean = form.trim();
      if (clean && !seen.has(clean)) {
        seen.add(clean);
        out.push(clean);
      }
    }
  }
  return out;
}

/** [preferred, ...alternatives], with the gendered forms of every label added as alternatives. */
export function labelList(set: LabelSet | undefined): LabelList {
  if (!set || !set.preferred) return null;
  return [set.preferred, ...withGenderedForms([set.preferred, ...set.alt], new Set([set.preferred]))];
}

/** Hidden labels by entry index (entries without any left out), gendered forms split as in labelList. */
export function hiddenLabels(entries: { labels: Partial<Record<Lang, LabelSet>> }[], lang: Lang): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  entries.forEach((entry, i) => {
    const hidden = entry.labels[lang]?.hidden;
    if (hidden?.length) out[i] = withGenderedForms(hidden);
  });
  return out;
}

export interface CompactFiles {
  /** File name → contents, in write order. */
  files: Map<string, Uint8Array>;
  meta: EscoMeta;
}

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value) + '\n');

export function buildCompactData(source: EscoSource): CompactFiles {
  const { occupations, skills, relations, iscoGroups } = source;
  const groupIndex = new Map(iscoGroups.map((g, i) => [g.code, i]));
  const skillTypes = [...new Set(skills.map((s) => s.skillType))].sort();
  const reuseLevels = [...new Set(skills.map((s) => s.reuseLevel))].sort();
  const core: EscoCore = {
    format: DATA_FORMAT,
    uriPrefix: URI_PREFIX,
    occupations: {
      id: occupations.map((o) => stripPrefix(o.uri, URI_PREFIX.occupations)),
      isco: occupations.map((o) => {
        const g = groupIndex.get(o.iscoGroup);
        if (g === undefined) throw new Error(`occupation ${o.uri} names ISCO group ${o.iscoGroup}, which the source does not have`);
        return g;
      }),
      code: occupations.map((o) => o.code ?? ''),
    },
    skills: {
      id: skills.map((s) => stripPrefix(s.uri, URI_PREFIX.skills)),
      type: skills.map((s) => skillTypes.indexOf(s.skillType)),
      reuse: skills.map((s) => reuseLevels.indexOf(s.reuseLevel)),
    },
    skillTypes,
    reuseLevels,
    iscoGroups: {
      code: iscoGroups.map((g) => g.code),
      parent: iscoGroups.map((g) => (g.broader !== undefined ? groupIndex.get(g.broader) ?? -1 : -1)),
    },
  };

  const occIndex = new Map(occupations.map((o, i) => [o.uri, i]));
  const skillIndex = new Map(skills.map((s, i) => [s.uri, i]));
  const essential: number[][] = occupations.map(() => []);
  const optional: number[][] = occupations.map(() => []);
  const seen = new Set<string>();
  let relationCount = 0;
  for (const r of relations) {
    const o = occIndex.get(r.occupationUri);
    const s = skillIndex.get(r.skillUri);
    if (o === undefined || s === undefined) throw new Error(`relation ${r.occupationUri} → ${r.skillUri} points at a missing entry`);
    const key = `${o}:${s}`;
    if (seen.has(key)) continue; // a skill listed twice for one occupation counts once
    seen.add(key);
    (r.relationType === 'essential' ? essential : optional)[o].push(s);
    relationCount++;
  }

  const files = new Map<string, Uint8Array>();
  const languages: EscoMeta['languages'] = { occupations: {}, skills: {} };
  const descriptionCounts: EscoMeta['descriptions'] = { occupations: {}, skills: {} };
  files.set('core.json', json(core));
  for (const lang of LANGS) {
    const labels: LabelTable = {
      lang,
      occupations: occupations.map((o) => labelList(o.labels[lang])),
      skills: skills.map((s) => labelList(s.labels[lang])),
      iscoGroups: iscoGroups.map((g) => g.labels[lang] ?? null),
    };
    const hidden = { occupations: hiddenLabels(occupations, lang), skills: hiddenLabels(skills, lang) };
    if (Object.keys(hidden.occupations).length || Object.keys(hidden.skills).length) labels.hidden = hidden;
    languages.occupations[lang] = labels.occupations.filter(Boolean).length;
    languages.skills[lang] = labels.skills.filter(Boolean).length;
    files.set(`labels.${lang}.json`, json(labels));
    const descriptions: DescriptionTable = {
      lang,
      occupations: occupations.map((o) => o.labels[lang]?.description ?? null),
      skills: skills.map((s) => s.labels[lang]?.description ?? null),
    };
    descriptionCounts.occupations[lang] = descriptions.occupations.filter(Boolean).length;
    descriptionCounts.skills[lang] = descriptions.skills.filter(Boolean).length;
    files.set(`descriptions.${lang}.json`, json(descriptions));
  }
  files.set('relations.bin', encodeRelations(occupations.length, skills.length, essential, optional));

  const hash = createHash('sha256');
  for (const [name, bytes] of files) hash.update(name).update(bytes);
  const sizes: Record<string, number> = {};
  for (const [name, bytes] of files) sizes[name] = bytes.byteLength;
  const meta: EscoMeta = {
    format: DATA_FORMAT,
    dataVersion: hash.digest('hex').slice(0, 16),
    attribution: ESCO_ATTRIBUTION,
    sources: {
      occupations: 'ESCO v1.2.0 (en, de, es, nl, pt) + v1.1.1 (en) + v1.0.8 (fr), joined by URI',
      skills: 'ESCO v1.1.1 (en) + v1.0.8 (es, fr) + v1.2.0 skill collections (de)',
      relations: 'ESCO v1.1.1',
      iscoGroups: 'ESCO v1.1.1 (en) + v1.2.0 (de, nl) + v1.0.8 (es, fr)',
    },
    counts: { occupations: occupations.length, skills: skills.length, relations: relationCount, iscoGroups: iscoGroups.length },
    languages,
    descriptions: descriptionCounts,
    files: sizes,
  };
  return { files, meta };
}

export function writeCompactData(data: CompactFiles, outDir = ESCO_OUT_DIR): void {
  mkdirSync(outDir, { recursive: true });
  // Remove files a previous layout wrote, so the folder holds exactly this data.
  const keep = new Set([...data.files.keys(), 'meta.json', 'ATTRIBUTION.md']);
  for (const name of readdirSync(outDir)) if (!keep.has(name)) rmSync(join(outDir, name), { recursive: true });
  for (const [name, bytes] of data.files) writeFileSync(join(outDir, name), bytes);
  writeFileSync(join(outDir, 'meta.json'), json(data.meta));
  writeFileSync(join(outDir, 'ATTRIBUTION.md'), ATTRIBUTION_MD);
}

async function main(): Promise<void> {
  const started = performance.now();
  const source = await readEscoSource();
  if (SOURCE_LANGS.some((l) => !LANGS.includes(l as Lang))) throw new Error('tools/esco/source.ts knows languages the app data does not');
  for (const p of source.problems.slice(0, 5)) console.warn(`warning: ${p.file}:${p.line}: ${p.message}`);
  if (source.problems.length > 5) console.warn(`warning: … ${source.problems.length - 5} more source problems`);
  const data = buildCompactData(source);
  writeCompactData(data);
  const total = Object.values(data.meta.files).reduce((a, b) => a + b, 0);
  const { counts } = data.meta;
  console.log(
    `wrote ${ESCO_OUT_DIR}: ${counts.occupations} occupations, ${counts.skills} skills, ${counts.relations} relations, ` +
      `${counts.iscoGroups} ISCO groups; ${(total / 1e6).toFixed(1)} MB, data version ${data.meta.dataVersion} ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  // The tables leave out the labels the default model was not trained on (its hold-out list).
  const holdout = new HoldoutView(existsSync(HOLDOUT_PATH) ? readHoldout(HOLDOUT_PATH) : chooseHoldout(source));
  for (const lang of LANGS.filter((l) => l !== 'en')) {
    const table = buildTranslationTable(source, lang, holdout);
    const file = join(PUBLIC_DIR, translationTablePath(lang));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, json(table));
    console.log(`wrote ${translationTablePath(lang)}: ${Object.keys(table.words).length} words`);
  }
  const lexical = await ensureLexicalIndexes();
  if (lexical.length) console.log(`wrote the prebuilt BM25 index: ${lexical.join(', ')}`);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  main().catch((error) => {
    console.error(`npm run data: ${(error as Error).message}`);
    process.exit(1);
  });
}
