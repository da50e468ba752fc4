import Papa from 'papaparse';

export interface SourceProblem {
  file: string;
  line: number;
  message: string;
}

export interface CsvRow {
  /** 1-based line in the file where the row starts (a quoted field may span several lines). */
  line: number;
  get(column: string): string;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/**
 * Parses a CSV text with a header row. Rows whose cell count differs from the header's are
 * reported in `problems` (with the line they start on) instead of being silently dropped or
 * misaligned. A `\t` delimiter is allowed for TSV files.
 */
export function parseCsv(
  text: string,
  file: string,
  problems: SourceProblem[],
  options: { delimiter?: string; hasHeader?: boolean } = {},
): CsvTable {
  const hasHeader = options.hasHeader ?? true;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let header: string[] = [];
  let index: Map<string, number> = new Map();
  let previousCursor = 0;
  let lineAtCursor = 1;
  let first = true;

  Papa.parse<string[]>(body, {
    delimiter: options.delimiter ?? ',',
    skipEmptyLines: false,
    step: (result) => {
      const start = previousCursor;
      // Advance the line counter over the text consumed by the previous row.
      const line = lineAtCursor;
      const end = result.meta.cursor;
      for (let i = start; i < end; i++) if (body.charCodeAt(i) === 10) lineAtCursor++;
      previousCursor = end;
      const cells = result.data;
      if (cells.length === 1 && cells[0] === '') return; // blank line (e.g. the final newline)
      for (const error of result.errors) {
        problems.push({ file, line, message: `CSV syntax: ${error.message}` });
      }
      if (first && hasHeader) {
        first = false;
        header = cells.map((c) => c.trim());
        index = new Map(header.map((name, i) => [name, i]));
        return;
      }
      if (first) {
        first = false;
        header = cells.map((_, i) => String(i));
        index = new Map(header.map((name, i) => [name, i]));
      }
      if (cells.length !== header.length) {
        problems.push({
          file,
          line,
          message: `expected ${header.length} columns, found ${cells.length}`,
        });
        return;
      }
      const columns = index;
      rows.push({
        line,
        get: (column: string) => {
          const i = columns.get(column);
          if (i === undefined) throw new Error(`${file}: no column "${column}"`);
          return cells[i] ?? '';
        },
      });
    },
  });
  return { file, header, rows };
}

/** ESCO alt labels are newline-separated in the main files and " | "-separated in the collections. */
export function splitAltLabels(cell: string, separator: 'newline' | 'pipe' = 'newline'): string[] {
  return cell
    .split(separator === 'newline' ? /\r?\n/ : / \| /)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Rows of a table that carry a URI in `column`; a row without one is a reported problem. */
export function rowsWithUri(table: CsvTable, column: string, problems: SourceProblem[]): CsvRow[] {
  return table.rows.filter((row) => {
    if (row.get(column).trim() !== '') return true;
    problems.push({ file: table.file, line: row.line, message: `missing ${column}` });
    return false;
  });
}
