import type { TFunction } from '../../i18n';
import type { RankedOccupation } from './rerank';
import type { ResumeResult } from './types';

/** CSV header and rows of the ranked occupations, with found and missing skills by label. */
export function occupationCsv(
  result: ResumeResult,
  ranked: RankedOccupation[],
  t: TFunction<'csvRank' | 'csvOccupation' | 'csvIsco' | 'csvScore' | 'csvEssentialFound' | 'csvEssentialMissing' | 'csvOptionalFound' | 'csvUri'>,
): { header: string[]; rows: string[][] } {
  const label = (id: string) => result.entries[id]?.label ?? id;
  const header = [t('csvRank'), t('csvOccupation'), t('csvIsco'), t('csvScore'), t('csvEssentialFound'), t('csvEssentialMissing'), t('csvOptionalFound'), t('csvUri')];
  const rows = ranked.map((occupation, index) => [
    String(index + 1),
    label(occupation.id),
    result.entries[occupation.id]?.isco?.code ?? '',
    occupation.finalScore.toFixed(3),
    occupation.essentialFound.map(label).join('; '),
    occupation.essentialMissing.map(label).join('; '),
    occupation.optionalFound.map(label).join('; '),
    occupation.id,
  ]);
  return { header, rows };
}
