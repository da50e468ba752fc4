export { useT, defineStrings, translate, format, type Strings, type TFunction, type Vars } from './t';
export {
  useLang,
  setUiLang,
  setContentLang,
  getUiLang,
  getContentLang,
  UI_LANGS,
  CONTENT_LANGS,
  LANG_NAMES,
  type UiLang,
} from './lang';
export { formatBytes, formatScore } from './format';
