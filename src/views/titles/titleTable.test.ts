import { describe, expect, it } from 'vitest';
import { guessTitleTable, titlesFrom } from './titleTable';

describe('header and title-column detection', () => {
  it('finds a header by its words and picks the title column', () => {
    const rows = [['ID', 'Stellenbezeichnung', 'Abteilung'], ['1', 'Krankenpfleger', 'A'], ['2', 'Bäcker', 'B']];
    expect(guessTitleTable(rows)).toEqual({ hasHeader: true, column: 1, reason: 'header-words' });
    expect(titlesFrom(rows, true, 1)).toEqual(['Krankenpfleger', 'Bäcker']);
  });
  it('treats a list without header words as data', () => {
    const rows = [['nurse'], ['baker'], ['Lehrer']];
    expect(guessTitleTable(rows)).toMatchObject({ hasHeader: false, column: 0 });
  });
  it('sees a header above a numeric column even without known words', () => {
    const rows = [['Foo', 'Bar'], ['12', 'nurse'], ['13', 'baker'], ['14', 'cook']];
    expect(guessTitleTable(rows)).toEqual({ hasHeader: true, column: 1, reason: 'numeric-below' });
  });
  it('without a header, picks the column with text rather than numbers or URLs', () => {
    const rows = [['1', 'http://x/1', 'senior nurse'], ['2', 'http://x/2', 'baker']];
    expect(guessTitleTable(rows).column).toBe(2);
  });
});
