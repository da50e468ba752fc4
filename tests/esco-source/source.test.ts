import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, rowsWithUri, splitAltLabels, type SourceProblem } from '../../tools/esco/csv.js';
import { readEscoSource, readTalentClef, splitGenderedLabel, type EscoSource, type Lang } from '../../tools/esco/source.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.ESCO_SHARED_DIR ?? resolve(here, '..', '..', '..', 'shared');
const hasShared = existsSync(join(shared, 'esco'));

describe('CSV reading', () => {
  it('reports a malformed row with the line it starts on, after a multi-line quoted field', () => {
    const file = 'fixtures/malformed.csv';
    const problems: SourceProblem[] = [];
    const table = parseCsv(readFileSync(join(here, file), 'utf8'), file, problems);
    const kept = rowsWithUri(table, 'conceptUri', problems);
    expect(kept.map((r) => r.get('preferredLabel'))).toEqual(['teacher']);
    expect(kept[0].line).toBe(2);
    expect(splitAltLabels(kept[0].get('altLabels'))).toEqual(['tutor', 'instructor', 'educator']);
    // "baker" has 3 cells for 4 columns (line 5); "nurse" has no URI (line 6).
    expect(problems).toEqual([
      { file, line: 5, message: 'expected 4 columns, found 3' },
      { file, line: 6, message: 'missing conceptUri' },
    ]);
  });
});

describe('gendered labels', () => {
  it.each([
    ['Lehrer/Lehrerin', ['Lehrer', 'Lehrerin']],
    ['director técnico/directora técnica', ['director técnico', 'directora técnica']],
    ['directeur technique/directrice technique', ['directeur technique', 'directrice technique']],
    ['Arzt/Ärztin', ['Arzt', 'Ärztin']],
    ['Fachkrankenpfleger/in - Intensivpflege/Anästhesie', ['Fachkrankenpfleger - Intensivpflege/Anästhesie', 'Fachkrankenpflegerin - Intensivpflege/Anästhesie']],
    ['leraar/lerares bijzonder kleuteronderwijs', ['leraar bijzonder kleuteronderwijs', 'lerares bijzonder kleuteronderwijs']],
    ['pirata informático/informática ético/ética', ['pirata informático ético', 'pirata informática ética']],
    ['Import-/Exportmanager für Getränke/Import-/Exportmanagerin für Getränke', ['Import-/Exportmanager für Getränke', 'Import-/Exportmanagerin für Getränke']],
  ])('splits %s', (label, variants) => {
    expect(splitGenderedLabel(label)).toEqual(variants);
  });

  it.each(['TCP/IP engineer', 'audio/visual technician', 'cnc setter/operator', 'CAD/CAM-patronentekenaar lederwaren', 'software developer'])(
    'leaves %s whole',
    (label) => {
      expect(splitGenderedLabel(label)).toEqual([label]);
    },
  );
});

describe.skipIf(!hasShared)('ESCO source in ../shared', () => {
  let source: EscoSource;
  beforeAll(async () => {
    source = await readEscoSource({ sharedDir: shared });
  });

  it('has the published counts', () => {
    expect(source.occupations.filter((o) => o.source !== 'v1.2.0')).toHaveLength(3007);
    expect(source.occupations.filter((o) => o.source !== 'v1.1.1')).toHaveLength(3039);
    expect(source.skills).toHaveLength(13_896);
    // 123,855 relation rows; 67 belong to an occupation retired before v1.1.1 and are reported.
    const retired = source.problems.filter((p) => p.file.endsWith('occupationSkillRelations.csv'));
    expect(source.relations.length + retired.length).toBe(123_855);
    expect(retired.length).toBeLessThan(100);
    expect(source.problems.filter((p) => !p.file.endsWith('occupationSkillRelations.csv'))).toEqual([]);
  });

  it('links every relation to an existing occupation and skill', () => {
    const occ = new Set(source.occupations.map((o) => o.uri));
    const skills = new Set(source.skills.map((s) => s.uri));
    expect(source.relations.every((r) => occ.has(r.occupationUri) && skills.has(r.skillUri))).toBe(true);
    expect(source.relations.filter((r) => r.relationType === 'essential').length).toBeGreaterThan(60_000);
  });

  it('has labels in every language', () => {
    const count = (lang: Lang) => source.occupations.filter((o) => o.labels[lang]?.preferred).length;
    for (const lang of ['en', 'de', 'es', 'nl', 'pt'] as const) expect(count(lang)).toBeGreaterThanOrEqual(3039);
    expect(count('fr')).toBeGreaterThan(2900);
    expect(source.skills.every((s) => s.labels.en?.description)).toBe(true);
    expect(source.skills.filter((s) => s.labels.es).length).toBeGreaterThan(13_000);
    expect(source.skills.filter((s) => s.labels.fr).length).toBeGreaterThan(13_000);
    expect(source.skills.filter((s) => s.labels.de?.description).length).toBeGreaterThan(2000);
    const director = source.occupations.find((o) => o.labels.en?.preferred === 'technical director');
    expect(director?.labels.en?.alt).toContain('technical manager');
    expect(director?.labels.en?.alt).not.toContain('technical director');
    expect(director?.labels.de?.preferred).toMatch(/Leiter/);
  });

  it("keeps ESCO's hidden labels apart from the labels it displays", () => {
    const count = (lang: Lang) => source.occupations.reduce((n, o) => n + (o.labels[lang]?.hidden?.length ?? 0), 0);
    expect(count('de')).toBeGreaterThan(850);
    expect(count('nl')).toBeGreaterThan(1400);
    const doctor = source.occupations.find((o) => o.labels.en?.preferred === 'specialised doctor')!;
    expect(doctor.labels.en?.hidden).toContain('neurosurgeon');
    expect(doctor.labels.en?.alt).not.toContain('neurosurgeon');
    const reliable = source.skills.filter((s) => s.labels.en?.hidden?.includes('reliability'));
    expect(reliable.length).toBeGreaterThan(0);
    // A hidden label that is also a displayed one is kept once, as the displayed one.
    for (const o of source.occupations) {
      const set = o.labels.de;
      if (set?.hidden) expect(set.hidden.filter((h) => h === set.preferred || set.alt.includes(h))).toEqual([]);
    }
  });

  it('builds the ISCO hierarchy', () => {
    const byCode = new Map(source.iscoGroups.map((g) => [g.code, g]));
    expect(byCode.get('2512')?.broader).toBe('251');
    expect(byCode.get('2')?.broader).toBeUndefined();
    expect(byCode.get('2512')?.labels.de).toBeTruthy();
    expect(source.occupations.every((o) => byCode.has(o.iscoGroup))).toBe(true);
  });

  it('reads the TalentCLEF title pairs', () => {
    const de = readTalentClef('de', { sharedDir: shared });
    expect(de.length).toBe(23_023);
    expect(de.every((p) => p.occupationUri.startsWith('http://data.europa.eu/esco/occupation/') && p.title1 && p.title2)).toBe(true);
  });
});
