/**
 * Spreadsheet formula-injection guard (OWASP "CSV injection"): a text cell that begins with
 * one of = + - @ TAB CR would be run as a formula by Excel, LibreOffice or Google Sheets when the
 * exported file is opened. A leading apostrophe makes the cell plain text in all three.
 * Numbers are left alone: they are written as numbers, never as formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CellValue = string | number | null | undefined;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function neutraliseCell(value: CellValue): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return neutralise(value);
}

export function neutraliseRow(row: readonly CellValue[]): (string | number)[] {
  return row.map(neutraliseCell);
}
