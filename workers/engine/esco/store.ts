/**
 * Loads the compact ESCO data lazily: core.json at open, then each language's labels,
 * descriptions and the relations only when first asked for (and once).
 */
import type { EscoEntry, Lang, Target } from '../../api';
import { readJson, type DataFiles } from './files';
import { decodeRelations } from './relations';
import type { DescriptionTable, EscoCore, EscoMeta, LabelList, LabelTable, OccupationSkills } from './types';

export const ESCO_DIR = 'data/esco/';
const PORTAL = 'https://esco.ec.europa.eu/en/classification/';

export class EscoData {
  private readonly labelTables = new Map<Lang, Promise<LabelTable>>();
  private readonly descriptionTables = new Map<Lang, Promise<DescriptionTable>>();
  private relationsPromise: Promise<OccupationSkills> | null = null;
  private readonly uriIndex: Record<Target, Map<string, number> | null> = { occupations: null, skills: null };

  private constructor(
    readonly files: DataFiles,
    readonly meta: EscoMeta,
    readonly core: EscoCore,
    private readonly dir: string,
  ) {}

  static async open(files: DataFiles, dir = ESCO_DIR): Promise<EscoData> {
    const [meta, core] = await Promise.all([readJson<EscoMeta>(files, dir + 'meta.json'), readJson<EscoCore>(files, dir + 'core.json')]);
    if (core.occupations.id.length !== meta.counts.occupations || core.skills.id.length !== meta.counts.skills) {
      throw new Error(`${dir}: core.json and meta.json disagree on counts — rerun npm run data`);
    }
    return new EscoData(files, meta, core, dir);
  }

  get dataVersion(): string {
    return this.meta.dataVersion;
  }

  count(target: Target): number {
    return this.core[target].id.length;
  }

  uri(target: Target, index: number): string {
    const id = this.core[target].id[index];
    if (id === undefined) throw new RangeError(`no ${target} entry ${index}`);
    return id.startsWith('http') ? id : this.core.uriPrefix[target] + id;
  }

  /** Entry index of a URI, or -1. */
  indexOf(target: Target, uri: string): number {
    let map = this.uriIndex[target];
    if (!map) {
      map = new Map();
      for (let i = 0; i < this.count(target); i++) map.set(this.uri(target, i), i);
      this.uriIndex[target] = map;
    }
    return map.get(uri) ?? -1;
  }

  labels(lang: Lang): Promise<LabelTable> {
    let table = this.labelTables.get(lang);
    if (!table) {
      table = readJson<LabelTable>(this.files, `${this.dir}labels.${lang}.json`);
      table.catch(() => this.labelTables.delete(lang));
      this.labelTables.set(lang, table);
    }
    return table;
  }

  descriptions(lang: Lang): Promise<DescriptionTable> {
    let table = this.descriptionTables.get(lang);
    if (!table) {
      table = readJson<DescriptionTable>(this.files, `${this.dir}descriptions.${lang}.json`);
      table.catch(() => this.descriptionTables.delete(lang));
      this.descriptionTables.set(lang, table);
    }
    return table;
  }

  relations(): Promise<OccupationSkills> {
    if (!this.relationsPromise) {
      this.relationsPromise = this.files.bytes(`${this.dir}relations.bin`).then((b) => decodeRelations(b, `${this.dir}relations.bin`));
      this.relationsPromise.catch(() => (this.relationsPromise = null));
    }
    return this.relationsPromise;
  }

  /**
   * Labels of every entry in `lang`, falling back to English where ESCO has none in that language
   * (Dutch and Portuguese skills, some French occupations). `langOf[i]` says which one was used.
   */
  async labelsWithFallback(target: Target, lang: Lang): Promise<{ labels: string[][]; langOf: Lang[] }> {
    const own = await this.labels(lang);
    const english = lang === 'en' ? own : await this.labels('en');
    const labels: string[][] = [];
    const langOf: Lang[] = [];
    for (let i = 0; i < this.count(target); i++) {
      const list: LabelList = own[target][i];
      if (list && list.length) {
        labels.push(list);
        langOf.push(lang);
      } else {
        labels.push(english[target][i] ?? []);
        langOf.push('en');
      }
    }
    return { labels, langOf };
  }

  /** Display details for the UI, in `lang` where ESCO has it, else English. */
  async describe(ids: string[], target: Target, lang: Lang): Promise<EscoEntry[]> {
    const [own, english, ownDesc, englishDesc] = await Promise.all([
      this.labels(lang),
      this.labels('en'),
      this.descriptions(lang),
      this.descriptions('en'),
    ]);
    const relations = target === 'occupations' ? await this.relations() : null;
    return ids.map((id) => {
      const i = this.indexOf(target, id);
      if (i < 0) throw new Error(`unknown ESCO ${target === 'occupations' ? 'occupation' : 'skill'}: ${id}`);
      const ownLabel = own[target][i]?.[0];
      const entry: EscoEntry = {
        id,
        label: ownLabel ?? english[target][i]?.[0] ?? id,
        lang: ownLabel ? lang : 'en',
        description: ownDesc[target][i] ?? englishDesc[target][i] ?? '',
        url: `${PORTAL}${target === 'occupations' ? 'occupation' : 'skill'}?uri=${encodeURIComponent(id)}`,
      };
      if (target === 'occupations') {
        const g = this.core.occupations.isco[i];
        const code = this.core.iscoGroups.code[g];
        entry.isco = { code, label: own.iscoGroups[g] ?? english.iscoGroups[g] ?? code };
        const r = relations!;
        const skillIds = Array.from(r.skills.subarray(r.first[i], r.first[i + 1]), (s) => this.uri('skills', s));
        entry.essentialSkills = skillIds.slice(0, r.essentialCount[i]);
        entry.optionalSkills = skillIds.slice(r.essentialCount[i]);
      } else {
        entry.skillType = this.core.skillTypes[this.core.skills.type[i]];
        entry.reuseLevel = this.core.reuseLevels[this.core.skills.reuse[i]];
      }
      return entry;
    });
  }

  /** ISCO-08 groups from the top level down to the occupation's own group. */
  iscoPath(occupation: number): string[] {
    const path: string[] = [];
    for (let g = this.core.occupations.isco[occupation]; g >= 0; g = this.core.iscoGroups.parent[g]) path.unshift(this.core.iscoGroups.code[g]);
    return path;
  }
}
