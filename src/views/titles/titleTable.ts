/**
 * Turning a parsed spreadsheet (rows of cells) into a list of job titles: is the first row a
 * header, and which column holds the titles? Pure functions, used by the file worker and the view.
 */

/** Words a person puts above a column of job titles (en, de, es, fr, nl, pt). */
const TITLE_HEADER = /^(job[ _-]?)?(title|titles|position|role|occupation|job|jobs|vacancy|vacancy[ _-]?title|designation|berufs?(bezeichnung)?|stellen(bezeichnung|titel)?|titel|jobtitel|bezeichnung|beruf|t[ií]tulo|puesto|cargo|ocupaci[oó]n|profesi[oó]n|intitul[ée]|poste|m[ée]tier|functie(titel)?|beroep|profiss[aã]o|fun[cç][aã]o)$/i;
/** Other words seen in header rows of HR exports, used to recognise a header beside the title column. */
const OTHER_HEADER = /^(id|name|no\.?|nr\.?|#|index|code|count|anzahl|department|abteilung|location|ort|date|datum|uri|url|category|kategorie|salary|gehalt|company|firma|employer|e-?mail|country|land)$/i;

export interface TitleTableGuess {
  hasHeader: boolean;
  column: number;
  /** Why hasHeader was chosen, for the message shown to the user. */
  reason: 'header-words' | 'numeric-below' | 'no-header';
}

const isNumeric = (s: string) => /^\s*[-+]?\d+([.,]\d+)?\s*$/.test(s);
const normalise = (s: string) => s.trim().toLowerCase().replace(/[*:]+$/, '').trim();

export function columnCount(rows: readonly string[][]): number {
  let n = 0;
  for (const row of rows.slice(0, 200)) n = Math.max(n, row.length);
  return n;
}

/** The column that looks most like free-text titles: mostly non-numeric, non-empty, with letters. */
function textiestColumn(rows: readonly string[][], from: number): number {
  const sample = rows.slice(from, from + 200);
  const columns = columnCount(rows);
  let best = 0;
  let bestScore = -1;
  for (let c = 0; c < columns; c++) {
    let score = 0;
    for (const row of sample) {
      const cell = (row[c] ?? '').trim();
      if (cell && !isNumeric(cell) && /\p{L}/u.test(cell) && !/^https?:\/\//.test(cell)) score += 1 + Math.min(cell.length, 40) / 40;
    }
    if (score > bestScore) { bestScore = score; best = c; }
  }
  return best;
}

export function guessTitleTable(rows: readonly string[][]): TitleTableGuess {
  if (rows.length === 0) return { hasHeader: false, column: 0, reason: 'no-header' };
  const first = rows[0].map(normalise);
  const titleColumn = first.findIndex((cell) => TITLE_HEADER.test(cell));
  if (titleColumn >= 0) return { hasHeader: true, column: titleColumn, reason: 'header-words' };
  if (first.length > 1 && first.some((cell) => OTHER_HEADER.test(cell)) && first.every((cell) => cell && !isNumeric(cell))) {
    return { hasHeader: true, column: textiestColumn(rows, 1), reason: 'header-words' };
  }
  // A header sits above numbers: a column whose first cell is text but whose cells below are numbers.
  const below = rows.slice(1, 101);
  if (below.length >= 2 && first.every((cell) => cell && !isNumeric(cell))) {
    for (let c = 0; c < first.length; c++) {
      const numeric = below.filter((row) => isNumeric(row[c] ?? '')).length;
      if (numeric / below.length >= 0.8) return { hasHeader: true, column: textiestColumn(rows, 1), reason: 'numeric-below' };
    }
  }
  return { hasHeader: false, column: textiestColumn(rows, 0), reason: 'no-header' };
}

/** The titles of one column, in row order; blank cells are kept as '' so row numbers stay true. */
export function titlesFrom(rows: readonly string[][], hasHeader: boolean, column: number): string[] {
  return rows.slice(hasHeader ? 1 : 0).map((row) => (row[column] ?? '').replace(/\s+/g, ' ').trim());
}

/** Column names for the picker: the header cells, or "Column 1", "Column 2"… */
export function columnNames(rows: readonly string[][], hasHeader: boolean, fallback: (n: number) => string): string[] {
  const n = columnCount(rows);
  return Array.from({ length: n }, (_, c) => (hasHeader && rows[0]?.[c]?.trim()) || fallback(c + 1));
}

/** Drops fully blank trailing/leading rows that spreadsheets and pasted text carry along. */
export function dropBlankRows(rows: string[][]): string[][] {
  return rows.filter((row) => row.some((cell) => cell != null && String(cell).trim() !== ''));
}
