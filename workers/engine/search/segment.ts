/**
 * Splits a long text (resume, job ad, course page) into the pieces that are embedded one by one:
 * - a line break ends a piece when the line is a bullet, ends a sentence, or the next line starts
 *   a new thought (capital letter, bullet, empty line) — resumes put one fact per line;
 * - lines broken in the middle of a sentence (PDF text, hard-wrapped mail) are joined back;
 * - each block is split into sentences with Intl.Segmenter where the runtime has it, else at
 *   ". ", "! ", "? ";
 * - a sentence longer than maxChars is cut at ";" or "," or a space near the limit, because a
 *   sentence embedding averages away a list of ten skills.
 * - a piece that is only a section heading ("Education", "Ihr Profil") is dropped;
 * - a list piece ("Skills: Python, Go, SQL", "Sprachen: Deutsch (Muttersprache), Englisch (gut)")
 *   also gives its items (withListItems), which the skills are matched against one by one.
 * Offsets are UTF-16 indexes into the original text; `text` is that slice with whitespace runs
 * collapsed to one space and bullet markers removed.
 */
import type { Segment } from '../../api';

/**
 * Section headings of resumes and job ads in the six ESCO languages. A heading alone ("Education",
 * "Berufserfahrung") matches ESCO entries about education or experience, not the person, so a
 * segment that is only a heading is dropped.
 */
const HEADINGS = new Set(
  [
    'experience', 'work experience', 'professional experience', 'employment history', 'work history', 'education',
    'skills', 'key skills', 'technical skills', 'languages', 'profile', 'summary', 'about me', 'contact', 'references',
    'interests', 'hobbies', 'certifications', 'projects', 'qualifications', 'responsibilities', 'requirements',
    'what we offer', 'your profile', 'your tasks', 'benefits', 'training', 'personal details', 'curriculum vitae', 'resume',
    'berufserfahrung', 'erfahrung', 'ausbildung', 'bildung', 'kenntnisse', 'fähigkeiten', 'sprachen', 'profil', 'über mich',
    'kontakt', 'interessen', 'hobbys', 'aufgaben', 'ihre aufgaben', 'ihr profil', 'wir bieten', 'anforderungen', 'lebenslauf',
    'experiencia', 'experiencia laboral', 'formación', 'educación', 'habilidades', 'competencias', 'idiomas', 'perfil',
    'contacto', 'intereses', 'requisitos', 'expérience', 'expérience professionnelle', 'formation', 'compétences', 'langues',
    'profil', 'centres d\'intérêt', 'werkervaring', 'ervaring', 'opleiding', 'vaardigheden', 'talen', 'profiel',
    'experiência', 'experiência profissional', 'formação', 'educação', 'competências', 'línguas', 'perfil',
  ].map((h) => h.normalize('NFC')),
);

export function isHeading(text: string): boolean {
  return HEADINGS.has(text.normalize('NFC').toLowerCase().replace(/[\s:–—-]+$/u, '').trim());
}

export interface SegmentOptions {
  /** Longest piece in characters before it is cut (default 300). */
  maxChars?: number;
  /** Shortest piece kept, in letters (default 3): drops page numbers and stray symbols. */
  minLetters?: number;
  /** BCP 47 locale for sentence rules (default: language-neutral). */
  locale?: string;
}

