import { useMemo } from 'react';
import { useLang } from '../../i18n';

/**
 * Scores with two decimals in the interface language, like formatScore in src/i18n, but with one
 * Intl.NumberFormat reused: a page of the titles table formats hundreds of scores per render.
 */
export function useScoreFormat(): (score: number) => string {
  const { lang } = useLang();
  return useMemo(() => {
    const format = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (score: number) => format.format(score);
  }, [lang]);
}
