/**
 * The engine's WordPiece tokenizer against transformers.js AutoTokenizer on the shipped default
 * model's tokenizer.json: ESCO labels and descriptions in every language the app ships, random
 * strings built from the characters where BERT pipelines differ, and truncation.
 */
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTruncated, splitSpecialTokens } from '../../workers/engine/embed/truncate';
import { agreesWith, WORDPIECE_PROBES, WordPieceTokenizer, wordPieceFromTokenizerJson } from '../../workers/engine/embed/wordpiece';
import { escoLikeTexts } from '../train/texts';

const SHIPPED = resolve('public/models/esco-static-v1');
const ESCO = resolve('public/data/esco');
const LANGS = ['en', 'de', 'es', 'fr', 'nl', 'pt'];
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

type Labels = { occupations: (string[] | null)[]; skills: (string[] | null)[]; iscoGroups?: (string | null)[] };

/** Every `step`-th item, so the sample spreads over the file. */
const every = <T>(items: T[], step: number) => items.filter((_, i) => i % step === 0);

function escoStrings(): string[] {
  const out: string[] = [];
  for (const lang of LANGS) {
    const labels = readJson(join(ESCO, `labels.${lang}.json`)) as Labels;
    out.push(...every(labels.occupations.flatMap((l) => l ?? []), 2));
    out.push(...every(labels.skills.flatMap((l) => l ?? []), 12));
    out.push(...(labels.iscoGroups ?? []).filter((l): l is string => typeof l === 'string'));
    const descriptions = readJson(join(ESCO, `descriptions.${lang}.json`)) as { occupations: (string | null)[] };
    out.push(...every(descriptions.occupations.filter((d): d is string => typeof d === 'string'), 15));
  }
  return out;
}

/** Deterministic random strings over characters each BERT pipeline stage treats specially. */
function fuzzStrings(count: number): string[] {
  const pieces = [
    'a', 'Z', 'e', ' ', ' ', '  ', '-', '/', '.', ',', '(', ')', '&', '#', '+', '$', '^', '`', '|', '~', '0', '9', '½', '²',
    'é', 'È', 'ü', 'Ö', 'ß', 'ẞ', 'ç', 'ñ', 'ø', 'Æ', 'œ', 'ﬁ', 'İ', 'ı', 'Σ', 'ς', 'σ', 'Ǆ', 'e\u0301', 'a\u0308', '\u0301',
    '数', '据', '分', '析', 'ソ', 'フ', '개', '발', '𠀀', '🚀', '👩‍💻', '🇪🇺', '\u200d', '\ufe0f',
    '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2003', '\u3000', '\u2028', '\u200b', '\ufeff', '\u00ad', '\u0007', '\u0000', '\ufffd', '\u007f', '\u0085',
    '\ud800', '\udc00', '\ue000', '\u{e0041}', '\u{f0000}',
    '«', '»', '“', '”', '‘', '’', '—', '–', '…', '·', '•', '¿', '¡', '§', '€', '©', '™', '°',
    'инженер', 'مهندس', 'अभियंता', 'ingeniería', 'Straße', 'Softwareentwickler', 'manager', 'nurse', 'π',
    '[CLS]', '[SEP]', '[MASK]', '[PAD]', '[UNK]', '[cls]', '[',
  ];
  let seed = 20240611;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  return Array.from({ length: count }, () => {
    let s = '';
    const n = Math.floor(next() * 14);
    for (let k = 0; k < n; k++) s += pieces[Math.floor(next() * pieces.length)];
    return s;
  });
}

let reference: PreTrainedTokenizer;
let fast: WordPieceTokenizer;

beforeAll(async () => {
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  reference = await AutoTokenizer.from_pretrained(SHIPPED);
  const built = wordPieceFromTokenizerJson(readJson(join(SHIPPED, 'tokenizer.json')), readJson(join(SHIPPED, 'tokenizer_config.json')));
  expect(built).not.toBeNull();
  fast = built!;
});

