import type { EscoEntry, Hit, Lang, SearchMode, Segment } from '../../../workers/api';

/** One analysis of one resume text, as saved on the device (IndexedDB) and restored on reload. */
export interface ResumeResult {
  /** The exact text that was analysed (to tell when the input changed since). */
  text: string;
  /** The model used, or null when the model could not be loaded and only keywords were matched. */
  modelId: string | null;
  mode: SearchMode;
  /** Language the ESCO labels in `entries` were fetched in. */
  lang: Lang;
  createdAt: string;
  segments: Segment[];
  /** Candidate occupations from the model, before re-ranking by skills. */
  occupations: Hit[];
  /** Skills the model detected in the whole resume, with evidence segments. */
  skills: Hit[];
  /** ESCO details of every occupation and skill shown, by URI. */
  entries: Record<string, EscoEntry>;
}

/** The person's edits to the detected skill list. */
export interface SkillEdits {
  removed: string[];
  added: string[];
}

export const NO_EDITS: SkillEdits = { removed: [], added: [] };
