/**
 * npx tsx tools/match/evalTitles.ts [--model <id>] [--mode hybrid|dense|lexical] [--every <n>] [--model-dir <dir>]
 *                                    [--models-root <dir>]   (where <id>/index/ is read; default public/models)
 *
 * Vacancy titles → ESCO occupation, through the same search code as the app and the match CLI:
 * MRR@100 and Recall@10 on ../shared/eval/jobbert-titles-dev (read at run time, never copied),
 * every n-th title (default 5, i.e. 3,093 titles). The figures quoted in
 * workers/engine/search/lexical.ts and docs come from this script.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import type { SearchMode } from '../../workers/api';
import { EscoData } from '../../workers/engine/esco/store';
import { loadToolEmbedder } from '../index/loadModel';
import { SearchEngine } from '../../workers/engine/search/engine';
import { requireShared } from '../esco/source';
import { nodeDataFiles, PUBLIC_DIR } from '../data/nodeFiles';

export interface TitleScore {
  titles: number;
  mrr100: number;
  recall10: number;
  msPerTitle: number;
}

export async function evalTitles(options: { modelId?: string; modelDir?: string; modelsRoot?: string; mode: SearchMode; every: number; lang?: 'en' }): Promise<TitleScore> {
  const file = join(requireShared(), 'eval', 'jobbert-titles-dev', 'titles.dev.csv');
  const rows = (Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data)
    .filter((r) => r.vacancyTitle?.trim() && r.conceptUri)
    .filter((_, i) => i % options.every === 0);
  const data = await EscoData.open(nodeDataFiles());
  const engine = new SearchEngine({ data, modelFiles: nodeDataFiles(options.modelsRoot ?? join(PUBLIC_DIR, 'models')) });
  let model = null;
  if (options.mode !== 'lexical') {
    if (!options.modelId) throw new Error(`--model is needed for mode ${options.mode}`);
    const dir = resolve(options.modelDir ?? join(PUBLIC_DIR, 'models', options.modelId));
    model = { id: options.modelId, embedder: await loadToolEmbedder(dir) };
  }
  const started = performance.now();
  let mrr = 0;
  let recall = 0;
  const batch = 256;
  for (let start = 0; start < rows.length; start += batch) {
    const part = rows.slice(start, start + batch);
    const hits = await engine.search(model, part.map((r) => r.vacancyTitle.trim()), { target: 'occupations', k: 100, mode: options.mode, lang: options.lang });
    part.forEach((row, i) => {
      const rank = hits[i].findIndex((h) => h.id === row.conceptUri);
      if (rank >= 0) {
        mrr += 1 / (rank + 1);
        if (rank < 10) recall++;
      }
    });
  }
  return { titles: rows.length, mrr100: mrr / rows.length, recall10: recall / rows.length, msPerTitle: (performance.now() - started) / rows.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { model: { type: 'string' }, 'model-dir': { type: 'string' }, 'models-root': { type: 'string' }, mode: { type: 'string', default: 'hybrid' }, every: { type: 'string', default: '5' } },
    strict: true,
  });
  const score = await evalTitles({ modelId: values.model, modelDir: values['model-dir'], modelsRoot: values['models-root'], mode: values.mode as SearchMode, every: Number(values.every) });
  console.log(JSON.stringify({ model: values.model ?? null, mode: values.mode, ...score }));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(`evalTitles: ${(error as Error).message}`);
    process.exit(1);
  });
}
