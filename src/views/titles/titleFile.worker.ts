/**
 * Reads a spreadsheet of job titles off the UI thread: CSV/TSV/TXT with papaparse, XLSX with
 * exceljs. The row count is checked before the expensive parse, so a 100,000-row file is refused
 * quickly with a clear message instead of freezing the tab.
 */
import { expose } from 'comlink';
import Papa from 'papaparse';
import { unzipSync, strFromU8 } from 'fflate';
import { dropBlankRows } from './titleTable';

export type TitleFileInput =
  | { kind: 'text'; text: string; maxRows: number }
  | { kind: 'bytes'; name: string; bytes: ArrayBuffer; maxRows: number };

export type TitleFileResult =
  | { ok: true; rows: string[][]; sheet?: string }
  | { ok: false; code: 'too-many-rows'; rows: number }
  | { ok: false; code: 'empty' }
  | { ok: false; code: 'old-excel' }
  | { ok: false; code: 'unreadable'; detail: string };

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  // A last line without a newline still counts.
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/** UTF-8 when valid, else Windows-1252 (what Excel on Windows writes for "CSV"). */
function decode(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function parseDelimited(text: string, maxRows: number): TitleFileResult {
  const clean = text.replace(/^\ufeff/, '');
  const lines = countLines(clean);
  if (lines > maxRows + 1) return { ok: false, code: 'too-many-rows', rows: lines };
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const rows = dropBlankRows(parsed.data.map((row) => row.map((cell) => String(cell ?? ''))));
  if (rows.length === 0) return { ok: false, code: 'empty' };
  if (rows.length > maxRows + 1) return { ok: false, code: 'too-many-rows', rows: rows.length };
  return { ok: true, rows };
}

/**
 * Pasted text is a column copied from a spreadsheet (cells split by tabs) or one title per line.
 * Commas are not separators here: "Manager, sales" is one title.
 */
function parsePasted(text: string, maxRows: number): TitleFileResult {
  const lines = countLines(text);
  if (lines > maxRows + 1) return { ok: false, code: 'too-many-rows', rows: lines };
  const rows = dropBlankRows(
    text.replace(/^\ufeff/, '').split(/\r?\n/).map((line) => (line.includes('\t') ? line.split('\t') : [line])),
  );
  return rows.length ? { ok: true, rows } : { ok: false, code: 'empty' };
}

/** Rows of the first worksheet, read from the sheet XML's <dimension> (or by counting <row>). */
function peekXlsxRows(bytes: Uint8Array): number | null {
  const files = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f.name) });
  const names = Object.keys(files).sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]));
  if (names.length === 0) return null;
  const xml = strFromU8(files[names[0]]);
  const dimension = xml.slice(0, 4000).match(/<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"/);
  if (dimension) return Number(dimension[1]);
  let n = 0;
  for (let i = xml.indexOf('<row '); i !== -1; i = xml.indexOf('<row ', i + 5)) n++;
  return n;
}

async function parseXlsx(bytes: ArrayBuffer, maxRows: number): Promise<TitleFileResult> {
  const u8 = new Uint8Array(bytes);
  if (u8[0] === 0xd0 && u8[1] === 0xcf) return { ok: false, code: 'old-excel' };
  if (u8[0] !== 0x50 || u8[1] !== 0x4b) return { ok: false, code: 'unreadable', detail: 'not an .xlsx (zip) file' };
  const peeked = peekXlsxRows(u8);
  if (peeked !== null && peeked > maxRows + 1) return { ok: false, code: 'too-many-rows', rows: peeked };
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { ok: false, code: 'empty' };
  if (sheet.actualRowCount > maxRows + 1) return { ok: false, code: 'too-many-rows', rows: sheet.actualRowCount };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  });
  const kept = dropBlankRows(rows);
  return kept.length ? { ok: true, rows: kept, sheet: sheet.name } : { ok: false, code: 'empty' };
}

const titleFileApi = {
  async parse(input: TitleFileInput): Promise<TitleFileResult> {
    try {
      if (input.kind === 'text') return parsePasted(input.text, input.maxRows);
      if (/\.xlsx$/i.test(input.name)) return await parseXlsx(input.bytes, input.maxRows);
      if (/\.xls$/i.test(input.name)) return { ok: false, code: 'old-excel' };
      return parseDelimited(decode(input.bytes), input.maxRows);
    } catch (error) {
      return { ok: false, code: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
    }
  },
};

export type TitleFileApi = typeof titleFileApi;
expose(titleFileApi);
