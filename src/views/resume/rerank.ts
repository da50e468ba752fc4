/**
 * Re-ranking occupations by the person's skill list.
 *
 * For an occupation o with model score s_o (from analyzeText), essential skills E_o, optional
 * skills O_o, and the person's (edited) skill list S:
 *
 *   coverage_o = (|S ∩ E_o| + ½·|S ∩ O_o|) / (|E_o| + ½·|O_o|)       (0 when o lists no skills)
 *   final_o    = (1 − β) · s_o / max_p s_p  +  β · coverage_o,          β = 0.3
 *
 * The model score is scaled by the best candidate's score so the two parts are on the same
 * 0..1 scale whatever the search mode (cosine or fused scores). Essential skills count twice as
 * much as optional ones. Only the candidates the model returned are re-ranked: editing the
 * list re-orders them instantly, without running the model again.
 */
export const SKILL_WEIGHT = 0.3;
export const OPTIONAL_WEIGHT = 0.5;

export interface OccupationCandidate {
  id: string;
  score: number;
  essentialSkills: string[];
  optionalSkills: string[];
}

export interface RankedOccupation {
  id: string;
  modelScore: number;
  /** modelScore / best candidate's modelScore. */
  relativeModelScore: number;
  coverage: number;
  finalScore: number;
  essentialFound: string[];
  optionalFound: string[];
  essentialMissing: string[];
}

export function rerankOccupations(candidates: OccupationCandidate[], skills: ReadonlySet<string>): RankedOccupation[] {
  const best = Math.max(...candidates.map((c) => c.score), 1e-9);
  return candidates
    .map((candidate) => {
      const essentialFound = candidate.essentialSkills.filter((uri) => skills.has(uri));
      const optionalFound = candidate.optionalSkills.filter((uri) => skills.has(uri));
      const essentialMissing = candidate.essentialSkills.filter((uri) => !skills.has(uri));
      const weightTotal = candidate.essentialSkills.length + OPTIONAL_WEIGHT * candidate.optionalSkills.length;
      const coverage = weightTotal > 0 ? (essentialFound.length + OPTIONAL_WEIGHT * optionalFound.length) / weightTotal : 0;
      const relativeModelScore = candidate.score / best;
      const finalScore = (1 - SKILL_WEIGHT) * relativeModelScore + SKILL_WEIGHT * coverage;
      return { id: candidate.id, modelScore: candidate.score, relativeModelScore, coverage, finalScore, essentialFound, optionalFound, essentialMissing };
    })
    .sort((a, b) => b.finalScore - a.finalScore);
}
