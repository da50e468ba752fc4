import { toCsv } from '../../export/csv';
import type { MatrixData, Pair } from './heatmapModel';

/** Similarities rounded to 4 decimals, written as numbers (never neutralised: they are not text). */
const round = (v: number) => Math.round(v * 1e4) / 1e4;

/** The matrix in display order: first row the column texts, first column the row texts. */
export function matrixCsv(m: MatrixData, rowTexts: readonly string[], colTexts: readonly string[], rowOrder: Int32Array, colOrder: Int32Array): string {
  const header = ['', ...Array.from(colOrder, (c) => colTexts[c] ?? '')];
  const rows = Array.from(rowOrder, (r) => {
    const line: (string | number)[] = [rowTexts[r] ?? ''];
    for (const c of colOrder) line.push(round(m.values[r * m.cols + c]));
    return line;
  });
  return toCsv(header, rows);
}

export interface PairHeader {
  rank: string;
  aLine: string;
  a: string;
  bLine: string;
  b: string;
  bUri: string;
  value: string;
}

/** Pairs strongest first; line numbers count from 1 like the text boxes; the URI column only for ESCO targets. */
export function pairsCsv(pairs: readonly Pair[], rowTexts: readonly string[], colTexts: readonly string[], colIds: readonly string[] | null, h: PairHeader): string {
  const header = [h.rank, h.aLine, h.a, h.bLine, h.b, ...(colIds ? [h.bUri] : []), h.value];
  const rows = pairs.map((p, i) => [i + 1, p.row + 1, rowTexts[p.row] ?? '', p.col + 1, colTexts[p.col] ?? '', ...(colIds ? [colIds[p.col] ?? ''] : []), round(p.value)]);
  return toCsv(header, rows);
}
