import { describe, expect, it } from 'vitest';
import { detectLang, detectLangs, listLangs } from '../../workers/engine/search/language';

describe('detectLangs', () => {
  it('tells the language of short job titles in every ESCO language', async () => {
    const titles: Record<string, string> = {
      'Software developer': 'en',
      'registered nurse': 'en',
      Buchhalterin: 'de',
      Kassiererin: 'de',
      Grundschullehrerin: 'de',
      'desarrollador de software': 'es',
      enfermera: 'es',
      infirmière: 'fr',
      'directeur commercial': 'fr',
      Boekhouder: 'nl',
      Contabilista: 'pt',
      'motorista de camião': 'pt',
    };
    expect(await detectLangs(Object.keys(titles))).toEqual(Object.values(titles));
  });

  it('tells the language of a resume paragraph', async () => {
    const text =
      'Berufserfahrung: Seit 2020 arbeite ich als Softwareentwicklerin bei einer Versicherung in Köln und entwickle Webanwendungen mit Java und Angular.';
    expect(await detectLang(text)).toBe('de');
  });

  it('answers the fallback for a text without letters', async () => {
    expect(await detectLangs(['12345', '— 2019 –'], 'fr')).toEqual(['fr', 'fr']);
    expect(await detectLang('')).toBe('en');
  });
});

describe('listLangs', () => {
  const english = ['Software developer', 'registered nurse', 'primary school teacher', 'warehouse worker', 'accountant', 'head of marketing', 'customer service representative', 'project manager', 'sales assistant'];

  it('keeps each language that a fair share of the list is in', async () => {
    expect(await listLangs(['Kassiererin', 'Buchhalterin', 'accountant', 'registered nurse', 'Software developer'])).toEqual(['de', 'de', 'en', 'en', 'en']);
  });

  it('searches a lone title of another language in the main language of the list', async () => {
    const langs = await listLangs([...english, 'Kassiererin']);
    expect(langs).toEqual(new Array(10).fill('en'));
    // Alone, the same title is German.
    expect(await listLangs(['Kassiererin'])).toEqual(['de']);
  });

  it('answers an empty list with an empty list', async () => {
    expect(await listLangs([])).toEqual([]);
  });
});
