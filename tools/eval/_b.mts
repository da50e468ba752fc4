import MiniSearch from 'minisearch';
import { readEscoSource, requireShared } from '../esco/source.ts';
import { chooseHoldout, HoldoutView } from '../train/holdout.ts';
import { buildTasks } from './tasks.ts';
import { meanMetrics, scoreQuery } from './metrics.ts';
const s = await readEscoSource();
const hv = new HoldoutView(chooseHoldout(s));
const { tasks } = buildTasks(s, hv, requireShared());
const fold = (t: string) => t.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
function run(id: string, n: number, cfg: { fields: string[]; boost: Record<string, number>; bm25: { k: number; b: number; d: number } }) {
  const task = tasks.find((x) => x.id === id)!;
  const ms = new MiniSearch<any>({ fields: cfg.fields, idField: 'id', processTerm: (t) => fold(t) || null, searchOptions: { bm25: cfg.bm25, boost: cfg.boost } });
  ms.addAll(task.corpus.docs.map((d) => ({ id: d.id, preferred: d.labels.slice(0, d.preferredCount).join('\n'), labels: d.labels.join('\n'), description: d.description ?? '' })));
  const qs = task.queries.filter((_, i) => i % Math.ceil(task.queries.length / n) === 0);
  const m = meanMetrics(qs.map((q) => scoreQuery(ms.search(q.text).slice(0, 100).map((r) => r.id), q.relevant)));
  return `${m['MRR@10'].toFixed(3)}/${m['MRR@100'].toFixed(3)}/${m['R@10'].toFixed(3)}`;
}
const configs: Array<[string, any]> = [
  ['labels2+desc1 classic', { fields: ['labels', 'description'], boost: { labels: 2, description: 1 }, bm25: { k: 1.2, b: 0.75, d: 0 } }],
  ['labels+desc equal', { fields: ['labels', 'description'], boost: { labels: 1, description: 1 }, bm25: { k: 1.2, b: 0.75, d: 0 } }],
  ['labels only', { fields: ['labels'], boost: {}, bm25: { k: 1.2, b: 0.75, d: 0 } }],
  ['labels2+desc1 bm25+', { fields: ['labels', 'description'], boost: { labels: 2, description: 1 }, bm25: { k: 1.2, b: 0.7, d: 0.5 } }],
  ['labels3+desc1 b0.5', { fields: ['labels', 'description'], boost: { labels: 3, description: 1 }, bm25: { k: 1.2, b: 0.5, d: 0 } }],
  ['pref1+labels2+desc1', { fields: ['preferred', 'labels', 'description'], boost: { preferred: 1, labels: 2, description: 1 }, bm25: { k: 1.2, b: 0.75, d: 0 } }],
  ['one field concat', { fields: ['all'], boost: {}, bm25: { k: 1.2, b: 0.75, d: 0 } }],
];
for (const [name, cfg] of configs) {
  if (name === 'one field concat') {
    const task = tasks.find((x) => x.id === '4')!;
    for (const d of task.corpus.docs) (d as any).all = d.labels.join('\n') + '\n' + (d.description ?? '');
  }
  console.log(name, 'task4', run('4', 4000, cfg), '1-en', run('1-en', 1500, cfg), '1-de', run('1-de', 1000, cfg));
}
