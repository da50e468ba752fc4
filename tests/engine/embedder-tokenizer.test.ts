/**
 * The Embedder tokenizes with the engine's WordPiece only where it is the model's own pipeline,
 * and the vectors do not change when it does.
 */
import { env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Embedder } from '../../workers/engine/embed/embedder';
import type { OrtModule } from '../../workers/engine/embed/onnx';
import { fsModelFiles, loadNodeEmbedder } from '../../workers/engine/runtime/node.node.js';

const SHIPPED = resolve('public/models/esco-static-v1');
const EXPORTS = resolve('tests/fixtures/st-exports');

/** A few hundred texts: ESCO titles in three languages, sentences, edge cases, one over max length. */
function texts(): string[] {
  const out: string[] = [];
  for (const lang of ['en', 'de', 'es']) {
    const labels = JSON.parse(readFileSync(`public/data/esco/labels.${lang}.json`, 'utf8')) as { occupations: (string[] | null)[] };
    out.push(...labels.occupations.flatMap((l) => l ?? []).filter((_, i) => i % 300 === 0));
  }
  const descriptions = JSON.parse(readFileSync('public/data/esco/descriptions.en.json', 'utf8')) as { occupations: (string | null)[] };
  const sentences = descriptions.occupations.filter((d): d is string => !!d);
  out.push(...sentences.filter((_, i) => i % 60 === 0));
  out.push('', ' ', 'C++ developer (m/w/d)', 'Straßenbauer', '数据分析师', '🚀 [SEP] rocket', sentences.slice(0, 40).join(' '));
  return out;
}

let fast: Embedder;
let reference: Embedder;

beforeAll(async () => {
  fast = await loadNodeEmbedder(SHIPPED, { dtype: 'q8' });
  // The same load as loadNodeEmbedder (which configured transformers.js), with the fast path off.
  reference = await Embedder.load(SHIPPED, fsModelFiles(SHIPPED), {
    device: 'cpu',
    ort: ort as unknown as OrtModule,
    dtype: 'q8',
    subfolder: 'onnx',
    localPath: (file) => join(SHIPPED, file),
    fastTokenizer: false,
  });
});
afterAll(async () => {
  await fast?.dispose();
  await reference?.dispose();
});

describe('Embedder tokenizer path', () => {
  it('uses the engine WordPiece for esco-static-v1 and transformers.js when asked not to', () => {
    expect(fast.tokenizerPath).toBe('wordpiece-fast');
    expect(reference.tokenizerPath).toBe('transformers.js');
  });

  it('gives bitwise identical vectors with and without the fast path', async () => {
    const all = texts();
    expect(all.length).toBeGreaterThan(200);
    for (const role of ['query', 'document'] as const) {
      const a = await fast.embed(all, { role, batchSize: 32 });
      const b = await reference.embed(all, { role, batchSize: 32 });
      expect(a.length).toBe(all.length * fast.dim);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    }
  });

  it('keeps transformers.js for tokenizers it does not implement', async () => {
    env.allowRemoteModels = false;
    for (const name of ['tiny-xlmr-cls', 'tiny-bert-mean']) {
      // XLM-R: SentencePiece Unigram; tiny-bert-mean: a WordPiece that keeps case and accents.
      const embedder = await loadNodeEmbedder(join(EXPORTS, name));
      expect(embedder.tokenizerPath).toBe('transformers.js');
      expect((await embedder.embed(['Softwareentwickler'], { role: 'query' })).length).toBe(embedder.dim);
      await embedder.dispose();
    }
  });
});
