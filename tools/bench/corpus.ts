// The bench's texts, all from ESCO (public, reusable): job titles are occupation labels and alt
// labels; "resume segments" are runs of occupation descriptions cut to ~64 and ~256 tokens.
// Deterministic: the same ESCO file gives the same texts in every run.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export const ESCO_OCCUPATIONS_CSV = '../shared/esco/v1.2.0/occupations_en.csv';

export interface BenchCorpus {
  titles: string[];
  /** ~64 tokens each (about 48 words). */
  segments64: string[];
  /** ~256 tokens each (about 195 words). */
  segments256: string[];
  /** Every label and description, for building the random models' vocabularies. */
  allText: string[];
}

interface OccupationRow {
  preferredLabel: string;
  altLabels: string;
  description: string;
}

/** Every `step`-th item so the sample spreads over the whole (URI-ordered) file. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]);
}

function windows(words: string[], size: number, count: number): string[] {
  const out: string[] = [];
  for (let start = 0; start + size <= words.length && out.length < count; start += size) {
    out.push(words.slice(start, start + size).join(' '));
  }
  return out;
}

export function readBenchCorpus(csvPath = ESCO_OCCUPATIONS_CSV): BenchCorpus {
  const parsed = Papa.parse<OccupationRow>(readFileSync(csvPath, 'utf8'), { header: true, skipEmptyLines: true });
  const rows = parsed.data.filter((r) => r.preferredLabel);
  const labels = new Set<string>();
  for (const r of rows) {
    labels.add(r.preferredLabel.trim());
    for (const alt of (r.altLabels ?? '').split('\n')) if (alt.trim()) labels.add(alt.trim());
  }
  const descriptions = rows.map((r) => (r.description ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  const words = descriptions.join(' ').split(' ');
  return {
    // Labels of three words or more: closer to the ~10 tokens of a vacancy title than the
    // one- and two-word labels, which would flatter every model.
    titles: spread([...labels].filter((l) => l.split(/\s+/).length >= 3), 1000),
    segments64: windows(words, 48, 512),
    segments256: windows(words.slice(48 * 512), 195, 512),
    allText: [...labels, ...descriptions],
  };
}
