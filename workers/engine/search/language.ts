/**
 * Guesses which ESCO language a text is in when the caller did not say, so BM25 searches the
 * labels of that language (an index of another language holds the English labels too, so a wrong
 * guess costs little). The detector is eld (n-gram statistics, its smallest database, limited to
 * the six ESCO languages), loaded on first use: unlike franc (trigrams), it holds up on job titles
 * of two or three words. Measured by `npm run eval` (docs/EVAL.md, "Search without a language"):
 * eld names the language of 64–96 % of the held-out ESCO occupation labels per language and of
 * 90 % of 15,462 real English vacancy titles; franc 44–79 % and 37 %.
 */
import type { Lang } from '../../api';
import { LANGS } from '../esco/types';

interface Detector {
  detect(text: string): { language: string };
}

/** Enough text to tell the language; longer texts are cut here (a resume's start is as good as all of it). */
const MAX_CHARS = 2000;

let detector: Promise<Detector> | null = null;

function loadDetector(): Promise<Detector> {
  if (!detector) {
    detector = import('eld/extrasmall').then(({ eld }) => {
      eld.setLanguageSubset([...LANGS]);
      return eld;
    });
    // A failed load (e.g. its file missing offline) is tried again on the next call.
    detector.catch(() => (detector = null));
  }
  return detector;
}

/** Loads the detector ahead of its first use (it takes ~0.2 s); failures surface on use. */
export async function prepareLanguageDetector(): Promise<void> {
  await loadDetector();
}

function isLang(code: string): code is Lang {
  return (LANGS as readonly string[]).includes(code);
}

/** The language of each text; `fallback` where a text has no letters to go by, or the detector cannot load. */
export async function detectLangs(texts: readonly string[], fallback: Lang = 'en'): Promise<Lang[]> {
  let eld: Detector;
  try {
    eld = await loadDetector();
  } catch (error) {
    // Searching without the detector still works: in the English labels, as before it existed.
    console.warn(`the language detector could not be loaded (${error instanceof Error ? error.message : String(error)}); searching in ${fallback}`);
    return texts.map(() => fallback);
  }
  return texts.map((text) => {
    const code = /\p{L}/u.test(text) ? eld.detect(text.slice(0, MAX_CHARS)).language : '';
    return isLang(code) ? code : fallback;
  });
}

export async function detectLang(text: string, fallback: Lang = 'en'): Promise<Lang> {
  return (await detectLangs([text], fallback))[0];
}

/**
 * Below this share of a list, a detected language is taken for a detection error: most lists are
 * in one language, and on 15,462 English vacancy titles the detector's wrong answers spread over
 * the other five languages at 0.5–4.8 % each. Those titles are searched in the list's main
 * language instead, which also spares building five lexical indexes for a few stray titles.
 */
export const MIN_LIST_SHARE = 0.15;

/** The language to search each text of a list in: its own, unless few texts of the list are in it. */
export async function listLangs(texts: readonly string[], fallback: Lang = 'en'): Promise<Lang[]> {
  return foldRareLangs(await detectLangs(texts, fallback));
}

/** Detected languages of a list, those of fewer than MIN_LIST_SHARE of it replaced by the list's main one. */
export function foldRareLangs(langs: readonly Lang[]): Lang[] {
  if (langs.length === 0) return [];
  const counts = new Map<Lang, number>();
  for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  const main = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  return langs.map((lang) => (counts.get(lang)! >= MIN_LIST_SHARE * langs.length ? lang : main));
}
