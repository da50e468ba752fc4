import Papa from 'papaparse';
import { neutraliseRow, type CellValue } from './neutralise';

/**
 * A CSV text (RFC 4180 quoting, CRLF lines) with every text cell neutralised against formula
 * injection. Starts with a UTF-8 byte-order mark so Excel reads umlauts and accents correctly.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const data = [neutraliseRow(header), ...rows.map(neutraliseRow)];
  return '\ufeff' + Papa.unparse(data, { newline: '\r\n', quotes: false });
}
