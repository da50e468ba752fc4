import type { CellValue } from '../../export/neutralise';
import { bestOf, runnerUps, type Batch } from './batchModel';

export interface ExportHeader {
  row: string;
  title: string;
  uri: string;
  label: string;
  isco: string;
  score: string;
  edited: string;
  runnerUps: string;
}

const RUNNER_UPS = 5;
const round = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * One line per input row, in input order, matched or not (so a partial run is still a complete
 * list). Runner-ups go in one cell as "label (score); …" so the sheet keeps one row per title.
 */
export function batchTable(batch: Batch, h: ExportHeader, yes: string): { header: string[]; rows: CellValue[][] } {
  const header = [h.row, h.title, h.uri, h.label, h.isco, h.score, h.edited, h.runnerUps];
  const rows = batch.titles.map((title, i) => {
    const best = bestOf(batch, i);
    const label = best ? batch.labels[best.id] : undefined;
    const others = runnerUps(batch, i, RUNNER_UPS)
      .map((hit) => `${batch.labels[hit.id]?.label ?? hit.id} (${round(hit.score)})`)
      .join('; ');
    return [i + 1, title, best?.id ?? '', label?.label ?? '', label?.isco ?? '', best ? round(best.score) : '', batch.picks[i] ? yes : '', others];
  });
  return { header, rows };
}
