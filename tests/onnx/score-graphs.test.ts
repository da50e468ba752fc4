import { describe, expect, it } from 'vitest';
import { PRODUCT_GRAPH, PRODUCT_TOPK_GRAPH } from '../../workers/engine/similarity/scoreGraphs';
import { productGraph, productTopKGraph } from '../../tools/onnx/score-graphs';

describe('score graphs held by the engine', () => {
  it('are the graphs tools/onnx/score-graphs.ts builds (re-run it after changing them)', () => {
    expect(PRODUCT_GRAPH).toBe(Buffer.from(productGraph()).toString('base64'));
    expect(PRODUCT_TOPK_GRAPH).toBe(Buffer.from(productTopKGraph()).toString('base64'));
  });
});
