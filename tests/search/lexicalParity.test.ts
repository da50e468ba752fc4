/**
 * The typed-array BM25 (workers/engine/search/lexical.ts) must rank exactly like the MiniSearch
 * index it replaced. That version is kept below as the reference (it is the spec) and both are
 * built on the real ESCO labels (public/data/esco) and asked the same queries: occupation labels
 * in English and German, labels with typos, German compounds and resume sentences, with prefix and
 * typo matching on and off.
 */
import { readFileSync } from 'node:fs';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeDataFiles } from '../../tools/data/nodeFiles';
import { EscoData } from '../../workers/engine/esco/store';
import { Decompounder } from '../../workers/engine/search/decompound';
import { ENTRY_WEIGHT, LexicalIndex, type LexicalDoc, type LexicalHit } from '../../workers/engine/search/lexical';
import { lexicalDocs } from '../../workers/engine/search/lexicalCorpus';
import { segmentText } from '../../workers/engine/search/segment';
import { isStopword, wordTokens } from '../../workers/engine/search/tokenize';

// ---- Reference: the MiniSearch-based LexicalIndex as it was (search and build unchanged). ----

interface TextDoc {
  id: number;
  text: string;
}

class ReferenceLexicalIndex {
  private constructor(
    private readonly labelEngine: MiniSearch<TextDoc>,
    private readonly labelOwner: Int32Array,
    private readonly entryEngine: MiniSearch<TextDoc>,
  ) {}

  static build(docs: LexicalDoc[]): ReferenceLexicalIndex {
    const words = new Set<string>();
    for (const doc of docs) {
      for (const label of doc.labels) for (const w of wordTokens(label)) words.add(w);
      for (const label of doc.english ?? []) for (const w of wordTokens(label)) words.add(w);
    }
    const decompounder = new Decompounder(words);
    const expand = (term: string) => {
      if (!term || isStopword(term)) return null;
      const parts = decompounder.split(term);
      return parts.length ? [term, ...parts] : term;
    };
    const options: Options<TextDoc> = {
      fields: ['text'],
      idField: 'id',
      tokenize: (text) => text.split(' '),
      processTerm: expand,
      searchOptions: { bm25: { k: 1.2, b: 0.75, d: 0 }, tokenize: wordTokens, processTerm: expand },
    };
    const labelEngine = new MiniSearch<TextDoc>(options);
    const entryEngine = new MiniSearch<TextDoc>(options);
    const owners: number[] = [];
    const labelDocs: TextDoc[] = [];
    const entryDocs: TextDoc[] = [];
    for (const doc of docs) {
      const entryTokens: string[] = [];
      for (const label of new Set([...doc.labels, ...(doc.english ?? [])])) {
        const tokens = wordTokens(label);
        if (!tokens.length) continue;
        labelDocs.push({ id: labelDocs.length, text: tokens.join(' ') });
        owners.push(doc.id);
        entryTokens.push(...tokens);
      }
      if (doc.description) entryTokens.push(...wordTokens(doc.description));
      entryDocs.push({ id: doc.id, text: entryTokens.join(' ') });
    }
    labelEngine.addAll(labelDocs);
    entryEngine.addAll(entryDocs);
    return new ReferenceLexicalIndex(labelEngine, Int32Array.from(owners), entryEngine);
  }