function mismatches(texts: string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const theirs = Array.from(reference.encode(text) as number[]);
    const mine = fast.encode(text, Infinity);
    if (JSON.stringify(theirs) !== JSON.stringify(mine)) out.push(`${JSON.stringify(text)}: ${theirs} vs ${mine}`);
  }
  return out;
}

describe('engine WordPiece tokenizer on the shipped esco-static-v1 tokenizer.json', () => {
  it('gives transformers.js ids for ESCO labels and descriptions in six languages', () => {
    const texts = escoStrings();
    expect(texts.length).toBeGreaterThan(20_000);
    expect(mismatches(texts).slice(0, 5)).toEqual([]);
  });

  it('gives transformers.js ids for edge cases and random strings of tricky characters', () => {
    const texts = [...WORDPIECE_PROBES, ...escoLikeTexts(), ...fuzzStrings(5000)];
    expect(mismatches(texts).slice(0, 5)).toEqual([]);
    // The fuzz does reach the special cases: added tokens in the text, [UNK] words.
    expect(fast.tokens('x[SEP]y ' + 'q'.repeat(101), Infinity)).toEqual(['[CLS]', 'x', '[SEP]', 'y', '[UNK]', '[SEP]']);
  });

  it('truncates like encodeTruncated over transformers.js, keeping the closing [SEP]', () => {
    const descriptions = (readJson(join(ESCO, 'descriptions.de.json')) as { occupations: (string | null)[] }).occupations.filter((d): d is string => !!d);
    const long = every(descriptions, 40).map((d, i) => d.repeat(1 + (i % 6)));
    const split = splitSpecialTokens(reference);
    const fastEncoder = { encode: (t: string) => fast.encode(t, Infinity), pad_token_id: reference.pad_token_id };
    expect(splitSpecialTokens(fastEncoder)).toEqual(split);
    for (const maxLength of [8, 64, 512]) {
      for (const text of long) {
        const mine = encodeTruncated(fastEncoder, text, maxLength, split);
        expect(mine).toEqual(encodeTruncated(reference, text, maxLength, split));
        expect(mine.at(-1)).toBe(reference.sep_token_id);
      }
    }
  });

  it('accepts null strip_accents with lowercase (transformers.js strips) and refuses other pipelines', () => {
    const json = readJson(join(SHIPPED, 'tokenizer.json'));
    json.normalizer.strip_accents = null;
    expect(wordPieceFromTokenizerJson(json)).not.toBeNull();
    for (const change of [
      (j: any) => (j.normalizer.strip_accents = false),
      (j: any) => (j.normalizer.lowercase = false),
      (j: any) => (j.normalizer = { type: 'NFKC' }),
      (j: any) => (j.pre_tokenizer = { type: 'Whitespace' }),
      (j: any) => (j.model.continuing_subword_prefix = '@@'),
      (j: any) => (j.post_processor = { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] }),
      (j: any) => (j.added_tokens[2].normalized = true),
      (j: any) => (j.model = { type: 'Unigram', vocab: [['a', 0]] }),
    ]) {
      const changed = readJson(join(SHIPPED, 'tokenizer.json'));
      change(changed);
      expect(wordPieceFromTokenizerJson(changed)).toBeNull();
    }
  });

  it('detects a tokenizer that behaves differently from the configuration it was built from', async () => {
    // tiny-bert-mean keeps case and accents; a fast tokenizer built as if it lowercased must fail the probes.
    const dir = resolve('tests/fixtures/st-exports/tiny-bert-mean');
    const cased = await AutoTokenizer.from_pretrained(dir);
    const json = readJson(join(dir, 'tokenizer.json'));
    json.normalizer.lowercase = true;
    json.normalizer.strip_accents = true;
    const pretender = wordPieceFromTokenizerJson(json)!;
    expect(pretender).not.toBeNull();
    expect(agreesWith(pretender, cased)).toBe(false);
    expect(agreesWith(fast, reference)).toBe(true);
  });
});
