import { neutraliseRow, type CellValue } from './neutralise';

export interface SheetSpec {
  name: string;
  header: readonly string[];
  rows: readonly (readonly CellValue[])[];
  /** Column widths in characters; defaults to a width from the header. */
  widths?: number[];
}

/**
 * An .xlsx workbook as bytes. exceljs is loaded only when someone exports (it is large).
 * Text cells are neutralised like the CSV, so a copy pasted back into a formula cell stays inert.
 */
export async function toXlsx(sheets: readonly SheetSpec[]): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ESCO matcher';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(safeSheetName(sheet.name));
    ws.addRow(neutraliseRow(sheet.header));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of sheet.rows) ws.addRow(neutraliseRow(row));
    ws.columns.forEach((column, i) => {
      column.width = sheet.widths?.[i] ?? Math.max(10, Math.min(60, (sheet.header[i]?.length ?? 10) + 4));
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return buffer as ArrayBuffer;
}

/** Excel forbids : \ / ? * [ ] in sheet names and caps them at 31 characters. */
function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}
