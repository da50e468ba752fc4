/**
 * The compact ESCO data the app ships in public/data/esco/ (written by `npm run data`,
 * tools/data/import.ts). Split so a view loads only what it needs:
 *
 *   meta.json                 data version, attribution, counts, languages, file sizes
 *   core.json                 ids (URI suffixes), ISCO groups and hierarchy, skill type / reuse level
 *   labels.<lang>.json        preferred + alternative labels per entry (null where ESCO has none),
 *                             and ESCO's hidden labels (for search only, never shown)
 *   descriptions.<lang>.json  descriptions per entry, fetched only when shown or indexed
 *   relations.bin             essential / optional skills per occupation as skill indexes (u16)
 *
 * Entries are addressed by their 0-based index in core.json; indexes of every other file follow
 * that order. Gendered labels are kept as ESCO writes them ("Lehrer/Lehrerin") for display, and
 * their split forms are listed among the alternative labels for indexing.
 */
import type { Lang, Target } from '../../api';

export const LANGS: readonly Lang[] = ['en', 'de', 'es', 'fr', 'nl', 'pt'];
export const DATA_FORMAT = 'esco-data/1';
export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

export interface EscoMeta {
  format: typeof DATA_FORMAT;
  /** Hash of all data files; part of every index's staleness key. */
  dataVersion: string;
  attribution: string;
  /** Which ESCO releases each part comes from. */
  sources: Record<string, string>;
  counts: { occupations: number; skills: number; relations: number; iscoGroups: number };
  /** Entries with labels, per target and language. */
  languages: Record<Target, Partial<Record<Lang, number>>>;
  /** Entries with a description, per target and language. */
  descriptions: Record<Target, Partial<Record<Lang, number>>>;
  /** Size in bytes of each file, for download estimates. */
  files: Record<string, number>;
}

export interface EscoCore {
  format: typeof DATA_FORMAT;
  uriPrefix: Record<Target, string>;
  occupations: {
    /** URI without uriPrefix.occupations (or the full URI when it has another prefix). */
    id: string[];
    /** Index into iscoGroups. */
    isco: number[];
    /** ESCO occupation code, e.g. "2512.4" ("" when none). */
    code: string[];
  };
  skills: {
    id: string[];
    /** Index into skillTypes / reuseLevels. */
    type: number[];
    reuse: number[];
  };
  skillTypes: string[];
  reuseLevels: string[];
  iscoGroups: {
    code: string[];
    /** Index of the broader group, -1 for the top level. */
    parent: number[];
  };
}

/** [preferred, ...alternatives] per entry; null where the language has no label for it. */
export type LabelList = string[] | null;

export interface LabelTable {
  lang: Lang;
  occupations: LabelList[];
  skills: LabelList[];
  /** ISCO group labels, null where missing. */
  iscoGroups: (string | null)[];
  /**
   * ESCO's hidden labels, by entry index (only entries that have some): forms ESCO keeps for
   * search and never displays, such as misspellings, regional or older forms and related titles
   * ("ambulancier", "Sozialarbeitswissenschafter", "neurosurgeon"). The keyword index searches
   * them; results never show them; the dense indexes leave them out.
   */
  hidden?: Record<Target, Record<string, string[]>>;
}

export interface DescriptionTable {
  lang: Lang;
  occupations: (string | null)[];
  skills: (string | null)[];
}

/** Essential and optional skills of every occupation, as skill indexes. */
export interface OccupationSkills {
  /** Skills of occupation o: skills[first[o] .. first[o+1]); the first essentialCount[o] are essential. */
  first: Uint32Array;
  essentialCount: Uint16Array;
  skills: Uint16Array;
}
