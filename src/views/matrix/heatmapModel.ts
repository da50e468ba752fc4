/**
 * The numbers behind the heatmap, kept apart from React and canvas so they can be tested:
 * row/column orders, the colour ramp, the downsampled image and the strongest pairs.
 */

export type SortMode = 'input' | 'max' | 'mean' | 'label';

export interface MatrixData {
  rows: number;
  cols: number;
  /** Row-major rows × cols. */
  values: Float32Array;
}

/** Max and mean of every row (axis 'rows') or column (axis 'cols'). */
export function axisStats(m: MatrixData, axis: 'rows' | 'cols'): { max: Float32Array; mean: Float32Array } {
  const n = axis === 'rows' ? m.rows : m.cols;
  const max = new Float32Array(n).fill(-Infinity);
  const sum = new Float64Array(n);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let j = 0; j < m.cols; j++) {
      const v = m.values[base + j];
      const k = axis === 'rows' ? i : j;
      if (v > max[k]) max[k] = v;
      sum[k] += v;
    }
  }
  const other = axis === 'rows' ? m.cols : m.rows;
  const mean = new Float32Array(n);
  for (let k = 0; k < n; k++) mean[k] = other ? sum[k] / other : 0;
  return { max, mean };
}

/** A permutation of 0..n-1: display position → original index. Ties keep input order. */
export function axisOrder(m: MatrixData, axis: 'rows' | 'cols', mode: SortMode, labels: readonly string[]): Int32Array {
  const n = axis === 'rows' ? m.rows : m.cols;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (mode === 'input') return order;
  if (mode === 'label') {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    return order.sort((a, b) => collator.compare(labels[a] ?? '', labels[b] ?? '') || a - b);
  }
  const stats = axisStats(m, axis);
  const key = mode === 'max' ? stats.max : stats.mean;
  return order.sort((a, b) => key[b] - key[a] || a - b);
}

/** Minimum and maximum of the finite values. */
export function valueRange(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { min: 0, max: 1 };
  if (max - min < 1e-6) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}

/** Viridis (perceptually uniform, readable in greyscale and by most colour-blind people). */
export const RAMP_STOPS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
const BELOW_THRESHOLD: [number, number, number] = [232, 232, 232];

function hex(h: string): [number, number, number] {
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}

/** 256 RGB entries interpolated between the ramp stops. */
export function buildRamp(stops: readonly string[] = RAMP_STOPS): Uint8Array {
  const rgb = stops.map(hex);
  const ramp = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (rgb.length - 1);
    const k = Math.min(rgb.length - 2, Math.floor(x));
    const f = x - k;
    for (let c = 0; c < 3; c++) ramp[i * 3 + c] = Math.round(rgb[k][c] * (1 - f) + rgb[k + 1][c] * f);
  }
  return ramp;
}

export interface ImageSpec {
  rowOrder: Int32Array;
  colOrder: Int32Array;
  min: number;
  max: number;
  threshold: number;
  /** Largest image side; bigger matrices are drawn with several cells per pixel (their max). */
  maxSide: number;
}

export interface HeatmapImage {
  width: number;
  height: number;
  /** Cells per pixel along each axis (1 when the matrix fits). */
  binRows: number;
  binCols: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** The pixels of the heatmap: one pixel per cell, or per bin of cells showing the bin's maximum. */
export function renderHeatmap(m: MatrixData, spec: ImageSpec, ramp: Uint8Array = buildRamp()): HeatmapImage {
  const binRows = Math.max(1, Math.ceil(m.rows / spec.maxSide));
  const binCols = Math.max(1, Math.ceil(m.cols / spec.maxSide));
  const width = Math.ceil(m.cols / binCols);
  const height = Math.ceil(m.rows / binRows);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const scale = 255 / (spec.max - spec.min || 1);
  // One 32-bit RGBA word per ramp level (byte order of the platform), written in one store per pixel.
  const pixels = new Uint32Array(rgba.buffer);
  const words = new Uint32Array(257);
  const bytes = new Uint8Array(words.buffer);
  for (let k = 0; k < 256; k++) bytes.set([ramp[k * 3], ramp[k * 3 + 1], ramp[k * 3 + 2], 255], k * 4);
  bytes.set([...BELOW_THRESHOLD, 255], 256 * 4);
  const below = words[256];
  const { threshold, min } = spec;
  const colour = (v: number) => (v >= threshold ? words[Math.max(0, Math.min(255, Math.round((v - min) * scale)))] : below);
  if (binRows === 1 && binCols === 1) {
    const { colOrder, rowOrder } = spec;
    const values = m.values;
    const row = new Float32Array(width);
    for (let y = 0; y < height; y++) {
      // Gather the row in display order first: the colour loop then reads memory in sequence.
      const base = rowOrder[y] * m.cols;
      for (let x = 0; x < width; x++) row[x] = values[base + colOrder[x]];
      const out = y * width;
      for (let x = 0; x < width; x++) {
        const v = row[x];
        if (v >= threshold) {
          let k = ((v - min) * scale + 0.5) | 0;
          if (k < 0) k = 0;
          else if (k > 255) k = 255;
          pixels[out + x] = words[k];
        } else pixels[out + x] = below;
      }
    }
    return { width, height, binRows, binCols, rgba };
  }
  const binMax = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    binMax.fill(-Infinity);
    for (let r = y * binRows; r < Math.min(m.rows, (y + 1) * binRows); r++) {
      const base = spec.rowOrder[r] * m.cols;
      for (let c = 0; c < m.cols; c++) {
        const v = m.values[base + spec.colOrder[c]];
        const x = (c / binCols) | 0;
        if (v > binMax[x]) binMax[x] = v;
      }
    }
    for (let x = 0; x < width; x++) pixels[y * width + x] = colour(binMax[x]);
  }
  return { width, height, binRows, binCols, rgba };
}

