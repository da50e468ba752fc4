import { afterEach, describe, expect, it, vi } from 'vitest';
import { learnTranslations } from '../../tools/data/translations';
import { EscoData } from '../../workers/engine/esco/store';
import { LexicalIndex } from '../../workers/engine/search/lexical';
import { SearchEngine } from '../../workers/engine/search/engine';
import { checkTranslationTable, QueryTranslator, TranslatingLexical, translateEveryWord, TRANSLATION_FORMAT, translationTablePath, type TranslationTable } from '../../workers/engine/search/translate';
import { memoryFiles, smallEscoData } from './helpers';

const table = (words: Record<string, string[]>, lang: TranslationTable['lang'] = 'es'): TranslationTable => ({ format: TRANSLATION_FORMAT, lang, source: 'test', words });

describe('learnTranslations (ESCO labels of one concept in two languages)', () => {
  const concepts = [
    { labels: ['conductor de autobús', 'conductora de autobús'], english: ['bus driver', 'coach driver'] },
    { labels: ['conductor de camión'], english: ['lorry driver', 'truck driver'] },
    { labels: ['conductor de taxi', 'taxista'], english: ['taxi driver', 'cab driver'] },
    { labels: ['mecánico de autobús'], english: ['bus mechanic'] },
    { labels: ['enfermero', 'enfermera'], english: ['nurse'] },
  ];

  it('pairs a word with the English words of the concepts it labels, most specific first', () => {
    const words = learnTranslations(concepts);
    expect(words.conductor).toEqual(['driver']);
    expect(words.autobus).toEqual(['bus']);
    // A pair must share ≥ 2 concepts: "taxi" and "enfermero" label one concept each; "de" is a stopword.
    expect(words.taxi).toBeUndefined();
    expect(words.enfermero).toBeUndefined();
    expect(words.de).toBeUndefined();
  });

  it('learns compound parts as words of their own', () => {
    const words = learnTranslations([
      { labels: ['Krankenpflege'], english: ['nursing'] },
      { labels: ['Altenpflege'], english: ['elderly care', 'nursing'] },
      { labels: ['Pflege im Garten'], english: ['garden maintenance'] },
    ]);
    // "pflege" is a word of one label only; as a part of "krankenpflege" and "altenpflege" it meets "nursing" twice.
    expect(words.pflege).toEqual(['nursing']);
  });

  it('gives the same table for the same labels, whatever their order', () => {
    expect(JSON.stringify(learnTranslations([...concepts].reverse()))).toBe(JSON.stringify(learnTranslations(concepts)));
  });
});

describe('QueryTranslator', () => {
  const translator = new QueryTranslator(table({ software: ['software'], entwicklerin: ['developer'], pflege: ['care', 'nursing'] }, 'de'));

  it('translates a word, or the parts of a compound the table knows', () => {
    expect(translator.translate('pflege')).toEqual(['care', 'nursing']);
    expect(translator.translate('softwareentwicklerin')).toEqual(['software', 'developer']);
    expect(translator.translate('astronaut')).toEqual([]);
  });

  it('rejects a file that is not a table of the language asked for', () => {
    expect(() => checkTranslationTable(table({}, 'de'), 'es')).toThrow(/translation table for "es"/);
    expect(() => checkTranslationTable({ format: 99, lang: 'es', words: {} }, 'es')).toThrow(translationTablePath('es'));
    expect(() => checkTranslationTable(null, 'es')).toThrow();
  });
});

describe('TranslatingLexical', () => {
  const english = LexicalIndex.build([
    { id: 0, labels: ['bus driver'] },
    { id: 1, labels: ['bus mechanic'] },
    { id: 2, labels: ['nurse'] },
  ]);
  const spanish = new TranslatingLexical(english, new QueryTranslator(table({ conductora: ['driver', 'chauffeur'], autobus: ['bus'] })));

  it('finds the English label of a Spanish query that the English index alone does not find', () => {
    expect(english.search('conductora de autobús', 10)).toEqual([]);
    const hits = spanish.search('conductora de autobús', 10);
    expect(hits.map((h) => h.id)).toEqual([0, 1]);
    expect(english.knownShare('conductora de autobús')).toBe(0);
    expect(spanish.knownShare('conductora de autobús')).toBe(1);
    expect(spanish.knownShare('conductora de astronave')).toBe(0.5);
  });

  it('leaves the words the index knows as they are, unless the language labels few of its entries', () => {
    expect(spanish.expand('bus nurse')).toBe('bus nurse');
    expect(spanish.search('nurse', 10)).toEqual(english.search('nurse', 10));
    const german = LexicalIndex.build([
      { id: 0, labels: ['Pflege von Grünflächen'], english: ['green space strategies'] },
      { id: 1, labels: ['nursing science'] },
      { id: 2, labels: ['provide basic care'] },
    ]);
    const words = new QueryTranslator(table({ pflege: ['nursing', 'care'] }, 'de'));
    // "Pflege" is known to the one entry with a German label; translated, it finds the others too.
    expect(new TranslatingLexical(german, words).search('Pflege', 10).map((h) => h.id)).toEqual([0]);
    expect(new TranslatingLexical(german, words, true).search('Pflege', 10).map((h) => h.id).sort()).toEqual([0, 1, 2]);
    expect(translateEveryWord(2207, 13896)).toBe(true);
    expect(translateEveryWord(0, 13896)).toBe(true);
    expect(translateEveryWord(13379, 13896)).toBe(false);
    expect(translateEveryWord(0, 0)).toBe(false);
  });
});

describe('SearchEngine with translation tables', () => {
  afterEach(() => vi.restoreAllMocks());

  it('searches the English labels with the translated words of a query in another language', async () => {
    const { files } = await smallEscoData();
    // The small data has German occupation labels but English skill labels only, as ESCO's skills in nl and pt.
    files.set(translationTablePath('de'), new TextEncoder().encode(JSON.stringify(table({ programmieren: ['programming', 'code'] }, 'de'))));
    const engine = new SearchEngine({ data: (await smallEscoData()).data, modelFiles: memoryFiles(new Map()) });
    const withTable = new SearchEngine({ data: await EscoData.open(memoryFiles(files)), modelFiles: memoryFiles(new Map()) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [without] = await engine.search(null, ['Programmieren'], { target: 'skills', k: 3, lang: 'de', mode: 'lexical' });
    expect(without).toEqual([]);
    // No table in those files: a warning that names the file, and a search without translations.
    expect(warn.mock.calls.flat().join(' ')).toContain(translationTablePath('de'));
    const [found] = await withTable.search(null, ['Programmieren'], { target: 'skills', k: 3, lang: 'de', mode: 'lexical' });
    expect(found[0].id).toBe('http://data.europa.eu/esco/skill/s1');
  });
});
