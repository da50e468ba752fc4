import type { Lang, ProgressEvent } from '../../workers/api';

export type WidgetMode = 'titles' | 'resume' | 'skills';
export const WIDGET_MODES: WidgetMode[] = ['titles', 'resume', 'skills'];

/** One ranked ESCO entry, as shown and as sent in the `match` event. */
export interface RankedItem {
  /** ESCO concept URI. */
  id: string;
  label: string;
  score: number;
  /** ESCO portal page. */
  url: string;
}

/** `match` event detail: what was analysed and the ranked results, best first. */
export interface MatchDetail {
  mode: WidgetMode;
  text: string;
  lang: Lang;
  model: string;
  /** Occupations (titles and resume modes; empty in skills mode). */
  occupations: RankedItem[];
  /** Skills (resume and skills modes; empty in titles mode). */
  skills: RankedItem[];
}

export interface ErrorDetail {
  message: string;
}

export type ProgressDetail = ProgressEvent;