export interface Pair {
  row: number;
  col: number;
  value: number;
}

/** How many cells are at or above the threshold. */
export function countAtLeast(values: Float32Array, threshold: number): number {
  let n = 0;
  for (let k = 0; k < values.length; k++) if (values[k] >= threshold) n++;
  return n;
}

/**
 * The strongest pairs at or above the threshold, strongest first (ties: row-major order), at most
 * `limit`. A bounded min-heap keeps only `limit` candidates, so the 50 pairs shown for a
 * 1,000 × 1,000 matrix cost one pass; `total` counts every pair at or above the threshold.
 */
export function topPairs(m: MatrixData, threshold: number, limit: number): { pairs: Pair[]; total: number } {
  const heap = new Int32Array(Math.max(0, limit));
  let size = 0;
  let total = 0;
  const v = m.values;
  // "a is weaker than b": smaller value, or equal value and later cell.
  const weaker = (a: number, b: number) => v[a] < v[b] || (v[a] === v[b] && a > b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m2 = i;
      if (l < size && weaker(heap[l], heap[m2])) m2 = l;
      if (r < size && weaker(heap[r], heap[m2])) m2 = r;
      if (m2 === i) return;
      [heap[i], heap[m2]] = [heap[m2], heap[i]];
      i = m2;
    }
  };
  let floor = threshold;
  for (let k = 0; k < v.length; k++) {
    const x = v[k];
    if (!(x >= threshold)) continue;
    total++;
    // Full heap: anything weaker than its weakest member is out at once.
    if (size === limit && x < floor) continue;
    if (size < limit) {
      let i = size++;
      heap[i] = k;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!weaker(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (limit > 0 && weaker(heap[0], k)) {
      heap[0] = k;
      down(0);
    }
    if (size === limit && limit > 0) floor = v[heap[0]];
  }
  const cells = Array.from(heap.subarray(0, size)).sort((a, b) => v[b] - v[a] || a - b);
  return { pairs: cells.map((k) => ({ row: Math.floor(k / m.cols), col: k % m.cols, value: v[k] })), total };
}

/** The strongest cell of a display bin, in original row/column indexes. */
export function strongestInBin(m: MatrixData, spec: Pick<ImageSpec, 'rowOrder' | 'colOrder'>, rowFrom: number, rowTo: number, colFrom: number, colTo: number): Pair {
  let best: Pair = { row: spec.rowOrder[rowFrom], col: spec.colOrder[colFrom], value: -Infinity };
  for (let r = rowFrom; r < rowTo; r++) {
    const row = spec.rowOrder[r];
    for (let c = colFrom; c < colTo; c++) {
      const col = spec.colOrder[c];
      const v = m.values[row * m.cols + col];
      if (v > best.value) best = { row, col, value: v };
    }
  }
  return best;
}

/** Keeps the `keep` columns with the highest maximum, in their original order (for ESCO targets). */
export function keepStrongestColumns(m: MatrixData, keep: number): { matrix: MatrixData; columns: Int32Array } {
  if (m.cols <= keep) return { matrix: m, columns: Int32Array.from({ length: m.cols }, (_, i) => i) };
  const { max } = axisStats(m, 'cols');
  const columns = Int32Array.from({ length: m.cols }, (_, i) => i)
    .sort((a, b) => max[b] - max[a] || a - b)
    .slice(0, keep)
    .sort();
  const values = new Float32Array(m.rows * keep);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < keep; j++) values[i * keep + j] = m.values[i * m.cols + columns[j]];
  }
  return { matrix: { rows: m.rows, cols: keep, values }, columns };
}
