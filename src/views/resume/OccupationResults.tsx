import { useState } from 'react';
import { useT } from '../../i18n';
import { resumeStrings } from '../../i18n/strings/resume';
import { ResultList, type ResultItem } from '../../components/ResultList';
import type { RankedOccupation } from './rerank';
import type { ResumeResult } from './types';

const SHOWN_AT_FIRST = 10;

interface SkillLine {
  id: string;
  label: string;
  evidence?: string;
  added?: boolean;
}

/** Long lists (ESCO gives some occupations 80+ essential skills) show their first LIMIT lines. */
const LIMIT = 12;

function SkillLines({ title, lines, empty, className }: { title: string; lines: SkillLine[]; empty: string; className: string }) {
  const t = useT(resumeStrings);
  const [all, setAll] = useState(false);
  const shown = all ? lines : lines.slice(0, LIMIT);
  return (
    <div>
      <h4>{title}</h4>
      {lines.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className={className}>
          {shown.map((line) => (
            <li key={line.id}>
              {line.label}
              {line.added && <span className="muted"> ({t('addedByUser')})</span>}
              {line.evidence && (
                <span className="evidence">
                  {t('evidenceLabel')} “{line.evidence}”
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {lines.length > LIMIT && (
        <button type="button" className="link no-print" aria-expanded={all} onClick={() => setAll((value) => !value)}>
          {all ? t('showFewerSkills', { n: LIMIT }) : t('showAllSkills', { n: lines.length })}
        </button>
      )}
    </div>
  );
}

export interface OccupationResultsProps {
  result: ResumeResult;
  ranked: RankedOccupation[];
  /** Evidence sentence per detected skill URI. */
  evidence: Map<string, string>;
  added: ReadonlySet<string>;
}

/** Ranked occupations; each opens to the skills found (with the resume sentence) and the gap. */
export function OccupationResults({ result, ranked, evidence, added }: OccupationResultsProps) {
  const t = useT(resumeStrings);
  const [showAll, setShowAll] = useState(false);
  const label = (id: string) => result.entries[id]?.label ?? id;
  const lines = (ids: string[]): SkillLine[] =>
    ids.map((id) => ({ id, label: label(id), evidence: evidence.get(id), added: added.has(id) }));

  const visible = showAll ? ranked : ranked.slice(0, SHOWN_AT_FIRST);
  const items: ResultItem[] = visible.map((occupation) => {
    const entry = result.entries[occupation.id];
    const essentialTotal = entry?.essentialSkills?.length ?? 0;
    return {
      id: occupation.id,
      label: entry?.label ?? occupation.id,
      score: occupation.finalScore,
      url: entry?.url,
      subtitle: entry?.isco ? t('iscoGroup', { code: entry.isco.code, label: entry.isco.label }) : undefined,
      extra: t('essentialCount', { found: occupation.essentialFound.length, total: essentialTotal }),
      details: (
        <>
          {entry?.description && <p>{entry.description}</p>}
          <p className="muted">
            {t('scoreExplain', {
              model: Math.round(occupation.relativeModelScore * 100),
              coverage: Math.round(occupation.coverage * 100),
            })}
          </p>
          <div className="two-col">
            <SkillLines title={t('essentialFound')} lines={lines(occupation.essentialFound)} empty={t('noneFound')} className="skill-found" />
            <SkillLines title={t('essentialMissing')} lines={lines(occupation.essentialMissing)} empty={t('noneMissing')} className="skill-missing" />
          </div>
          {occupation.optionalFound.length > 0 && (
            <SkillLines title={t('optionalFound')} lines={lines(occupation.optionalFound)} empty={t('noneFound')} className="skill-found" />
          )}
        </>
      ),
    };
  });

  return (
    <>
      <ResultList items={items} label={t('occupationsLabel')} openFirst />
      {ranked.length > SHOWN_AT_FIRST && (
        <button type="button" className="secondary no-print" onClick={() => setShowAll((value) => !value)} aria-expanded={showAll}>
          {showAll ? t('showFewer', { n: SHOWN_AT_FIRST }) : t('showMore', { n: ranked.length - SHOWN_AT_FIRST })}
        </button>
      )}
    </>
  );
}