const BULLET = /^[ \t]*(?:[-–—•◦▪▫●○■□*·►▸➢✓✔→>]+|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+/u;
const SENTENCE_END = /[.!?:;…]["'”’)]*\s*$/u;

interface Span {
  start: number;
  end: number;
}

function lineSpans(text: string): (Span & { bullet: boolean })[] {
  const spans: (Span & { bullet: boolean })[] = [];
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) {
    const raw = m[0].replace(/[\r\n]+$/, '');
    let start = m.index;
    const bullet = BULLET.exec(raw);
    if (bullet) start += bullet[0].length;
    spans.push({ start, end: m.index + raw.length, bullet: !!bullet });
    if (re.lastIndex >= text.length) break;
  }
  return spans;
}

/** Joins lines that continue the previous line's sentence into blocks. */
function blocks(text: string): Span[] {
  const out: Span[] = [];
  let current: Span | null = null;
  for (const line of lineSpans(text)) {
    const content = text.slice(line.start, line.end);
    if (content.trim() === '') {
      if (current) out.push(current);
      current = null;
      continue;
    }
    const continues =
      current !== null &&
      !line.bullet &&
      !SENTENCE_END.test(text.slice(current.start, current.end)) &&
      /^\s*[\p{Ll}\d(]/u.test(content);
    if (continues && current) current.end = line.end;
    else {
      if (current) out.push(current);
      current = { start: line.start, end: line.end };
    }
  }
  if (current) out.push(current);
  return out;
}

type SegmenterLike = { segment(input: string): Iterable<{ segment: string; index: number }> };

function sentenceSegmenter(locale?: string): SegmenterLike | null {
  const Seg = (Intl as unknown as { Segmenter?: new (l?: string, o?: { granularity: string }) => SegmenterLike }).Segmenter;
  return Seg ? new Seg(locale, { granularity: 'sentence' }) : null;
}

function sentences(text: string, block: Span, segmenter: SegmenterLike | null): Span[] {
  // A joined block still holds its line breaks, which sentence rules treat as paragraph ends:
  // replace them by spaces (same length, so offsets stay valid).
  const slice = text.slice(block.start, block.end).replace(/[\r\n]/g, ' ');
  const out: Span[] = [];
  if (segmenter) {
    for (const s of segmenter.segment(slice)) out.push({ start: block.start + s.index, end: block.start + s.index + s.segment.length });
    return out;
  }
  const re = /[^.!?]+(?:[.!?]+(?=\s|$)|$)/g;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    if (m[0].length === 0) break;
    out.push({ start: block.start + m.index, end: block.start + m.index + m[0].length });
  }
  return out.length ? out : [block];
}

/** Cuts a span longer than maxChars at the last ";" / "," / space before the limit. */
function cut(text: string, span: Span, maxChars: number): Span[] {
  const out: Span[] = [];
  let start = span.start;
  while (span.end - start > maxChars) {
    const window = text.slice(start, start + maxChars);
    let at = Math.max(window.lastIndexOf(';'), window.lastIndexOf(','));
    if (at < maxChars / 3) at = window.lastIndexOf(' ');
    if (at < maxChars / 3) at = maxChars - 1;
    out.push({ start, end: start + at + 1 });
    start += at + 1;
  }
  out.push({ start, end: span.end });
  return out;
}

/** Longest list item, in words: longer pieces are clauses of a sentence, not items of a list. */
const LIST_ITEM_WORDS = 4;
/** Longest label before a list's colon, in words ("Skills", "Programming languages", "Sprachen"). */
const LIST_LABEL_WORDS = 3;

const wordCount = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/**
 * The items of a list piece: "Label: a, b" (a label of ≤ 3 words, ≥ 2 items) or "a, b, c" (≥ 3
 * items), cut at commas, semicolons, vertical bars and middle dots outside parentheses, each item
 * at most LIST_ITEM_WORDS words (a full stop after the last one is left out); null when the piece
 * is no such list ("I administer medication, dress wounds and monitor vital signs." is not).
 */
export function listItems(text: string, piece: Segment): Segment[] | null {
  const slice = text.slice(piece.start, piece.end);
  const colon = slice.indexOf(':');
  const labelled = colon > 0 && wordCount(slice.slice(0, colon)) <= LIST_LABEL_WORDS && !/[,;(]/.test(slice.slice(0, colon));
  const from = labelled ? colon + 1 : 0;
  const spans: Span[] = [];
  let depth = 0;
  let itemStart = from;
  for (let i = from; i <= slice.length; i++) {
    const c = slice[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (i === slice.length || (depth === 0 && /[,;|•·]/.test(c))) {
      const item = trimSpan(text, { start: piece.start + itemStart, end: piece.start + i });
      if (i === slice.length && text[item.end - 1] === '.') item.end--;
      if (item.end > item.start) spans.push(item);
      itemStart = i + 1;
    }
  }
  if (spans.length < (labelled ? 2 : 3)) return null;
  if (!spans.every((item) => wordCount(text.slice(item.start, item.end)) <= LIST_ITEM_WORDS)) return null;
  // An item may be short ("Go", "C#", "UX"); one without letters ("2019") or a heading is no skill.
  return spans
    .map(({ start, end }) => ({ text: text.slice(start, end).replace(/\s+/g, ' '), start, end }))
    .filter((item) => /\p{L}/u.test(item.text) && !isHeading(item.text));
}

/** A text's pieces and the items of its list pieces, and which of them each target is analysed over. */
export interface TargetSegments {
  /** The pieces (segmentText), then the items of the list pieces among them. */
  segments: Segment[];
  /** Occupations: the pieces, lists whole (a resume is about one job; items one by one pulled single-item occupations up). */
  occupations: number[];
  /** Skills: the pieces, each list piece replaced by its items (embedded whole, a list is the average of its skills). */
  skills: number[];
}

export function withListItems(text: string, pieces: Segment[]): TargetSegments {
  const segments = [...pieces];
  const skills: number[] = [];
  pieces.forEach((piece, p) => {
    const items = listItems(text, piece);
    if (!items?.length) {
      skills.push(p);
      return;
    }
    for (const item of items) skills.push(segments.push(item) - 1);
  });
  return { segments, occupations: pieces.map((_, p) => p), skills };
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

export function segmentText(text: string, options: SegmentOptions = {}): Segment[] {
  const maxChars = options.maxChars ?? 300;
  const minLetters = options.minLetters ?? 3;
  const segmenter = sentenceSegmenter(options.locale);
  const out: Segment[] = [];
  for (const block of blocks(text)) {
    for (const sentence of sentences(text, block, segmenter)) {
      for (const piece of cut(text, trimSpan(text, sentence), maxChars)) {
        const { start, end } = trimSpan(text, piece);
        const raw = text.slice(start, end);
        if ((raw.match(/\p{L}/gu)?.length ?? 0) < minLetters || isHeading(raw)) continue;
        out.push({ text: raw.replace(/\s+/g, ' '), start, end });
      }
    }
  }
  return out;
}
