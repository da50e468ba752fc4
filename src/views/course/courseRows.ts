import type { EscoEntry, Hit, TextAnalysis } from '../../../workers/api';

export type SkillKind = 'knowledge' | 'skill' | 'unknown';

export interface CourseSkillRow {
  rank: number;
  id: string;
  label: string;
  url: string;
  kind: SkillKind;
  score: number;
  /** The sentences of the course text that matched this skill best, strongest first. */
  evidence: string[];
}

/** ESCO's skillType is "knowledge" or "skill/competence" (v1.1 also "skill" / "competence"). */
export function skillKind(skillType: string | undefined): SkillKind {
  if (!skillType) return 'unknown';
  return /knowledge/i.test(skillType) ? 'knowledge' : 'skill';
}

/** Joins the ranked hits with their ESCO details and evidence sentences; at most 3 sentences each. */
export function courseSkillRows(analysis: TextAnalysis, entries: readonly EscoEntry[]): CourseSkillRow[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return analysis.skills.map((hit: Hit, index) => {
    const entry = byId.get(hit.id);
    return {
      rank: index + 1,
      id: hit.id,
      label: entry?.label ?? hit.id,
      url: entry?.url ?? hit.id,
      kind: skillKind(entry?.skillType),
      score: hit.score,
      evidence: (hit.evidence ?? [])
        .slice(0, 3)
        .map((i) => analysis.segments[i]?.text.trim())
        .filter((text): text is string => Boolean(text)),
    };
  });
}
