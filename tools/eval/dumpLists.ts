/**
 * Dev tool for tuning the hybrid fusion: runs the app's lexical index (appLexical.ts) and dense
 * once per task and writes, per query, both top-100 lists, the lexical scores, the cosines of the
 * lexical hits and the share of query words the index knows, so that fusion rules can be compared
 * offline in seconds (tools/eval/sweepFusion.ts).
 *   npx tsx tools/eval/dumpLists.ts [--tasks 1,2,3,4,5] --out tmp/fusion-lists.json [--every-3 1]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppLexical } from './appLexical.js';
import { representCorpus, topK, VectorCache } from './dense.js';
import { engineEncoder } from './encoders.js';
import { DEFAULT_MODEL_DIR, loadEvalTasks, REPO_ROOT } from './setup.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      model: { type: 'string', default: DEFAULT_MODEL_DIR },
      tasks: { type: 'string', default: '1,2,3,4,5' },
      out: { type: 'string', default: join(REPO_ROOT, 'tmp', 'fusion-lists.json') },
      'every-3': { type: 'string', default: '1' },
    },
  });
  const { tasks } = await loadEvalTasks(values.tasks);
  const encoder = await engineEncoder(resolve(values.model!), 'q8');
  const cache = new VectorCache(encoder.encode, encoder.dim);
  const appLexical = new AppLexical();
  const out = [];
  for (const task of tasks) {
    const t0 = Date.now();
    const every = task.id.startsWith('3') ? Number(values['every-3']) : 1;
    const queries = task.queries.filter((_, i) => i % every === 0);
    const items = await representCorpus(task.corpus, 'centroid', cache);
    const denseScores: number[][] = [];
    const lexicalLists = queries.map((q) => appLexical.rank(task.corpus, q.text, 100, task.englishCorpus, q.lang));
    const lexicalCosines: number[][] = [];
    const dense = topK(await cache.get(queries.map((q) => q.text), 'query'), items, cache.dim, 100, denseScores, (qi, best) => {
      lexicalCosines[qi] = lexicalLists[qi].ids.map((id) => best[id]);
    });
    out.push({
      id: task.id,
      multiRelevant: task.multiRelevant,
      queries: queries.map((q, i) => {
        const lexical = lexicalLists[i];
        return {
          relevant: [...q.relevant],
          dense: dense[i],
          denseScores: denseScores[i],
          lexical: lexical.ids,
          lexicalScores: lexical.scores,
          lexicalCosines: lexicalCosines[i],
          share: lexical.share,
          modelGap: encoder.modelGap(q.text, lexical),
        };
      }),
    });
    console.log(`${task.id}: ${queries.length} queries (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  writeFileSync(values.out!, JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
