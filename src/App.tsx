import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { CONTENT_LANGS, LANG_NAMES, UI_LANGS, useLang, useT } from './i18n';
import { ModelStatus } from './components/ModelStatus';
import { UpdatePrompt } from './pwa';
import { ROUTES, routeHref, useRoute, type Route } from './state/route';

const views: Record<Route, LazyExoticComponent<ComponentType>> = {
  resume: lazy(() => import('./views/resume/ResumeView')),
  titles: lazy(() => import('./views/titles/TitlesView')),
  course: lazy(() => import('./views/course/CourseView')),
  matrix: lazy(() => import('./views/matrix/MatrixView')),
  settings: lazy(() => import('./views/settings/SettingsView')),
};

const navKeys = {
  resume: 'navResume',
  titles: 'navTitles',
  course: 'navCourse',
  matrix: 'navMatrix',
  settings: 'navSettings',
} as const;

export default function App() {
  const t = useT();
  const { lang, setLang, contentLang, setContentLang } = useLang();
  const route = useRoute();
  const View = views[route];
  const mainRef = useRef<HTMLElement>(null);
  const shownRoute = useRef(route);

  useEffect(() => {
    document.title = `${t(navKeys[route])} · ${t('appTitle')}`;
    // After a section change, move focus to the content so keyboard and screen reader users land there.
    if (shownRoute.current !== route) mainRef.current?.focus();
    shownRoute.current = route;
  }, [route, t]);

  useEffect(() => {
    // Printing shows every result's details: open the <details> elements first.
    const openAll = () => document.querySelectorAll('main details').forEach((element) => ((element as HTMLDetailsElement).open = true));
    window.addEventListener('beforeprint', openAll);
    return () => window.removeEventListener('beforeprint', openAll);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus(); }}>
        {t('skipToContent')}
      </a>
      <header className="app-header no-print">
        <UpdatePrompt />
        <div className="brand">
          <h1>{t('appTitle')}</h1>
          <p className="tagline">{t('appTagline')}</p>
        </div>
        <div className="header-controls">
          <label>
            {t('interfaceLanguage')}
            <select value={lang} onChange={(event) => setLang(event.target.value as typeof lang)}>
              {UI_LANGS.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANG_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('contentLanguage')}
            <select value={contentLang} onChange={(event) => setContentLang(event.target.value as typeof contentLang)}>
              {CONTENT_LANGS.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANG_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <nav aria-label={t('navLabel')} className="app-nav">
          <ul>
            {ROUTES.map((name) => (
              <li key={name}>
                <a href={routeHref(name)} aria-current={route === name ? 'page' : undefined}>
                  {t(navKeys[name])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ModelStatus compact />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Suspense fallback={<p className="muted">{t('loadingView')}</p>}>
          <View />
        </Suspense>
      </main>
      <footer className="app-footer">
        <p className="esco-attribution">{t('escoAttribution')}</p>
        <p>
          <strong>{t('privacyTitle')}: </strong>
          {t('privacyText')} <a href={routeHref('settings')}>{t('privacyClear')}</a>
        </p>
      </footer>
    </div>
  );
}
