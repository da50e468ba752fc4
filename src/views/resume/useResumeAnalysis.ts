import { useCallback, useEffect, useRef, useState } from 'react';
import type { EscoEntry, Lang, ProgressEvent, SearchMode } from '../../../workers/api';
import { isAbortError } from '../../matcher/bridge';
import { useMatcher } from '../../matcher/useMatcher';
import { usePersistentLarge } from '../../state/persist';
import { NO_EDITS, type ResumeResult, type SkillEdits } from './types';

/** How many occupations the model proposes; re-ranking by skills re-orders these. */
export const OCCUPATION_CANDIDATES = 30;

export interface JobProgress {
  label?: string;
  done?: number;
  total?: number;
}

/** Fetches ESCO details for occupations and their skills, in the chosen language. */
async function describeAll(
  client: ReturnType<typeof useMatcher>['client'],
  occupationIds: string[],
  skillIds: string[],
  lang: Lang,
  signal?: AbortSignal,
): Promise<Record<string, EscoEntry>> {
  const entries: Record<string, EscoEntry> = {};
  const occupations = await client.describe(occupationIds, 'occupations', lang, { signal });
  for (const entry of occupations) entries[entry.id] = entry;
  // Labels for the skills shown: detected ones and every skill the candidates list.
  const allSkills = new Set(skillIds);
  for (const entry of occupations) {
    for (const uri of entry.essentialSkills ?? []) allSkills.add(uri);
    for (const uri of entry.optionalSkills ?? []) allSkills.add(uri);
  }
  const skills = await client.describe([...allSkills], 'skills', lang, { signal });
  for (const entry of skills) entries[entry.id] = entry;
  return entries;
}

/**
 * The resume flow's state: the input text, the last result and the skill edits, each saved on
 * the device; `analyze()` runs the model with progress and can be cancelled.
 */
export function useResumeAnalysis(contentLang: Lang) {
  const matcher = useMatcher();
  const [text, setText, textRestored] = usePersistentLarge<string>('resume:text', '');
  const [sourceName, setSourceName] = usePersistentLarge<string | null>('resume:source', null);
  const [result, setResult, resultRestored] = usePersistentLarge<ResumeResult | null>('resume:result', null);
  const [edits, setEdits] = usePersistentLarge<SkillEdits>('resume:skillEdits', NO_EDITS);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const onProgress = useCallback((event: ProgressEvent) => {
    if (event.status === 'stage') setProgress({ label: event.message });
    else if (event.status === 'work') setProgress((previous) => ({ label: previous?.label ?? event.stage, done: event.done, total: event.total }));
  }, []);

  const analyze = useCallback(
    async (input: string) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setRunning(true);
      setError(null);
      setCancelled(false);
      setProgress(null);
      try {
        // Without a model (it failed to load) the engine can still match keywords: better than nothing,
        // and the result says so.
        const model = await matcher.ready();
        const mode: SearchMode = model ? 'hybrid' : 'lexical';
        // No `lang`: the engine detects the resume's language; contentLang only picks the labels shown.
        const analysis = await matcher.client.analyzeText(input, {
          k: OCCUPATION_CANDIDATES,
          mode,
          signal: abort.signal,
          onProgress,
        });
        setProgress({ label: undefined });
        const entries = await describeAll(
          matcher.client,
          analysis.occupations.map((hit) => hit.id),
          analysis.skills.map((hit) => hit.id),
          contentLang,
          abort.signal,
        );
        setResult({
          text: input,
          modelId: model?.id ?? null,
          mode,
          lang: contentLang,
          createdAt: new Date().toISOString(),
          segments: analysis.segments,
          occupations: analysis.occupations,
          skills: analysis.skills,
          entries,
        });
        setEdits(NO_EDITS);
      } catch (caught) {
        if (!isAbortError(caught)) setError(caught instanceof Error ? caught.message : String(caught));
        else if (controller.current === abort) setCancelled(true);
      } finally {
        if (controller.current === abort) {
          controller.current = null;
          setRunning(false);
          setProgress(null);
        }
      }
    },
    [matcher, contentLang, onProgress, setResult, setEdits],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  // ESCO language switched: fetch the labels again in the new language (the ranking stays).
  useEffect(() => {
    if (!result || result.lang === contentLang || running || matcher.status === 'loading') return;
    const abort = new AbortController();
    const occupationIds = result.occupations.map((hit) => hit.id);
    const skillIds = Object.keys(result.entries).filter((id) => !occupationIds.includes(id));
    describeAll(matcher.client, occupationIds, skillIds, contentLang, abort.signal)
      .then((entries) => setResult((previous) => (previous ? { ...previous, lang: contentLang, entries: { ...previous.entries, ...entries } } : previous)))
      .catch(() => {});
    return () => abort.abort();
  }, [result, contentLang, running, matcher.status, matcher.client, setResult]);

  useEffect(() => () => controller.current?.abort(), []);

  return {
    text,
    setText,
    sourceName,
    setSourceName,
    restored: textRestored && resultRestored,
    result,
    setResult,
    edits,
    setEdits,
    running,
    cancelled,
    progress,
    error,
    setError,
    analyze,
    cancel,
    matcher,
  };
}
