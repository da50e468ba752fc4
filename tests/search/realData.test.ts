/**
 * Search on the real ESCO data (public/data/esco). The default-model checks run once
 * public/models/esco-static-v1 exists (npm run train) and are skipped before that.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeDataFiles, PUBLIC_DIR } from '../../tools/data/nodeFiles';
import { EscoData } from '../../workers/engine/esco/store';
import { loadToolEmbedder } from '../../tools/index/loadModel';
import type { SearchModel } from '../../workers/engine/search/denseIndexes';
import { SearchEngine } from '../../workers/engine/search/engine';

const DEFAULT_MODEL = 'esco-static-v1';
const modelDir = join(PUBLIC_DIR, 'models', DEFAULT_MODEL);
const hasModel = existsSync(join(modelDir, 'config.json'));

let data: EscoData;
let engine: SearchEngine;
let english: (string[] | null)[];
const labelOf = (uri: string) => english[data.indexOf('occupations', uri)]?.[0];

beforeAll(async () => {
  data = await EscoData.open(nodeDataFiles());
  engine = new SearchEngine({ data, modelFiles: nodeDataFiles(join(PUBLIC_DIR, 'models')) });
  english = (await data.labels('en')).occupations;
});

describe('BM25 on the real ESCO labels', () => {
  it('finds the software developer for the German compound "Softwareentwickler"', async () => {
    const [hits] = await engine.search(null, ['Softwareentwickler'], { target: 'occupations', k: 3, lang: 'de', mode: 'lexical' });
    expect(hits.map((h) => labelOf(h.id))).toContain('software developer');
  });

  it("finds entries by ESCO's hidden labels (search-only forms) without showing them", async () => {
    // "ambulancier": the Belgian Dutch word for the ambulance driver; "neurosurgeon": a hidden label of "specialised doctor".
    const [nl] = await engine.search(null, ['ambulancier'], { target: 'occupations', k: 3, lang: 'nl', mode: 'lexical' });
    const dutch = (await data.labels('nl')).occupations;
    expect(dutch[data.indexOf('occupations', nl[0].id)]?.[0]).toBe('ambulancechauffeur');
    const [en] = await engine.search(null, ['neurosurgeon'], { target: 'occupations', k: 3, lang: 'en', mode: 'lexical' });
    expect(labelOf(en[0].id)).toBe('specialised doctor');
    const [entry] = await data.describe([en[0].id], 'occupations', 'en');
    expect(entry.label).toBe('specialised doctor');
    expect(english.flatMap((l) => l ?? [])).not.toContain('neurosurgeon');
  });

  it('finds teachers for "Lehrerin", the feminine form', async () => {
    const [hits] = await engine.search(null, ['Lehrerin'], { target: 'occupations', k: 5, lang: 'de', mode: 'lexical' });
    const de = (await data.labels('de')).occupations;
    for (const h of hits) expect(de[data.indexOf('occupations', h.id)]!.join(' ').toLowerCase()).toContain('lehrerin');
  });
});

describe.skipIf(!hasModel)(`default model ${DEFAULT_MODEL}`, () => {
  let model: SearchModel;
  beforeAll(async () => {
    model = { id: DEFAULT_MODEL, embedder: await loadToolEmbedder(modelDir) };
  });

  it('puts "software developer" in the top 3 for "Softwareentwickler" (hybrid)', async () => {
    const [hits] = await engine.search(model, ['Softwareentwickler'], { target: 'occupations', k: 3, lang: 'de', mode: 'hybrid' });
    expect(hits.map((h) => labelOf(h.id))).toContain('software developer');
  });

  it('matches the words of a German title against the German labels when no language is given', async () => {
    const [auto] = await engine.search(model, ['Kassiererin'], { target: 'occupations', k: 3 });
    expect(labelOf(auto[0].id)).toBe('cashier');
    // "Kassiererin" is a German label of the cashier: found by its words, not only by meaning.
    expect(auto[0].lexical).toBeGreaterThan(0);
    const [english] = await engine.search(model, ['Kassiererin'], { target: 'occupations', k: 3, lang: 'en' });
    expect(english.find((h) => h.id === auto[0].id)?.lexical ?? 0).toBe(0);
  });

  it('lets the keyword side decide where it knows a word the model never saw: "neurosurgeon" (an ESCO hidden label)', async () => {
    // The model never saw "neurosurgeon" (not in its known_words.txt): its pieces put a geologist first.
    const [dense] = await engine.search(model, ['neurosurgeon'], { target: 'occupations', k: 3, lang: 'en', mode: 'dense' });
    expect(labelOf(dense[0].id)).not.toBe('specialised doctor');
    const [hybrid] = await engine.search(model, ['neurosurgeon'], { target: 'occupations', k: 3, lang: 'en' });
    expect(labelOf(hybrid[0].id)).toBe('specialised doctor');
    // A query the model knows keeps its dense order at the top.
    const [known] = await engine.search(model, ['specialised doctor'], { target: 'occupations', k: 1, lang: 'en' });
    expect(labelOf(known[0].id)).toBe('specialised doctor');
  });

  it('embeds a resume line without the names the model never saw', async () => {
    const line = 'Registered nurse on a surgical ward';
    const named = `${line} Zalewski Szczecin`;
    const skills = async (m: SearchModel, text: string) => (await engine.analyzeText(m, text, { k: 5, lang: 'en', mode: 'dense' })).skills;
    const [plain, withNames] = [await skills(model, line), await skills(model, named)];
    expect(withNames.map((h) => h.id)).toEqual(plain.map((h) => h.id));
    withNames.forEach((h, i) => expect(h.score).toBeCloseTo(plain[i].score, 5));
    // A model without a list of training words lets the names' pieces move the vector.
    const unlisted: SearchModel = { id: 'no-word-list', embedder: { ...pick(model.embedder), knownWords: undefined } };
    const moved = await skills(unlisted, named);
    expect(Math.abs(moved[0].score - plain[0].score)).toBeGreaterThan(0.01);
  });

  it('ranks nursing occupations first for a nursing paragraph, with the nursing sentence as evidence', async () => {
    const text = [
      'About me',
      'I have worked for eight years as a registered nurse on a surgical ward, caring for patients after operations.',
      'I administer medication, dress wounds and monitor vital signs.',
      'In my spare time I enjoy hiking.',
    ].join('\n');
    const analysis = await engine.analyzeText(model, text, { k: 5, lang: 'en' });
    const at = (start: string) => analysis.segments.findIndex((s) => s.text.startsWith(start));
    const top = analysis.occupations[0];
    expect(labelOf(top.id)).toMatch(/nurs/i);
    expect(top.evidence).toContain(at('I have worked for eight years as a registered nurse'));
    expect(top.evidence).not.toContain(at('In my spare time'));
    expect(analysis.skills.length).toBe(5);
  });
});

/** The TextEmbedder methods of an embedder, bound (a class instance's methods do not spread). */
function pick(embedder: SearchModel['embedder']): SearchModel['embedder'] {
  return { dim: embedder.dim, recipe: embedder.recipe, embed: embedder.embed.bind(embedder) };
}
