import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { neutralise, neutraliseCell } from './neutralise';
import { toCsv } from './csv';

describe('formula-injection neutralisation', () => {
  it('prefixes an apostrophe to text that a spreadsheet would run as a formula', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralise(cell)).toBe(`'${cell}`);
  });
  it('leaves ordinary text and numbers alone', () => {
    expect(neutralise('nurse')).toBe('nurse');
    expect(neutralise('a=b')).toBe('a=b');
    expect(neutraliseCell(-0.25)).toBe(-0.25);
    expect(neutraliseCell(null)).toBe('');
  });
  it('a CSV parses back to the same cells, with formulas made inert', () => {
    const rows = [['nurse, senior', 'say "hi"'], ['=1+1', 'Bäcker\nline two']];
    const parsed = Papa.parse<string[]>(toCsv(['a', 'b'], rows).replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([['a', 'b'], ['nurse, senior', 'say "hi"'], ["'=1+1", 'Bäcker\nline two']]);
  });
});
