import { describe, expect, it } from 'vitest';
import { axisOrder, keepStrongestColumns, renderHeatmap, topPairs, valueRange } from './heatmapModel';

const m = { rows: 3, cols: 2, values: Float32Array.from([0.1, 0.9, 0.5, 0.4, 0.3, 0.2]) };

describe('heatmap model', () => {
  it('orders rows by their highest similarity', () => {
    expect(Array.from(axisOrder(m, 'rows', 'max', []))).toEqual([0, 1, 2]);
    expect(Array.from(axisOrder(m, 'cols', 'mean', []))).toEqual([1, 0]);
    expect(Array.from(axisOrder(m, 'rows', 'label', ['b', 'c', 'a']))).toEqual([2, 0, 1]);
  });
  it('lists the pairs at or above a threshold, strongest first, and counts them all', () => {
    const { pairs, total } = topPairs(m, 0.3, 2);
    expect(total).toBe(4);
    expect(pairs).toEqual([
      { row: 0, col: 1, value: expect.closeTo(0.9, 5) },
      { row: 1, col: 0, value: expect.closeTo(0.5, 5) },
    ]);
  });
  it('draws one pixel per cell, grey below the threshold, and bins big matrices by their maximum', () => {
    const { min, max } = valueRange(m.values);
    const order = { rowOrder: Int32Array.from([0, 1, 2]), colOrder: Int32Array.from([0, 1]) };
    const image = renderHeatmap(m, { ...order, min, max, threshold: 0.35, maxSide: 10 });
    expect([image.width, image.height]).toEqual([2, 3]);
    expect(Array.from(image.rgba.slice(0, 3))).toEqual([232, 232, 232]); // 0.1 < threshold
    expect(Array.from(image.rgba.slice(4, 7))).toEqual([0xfd, 0xe7, 0x25]); // the maximum: top of the ramp
    const binned = renderHeatmap(m, { ...order, min, max, threshold: -1, maxSide: 1 });
    expect([binned.width, binned.height]).toEqual([1, 1]);
    expect(Array.from(binned.rgba.slice(0, 3))).toEqual([0xfd, 0xe7, 0x25]);
  });
  it('keeps the ESCO columns most similar to any row, in their original order', () => {
    const { matrix, columns } = keepStrongestColumns({ rows: 1, cols: 4, values: Float32Array.from([0.2, 0.8, 0.1, 0.5]) }, 2);
    expect(Array.from(columns)).toEqual([1, 3]);
    expect(Array.from(matrix.values)).toEqual([expect.closeTo(0.8, 5), expect.closeTo(0.5, 5)]);
  });
});
