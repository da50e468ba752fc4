/**
 * The two weightless ONNX graphs the engine's dense scorer runs on onnxruntime (MLAS sgemm: WASM SIMD
 * in the browser, native in Node) instead of a JavaScript loop:
 *   product      a [n, d] · bT [d, m] → scores [n, m]
 *   productTopK  the same, then TopK(k) along m → values [n, kk], indices [n, kk] (best first)
 * Both matrices are inputs, so one small graph serves every index. The engine holds their bytes as
 * base64 (workers/engine/similarity/scoreGraphs.ts, written by `npx tsx tools/onnx/score-graphs.ts`);
 * tests/onnx/score-graphs.test.ts checks that the two stay identical.
 */
import { attr, graph, model, node, serializeModel, valueInfo } from './builder';

export function productGraph(): Uint8Array {
  return serializeModel(model(graph({
    name: 'product',
    nodes: [node('MatMul', ['a', 'bT'], ['scores'])],
    inputs: [valueInfo('a', 'float', ['n', 'd']), valueInfo('bT', 'float', ['d', 'm'])],
    outputs: [valueInfo('scores', 'float', ['n', 'm'])],
  })));
}

export function productTopKGraph(): Uint8Array {
  return serializeModel(model(graph({
    name: 'product_topk',
    nodes: [
      node('MatMul', ['a', 'bT'], ['scores']),
      node('TopK', ['scores', 'k'], ['values', 'indices'], { attrs: { axis: attr.int(1), largest: attr.int(1), sorted: attr.int(1) } }),
    ],
    inputs: [valueInfo('a', 'float', ['n', 'd']), valueInfo('bT', 'float', ['d', 'm']), valueInfo('k', 'int64', [1])],
    outputs: [valueInfo('values', 'float', ['n', 'kk']), valueInfo('indices', 'int64', ['n', 'kk'])],
  })));
}

export function scoreGraphsModule(): string {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return [
    '// Written by `npx tsx tools/onnx/score-graphs.ts` (see that file); do not edit by hand.',
    `export const PRODUCT_GRAPH = '${b64(productGraph())}';`,
    `export const PRODUCT_TOPK_GRAPH = '${b64(productTopKGraph())}';`,
    '',
  ].join('\n');
}

if (process.argv[1] && process.argv[1].endsWith('score-graphs.ts')) {
  const { writeFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const target = fileURLToPath(new URL('../../workers/engine/similarity/scoreGraphs.ts', import.meta.url));
  writeFileSync(target, scoreGraphsModule());
  console.log(`wrote ${target}`);
}
