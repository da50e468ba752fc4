import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../workers/api';
import { buildEmbeddingIndex } from '../../workers/engine/search/buildIndex';
import { SearchEngine, listCorpus } from '../../workers/engine/search/engine';
import { memoryIndexCache } from '../../workers/engine/search/indexCache';
import { MANIFEST_FORMAT, type IndexManifest } from '../../workers/engine/search/manifest';
import { rankQueries } from '../../workers/engine/search/rank';
import { resolveTemplate } from '../../workers/engine/search/representation';
import { bagOfWordsEmbedder, memoryFiles, smallEscoData } from './helpers';

const URI = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;

async function setup(modelFiles = new Map<string, Uint8Array>()) {
  const { data } = await smallEscoData();
  const embedder = bagOfWordsEmbedder();
  const cache = memoryIndexCache();
  const engine = new SearchEngine({ data, modelFiles: memoryFiles(modelFiles), indexCache: cache });
  return { data, embedder, cache, engine, model: { id: 'bow', embedder } };
}

describe('SearchEngine.search', () => {
  it('ranks occupations by meaning and by words, in every mode', async () => {
    const { engine, model } = await setup();
    for (const mode of ['hybrid', 'dense', 'lexical'] as const) {
      const [hits] = await engine.search(model, ['registered nurse'], { target: 'occupations', k: 3, mode });
      expect(hits[0].id).toBe(URI('o2'));
      expect(hits.length).toBeLessThanOrEqual(3);
    }
  });

  it('reports the dense and lexical parts of a hybrid hit', async () => {
    const { engine, model } = await setup();
    const [hits] = await engine.search(model, ['programmer'], { target: 'occupations', k: 3 });
    const programmer = hits.find((h) => h.id === URI('o1'));
    expect(programmer, JSON.stringify(hits)).toBeDefined();
    expect(programmer!.dense).toBeGreaterThan(0);
    expect(programmer!.lexical).toBeGreaterThan(0);
    // The fused score is the cosine plus the BM25 share (fusion.ts); hits stay sorted by it.
    expect(programmer!.score).toBeGreaterThan(programmer!.dense!);
    expect(hits.map((h) => h.score)).toEqual(hits.map((h) => h.score).sort((a, b) => b - a));
  });

  it('searches German labels with lang de and needs no model in lexical mode', async () => {
    const { engine } = await setup();
    const [hits] = await engine.search(null, ['Lehrerin'], { target: 'occupations', k: 1, lang: 'de', mode: 'lexical' });
    expect(hits[0].id).toBe(URI('o3'));
    await expect(engine.search(null, ['Lehrerin'], { target: 'occupations', k: 1, mode: 'dense' })).rejects.toThrow(/needs a loaded model/);
  });

  it('without lang, searches each query in the labels of its own language and answers in list order', async () => {
    const { engine } = await setup();
    const queries = ['Grundschullehrerin', 'registered nurse', 'Krankenpflegerin', 'electrician'];
    const hits = await engine.search(null, queries, { target: 'occupations', k: 1, mode: 'lexical' });
    expect(hits.map((h) => h[0]?.id)).toEqual([URI('o3'), URI('o2'), URI('o2'), URI('o5')]);
    // The English labels alone know no German word: what every query without lang searched before.
    const [english] = await engine.search(null, ['Grundschullehrerin'], { target: 'occupations', k: 1, lang: 'en', mode: 'lexical' });
    expect(english).toEqual([]);
  });

  it('rejects an empty query and a bad k', async () => {
    const { engine, model } = await setup();
    await expect(engine.search(model, ['nurse', ' '], { target: 'skills', k: 3 })).rejects.toThrow(/query 1 is empty/);
    await expect(engine.search(model, ['nurse'], { target: 'skills', k: 0 })).rejects.toThrow(/k must be a positive integer/);
  });

  it('stops with an AbortError when cancelled', async () => {
    const { engine, model } = await setup();
    const controller = new AbortController();
    controller.abort();
    await expect(engine.search(model, ['nurse'], { target: 'skills', k: 3, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('embedding indexes', () => {
  it('builds an index on first use with progress, then reuses the cached build', async () => {
    const { data, embedder, cache, engine, model } = await setup();
    const events: ProgressEvent[] = [];
    await engine.search(model, ['cook'], { target: 'skills', k: 2, mode: 'dense', onProgress: (e) => events.push(e) });
    expect(events.some((e) => e.status === 'work' && e.stage === 'index' && e.done === e.total && e.total > 0)).toBe(true);
    const textsAfterBuild = embedder.texts;
    // a new engine (a new visit) with the same cache does not embed the ESCO entries again
    const again = new SearchEngine({ data, modelFiles: memoryFiles(new Map()), indexCache: cache });
    await again.search(model, ['cook'], { target: 'skills', k: 2, mode: 'dense' });
    expect(embedder.texts - textsAfterBuild).toBe(1); // the query only
  });

  async function prebuilt(recipeHash: string, truncate = false) {
    const { data } = await smallEscoData();
    const built = await buildEmbeddingIndex(data, 'occupations', bagOfWordsEmbedder(), { template: resolveTemplate('label') });
    const bytes = truncate ? built.bytes.slice(0, built.bytes.length - 8) : built.bytes;
    const manifest: IndexManifest = {
      format: MANIFEST_FORMAT,
      modelId: 'bow',
      recipeHash,
      dim: 64,
      dataVersion: data.dataVersion,
      targets: {
        occupations: { file: 'occupations.bin', encoding: 'int8-rowscale', entries: built.entries, rows: built.rows, bytes: built.bytes.length, sha256: '', template: resolveTemplate('label'), ids: 'data/esco/core.json#occupations.id' },
      },
    };
    return new Map([
      ['bow/index/manifest.json', new TextEncoder().encode(JSON.stringify(manifest))],
      ['bow/index/occupations.bin', bytes],
    ]);
  }

  it('uses a prebuilt index whose manifest matches the model', async () => {
    const { engine, embedder, model } = await setup(await prebuilt('bow-test'));
    const [hits] = await engine.search(model, ['cook'], { target: 'occupations', k: 1, mode: 'dense' });
    expect(hits[0].id).toBe(URI('o4'));
    expect(embedder.texts).toBe(1); // only the query was embedded
  });

  it('detects a stale manifest (other recipe) and builds instead', async () => {
    const { engine, embedder, model } = await setup(await prebuilt('another-recipe'));
    const messages: string[] = [];
    const [hits] = await engine.search(model, ['cook'], {
      target: 'occupations', k: 1, mode: 'dense',
      onProgress: (e) => e.status === 'stage' && messages.push(e.message),
    });
    expect(hits[0].id).toBe(URI('o4'));
    expect(messages.join('\n')).toMatch(/stale \(built with recipe another-recipe/);
    expect(embedder.texts).toBeGreaterThan(1);
  });

  it('fails clearly on a truncated prebuilt file', async () => {
    const { engine, model } = await setup(await prebuilt('bow-test', true));
    await expect(engine.search(model, ['chef'], { target: 'occupations', k: 1, mode: 'dense' })).rejects.toThrow(/occupations\.bin: \d+ bytes, the manifest says \d+ \(truncated/);
  });
});

describe('SearchEngine.analyzeText', () => {
  const text = [
    'Profile',
    'I cared for patients on a surgical ward as a registered nurse for six years.',
    'In my free time I like to prepare meals for friends.',
    'Patient care and wound dressing are my daily work as a nurse.',
  ].join('\n');

  it('ranks the occupation the text is about first and points at the sentences that say so', async () => {
    const { engine, model } = await setup();
    for (const mode of ['hybrid', 'dense', 'lexical'] as const) {
      const analysis = await engine.analyzeText(model, text, { k: 3, lang: 'en', mode });
      const at = (start: string) => analysis.segments.findIndex((s) => s.text.startsWith(start));
      expect(analysis.segments.map((s) => s.text)).not.toContain('Profile'); // a heading alone is no evidence
      expect(analysis.occupations[0].id).toBe(URI('o2'));
      const evidence = analysis.occupations[0].evidence!;
      expect(evidence.length).toBeGreaterThan(0);
      expect([at('I cared'), at('Patient care')]).toContain(evidence[0]);
      expect(evidence).not.toContain(at('In my free time'));
    }
  });

  it('finds the skills mentioned, each with its own evidence sentence', async () => {
    const { engine, model } = await setup();
    const analysis = await engine.analyzeText(model, text, { k: 6, lang: 'en' });
    const at = (start: string) => analysis.segments.findIndex((s) => s.text.startsWith(start));
    const meals = analysis.skills.find((h) => h.id === 'http://data.europa.eu/esco/skill/s4');
    expect(meals?.evidence?.[0]).toBe(at('In my free time'));
    const care = analysis.skills.find((h) => h.id === 'http://data.europa.eu/esco/skill/s2');
    expect([at('I cared'), at('Patient care')]).toContain(care?.evidence?.[0]);
  });

  it('matches skills against the items of a list line, occupations against the line', async () => {
    const { engine, model } = await setup();
    const resume = 'Registered nurse on a surgical ward for six years.\nSkills: coding, patient care, cooking';
    const analysis = await engine.analyzeText(model, resume, { k: 6, lang: 'en' });
    const at = (text: string) => analysis.segments.findIndex((s) => s.text === text);
    expect(at('coding')).toBeGreaterThan(0);
    expect(resume.slice(analysis.segments[at('patient care')].start, analysis.segments[at('patient care')].end)).toBe('patient care');
    // Each skill of the list is found by its own item, not by the line that averages them.
    for (const [skill, item] of [['s1', 'coding'], ['s2', 'patient care'], ['s4', 'cooking']]) {
      const hit = analysis.skills.find((h) => h.id === `http://data.europa.eu/esco/skill/${skill}`);
      expect(hit?.evidence, skill).toContain(at(item));
    }
    // The occupations are matched against the whole line, as before.
    const line = at('Skills: coding, patient care, cooking');
    expect(line).toBeGreaterThan(0);
    for (const hit of analysis.occupations) for (const e of hit.evidence ?? []) expect([0, line]).toContain(e);
  });

  it('returns empty results for a text without words', async () => {
    const { engine, model } = await setup();
    expect(await engine.analyzeText(model, ' \n - \n', { k: 3 })).toEqual({ segments: [], occupations: [], skills: [] });
  });
});

describe('targetMatrix and describe', () => {
  it('gives one row per text and one column per ESCO entry', async () => {
    const { engine, model, data } = await setup();
    const m = await engine.targetMatrix(model, ['nurse', 'cook', 'electrician'], 'occupations');
    expect([m.rows, m.cols]).toEqual([3, data.count('occupations')]);
    const best = (r: number) => data.uri('occupations', Array.from(m.values.subarray(r * m.cols, (r + 1) * m.cols)).reduce((b, v, i, a) => (v > a[b] ? i : b), 0));
    expect([best(0), best(1), best(2)]).toEqual([URI('o2'), URI('o4'), URI('o5')]);
  });

  it('describes entries in the asked language, falling back to English', async () => {
    const { data } = await setup();
    const [teacher] = await data.describe([URI('o3')], 'occupations', 'de');
    expect(teacher).toMatchObject({ label: 'Lehrer/Lehrerin', lang: 'de', isco: { code: '2341', label: 'Primary school teachers' } });
    const [dev] = await data.describe([URI('o1')], 'occupations', 'nl');
    expect(dev).toMatchObject({ label: 'software developer', lang: 'en' });
    expect(dev.essentialSkills).toEqual(['http://data.europa.eu/esco/skill/s1']);
    expect(dev.optionalSkills).toEqual(['http://data.europa.eu/esco/skill/s6']);
    expect(dev.url).toContain(encodeURIComponent(URI('o1')));
    const [python] = await data.describe(['http://data.europa.eu/esco/skill/s6'], 'skills', 'en');
    expect(python).toMatchObject({ skillType: 'knowledge', reuseLevel: 'sector-specific', description: 'Python (test description)' });
    await expect(data.describe([URI('nope')], 'occupations', 'en')).rejects.toThrow(/unknown ESCO occupation/);
  });
});

describe('user lists', () => {
  it('ranks the lines of a list, ids being line numbers', async () => {
    const embedder = bagOfWordsEmbedder();
    const corpus = listCorpus(['senior java developer', 'night shift nurse', 'pastry cook'], embedder);
    const hits = await rankQueries(corpus, embedder, ['nurse for nights', 'cook'], { k: 2, mode: 'hybrid' });
    expect(hits[0][0].id).toBe('1');
    expect(hits[1][0].id).toBe('2');
  });
});
