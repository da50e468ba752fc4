/**
 * Guesses which ESCO language a long text is in (franc-min, trigram statistics), so BM25 uses the
 * right labels when the caller did not say. Short texts give unreliable guesses: below
 * MIN_LENGTH characters the answer is English, the language every ESCO entry has.
 */
import { franc } from 'franc-min';
import type { Lang } from '../../api';

const ISO3: Record<string, Lang> = { eng: 'en', deu: 'de', spa: 'es', fra: 'fr', nld: 'nl', por: 'pt' };
const MIN_LENGTH = 40;

export function detectLang(text: string, fallback: Lang = 'en'): Lang {
  if (text.length < MIN_LENGTH) return fallback;
  const code = franc(text.slice(0, 5000), { only: Object.keys(ISO3), minLength: MIN_LENGTH });
  return ISO3[code] ?? fallback;
}
