import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSource, type EscoSource } from '../../tools/esco/source';
import { buildCompactData, ESCO_OUT_DIR, labelList, type CompactFiles } from '../../tools/data/import';
import { decodeRelations } from '../../workers/engine/esco/relations';
import { LANGS, type EscoCore, type LabelTable } from '../../workers/engine/esco/types';

let source: EscoSource;
let compact: CompactFiles;
const json = <T>(name: string): T => JSON.parse(new TextDecoder().decode(compact.files.get(name)!)) as T;

beforeAll(async () => {
  source = await readEscoSource();
  compact = buildCompactData(source);
});

describe('npm run data (compact ESCO data)', () => {
  it('keeps every occupation, skill, ISCO group and relation of the sources', () => {
    const core = json<EscoCore>('core.json');
    expect(core.occupations.id.length).toBe(source.occupations.length);
    expect(core.skills.id.length).toBe(source.skills.length);
    expect(core.skills.id.length).toBe(13896);
    expect(core.occupations.id.length).toBeGreaterThanOrEqual(3039);
    expect(core.iscoGroups.code.length).toBe(source.iscoGroups.length);
    const distinct = new Set(source.relations.map((r) => `${r.occupationUri} ${r.skillUri}`)).size;
    expect(compact.meta.counts.relations).toBe(distinct);
    expect(compact.meta.counts).toMatchObject({ occupations: source.occupations.length, skills: 13896 });
  });

  it('stores relations that all point at existing occupations and skills, essential ones first', () => {
    const core = json<EscoCore>('core.json');
    const rel = decodeRelations(compact.files.get('relations.bin')!);
    expect(rel.first.length).toBe(core.occupations.id.length + 1);
    expect(rel.skills.length).toBe(compact.meta.counts.relations);
    for (const s of rel.skills) expect(s).toBeLessThan(core.skills.id.length);
    // spot-check one occupation against the source rows
    const uri = source.relations[0].occupationUri;
    const o = core.occupations.id.indexOf(uri.replace(core.uriPrefix.occupations, ''));
    const essential = new Set(source.relations.filter((r) => r.occupationUri === uri && r.relationType === 'essential').map((r) => r.skillUri));
    const stored = Array.from(rel.skills.subarray(rel.first[o], rel.first[o] + rel.essentialCount[o]), (s) => core.uriPrefix.skills + core.skills.id[s]);
    expect(new Set(stored)).toEqual(essential);
  });

  it('has labels in every language the sources have, with gendered forms split into alternatives', () => {
    for (const lang of LANGS) {
      const labels = json<LabelTable>(`labels.${lang}.json`);
      const expected = source.occupations.filter((o) => o.labels[lang]?.preferred).length;
      expect(labels.occupations.filter(Boolean).length, lang).toBe(expected);
      expect(expected, lang).toBeGreaterThan(2900);
    }
    const de = json<LabelTable>('labels.de.json');
    const teacher = de.occupations.find((l) => l?.[0] === 'Sportlehrer/Sportlehrerin')!;
    expect(teacher).toEqual(expect.arrayContaining(['Sportlehrer', 'Sportlehrerin']));
    expect(labelList({ preferred: 'Lehrer/Lehrerin', alt: [] })).toEqual(['Lehrer/Lehrerin', 'Lehrer', 'Lehrerin']);
    const en = json<LabelTable>('labels.en.json');
    expect(en.skills.every((l) => l && l[0].length > 0)).toBe(true);
  });

  it('is deterministic and matches the committed files (rerun npm run data if this fails)', () => {
    const again = buildCompactData(source);
    for (const [name, bytes] of compact.files) expect(Buffer.compare(again.files.get(name)!, bytes), name).toBe(0);
    expect(again.meta).toEqual(compact.meta);
    const committed = JSON.parse(readFileSync(join(ESCO_OUT_DIR, 'meta.json'), 'utf8'));
    expect(committed.dataVersion).toBe(compact.meta.dataVersion);
    expect(readFileSync(join(ESCO_OUT_DIR, 'ATTRIBUTION.md'), 'utf8')).toContain('This service uses the ESCO classification of the European Commission.');
  });
});
