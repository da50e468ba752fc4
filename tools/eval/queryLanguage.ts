/**
 * Search without a language (the app's "detect automatically"): how often the app's detector
 * (workers/engine/search/language.ts) names a query's language, and what that is worth to the
 * hybrid list, against searching every such query in the English labels (what the app did
 * before it detected short queries) and against being told the language. franc (the detector the
 * app used for long texts before) is shown for comparison.
 *
 * Tasks 1 and 3 (held-out labels, one language each) and 4–5 (English): the dense list is the
 * task's own; only the lexical index changes with the language, built like the app's index of
 * that language (its labels, without the held-out ones, plus the English labels).
 */
import { franc } from 'franc-min';
import type { Lang } from '../../workers/api.js';
import { hybridFusion } from '../../workers/engine/search/fusion.js';
import { detectLangs, foldRareLangs } from '../../workers/engine/search/language.js';
import { LexicalIndex, type LexicalDoc } from '../../workers/engine/search/lexical.js';
import { searchLabels, targetOf, withTranslator, type AppLexicalResult } from './appLexical.js';
import { representCorpus, topK, type Representation, type VectorCache } from './dense.js';
import type { ModelGap } from './encoders.js';
import { meanMetrics, scoreQuery, type MetricName } from './metrics.js';
import type { Corpus, Task } from './tasks.js';

export interface QueryLanguageRow {
  task: Task;
  metric: MetricName;
  /** Share of queries whose language the app's detector named right. */
  detected: number;
  /** The same for franc (franc-min, the six languages, no minimum length). */
  franc: number;
  dense: number;
  /**
   * Hybrid with the lexical index of: English; the language detected for each query alone (a
   * single search); the languages the task's queries get searched as one list (listLangs); the
   * query's true language.
   */
  english: number;
  auto: number;
  list: number;
  told: number;
}

const FRANC_CODES: Record<string, Lang> = { eng: 'en', deu: 'de', spa: 'es', fra: 'fr', nld: 'nl', por: 'pt' };

function francLang(text: string): Lang | undefined {
  return FRANC_CODES[franc(text, { only: Object.keys(FRANC_CODES), minLength: 1 })];
}

/** The language a task's queries are written in, and which kind of entry they look for. */
function taskShape(task: Task): { lang: Lang; kind: '1' | '3' } | null {
  const m = task.id.match(/^([1345])(?:-(en|de|es|fr|nl|pt))?$/);
  if (!m) return null;
  return { lang: (m[2] as Lang | undefined) ?? 'en', kind: m[1] === '3' || m[1] === '5' ? '3' : '1' };
}

export async function compareQueryLanguage(
  tasks: Task[],
  cache: VectorCache,
  representation: Representation,
  modelGap: ModelGap,
  log?: (line: string) => void,
): Promise<QueryLanguageRow[]> {
  const corpusOf = (kind: string, lang: Lang): Corpus | undefined => tasks.find((t) => t.id === `${kind}-${lang}`)?.corpus;
  const rows: QueryLanguageRow[] = [];
  for (const task of tasks) {
    const shape = taskShape(task);
    const englishCorpus = shape && corpusOf(shape.kind, 'en');
    if (!shape || !englishCorpus) continue;
    const metric: MetricName = task.id === '4' ? 'MRR@100' : task.multiRelevant ? 'MAP' : 'MRR@10';
    const texts = task.queries.map((q) => q.text);
    const englishOf = new Map(englishCorpus.docs.map((d) => [d.uri, searchLabels(d)]));
    const indexes = new Map<Lang, LexicalIndex>();
    const indexFor = (lang: Lang): LexicalIndex => {
      const own = lang === shape.lang ? task.corpus : corpusOf(shape.kind, lang);
      if (!own) return indexFor('en');
      let index = indexes.get(lang);
      if (!index) {
        const ownOf = new Map(own.docs.map((d) => [d.uri, searchLabels(d)]));
        const docs: LexicalDoc[] = task.corpus.docs.map((d) => {
          const english = englishOf.get(d.uri) ?? [];
          const labels = own === task.corpus ? searchLabels(d) : ownOf.get(d.uri) ?? [];
          return lang === 'en' ? { id: d.id, labels } : { id: d.id, labels, english };
        });
        indexes.set(lang, (index = LexicalIndex.build(docs)));
      }
      return index;
    };

    const t0 = Date.now();
    const detected = await detectLangs(texts);
    const arms: Record<'english' | 'auto' | 'list' | 'told', Lang[]> = {
      english: texts.map(() => 'en'),
      auto: detected,
      list: foldRareLangs(detected),
      told: texts.map(() => shape.lang),
    };
    // Each query's lexical list once per language the arms search it in (they mostly agree).
    const lexical = texts.map((text, q) => {
      const byLang = new Map<Lang, AppLexicalResult>();
      for (const lang of new Set(Object.values(arms).map((langs) => langs[q]))) {
        const index = withTranslator(indexFor(lang), lang, targetOf(task.corpus));
        const hits = index.search(text, 100);
        byLang.set(lang, { ids: hits.map((h) => h.id), scores: hits.map((h) => h.score), share: index.knownShare(text), knowsHow: (word) => index.knowsHow(word) });
      }
      return byLang;
    });
    const items = await representCorpus(task.corpus, representation, cache);
    const denseScores: number[][] = [];
    // Cosines of the lexical hits, for entries the dense top 100 does not hold (as run.ts keeps them).
    const lexicalCosines: Map<number, number>[] = [];
    const denseRanks = topK(await cache.get(texts, 'query'), items, cache.dim, 100, denseScores, (q, best) => {
      lexicalCosines[q] = new Map([...lexical[q].values()].flatMap((l) => l.ids.map((id) => [id, best[id]] as const)));
    });
    const score = (ranks: number[][]) => meanMetrics(ranks.map((r, i) => scoreQuery(r, task.queries[i].relevant)))[metric];
    const hybrid = (langs: Lang[]) =>
      score(
        langs.map((lang, q) => {
          const l = lexical[q].get(lang)!;
          const fused = hybridFusion({ ids: denseRanks[q], scores: denseScores[q] }, l, l.share, (id) => lexicalCosines[q].get(id) ?? 0, modelGap(texts[q], l));
          return fused.slice(0, 100).map((e) => e.id);
        }),
      );
    const share = (langs: (Lang | undefined)[]) => langs.filter((l) => l === shape.lang).length / langs.length;
    rows.push({
      task,
      metric,
      detected: share(detected),
      franc: share(texts.map(francLang)),
      dense: score(denseRanks),
      english: hybrid(arms.english),
      auto: hybrid(arms.auto),
      list: hybrid(arms.list),
      told: hybrid(arms.told),
    });
    log?.(`query language, ${task.title}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return rows;
}

export function queryLanguageTable(rows: QueryLanguageRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const f = (x: number) => x.toFixed(4);
  return [
    '| task | metric | language named right: app (eld) | franc | dense | hybrid, English labels | hybrid, detected per query | hybrid, detected as one list | hybrid, language given |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.task.title} | ${r.metric} | ${pct(r.detected)} | ${pct(r.franc)} | ${f(r.dense)} | ${f(r.english)} | **${f(r.auto)}** | ${f(r.list)} | ${f(r.told)} |`),
  ].join('\n');
}
