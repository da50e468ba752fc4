import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { bertTokenizerConfigJson, wordPieceTokenizerJson } from '../../tools/onnx/tokenizer-json.js';
import { buildWordPieceVocab } from '../../tools/train/vocab.js';
import { normalizeBert, preTokenize, WordPieceTokenizer } from '../../tools/train/wordpiece.js';
import { escoLikeTexts } from './texts.js';
import { readEscoSource } from '../../tools/esco/source.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shipped = join(repo, 'public', 'models', 'esco-static-v1');
const sharedDir = process.env.ESCO_SHARED_DIR ?? resolve(repo, '..', 'shared');

// A vocabulary learned from a few hundred labels (so many words fall back to pieces or [UNK]).
const texts = escoLikeTexts();
const counts = new Map<string, number>();
for (const t of texts.slice(0, 600)) for (const w of preTokenize(normalizeBert(t))) counts.set(w, (counts.get(w) ?? 0) + 1);
const vocab = buildWordPieceVocab(counts, { size: 1500, minCharCount: 2 });
const ours = new WordPieceTokenizer(vocab);
const dir = mkdtempSync(join(tmpdir(), 'wordpiece-parity-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trainer tokenizer', () => {
  it('gives the same ids as transformers.js AutoTokenizer on the shipped tokenizer.json', async () => {
    const opts = { lowercase: true, stripAccents: true, maxLength: 512 };
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(wordPieceTokenizerJson(vocab, opts)));
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(bertTokenizerConfigJson(opts)));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert' }));
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const reference = await AutoTokenizer.from_pretrained(dir);
    expect(texts.length).toBeGreaterThan(2000);
    const mismatches: string[] = [];
    for (const text of texts) {
      const theirs = Array.from(reference.encode(text) as number[]);
      const mine = ours.encode(text);
      if (JSON.stringify(theirs) !== JSON.stringify(mine)) mismatches.push(`${JSON.stringify(text)}: ${theirs} vs ${mine}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it.skipIf(!existsSync(join(shipped, 'tokenizer.json')))('matches the shipped esco-static-v1 tokenizer on ESCO labels', async () => {
    // The package ships no vocab.txt: the vocabulary is tokenizer.json's model.vocab (token → id).
    const tokenizerJson = JSON.parse(readFileSync(join(shipped, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } };
    const vocabList: string[] = [];
    for (const [token, id] of Object.entries(tokenizerJson.model.vocab)) vocabList[id] = token;
    const mine = new WordPieceTokenizer(vocabList);
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const reference = await AutoTokenizer.from_pretrained(shipped);
    const labels = existsSync(join(sharedDir, 'esco'))
      ? (await readEscoSource({ sharedDir })).occupations.flatMap((o) => Object.values(o.labels).map((l) => l!.preferred)).filter((_, i) => i % 5 === 0)
      : [];
    const all = [...texts, ...labels];
    const mismatches = all.filter((t) => JSON.stringify(Array.from(reference.encode(t) as number[])) !== JSON.stringify(mine.encode(t)));
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('splits a German compound into pieces it has seen', () => {
    const words = new Map<string, number>([
      ['software', 50],
      ['entwickler', 40],
      ['spieleentwickler', 20],
      ['webentwickler', 20],
      ['softwaretester', 20],
      ['datenbankentwickler', 20],
    ]);
    const v = new WordPieceTokenizer(buildWordPieceVocab(words, { size: 60 }));
    expect(v.tokens('Softwareentwickler')).toEqual(['[CLS]', 'software', '##entwickler', '[SEP]']);
  });
});
