/**
 * Long texts (the app's resume, job-ad and course analysis, workers/engine/search/analyze.ts)
 * on the skill-extraction job-ad sentences of task 5: each sentence analysed as a text of its own,
 * and runs of five consecutive sentences as one text (a short job ad) whose relevant skills are
 * those of its sentences. The app's engine runs on the app's own data (public/data: all ESCO
 * skills, as task 5 indexes them), with the evaluated model; only the hybrid rule differs between
 * the columns: the app's (fusion.ts textLexicalBeta) and reciprocal-rank fusion, the rule before.
 * Even and odd texts are scored apart too, so a difference can be told from noise.
 */
import { basename, dirname } from 'node:path';
import type { SearchMode } from '../../workers/api.js';
import { LAMBDA } from '../../workers/engine/search/aggregate.js';
import { analyzeSegmentRows, embedSegments, type AnalyzeCorpusOptions } from '../../workers/engine/search/analyze.js';
import { EscoData } from '../../workers/engine/esco/store.js';
import { SearchEngine } from '../../workers/engine/search/engine.js';
import { segmentText, withListItems } from '../../workers/engine/search/segment.js';
import { nodeDataFiles } from '../data/nodeFiles.js';
import { loadToolEmbedder } from '../index/loadModel.js';
import { scoreQuery } from './metrics.js';
import type { Task } from './tasks.js';

export const TEXT_GROUPS = [1, 5] as const;
/** Ranked skills kept per text: the MAP cut-off of metrics.ts. */
const DEPTH = 100;

type Rule = 'dense' | 'lexical' | 'rrf' | 'app';
const RULES: { rule: Rule; mode: SearchMode; fusion?: AnalyzeCorpusOptions['fusion'] }[] = [
  { rule: 'dense', mode: 'dense' },
  { rule: 'lexical', mode: 'lexical' },
  { rule: 'rrf', mode: 'hybrid', fusion: 'rrf' },
  { rule: 'app', mode: 'hybrid', fusion: 'convex' },
];

export interface TextAnalysisRow {
  group: number;
  texts: number;
  /** MAP@100 per rule: all texts, even texts, odd texts. */
  map: Record<Rule, [number, number, number]>;
}

export async function compareTextAnalysis(task: Task, modelDir: string, log?: (line: string) => void): Promise<TextAnalysisRow[]> {
  const data = await EscoData.open(nodeDataFiles());
  const engine = new SearchEngine({ data, modelFiles: nodeDataFiles(dirname(modelDir)) });
  const model = { id: basename(modelDir), embedder: await loadToolEmbedder(modelDir) };
  const corpus = engine.escoCorpus('skills', 'en', model);
  const docOf = new Map(task.corpus.docs.map((d) => [d.uri, d.id]));
  const rows: TextAnalysisRow[] = [];
  for (const group of TEXT_GROUPS) {
    const started = Date.now();
    const sums = Object.fromEntries(RULES.map(({ rule }) => [rule, [0, 0, 0]])) as Record<Rule, number[]>;
    const counts = [0, 0, 0];
    for (let first = 0, t = 0; first < task.queries.length; first += group, t++) {
      const queries = task.queries.slice(first, first + group);
      // One sentence a line, each ending as a sentence, as a job ad's lines would.
      const text = queries.map((q) => q.text.trim().replace(/[.;:]?$/, '.')).join('\n');
      const relevant = new Set(queries.flatMap((q) => [...q.relevant]));
      // As the app analyses a text for skills (SearchEngine.analyzeText): list lines item by item.
      const { segments, skills: rows } = withListItems(text, segmentText(text, { locale: 'en' }));
      const vectors = await embedSegments(model.embedder, segments, 'en');
      counts[0]++;
      counts[1 + (t % 2)]++;
      for (const { rule, mode, fusion } of RULES) {
        const hits = await analyzeSegmentRows(corpus, segments, mode === 'lexical' ? null : vectors, rows, { k: DEPTH, mode, lambda: LAMBDA.skills, fusion });
        const { ap } = scoreQuery(hits.map((h) => docOf.get(h.id) ?? -1), relevant);
        sums[rule][0] += ap;
        sums[rule][1 + (t % 2)] += ap;
      }
    }
    const map = Object.fromEntries(RULES.map(({ rule }) => [rule, sums[rule].map((s, i) => s / Math.max(1, counts[i]))])) as TextAnalysisRow['map'];
    rows.push({ group, texts: counts[0], map });
    log?.(`long texts, ${group} sentence(s) a text: ${counts[0]} texts, MAP rrf ${map.rrf[0].toFixed(4)} app ${map.app[0].toFixed(4)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  return rows;
}

export function textAnalysisTable(rows: TextAnalysisRow[]): string {
  const f = (v: number) => v.toFixed(4);
  const lines = [
    '| texts | count | metric | dense | lexical | hybrid, rank fusion (before) | hybrid (app) | even texts: before → app | odd texts: before → app |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const what = r.group === 1 ? 'one job-ad sentence a text' : `${r.group} consecutive sentences a text`;
    lines.push(`| ${what} | ${r.texts} | MAP | ${f(r.map.dense[0])} | ${f(r.map.lexical[0])} | ${f(r.map.rrf[0])} | **${f(r.map.app[0])}** | ${f(r.map.rrf[1])} → ${f(r.map.app[1])} | ${f(r.map.rrf[2])} → ${f(r.map.app[2])} |`);
  }
  return lines.join('\n');
}
