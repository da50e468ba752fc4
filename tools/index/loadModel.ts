/**
 * Loads a model package for the Node tools (index build, match CLI, eval) through the engine.
 * fp32 (onnx/model.onnx) when the package has it — the reference the browser is checked against —
 * else the dtype its recipe names for the CPU (the default model ships only q8).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRecipe } from '../../workers/engine/models/readRecipe';
import { fsModelFiles, loadNodeEmbedder } from '../../workers/engine/runtime/node.node.js';

export async function loadToolEmbedder(modelDir: string) {
  const hasFp32 = existsSync(join(modelDir, 'onnx', 'model.onnx')) || existsSync(join(modelDir, 'model.onnx'));
  if (hasFp32 || !existsSync(join(modelDir, 'config.json'))) return loadNodeEmbedder(modelDir);
  const recipe = await readRecipe(fsModelFiles(modelDir), modelDir);
  return loadNodeEmbedder(modelDir, { dtype: recipe.dtype.cpu });
}
