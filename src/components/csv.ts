import Papa from 'papaparse';
import { neutralise as neutralizeCell } from '../export/neutralise';

/** The one formula-injection guard of the app (src/export/neutralise.ts), under this module's old name. */
export { neutralise as neutralizeCell } from '../export/neutralise';

export function toCsv(header: string[], rows: string[][]): string {
  return Papa.unparse({ fields: header.map(neutralizeCell), data: rows.map((row) => row.map(neutralizeCell)) }, { newline: '\r\n' });
}

/** Saves text as a file through a temporary object URL (nothing leaves the device). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // The byte-order mark makes Excel read UTF-8 (umlauts) correctly.
  const blob = new Blob([type.startsWith('text/csv') ? '\ufeff' : '', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
