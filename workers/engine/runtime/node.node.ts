import { env, LogLevel } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Embedder } from '../embed/embedder';
import type { OrtModule } from '../embed/onnx';
import type { ModelFiles } from '../models/readRecipe';
import { configureTransformers } from './configure';

/** ModelFiles over a folder on disk. */
export function fsModelFiles(dir: string): ModelFiles {
  const read = async (path: string) => {
    try {
      return await readFile(join(dir, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
  return {
    text: async (path) => (await read(path))?.toString('utf8') ?? null,
    bytes: async (path) => {
      const buf = await read(path);
      return buf ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : null;
    },
  };
}

/**
 * Loads a model folder on CPU (onnxruntime-node) with the same recipe → embed path as the browser.
 * Accepts a model package (onnx/model*.onnx) and a raw optimum export (model*.onnx at the root).
 * dtype defaults to fp32 ('q8' reads model_quantized.onnx, as the WASM backend does).
 */
export async function loadNodeEmbedder(modelDir: string, options: { dtype?: string } = {}): Promise<Embedder> {
  const dir = resolve(modelDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`Model folder not found: ${dir}`);
  if (!existsSync(join(dir, 'config.json'))) throw new Error(`Not a model folder (config.json missing): ${dir}`);
  configureTransformers(env, { localModelPath: dirname(dir) + '/', allowRemoteModels: false });
  env.logLevel = LogLevel.ERROR;
  // An absolute path is not a hub id, so transformers.js reads the folder itself and no global path is shared.
  const subfolder = existsSync(join(dir, 'onnx')) ? 'onnx' : '';
  return Embedder.load(dir, fsModelFiles(dir), {
    device: 'cpu',
    ort: ort as unknown as OrtModule,
    dtype: options.dtype,
    subfolder,
    localPath: (file) => (existsSync(join(dir, file)) ? join(dir, file) : null),
  });
}
