import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import {
  bertTokenizerConfigJson,
  unigramTokenizerJson,
  wordPieceTokenizerJson,
  xlmrTokenizerConfigJson,
} from '../../tools/onnx/tokenizer-json';

const WORDPIECE_VOCAB = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]',
  'software', 'develop', '##er', '##ers', 'nurse', 'cafe', 'care', 'pflege', 'kraft', '##kraft', '.', ',', 'a',
];
const UNIGRAM_PIECES: Array<[string, number]> = [
  ['<s>', 0], ['<pad>', 0], ['</s>', 0], ['<unk>', 0],
  ['▁', -2], ['▁Pflege', -5], ['kraft', -6], ['▁Software', -5], ['▁Entwickler', -5], ['in', -4],
  ['▁desarrollador', -6], ['a', -3], ['e', -3], ['n', -3], ['r', -3], ['▁a', -4], ['.', -3], ['<mask>', 0],
];

let root: string;

function writeModelDir(name: string, files: Record<string, object>): void {
  mkdirSync(join(root, name));
  for (const [file, json] of Object.entries(files)) writeFileSync(join(root, name, file), JSON.stringify(json));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tokjson-'));
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  const wp = { lowercase: true, stripAccents: true, maxLength: 16 };
  writeModelDir('bert', {
    'tokenizer.json': wordPieceTokenizerJson(WORDPIECE_VOCAB, wp),
    'tokenizer_config.json': bertTokenizerConfigJson(wp),
    'config.json': { model_type: 'bert' },
  });
  const cased = { lowercase: false, stripAccents: false };
  writeModelDir('bert-cased', {
    'tokenizer.json': wordPieceTokenizerJson(WORDPIECE_VOCAB, cased),
    'tokenizer_config.json': bertTokenizerConfigJson(cased),
    'config.json': { model_type: 'bert' },
  });
  writeModelDir('xlmr', {
    'tokenizer.json': unigramTokenizerJson(UNIGRAM_PIECES),
    'tokenizer_config.json': xlmrTokenizerConfigJson({ maxLength: 12 }),
    'config.json': { model_type: 'xlm-roberta' },
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('WordPiece tokenizer.json in transformers.js', () => {
  it('lowercases, strips accents, splits ## continuations and wraps in [CLS] … [SEP]', async () => {
    const tok = await AutoTokenizer.from_pretrained('bert');
    expect(tok.tokenize('Software Developers, Café')).toEqual(['software', 'develop', '##ers', ',', 'cafe']);
    const enc = tok('Pflegekraft nurse', { return_tensor: false }) as unknown as Record<string, number[]>;
    expect(enc.input_ids).toEqual([2, 12, 14, 9, 3]);
    expect(enc.token_type_ids).toEqual([0, 0, 0, 0, 0]);
    expect(enc.attention_mask).toEqual([1, 1, 1, 1, 1]);
  });

  it('maps words it cannot spell to [UNK] and keeps case and accents when told to', async () => {
    const tok = await AutoTokenizer.from_pretrained('bert');
    expect(tok.tokenize('nurse xylophone')).toEqual(['nurse', '[UNK]']);
    const cased = await AutoTokenizer.from_pretrained('bert-cased');
    expect(cased.tokenize('Nurse café care')).toEqual(['[UNK]', '[UNK]', 'care']);
  });

  it('pads a batch with [PAD]=0 and a zero mask', async () => {
    const tok = await AutoTokenizer.from_pretrained('bert');
    const enc = tok(['nurse', 'software developer'], { padding: true, return_tensor: false }) as unknown as Record<string, number[][]>;
    expect(enc.input_ids).toEqual([[2, 9, 3, 0, 0], [2, 5, 6, 7, 3]]);
    expect(enc.attention_mask).toEqual([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]);
  });

  it('truncates a 200,000-character text to model_max_length', async () => {
    const tok = await AutoTokenizer.from_pretrained('bert');
    const text = 'nurse '.repeat(33_334).slice(0, 200_000);
    expect(text.length).toBe(200_000);
    const enc = tok(text, { truncation: true, return_tensor: false }) as unknown as Record<string, number[]>;
    expect(enc.input_ids.length).toBe(16);
    expect(enc.input_ids[0]).toBe(2);
  });
});

describe('Unigram (XLM-R) tokenizer.json in transformers.js', () => {
  it('marks word starts with ▁, picks the best segmentation and wraps in <s> … </s>', async () => {
    const tok = await AutoTokenizer.from_pretrained('xlmr');
    expect(tok.tokenize('Pflegekraft Entwicklerin')).toEqual(['▁Pflege', 'kraft', '▁Entwickler', 'in']);
    const enc = tok('Software  desarrollador', { return_tensor: false }) as unknown as Record<string, number[]>;
    expect(enc.input_ids).toEqual([0, 7, 10, 2]);
    expect(enc.token_type_ids).toBeUndefined();
  });

  it('maps unknown characters to <unk> and pads with <pad>=1', async () => {
    const tok = await AutoTokenizer.from_pretrained('xlmr');
    const unk = tok('Software ß', { return_tensor: false }) as unknown as Record<string, number[]>;
    expect(unk.input_ids).toEqual([0, 7, 4, 3, 2]);
    const enc = tok(['a', 'Software Entwickler'], { padding: true, return_tensor: false }) as unknown as Record<string, number[][]>;
    expect(enc.input_ids[0]).toEqual([0, 15, 2, 1]);
    expect(enc.attention_mask[0]).toEqual([1, 1, 1, 0]);
  });

  it('truncates a 200,000-character text to model_max_length', async () => {
    const tok = await AutoTokenizer.from_pretrained('xlmr');
    const text = 'Software '.repeat(Math.ceil(200_000 / 9)).slice(0, 200_000);
    const enc = tok(text, { truncation: true, return_tensor: false }) as unknown as Record<string, number[]>;
    expect(enc.input_ids.length).toBe(12);
    expect(enc.input_ids.slice(0, 3)).toEqual([0, 7, 7]);
  });
});
