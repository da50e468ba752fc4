import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, toCsv } from './csv';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+49 30 123', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd']) expect(neutralizeCell(cell)).toBe(`'${cell}`);
    expect(neutralizeCell('nurse responsible for general care')).toBe('nurse responsible for general care');
  });

  it('round-trips labels with commas, quotes and line breaks', () => {
    const rows = [['1', 'nurse, "general" care', 'line one\nline two'], ['2', '=HYPERLINK("http://x")', '']];
    const parsed = Papa.parse<string[]>(toCsv(['rank', 'label', 'note'], rows), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['rank', 'label', 'note']);
    expect(parsed[1]).toEqual(rows[0]);
    expect(parsed[2][1]).toBe(`'=HYPERLINK("http://x")`);
  });
});
