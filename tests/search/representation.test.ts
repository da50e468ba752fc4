import { describe, expect, it } from 'vitest';
import { buildCentroids, entryLanguages, occupationTexts, resolveTemplate, templateKey } from '../../workers/engine/search/representation';
import { buildEmbeddingIndex } from '../../workers/engine/search/buildIndex';
import { decodeIndex } from '../../workers/engine/search/indexFormat';
import { bagOfWordsEmbedder, smallEscoData } from './helpers';

const entry = {
  labels: { en: ['nurse', 'registered nurse', 'nursing professional'], de: ['Pflegefachkraft', 'Krankenpfleger'] },
  descriptions: { en: 'Nurses care for patients.' },
  isco: { en: 'Nursing professionals' },
};

describe('occupation representations', () => {
  it('fills a text template', () => {
    expect(occupationTexts(entry, 'en', resolveTemplate('label-description'))).toEqual(['nurse: Nurses care for patients.']);
    expect(occupationTexts(entry, 'de', resolveTemplate('label-description'))).toEqual(['Pflegefachkraft']);
    const custom = { ...resolveTemplate('label'), maxAlts: 5, format: '{label} ({isco}); also {alts}' };
    expect(occupationTexts(entry, 'en', custom)).toEqual(['nurse (Nursing professionals); also registered nurse, nursing professional']);
  });

  it('lists the pieces of a centroid', () => {
    const t = { ...resolveTemplate('labels-description-centroid'), maxAlts: 1 };
    expect(occupationTexts(entry, 'en', t)).toEqual(['nurse', 'registered nurse', 'Nurses care for patients.']);
    expect(occupationTexts(entry, 'fr', t)).toEqual([]);
    expect(entryLanguages(entry, resolveTemplate('labels-centroid'))).toEqual(['en', 'de']);
    expect(entryLanguages({ labels: { en: ['x'] } }, { ...resolveTemplate('label'), langs: ['de'] })).toEqual(['en']);
  });

  it('averages normalized rows per group and normalizes the mean', () => {
    const vectors = Float32Array.from([2, 0, 0, 3, 5, 5]);
    const c = buildCentroids(vectors, 2, [0, 2, 3]);
    expect(c[0]).toBeCloseTo(Math.SQRT1_2);
    expect(c[1]).toBeCloseTo(Math.SQRT1_2);
    expect(c[2]).toBeCloseTo(Math.SQRT1_2);
  });

  it('names unknown presets and keys templates by content', () => {
    expect(() => resolveTemplate('nope')).toThrow(/unknown index template "nope"/);
    expect(templateKey(resolveTemplate('label'))).not.toBe(templateKey(resolveTemplate('label-description')));
  });

  it('builds one row per entry for a centroid and one per language with rowPerLang', async () => {
    const { data } = await smallEscoData();
    const one = await buildEmbeddingIndex(data, 'occupations', bagOfWordsEmbedder(), { template: resolveTemplate('labels-centroid') });
    expect(decodeIndex(one.bytes)).toMatchObject({ entries: 6, rows: 6 });
    const per = await buildEmbeddingIndex(data, 'occupations', bagOfWordsEmbedder(), { template: resolveTemplate('labels-per-language') });
    const index = decodeIndex(per.bytes);
    expect(index).toMatchObject({ entries: 6, rows: 12 }); // every test occupation has en + de labels
    expect(Array.from(index.firstRow!)).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });
});
