import { describe, expect, it } from 'vitest';
import { listItems, segmentText, withListItems } from '../../workers/engine/search/segment';

const resume = `Jane Example
Software developer

Experience
• Built REST APIs in Python and Go for a payments platform.
• Led a team of four developers; introduced code reviews
  and continuous integration with GitHub Actions.
- Migrated the billing database to PostgreSQL

Skills: Python, Go, SQL, Docker. Kubernetes basics.
1. German (native)
2) English (fluent)
Page 1`;

describe('segmentText', () => {
  const segments = segmentText(resume);
  const texts = segments.map((s) => s.text);

  it('keeps one segment per resume line and strips bullet markers', () => {
    expect(texts).toContain('Software developer');
    expect(texts).toContain('Built REST APIs in Python and Go for a payments platform.');
    expect(texts).toContain('Migrated the billing database to PostgreSQL');
    expect(texts).toContain('German (native)');
    expect(texts).toContain('English (fluent)');
  });

  it('joins a line broken in the middle of a sentence', () => {
    expect(texts).toContain('Led a team of four developers; introduced code reviews and continuous integration with GitHub Actions.');
  });

  it('splits sentences within a line', () => {
    expect(texts).toContain('Skills: Python, Go, SQL, Docker.');
    expect(texts).toContain('Kubernetes basics.');
  });

  it('drops pieces without enough letters and reports offsets into the original text', () => {
    expect(texts).not.toContain('');
    for (const s of segments) {
      expect(resume.slice(s.start, s.end).replace(/\s+/g, ' ')).toBe(s.text);
    }
  });

  it('cuts a very long sentence into pieces at commas', () => {
    const long = 'I worked with ' + Array.from({ length: 60 }, (_, i) => `tool number ${i}`).join(', ') + '.';
    const pieces = segmentText(long, { maxChars: 200 });
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) expect(p.text.length).toBeLessThanOrEqual(200);
    expect(pieces.map((p) => p.text).join(' ').replace(/\s+/g, ' ')).toBe(long);
  });

  it('drops section headings', () => {
    expect(texts).not.toContain('Experience');
    expect(segmentText('Berufserfahrung\nIhr Profil:\nPflege von Patienten').map((s) => s.text)).toEqual(['Pflege von Patienten']);
  });

  it('gives the items of list lines, which the skills are matched against', () => {
    const items = (line: string) => listItems(line, { text: line, start: 0, end: line.length })?.map((i) => i.text) ?? null;
    expect(items('Skills: Python, Go, SQL, Docker.')).toEqual(['Python', 'Go', 'SQL', 'Docker']);
    expect(items('Sprachen: Deutsch (Muttersprache), Englisch (gut)')).toEqual(['Deutsch (Muttersprache)', 'Englisch (gut)']);
    expect(items('Java, Spring Boot, Docker, Kubernetes')).toEqual(['Java', 'Spring Boot', 'Docker', 'Kubernetes']);
    // Sentences with commas are no lists: two clauses, or clauses longer than an item.
    expect(items('I administer medication, dress wounds and monitor vital signs.')).toBeNull();
    expect(items('We offer: a good salary, flexible hours and a friendly team.')).toBeNull();
    expect(items('Python, Go')).toBeNull();
    const { segments: all, occupations, skills } = withListItems(resume, segments);
    const list = texts.indexOf('Skills: Python, Go, SQL, Docker.');
    expect(occupations).toEqual(segments.map((_, i) => i));
    expect(skills).not.toContain(list);
    expect(skills.map((i) => all[i].text)).toEqual(expect.arrayContaining(['Python', 'Go', 'SQL', 'Docker', 'Kubernetes basics.']));
    for (const s of all) expect(resume.slice(s.start, s.end).replace(/\s+/g, ' ')).toBe(s.text);
  });

  it('returns no segments for blank text', () => {
    expect(segmentText('  \n\n  ')).toEqual([]);
  });
});
