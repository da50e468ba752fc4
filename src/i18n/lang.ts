import { createStore, useStore } from '../state/store';
import { loadSmall, saveSmall } from '../state/persist';
import type { Lang } from '../../workers/api';

/** Languages the interface is written in. */
export const UI_LANGS = ['en', 'de'] as const;
export type UiLang = (typeof UI_LANGS)[number];

/** Languages ESCO content (labels, descriptions) can be shown in. */
export const CONTENT_LANGS: readonly Lang[] = ['en', 'de', 'es', 'fr', 'nl', 'pt'];

/** Each language's name in itself, so a person finds their own language in any interface. */
export const LANG_NAMES: Record<Lang, string> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  nl: 'Nederlands',
  pt: 'Português',
};

function browserUiLang(): UiLang {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if ((UI_LANGS as readonly string[]).includes(base)) return base as UiLang;
  }
  return 'en';
}

function browserContentLang(): Lang {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if ((CONTENT_LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

const uiLangStore = createStore<UiLang>(loadSmall<UiLang | null>('uiLang', null) ?? browserUiLang());
const contentLangStore = createStore<Lang>(loadSmall<Lang | null>('contentLang', null) ?? browserContentLang());

function applyDocumentLang(lang: UiLang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
applyDocumentLang(uiLangStore.get());

export function setUiLang(lang: UiLang): void {
  uiLangStore.set(lang);
  saveSmall('uiLang', lang);
  applyDocumentLang(lang);
}

export function setContentLang(lang: Lang): void {
  contentLangStore.set(lang);
  saveSmall('contentLang', lang);
}

export function getUiLang(): UiLang {
  return uiLangStore.get();
}
export function getContentLang(): Lang {
  return contentLangStore.get();
}

/**
 * Interface language (en/de: browser language first, then the user's choice, persisted) and the
 * ESCO content language (chosen separately: a German counsellor may want English ESCO labels).
 */
export function useLang(): {
  lang: UiLang;
  setLang: (lang: UiLang) => void;
  contentLang: Lang;
  setContentLang: (lang: Lang) => void;
} {
  const lang = useStore(uiLangStore);
  const contentLang = useStore(contentLangStore);
  return { lang, setLang: setUiLang, contentLang, setContentLang };
}
