/**
 * Test doubles for the search code: a deterministic bag-of-words embedder (texts sharing words get
 * similar vectors, so rankings are predictable without a model) and in-memory ESCO data built by the
 * real import code from a small hand-written source.
 */
import type { EscoSource, RawOccupation, RawSkill } from '../../tools/esco/source';
import { buildCompactData } from '../../tools/data/import';
import { MissingFileError, type DataFiles } from '../../workers/engine/esco/files';
import { EscoData } from '../../workers/engine/esco/store';
import type { TextEmbedder } from '../../workers/engine/search/buildIndex';
import { wordTokens } from '../../workers/engine/search/tokenize';

function hash(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Each word adds a fixed pseudo-random ±1 pattern; a vector is the sum of its words' patterns. */
export function bagOfWordsEmbedder(dim = 64, recipeHash = 'bow-test'): TextEmbedder & { calls: number; texts: number } {
  const embedder = {
    dim,
    recipe: { recipeHash },
    calls: 0,
    texts: 0,
    async embed(texts: string[], options: { signal?: AbortSignal; onProgress?: (d: number, t: number) => void }) {
      embedder.calls++;
      embedder.texts += texts.length;
      if (options.signal?.aborted) {
        const e = new Error('cancelled');
        e.name = 'AbortError';
        throw e;
      }
      const out = new Float32Array(texts.length * dim);
      texts.forEach((text, i) => {
        for (const word of wordTokens(text)) {
          let h = hash(word);
          for (let j = 0; j < dim; j++) {
            h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
            out[i * dim + j] += h & 1 ? 1 : -1;
          }
        }
      });
      options.onProgress?.(texts.length, texts.length);
      return out;
    },
  };
  return embedder;
}

export function memoryFiles(files: Map<string, Uint8Array>): DataFiles {
  return {
    async bytes(path) {
      const bytes = files.get(path);
      if (!bytes) throw new MissingFileError(path, 'not in the test files');
      return bytes;
    },
  };
}

const occ = (id: string, isco: string, en: string[], de?: string[], description?: string): RawOccupation => ({
  uri: `http://data.europa.eu/esco/occupation/${id}`,
  iscoGroup: isco,
  labels: {
    en: { preferred: en[0], alt: en.slice(1), ...(description ? { description } : {}) },
    ...(de ? { de: { preferred: de[0], alt: de.slice(1) } } : {}),
  },
  source: 'both',
});
const skill = (id: string, en: string[], type = 'skill/competence'): RawSkill => ({
  uri: `http://data.europa.eu/esco/skill/${id}`,
  skillType: type,
  reuseLevel: 'sector-specific',
  labels: { en: { preferred: en[0], alt: en.slice(1), description: `${en[0]} (test description)` } },
});

/** A small ESCO-shaped source: six occupations (two languages), six skills, a few relations. */
export function smallSource(): EscoSource {
  return {
    occupations: [
      occ('o1', '2512', ['software developer', 'programmer', 'software engineer'], ['Softwareentwickler/Softwareentwicklerin', 'Programmierer']),
      occ('o2', '2221', ['nurse', 'registered nurse', 'nursing professional'], ['Pflegefachkraft', 'Krankenpfleger/Krankenpflegerin'], 'Nurses care for patients on wards.'),
      occ('o3', '2341', ['primary school teacher', 'teacher'], ['Lehrer/Lehrerin', 'Grundschullehrer/Grundschullehrerin']),
      occ('o4', '5120', ['cook', 'chef'], ['Koch/Köchin']),
      occ('o5', '7411', ['electrician', 'building electrician'], ['Elektriker/Elektrikerin']),
      occ('o6', '2512', ['data scientist', 'data analyst'], ['Datenwissenschaftler/Datenwissenschaftlerin']),
    ],
    skills: [
      skill('s1', ['write program code', 'coding', 'programming']),
      skill('s2', ['care for patients', 'patient care']),
      skill('s3', ['teach pupils', 'classroom teaching']),
      skill('s4', ['prepare meals', 'cooking']),
      skill('s5', ['install electrical wiring', 'wiring']),
      skill('s6', ['Python', 'python programming'], 'knowledge'),
    ],
    relations: [
      { occupationUri: 'http://data.europa.eu/esco/occupation/o1', skillUri: 'http://data.europa.eu/esco/skill/s1', relationType: 'essential', skillType: 'skill/competence' },
      { occupationUri: 'http://data.europa.eu/esco/occupation/o1', skillUri: 'http://data.europa.eu/esco/skill/s6', relationType: 'optional', skillType: 'knowledge' },
      { occupationUri: 'http://data.europa.eu/esco/occupation/o2', skillUri: 'http://data.europa.eu/esco/skill/s2', relationType: 'essential', skillType: 'skill/competence' },
      { occupationUri: 'http://data.europa.eu/esco/occupation/o6', skillUri: 'http://data.europa.eu/esco/skill/s6', relationType: 'essential', skillType: 'knowledge' },
    ],
    iscoGroups: [
      { code: '2', uri: 'http://data.europa.eu/esco/isco/C2', labels: { en: 'Professionals' } },
      { code: '2221', uri: 'http://data.europa.eu/esco/isco/C2221', labels: { en: 'Nursing professionals' }, broader: '2' },
      { code: '2341', uri: 'http://data.europa.eu/esco/isco/C2341', labels: { en: 'Primary school teachers' }, broader: '2' },
      { code: '2512', uri: 'http://data.europa.eu/esco/isco/C2512', labels: { en: 'Software developers', de: 'Softwareentwickler' }, broader: '2' },
      { code: '5120', uri: 'http://data.europa.eu/esco/isco/C5120', labels: { en: 'Cooks' } },
      { code: '7411', uri: 'http://data.europa.eu/esco/isco/C7411', labels: { en: 'Building electricians' } },
    ],
    problems: [],
  };
}

/** The small source run through the real import, served from memory under data/esco/. */
export async function smallEscoData(source = smallSource()): Promise<{ data: EscoData; files: Map<string, Uint8Array> }> {
  const compact = buildCompactData(source);
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of compact.files) files.set(`data/esco/${name}`, bytes);
  files.set('data/esco/meta.json', new TextEncoder().encode(JSON.stringify(compact.meta)));
  return { data: await EscoData.open(memoryFiles(files)), files };
}
