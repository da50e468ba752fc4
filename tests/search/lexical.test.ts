import { describe, expect, it } from 'vitest';
import { Decompounder } from '../../workers/engine/search/decompound';
import { LexicalIndex } from '../../workers/engine/search/lexical';
import { foldText, wordTokens } from '../../workers/engine/search/tokenize';

const docs = [
  { id: 0, labels: ['Lehrer/Lehrerin', 'Lehrkraft'] },
  { id: 1, labels: ['Entwickler Software/Entwicklerin Software', 'Anwendungsentwickler/Anwendungsentwicklerin'] },
  { id: 2, labels: ['Krankenpfleger/Krankenpflegerin', 'Pflegefachkraft'] },
  { id: 3, labels: ['Koch/Köchin', 'Küchenchef/Küchenchefin'] },
  { id: 4, labels: ['Software-Tester/Software-Testerin', 'Testanalyst/Testanalystin'] },
  { id: 5, labels: ['director técnico/directora técnica'] },
  { id: 6, labels: ['Tierpfleger/Tierpflegerin', 'Pfleger für Tiere'] },
];

describe('tokenizer', () => {
  it('folds case and accents and splits gendered forms at the slash', () => {
    expect(foldText('Köchin Técnica Straße')).toBe('kochin tecnica strasse');
    expect(wordTokens('Lehrer/Lehrerin')).toEqual(['lehrer', 'lehrerin']);
    expect(wordTokens('C++ and C# developer')).toEqual(['c++', 'and', 'c#', 'developer']);
  });
});

describe('decompounder', () => {
  it('splits a compound into known words, with linking elements', () => {
    const d = new Decompounder(['software', 'entwickler', 'arbeit', 'vermittler', 'kranken', 'pfleger']);
    expect(d.split('softwareentwickler')).toEqual(['software', 'entwickler']);
    expect(d.split('arbeitsvermittler')).toEqual(['arbeit', 'vermittler']);
    expect(d.split('softwarexyz')).toEqual([]);
    expect(d.split('software')).toEqual([]);
    // unknown first part, known head
    expect(d.split('altenpfleger')).toEqual(['alten', 'pfleger']);
  });
});

describe('BM25 lexical index', () => {
  const index = LexicalIndex.build(docs);

  it('finds a gendered label by either form', () => {
    expect(index.search('Lehrerin', 3)[0].id).toBe(0);
    expect(index.search('Lehrer', 3)[0].id).toBe(0);
    expect(index.search('directora tecnica', 3)[0].id).toBe(5);
  });

  it('matches a German compound query to a label written as separate words', () => {
    expect(index.compoundParts('Softwareentwickler')).toEqual(['software', 'entwickler']);
    const hits = index.search('Softwareentwickler', 3, { loose: false });
    expect(hits[0].id).toBe(1);
  });

  it('matches a word to the compound labels that contain it', () => {
    const ids = index.search('Pfleger', 5, { loose: false }).map((h) => h.id);
    expect(ids).toContain(2);
    expect(ids).toContain(6);
  });

  it('returns nothing for words no label has', () => {
    expect(index.search('astronaut', 3, { loose: false })).toEqual([]);
  });

  it('tells which share of the query words it knows, compounds by their parts', () => {
    expect(index.knownShare('Softwareentwickler und Astronaut')).toBe(0.5);
    expect(index.knownShare('Koch Koch')).toBe(1);
    expect(index.knownShare('und oder')).toBe(0);
  });

  it('gives the same results when built in slices', async () => {
    const sliced = await LexicalIndex.buildAsync(docs);
    expect(sliced.search('Küchenchefin Koch', 5)).toEqual(index.search('Küchenchefin Koch', 5));
  });
});
