/**
 * Reads the raw ESCO downloads in ../shared (untouched zips and CSVs) into one joined, multilingual
 * model of occupations, skills, their relations and the ISCO hierarchy. Everything else (index
 * builds, the trainer, the eval) starts from here, so there is one place that knows the file layout.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { parseCsv, rowsWithUri, splitAltLabels, type CsvRow, type CsvTable, type SourceProblem } from './csv.js';
import { splitGenderedLabel } from './gendered.js';

export type { SourceProblem } from './csv.js';
export { splitGenderedLabel } from './gendered.js';

export type Lang = 'en' | 'de' | 'es' | 'fr' | 'nl' | 'pt';
export const LANGS: readonly Lang[] = ['en', 'de', 'es', 'fr', 'nl', 'pt'];

export interface LabelSet {
  preferred: string;
  alt: string[];
  description?: string;
  /**
   * ESCO's hidden labels: forms it means for search, not for display (misspellings, regional and
   * older forms, related titles: "ambulancier", "Sozialarbeitswissenschafter", "neurosurgeon").
   */
  hidden?: string[];
}
export interface RawOccupation {
  uri: string;
  iscoGroup: string;
  code?: string;
  labels: Partial<Record<Lang, LabelSet>>;
  source: 'v1.2.0' | 'v1.1.1' | 'both';
}
export interface RawSkill {
  uri: string;
  skillType: string;
  reuseLevel: string;
  labels: Partial<Record<Lang, LabelSet>>;
}
export interface RawRelation {
  occupationUri: string;
  skillUri: string;
  relationType: 'essential' | 'optional';
  skillType: string;
}
export interface RawIscoGroup {
  code: string;
  uri: string;
  labels: Partial<Record<Lang, string>>;
  /** parent code */
  broader?: string;
}
export interface EscoSource {
  occupations: RawOccupation[];
  skills: RawSkill[];
  relations: RawRelation[];
  iscoGroups: RawIscoGroup[];
  problems: SourceProblem[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sharedDirCandidate(sharedDir?: string): string {
  return sharedDir ?? process.env.ESCO_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
}

/** The ../shared folder, or a clear error when it is missing (data is not part of the repo). */
export function requireShared(sharedDir?: string): string {
  const dir = sharedDirCandidate(sharedDir);
  if (!existsSync(join(dir, 'esco'))) {
    throw new Error(
      `../shared not found: expected the ESCO data at ${join(dir, 'esco')} (set ESCO_SHARED_DIR to its location)`,
    );
  }
  return dir;
}

function readZip(path: string): Map<string, string> {
  const entries = unzipSync(new Uint8Array(readFileSync(path)));
  const files = new Map<string, string>();
  for (const [name, bytes] of Object.entries(entries)) {
    files.set(name.split('/').pop() ?? name, strFromU8(bytes));
  }
  return files;
}

function fromZip(zip: Map<string, string>, name: string, zipPath: string): [string, string] {
  const text = zip.get(name);
  if (text === undefined) throw new Error(`${zipPath} has no ${name}`);
  return [text, `${zipPath.split('/').slice(-2).join('/')}!${name}`];
}

function labelSet(preferred: string, alts: string[], description?: string, hiddenLabels: string[] = []): LabelSet {
  const pref = preferred.trim();
  const seen = new Set([pref]);
  const alt: string[] = [];
  for (const a of alts) {
    if (seen.has(a)) continue;
    seen.add(a);
    alt.push(a);
  }
  const set: LabelSet = { preferred: pref, alt };
  const d = description?.trim();
  if (d) set.description = d;
  const hidden = [...new Set(hiddenLabels)].filter((h) => !seen.has(h));
  if (hidden.length) set.hidden = hidden;
  return set;
}

/** A row's hidden labels ("" where the file has no such column). */
const hiddenOf = (row: CsvRow) => splitAltLabels(row.get('hiddenLabels'));

function readTable(path: string, display: string, problems: SourceProblem[]): CsvTable {
  return parseCsv(readFileSync(path, 'utf8'), display, problems);
}

export async function readEscoSource(options: { sharedDir?: string } = {}): Promise<EscoSource> {
  const shared = requireShared(options.sharedDir);
  const esco = join(shared, 'esco');
  const problems: SourceProblem[] = [];
  const mainZipPath = join(esco, 'v1.1.1', 'esco-v1.1.1-en-csv.zip');
  const relZipPath = join(esco, 'v1.1.1', 'esco-v1.1.1-relations-csv.zip');
  const mainZip = readZip(mainZipPath);
  const relZip = readZip(relZipPath);
  const zipTable = (zip: Map<string, string>, zipPath: string, name: string) => {
    const [text, display] = fromZip(zip, name, zipPath);
    return parseCsv(text, display, problems);
  };

  // Occupations: v1.2.0 in five languages, joined with v1.1.1 English and v1.0.8 French.
  const occupations = new Map<string, RawOccupation>();
  const v12Uris = new Set<string>();
  for (const lang of ['en', 'de', 'es', 'nl', 'pt'] as const) {
    const table = readTable(join(esco, 'v1.2.0', `occupations_${lang}.csv`), `v1.2.0/occupations_${lang}.csv`, problems);
    for (const row of rowsWithUri(table, 'conceptUri', problems)) {
      const uri = row.get('conceptUri').trim();
      v12Uris.add(uri);
      let occ = occupations.get(uri);
      if (!occ) {
        occ = { uri, iscoGroup: row.get('iscoGroup').trim(), labels: {}, source: 'v1.2.0' };
        const code = row.get('code').trim();
        if (code) occ.code = code;
        occupations.set(uri, occ);
      }
      occ.labels[lang] = labelSet(row.get('preferredLabel'), splitAltLabels(row.get('altLabels')), row.get('description'), hiddenOf(row));
    }
  }
  const v11Occupations = zipTable(mainZip, mainZipPath, 'occupations_en.csv');
  for (const row of rowsWithUri(v11Occupations, 'conceptUri', problems)) {
    const uri = row.get('conceptUri').trim();
    const v11 = labelSet(row.get('preferredLabel'), splitAltLabels(row.get('altLabels')), row.get('description'), hiddenOf(row));
    const occ = occupations.get(uri);
    if (!occ) {
      const added: RawOccupation = { uri, iscoGroup: row.get('iscoGroup').trim(), labels: { en: v11 }, source: 'v1.1.1' };
      const code = row.get('code').trim();
      if (code) added.code = code;
      occupations.set(uri, added);
      continue;
    }
    occ.source = 'both';
    // Keep v1.2.0's wording, and keep v1.1.1's older names as alternatives: real titles use both.
    const en = occ.labels.en ?? v11;
    occ.labels.en = labelSet(en.preferred, [...en.alt, v11.preferred, ...v11.alt], en.description ?? v11.description, [...(en.hidden ?? []), ...(v11.hidden ?? [])]);
  }
  const frOccupations = readTable(join(esco, 'v1.0.8-es-fr', 'occupations_fr.csv'), 'v1.0.8-es-fr/occupations_fr.csv', problems);
  for (const row of rowsWithUri(frOccupations, 'conceptUri', problems)) {
    const occ = occupations.get(row.get('conceptUri').trim());
    if (!occ) continue; // retired in later releases
    occ.labels.fr = labelSet(row.get('preferredLabel'), splitAltLabels(row.get('altLabels')), row.get('description'));
  }

  // Skills: the v1.1.1 English skills define the set; other languages attach by URI.
  const skills = new Map<string, RawSkill>();
  const skillTable = zipTable(mainZip, mainZipPath, 'skills_en.csv');
  for (const row of rowsWithUri(skillTable, 'conceptUri', problems)) {
    const uri = row.get('conceptUri').trim();
    skills.set(uri, {
      uri,
      skillType: row.get('skillType').trim(),
      reuseLevel: row.get('reuseLevel').trim(),
      labels: { en: labelSet(row.get('preferredLabel'), splitAltLabels(row.get('altLabels')), row.get('description'), hiddenOf(row)) },
    });
  }
  for (const lang of ['es', 'fr'] as const) {
    const table = readTable(join(esco, 'v1.0.8-es-fr', `skills_${lang}.csv`), `v1.0.8-es-fr/skills_${lang}.csv`, problems);
    for (const row of rowsWithUri(table, 'conceptUri', problems)) {
      const skill = skills.get(row.get('conceptUri').trim());
      if (!skill) continue;
      skill.labels[lang] = labelSet(row.get('preferredLabel'), splitAltLabels(row.get('altLabels')), row.get('description'));
    }
  }
  const deDir = join(esco, 'v1.2.0', 'skill-collections-de');
  for (const name of readdirSync(deDir).filter((n) => n.endsWith('.csv')).sort()) {
    const table = readTable(join(deDir, name), `v1.2.0/skill-collections-de/${name}`, problems);
    for (const row of rowsWithUri(table, 'conceptUri', problems)) {
      const skill = skills.get(row.get('conceptUri').trim());
      if (!skill || skill.labels.de) continue; // a skill can sit in several collections
      skill.labels.de = labelSet(row.get('preferredLabel'), splitAltLabels(row.get('altLabels'), 'pipe'), row.get('description'));
    }
  }

  // Relations between occupations and skills (v1.1.1).
  const relations: RawRelation[] = [];
  const relTable = zipTable(relZip, relZipPath, 'occupationSkillRelations.csv');
  for (const row of relTable.rows) {
    const occupationUri = row.get('occupationUri').trim();
    const skillUri = row.get('skillUri').trim();
    const relationType = row.get('relationType').trim();
    if (!occupationUri || !skillUri) {
      problems.push({ file: relTable.file, line: row.line, message: 'missing occupationUri or skillUri' });
      continue;
    }
    if (relationType !== 'essential' && relationType !== 'optional') {
      problems.push({ file: relTable.file, line: row.line, message: `unknown relationType "${relationType}"` });
      continue;
    }
    // One v1.0.8 occupation (retired before v1.1.1) still has 67 relation rows: they are reported,
    // not kept, so that every relation points at an occupation and a skill that exist.
    if (!occupations.has(occupationUri)) {
      problems.push({ file: relTable.file, line: row.line, message: `relation to an occupation in no v1.1.1/v1.2.0 file: ${occupationUri}` });
      continue;
    }
    if (!skills.has(skillUri)) {
      problems.push({ file: relTable.file, line: row.line, message: `relation to a skill not in v1.1.1 skills_en.csv: ${skillUri}` });
      continue;
    }
    relations.push({ occupationUri, skillUri, relationType, skillType: row.get('skillType').trim() });
  }

  // ISCO groups: English v1.1.1, labels in other languages, hierarchy from the broader relations.
  const groups = new Map<string, RawIscoGroup>();
  const byUri = new Map<string, RawIscoGroup>();
  const iscoTable = zipTable(mainZip, mainZipPath, 'ISCOGroups_en.csv');
  for (const row of rowsWithUri(iscoTable, 'conceptUri', problems)) {
    const group: RawIscoGroup = { code: row.get('code').trim(), uri: row.get('conceptUri').trim(), labels: { en: row.get('preferredLabel').trim() } };
    groups.set(group.code, group);
    byUri.set(group.uri, group);
  }
  const groupLabelFiles: Array<[Lang, string, string]> = [
    ['de', join(esco, 'v1.2.0', 'ISCOGroups_de.csv'), 'v1.2.0/ISCOGroups_de.csv'],
    ['nl', join(esco, 'v1.2.0', 'ISCOGroups_nl.csv'), 'v1.2.0/ISCOGroups_nl.csv'],
    ['es', join(esco, 'v1.0.8-es-fr', 'ISCOGroups_es.csv'), 'v1.0.8-es-fr/ISCOGroups_es.csv'],
    ['fr', join(esco, 'v1.0.8-es-fr', 'ISCOGroups_fr.csv'), 'v1.0.8-es-fr/ISCOGroups_fr.csv'],
  ];
  for (const [lang, path, display] of groupLabelFiles) {
    for (const row of rowsWithUri(readTable(path, display, problems), 'conceptUri', problems)) {
      const group = byUri.get(row.get('conceptUri').trim());
      if (group) group.labels[lang] = row.get('preferredLabel').trim();
    }
  }
  const broaderTable = zipTable(relZip, relZipPath, 'broaderRelationsOccPillar.csv');
  for (const row of broaderTable.rows) {
    if (row.get('conceptType') !== 'ISCOGroup' || row.get('broaderType') !== 'ISCOGroup') continue;
    const child = byUri.get(row.get('conceptUri').trim());
    const parent = byUri.get(row.get('broaderUri').trim());
    if (child && parent) child.broader = parent.code;
  }

  return {
    occupations: [...occupations.values()].sort((a, b) => a.uri.localeCompare(b.uri)),
    skills: [...skills.values()].sort((a, b) => a.uri.localeCompare(b.uri)),
    relations,
    iscoGroups: [...groups.values()].sort((a, b) => a.code.localeCompare(b.code)),
    problems,
  };
}

/**
 * TalentCLEF 2025 task A training pairs (ESCO-generated job-title pairs; usable for training).
 * The files have no header: ISCO family URI, occupation URI, title 1, title 2.
 */
export function readTalentClef(
  lang: 'de' | 'es',
  options: { sharedDir?: string } = {},
): Array<{ iscoUri: string; occupationUri: string; title1: string; title2: string }> {
  const shared = requireShared(options.sharedDir);
  const file = `eval/talentclef-train/taskA_training_${lang}.tsv`;
  const problems: SourceProblem[] = [];
  const table = parseCsv(readFileSync(join(shared, file), 'utf8'), file, problems, { delimiter: '\t', hasHeader: false });
  return table.rows.map((row) => ({
    iscoUri: row.get('0').trim(),
    occupationUri: row.get('1').trim(),
    title1: row.get('2').trim(),
    title2: row.get('3').trim(),
  }));
}
