import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { ModelFiles } from '../models/readRecipe';

type Transformers = typeof import('@huggingface/transformers');
type TokenizerClass = new (tokenizerJSON: object, tokenizerConfig: object) => PreTrainedTokenizer;

/**
 * transformers.js, imported on first use: it is the largest part of the worker's code, and loaded
 * here it compiles while the model file downloads instead of before the worker can start loading.
 */
let transformers: Promise<Transformers> | null = null;

/** transformers.js' tokenizer class of that name (BertTokenizer, XLMRobertaTokenizer, …), if it has one. */
function tokenizerClass(library: Transformers, name: string): TokenizerClass | null {
  const candidate = (library as unknown as Record<string, unknown>)[name];
  return typeof candidate === 'function' && candidate.prototype instanceof library.PreTrainedTokenizer ? (candidate as TokenizerClass) : null;
}

function parse(text: string, file: string): object {
  try {
    return JSON.parse(text) as object;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : error})`);
  }
}

/**
 * A model folder's tokenizer, built by transformers.js as AutoTokenizer builds it (the class that
 * tokenizer_config.json's tokenizer_class names, without "Fast"; the base class otherwise) from
 * files read with the engine's ModelFiles. AutoTokenizer.from_pretrained itself GETs each file
 * once to see whether it exists and again to read it, and copies it into its own Cache API store:
 * on a cold start that put a second download of the 673 KB tokenizer.json on the critical path.
 */
export async function loadTokenizer(files: ModelFiles): Promise<PreTrainedTokenizer> {
  transformers ??= import('@huggingface/transformers');
  const [json, config, library] = await Promise.all([files.text('tokenizer.json'), files.text('tokenizer_config.json'), transformers]);
  if (json === null) throw new Error('tokenizer.json does not exist');
  if (config === null) throw new Error('tokenizer_config.json does not exist');
  const tokenizerJSON = parse(json, 'tokenizer.json');
  const tokenizerConfig = parse(config, 'tokenizer_config.json') as { tokenizer_class?: string };
  const name = tokenizerConfig.tokenizer_class?.replace(/Fast$/, '') ?? 'PreTrainedTokenizer';
  const Class = tokenizerClass(library, name) ?? library.PreTrainedTokenizer;
  return new Class(tokenizerJSON, tokenizerConfig);
}