  search(query: string, limit: number, options: { loose?: boolean } = {}): LexicalHit[] {
    const loose = options.loose ?? true;
    const searchOptions: SearchOptions = {
      combineWith: 'OR',
      prefix: loose ? (term) => term.length >= 5 : false,
      fuzzy: loose ? (term) => (term.length >= 7 ? 0.15 : false) : false,
    };
    const scores = new Map<number, number>();
    for (const r of this.labelEngine.search(query, searchOptions)) {
      const entry = this.labelOwner[r.id as number];
      const score = r.score / Math.max(1, r.queryTerms.length);
      if (!(scores.get(entry)! >= score)) scores.set(entry, score);
    }
    for (const r of this.entryEngine.search(query, searchOptions)) {
      const entry = r.id as number;
      scores.set(entry, (scores.get(entry) ?? 0) + (ENTRY_WEIGHT * r.score) / Math.max(1, r.queryTerms.length));
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }
}

/** rank.ts's lexicalKnownShare as it was, on the reference index. */
function referenceKnownShare(index: ReferenceLexicalIndex, query: string): number {
  const terms = [...new Set(wordTokens(query).filter((t) => !isStopword(t)))];
  if (!terms.length) return 0;
  return terms.filter((t) => index.search(t, 1, { loose: false }).length > 0).length / terms.length;
}

// ---- Queries ----

/** Every `step`-th item, at most `count`. */
const spread = <T>(items: T[], count: number) => items.filter((_, i) => i % Math.max(1, Math.floor(items.length / count)) === 0).slice(0, count);

/** A deterministic typo: swap two letters in the middle of the longest word, drop one of another. */
function typo(label: string, seed: number): string {
  const words = label.split(' ');
  const longest = words.reduce((best, w, i) => (w.length > words[best].length ? i : best), 0);
  const w = words[longest];
  if (w.length >= 4) {
    const at = 1 + (seed % (w.length - 2));
    words[longest] = seed % 2 ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w.slice(0, at) + w.slice(at + 1);
  }
  return words.join(' ');
}

function expectSameHits(actual: LexicalHit[], expected: LexicalHit[], query: string) {
  expect(actual.map((h) => h.id), query).toEqual(expected.map((h) => h.id));
  actual.forEach((h, i) => {
    const ref = expected[i].score;
    expect(Math.abs(h.score - ref) / ref, `${query} #${i}`).toBeLessThan(1e-4);
  });
}

interface Case {
  name: string;
  queries: string[];
  limit: number;
}

function checkParity(fresh: () => { index: LexicalIndex; reference: ReferenceLexicalIndex }, cases: () => Case[]) {
  for (const loose of [false, true]) {
    it(`same hits with prefix and typo matching ${loose ? 'on' : 'off'}`, () => {
      const { index, reference } = fresh();
      let compared = 0;
      for (const { queries, limit } of cases()) {
        for (const q of queries) {
          const expected = reference.search(q, limit, { loose });
          expectSameHits(index.search(q, limit, { loose }), expected, q);
          compared += expected.length;
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });
  }
  it('same share of known words', () => {
    const { index, reference } = fresh();
    for (const { queries } of cases()) {
      for (const q of queries) {
        const share = index.knownShare(q);
        expect(share, q).toBe(referenceKnownShare(reference, q));
      }
    }
  });
}

let data: EscoData;
let resumeSegments: string[];
beforeAll(async () => {
  data = await EscoData.open(nodeDataFiles());
  const resume = readFileSync('bench/fixtures/resume-600w.txt', 'utf8');
  resumeSegments = segmentText(resume, { locale: 'en' }).map((s) => s.text);
});

async function bothIndexes(target: 'occupations' | 'skills', lang: 'en' | 'de', withDescriptions = false) {
  const docs = await lexicalDocs(data, target, lang, withDescriptions);
  return { docs, index: await LexicalIndex.buildAsync(docs), reference: ReferenceLexicalIndex.build(docs) };
}

describe('BM25 parity with the MiniSearch reference: occupations, English', () => {
  let built: Awaited<ReturnType<typeof bothIndexes>>;
  beforeAll(async () => {
    built = await bothIndexes('occupations', 'en');
  });
  const cases = (): Case[] => {
    const labels = built.docs.flatMap((d) => d.labels);
    return [
      { name: 'labels', queries: spread(labels, 150), limit: 50 },
      { name: 'typos', queries: spread(labels.slice(7), 80).map(typo), limit: 50 },
      { name: 'resume sentences', queries: resumeSegments, limit: 20 },
      { name: 'edge cases', queries: ['', 'the and of', 'manager manager', 'C++ developer', 'xyzzyq'], limit: 10 },
    ];
  };
  checkParity(() => built, cases);
});

describe('BM25 parity with the MiniSearch reference: occupations, German', () => {
  let built: Awaited<ReturnType<typeof bothIndexes>>;
  beforeAll(async () => {
    built = await bothIndexes('occupations', 'de');
  });
  const cases = (): Case[] => {
    const labels = built.docs.flatMap((d) => d.labels);
    // Compounds: single-word labels the index splits, and two-word labels written as one word.
    const compounds = labels.filter((l) => !l.includes(' ') && built.index.compoundParts(l).length > 0);
    const joined = labels.filter((l) => /^\p{L}+ \p{L}+$/u.test(l)).map((l) => l.split(' ').reverse().join('').toLowerCase());
    return [
      { name: 'labels', queries: spread(labels, 120), limit: 50 },
      { name: 'compounds', queries: [...spread(compounds, 60), ...spread(joined, 40)], limit: 50 },
      { name: 'typos', queries: spread(compounds.slice(3), 50).map(typo), limit: 50 },
    ];
  };
  it('has compound words among the queries', () => {
    expect(cases()[1].queries.length).toBeGreaterThan(50);
  });
  checkParity(() => built, cases);
});

describe('BM25 parity with the MiniSearch reference: skills, English', () => {
  let built: Awaited<ReturnType<typeof bothIndexes>>;
  beforeAll(async () => {
    built = await bothIndexes('skills', 'en');
  });
  const cases = (): Case[] => [
    { name: 'resume sentences', queries: resumeSegments, limit: 20 },
    { name: 'skill labels', queries: spread(built.docs.flatMap((d) => d.labels), 60), limit: 20 },
  ];
  checkParity(() => built, cases);
});

describe('BM25 parity with the MiniSearch reference: occupations with descriptions, English', () => {
  let built: Awaited<ReturnType<typeof bothIndexes>>;
  beforeAll(async () => {
    built = await bothIndexes('occupations', 'en', true);
  });
  const cases = (): Case[] => [
    { name: 'resume sentences', queries: resumeSegments, limit: 20 },
    { name: 'labels', queries: spread(built.docs.flatMap((d) => d.labels), 60), limit: 50 },
  ];
  checkParity(() => built, cases);
});
