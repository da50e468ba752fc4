import { useSyncExternalStore } from 'react';

/** Sections of the app; the URL hash (#/resume) keeps the section across reloads and Back. */
export const ROUTES = ['resume', 'titles', 'course', 'matrix', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

function readRoute(): Route {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'resume';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, readRoute, () => 'resume' as Route);
}

export function routeHref(route: Route): string {
  return `#/${route}`;
}
