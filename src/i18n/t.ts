import { useCallback } from 'react';
import { useLang, type UiLang } from './lang';
import { common } from './strings/common';

/**
 * Strings of one feature: English is the reference; German must have exactly the same keys
 * (the type checker says which are missing).
 */
export type Strings<K extends string> = { en: Record<K, string> } & { [L in Exclude<UiLang, 'en'>]: Record<K, string> };

export function defineStrings<const E extends Record<string, string>>(strings: {
  en: E;
  de: { [K in keyof E]: string };
}): Strings<Extract<keyof E, string>> {
  return strings as Strings<Extract<keyof E, string>>;
}

export type Vars = Record<string, string | number>;
export type TFunction<K extends string> = (key: K, vars?: Vars) => string;

/** Replaces {name} placeholders; numbers are formatted for the interface language. */
export function format(template: string, vars: Vars | undefined, lang: UiLang): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(lang) : value;
  });
}

export function translate<K extends string>(strings: Strings<K>, lang: UiLang, key: K, vars?: Vars): string {
  const template = strings[lang][key] ?? strings.en[key] ?? key;
  return format(template, vars, lang);
}

/**
 * `const t = useT(resumeStrings); t('title')`. Without an argument, the shared strings in
 * strings/common.ts. Re-renders when the interface language changes.
 */
export function useT(): TFunction<keyof (typeof common)['en'] & string>;
export function useT<K extends string>(strings: Strings<K>): TFunction<K>;
export function useT<K extends string>(strings?: Strings<K>): TFunction<K> {
  const { lang } = useLang();
  const table = (strings ?? common) as Strings<K>;
  return useCallback((key: K, vars?: Vars) => translate(table, lang, key, vars), [table, lang]);
}
