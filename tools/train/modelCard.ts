/** The package's README.md: what the model is, how it was made, what it cannot do. */
import type { TrainStats } from './loop.js';
import type { TrainOptions } from './options.js';

export const EVAL_START = '<!-- eval:start -->';
export const EVAL_END = '<!-- eval:end -->';

/** Replaces the card's evaluation block (between the markers) with fresh figures from `npm run eval`. */
export function withEvaluation(card: string, markdown: string): string {
  const a = card.indexOf(EVAL_START);
  const b = card.indexOf(EVAL_END);
  if (a < 0 || b < a) return card;
  return card.slice(0, a + EVAL_START.length) + '\n' + markdown.trim() + '\n' + card.slice(b);
}

export function modelCard(input: { options: TrainOptions; stats: TrainStats; seconds: number }): string {
  const { options, stats } = input;
  return `---
language: [en, de, es, fr, nl, pt]
library_name: transformers.js
pipeline_tag: feature-extraction
tags: [sentence-similarity, static-embeddings, esco, job-titles, skills]
---

# esco-static-v1

The default embedding model of this project: a **static token-embedding model** (learned WordPiece
token vectors, mean-pooled and L2-normalised, in the spirit of Model2Vec / StarSpace), trained
from scratch on the ESCO classification. It runs with transformers.js v4 on WASM and WebGPU (and
onnxruntime-node) as a single int8 lookup table: no attention layers, a few milliseconds per text.

This service uses the ESCO classification of the European Commission.

## Files
| file | what |
|---|---|
| \`onnx/model_quantized.onnx\` | dtype \`q8\`: int8 token table [${stats.vocabSize} × ${options.dim}] with one float scale per row (Gather → Cast → Mul); inputs \`input_ids\`, \`attention_mask\`; output \`last_hidden_state\` |
| \`tokenizer.json\`, \`tokenizer_config.json\` | WordPiece, lowercase, accents stripped, [CLS] … [SEP] |
| \`modules.json\`, \`1_Pooling/config.json\`, \`sentence_bert_config.json\` | sentence-transformers layout: Transformer → mean Pooling → Normalize |
| \`known_words.txt\` | the words of the training text, one per line: the app embeds the segments of long texts (resumes, job ads) without other words (names, places, brands), whose WordPiece pieces were learned for other words |

[PAD], [CLS] and [SEP] have zero vectors, so mean pooling with or without them gives the same direction.

## Data
ESCO v1.2.0 occupations (en, de, es, nl, pt) joined with v1.1.1 (en) and v1.0.8 (fr); ESCO v1.1.1
skills (en, with descriptions) with Spanish and French labels (v1.0.8) and German labels and
descriptions for the ~2,200 skills of the v1.2.0 collections; v1.1.1 occupation–skill relations;
TalentCLEF 2025 task A training title pairs (de, es; generated from ESCO labels). Gendered labels
("Lehrer/Lehrerin") are split into their variants.

**Held out** (seed ${options.seed}): 10% of the alternative labels of every occupation and skill in every
language, and all descriptions of 10% of the occupations. TalentCLEF pairs containing a held-out
label were dropped too. The list is \`tools/train/holdout-ids.json\` in the project repository (the eval
reads it); it is not part of this package.

## Training
- Vocabulary: ${stats.vocabSize} WordPiece entries learned by byte-pair merges on the training text
  (labels weighted ×3), so German compounds split into useful pieces.
- Objective: symmetric multiple-negatives ranking loss (InfoNCE, scale ${options.scale}) with in-batch
  negatives, batch ${options.batchSize}; pairs of the same concept are masked out as negatives.
- Pairs per epoch: ${Object.entries(stats.pairsPerEpoch).map(([k, v]) => `${k} ${v}`).join(', ')}
  (label ↔ label of the same concept, label ↔ label in another language, label ↔ description,
  occupation ↔ essential skill, TalentCLEF title ↔ title).
- Hand-written gradients through normalise → mean pooling into sparse rows, lazy Adam (lr ${options.lr},
  warm-up then linear decay), ${options.epochs} epochs, ${stats.steps} steps, dimension ${options.dim}.
- Deterministic: the same data and seed give the same weights. Training took ${stats.trainSeconds.toFixed(0)} s
  (whole run ${input.seconds.toFixed(0)} s) on a shared 2-core machine.
- Reproduce: \`npm run train\` (options: \`--dim --vocab --epochs --batch --lr --scale --seed --en-occupation-labels\`).

## Evaluation
${EVAL_START}
Run \`npm run eval\`: it writes docs/EVAL.md and puts its summary here.
${EVAL_END}

## Limits
- Languages: English, German, Spanish, French, Dutch, Portuguese (the ESCO languages available here).
  No Chinese, Japanese, Korean or other scripts: those characters become [UNK].
- A bag of tokens: word order and negation are not modelled ("no Java experience" ≈ "Java experience").
- Skills are English-centric: Dutch and Portuguese skill labels were not available; German covers
  only the skill collections.
- Trained on ESCO wording; slang, abbreviations and very new job titles may match poorly.
- Quantized to int8 per row; cosine similarities differ from the float model by ~1e-3.

## License and attribution
Model weights derived from ESCO. This service uses the ESCO classification of the European Commission.
ESCO is published under Commission Decision 2011/833/EU (reuse permitted with attribution).
`;
}
