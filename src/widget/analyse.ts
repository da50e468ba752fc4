import type { Hit, Lang, ProgressCallback, Target } from '../../workers/api';
import type { MatcherClient } from '../matcher/bridge';
import type { MatchDetail, RankedItem, WidgetMode } from './types';

export interface AnalyseRequest {
  mode: WidgetMode;
  text: string;
  lang: Lang;
  model: string;
  limit: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

async function rank(client: MatcherClient, hits: Hit[], target: Target, lang: Lang, signal?: AbortSignal): Promise<RankedItem[]> {
  if (!hits.length) return [];
  const entries = await client.describe(hits.map((h) => h.id), target, lang, { signal });
  const byId = new Map(entries.map((e) => [e.id, e]));
  return hits.map((hit) => ({
    id: hit.id,
    label: byId.get(hit.id)?.label ?? hit.id,
    score: hit.score,
    url: byId.get(hit.id)?.url ?? hit.id,
  }));
}

/**
 * What each mode asks the matcher: a title is one query against occupations, a skill phrase one
 * query against skills, a resume a long text split into segments against both.
 */
export async function analyse(client: MatcherClient, request: AnalyseRequest): Promise<MatchDetail> {
  const { mode, text, lang, model, limit, signal, onProgress } = request;
  if (client.currentModel()?.id !== model) await client.loadModel(model, { signal, onProgress });
  const detail: MatchDetail = { mode, text, lang, model, occupations: [], skills: [] };
  if (mode === 'resume') {
    const analysis = await client.analyzeText(text, { k: limit, lang, signal, onProgress });
    detail.occupations = await rank(client, analysis.occupations.slice(0, limit), 'occupations', lang, signal);
    detail.skills = await rank(client, analysis.skills.slice(0, limit), 'skills', lang, signal);
  } else {
    const target: Target = mode === 'titles' ? 'occupations' : 'skills';
    const [hits = []] = await client.search([text], { target, k: limit, lang, signal, onProgress });
    detail[target] = await rank(client, hits, target, lang, signal);
  }
  return detail;
}
