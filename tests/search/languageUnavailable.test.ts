import { afterEach, describe, expect, it, vi } from 'vitest';

describe('the language detector cannot load', () => {
  afterEach(() => {
    vi.doUnmock('eld/extrasmall');
    vi.resetModules();
    vi.restoreAllMocks();
  });

  it('searches in the fallback language and says why, instead of failing the search', async () => {
    vi.resetModules();
    vi.doMock('eld/extrasmall', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { detectLangs, listLangs } = await import('../../workers/engine/search/language');
    expect(await detectLangs(['Kassiererin', 'enfermera'])).toEqual(['en', 'en']);
    expect(await listLangs(['Kassiererin'], 'de')).toEqual(['de']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/language detector could not be loaded \(.+\); searching in en/));
  });
});
