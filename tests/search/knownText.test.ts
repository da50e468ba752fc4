import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../../tools/data/nodeFiles';
import { KNOWN_WORDS_FILE, KnownWords } from '../../workers/engine/embed/knownWords';
import { embedSegments } from '../../workers/engine/search/analyze';
import type { TextEmbedder } from '../../workers/engine/search/buildIndex';
import { KnownWordFilter } from '../../workers/engine/search/knownText';
import { segmentText } from '../../workers/engine/search/segment';

const small = KnownWords.parse('registered\nnurse\non\na\nsurgical\nward\nbehandlung\npflege\nund\nsoftware\nengineer\nat\nin\n');

describe('KnownWordFilter: the words of a long text the model saw in training', () => {
  it('drops names and places, keeps punctuation and numbers, and leaves a text with nothing to drop as it is', () => {
    const filter = new KnownWordFilter(small);
    expect(filter.keep('Registered nurse at Mercy Hospital, Chicago (2015–2020)', 'en')).toBe('registered nurse at , ( 2015 – 2020 )');
    expect(filter.keep('Registered nurse on a surgical ward', 'en')).toBe('Registered nurse on a surgical ward');
  });

  it('keeps a text whose words are all unknown: their pieces are all the model has', () => {
    expect(new KnownWordFilter(small).keep('Kubernetes, Terraform', 'en')).toBe('Kubernetes, Terraform');
  });

  it('keeps a German or Dutch compound of known words, not an English run-together word', () => {
    expect(new KnownWordFilter(small).keep('Behandlungspflege und Wundmanagement', 'de')).toBe('behandlungspflege und');
    expect(new KnownWordFilter(small).keep('softwareengineer in Berlin', 'en')).toBe('in');
  });

  it('with the default model’s list: a resume line loses its company and city, a German nursing line keeps its compounds', () => {
    const shipped = KnownWords.parse(readFileSync(join(PUBLIC_DIR, 'models', 'esco-static-v1', KNOWN_WORDS_FILE), 'utf8'));
    expect(new KnownWordFilter(shipped).keep('Senior software engineer at Zalando, Berlin', 'en')).not.toMatch(/zalando/);
    expect(new KnownWordFilter(shipped).keep('Senior software engineer at Zalando, Berlin', 'en')).toMatch(/^senior software engineer at/);
    expect(new KnownWordFilter(shipped).keep('Grundpflege und Behandlungspflege', 'de')).toBe('Grundpflege und Behandlungspflege');
  });

  it('measures the part of a query the keyword index knows and the model does not, word by word', () => {
    const filter = new KnownWordFilter(small);
    // The index holds "neurosurgeon" as a term (a hidden label); the model never saw it.
    const index = (terms: Record<string, 'whole' | 'indirect'>) => ({ knowsHow: (w: string) => terms[w] ?? null });
    expect(filter.gap('neurosurgeon', index({ neurosurgeon: 'whole' }))).toBe(1);
    expect(filter.gap('surgical neurosurgeon', index({ neurosurgeon: 'whole', surgical: 'whole' }))).toBe(0.5);
    // Known to the index only by its parts, as the model knows it: no gap, whatever the language.
    expect(filter.gap('Behandlungspflege', index({ behandlungspflege: 'indirect' }))).toBe(0);
    // Unknown to the index: nothing for the keyword side to decide.
    expect(filter.gap('Zalando', index({}))).toBe(0);
  });

  it('rejects an empty or binary word list', () => {
    expect(() => KnownWords.parse('\n \n')).toThrow(/lists no words/);
    expect(() => KnownWords.parse('nurse\u0000\u0001')).toThrow(/not a text file/);
  });
});

describe('embedSegments', () => {
  const recorder = (knownWords?: KnownWords) => {
    const seen: string[] = [];
    const embedder: TextEmbedder = {
      dim: 2,
      recipe: { recipeHash: 'recorder' },
      async embed(texts) {
        seen.push(...texts);
        return new Float32Array(texts.map(() => [1, 0]).flat());
      },
      ...(knownWords ? { knownWords: async () => knownWords } : {}),
    };
    return { embedder, seen };
  };
  const segments = segmentText('Registered nurse at Mercy Hospital.\nSoftware engineer in Austin.', { locale: 'en' });

  it('embeds each segment without the words the model lists as unknown to it', async () => {
    const { embedder, seen } = recorder(small);
    await embedSegments(embedder, segments, 'en');
    expect(seen).toEqual(['registered nurse at .', 'software engineer in .']);
  });

  it('embeds every word for a model without a list (the reference transformers)', async () => {
    const { embedder, seen } = recorder();
    await embedSegments(embedder, segments, 'en');
    expect(seen).toEqual(segments.map((s) => s.text));
  });
});
