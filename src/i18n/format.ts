import type { UiLang } from './lang';

export function formatBytes(bytes: number, lang: UiLang): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'kB', 'MB', 'GB'];
  const exponent = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1000)));
  const value = bytes / 1000 ** exponent;
  return `${value.toLocaleString(lang, { maximumFractionDigits: value < 10 && exponent > 0 ? 1 : 0 })} ${units[exponent]}`;
}

/** Similarity scores as two decimals (0.83), in the interface language's notation (0,83). */
export function formatScore(score: number, lang: UiLang): string {
  return score.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
