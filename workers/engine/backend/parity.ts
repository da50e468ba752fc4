import type { Embedder } from '../embed/embedder';
import type { EmbedRole } from '../models/recipe';

/** probes.json of a model package (written by model:pack). */
export interface ProbesFile {
  dim: number;
  probes: { text: string; role: EmbedRole }[];
  /** dtype → one reference vector per probe, computed on CPU in Node. */
  references: Record<string, number[][]>;
  backends?: Record<string, string>;
}

export interface ParityResult {
  ok: boolean;
  /** Lowest cosine between a probe's vector here and its reference. */
  minCosine: number;
  /** The probe with the lowest cosine. */
  worstProbe?: string;
  /** Set when the check could not run (no reference for this dtype). */
  skipped?: string;
}

/** Upstream reports WebGPU results at cosine ≈ 0 or 0.75 against WASM; float noise stays above 0.999. */
export const PARITY_THRESHOLD = 0.99;

/**
 * Embeds the package's probes on the loaded backend and compares each with its CPU reference.
 * Probes run one per batch, as they were computed, because int8 models depend slightly on batch-mates.
 */
export async function checkParity(embedder: Embedder, probes: ProbesFile, threshold = PARITY_THRESHOLD): Promise<ParityResult> {
  const reference = probes.references[embedder.dtype];
  if (!reference) return { ok: true, minCosine: NaN, skipped: `no reference vectors for dtype ${embedder.dtype}` };
  if (probes.dim !== embedder.dim) return { ok: false, minCosine: NaN, worstProbe: `dimension ${embedder.dim} ≠ reference ${probes.dim}` };
  let minCosine = Infinity;
  let worstProbe: string | undefined;
  for (let i = 0; i < probes.probes.length; i++) {
    const { text, role } = probes.probes[i];
    const v = await embedder.embed([text], { role, batchSize: 1 });
    const c = cosine(v, reference[i]);
    // NaN (an fp16 overflow) fails at once: it compares false with everything.
    if (Number.isNaN(c)) return { ok: false, minCosine: NaN, worstProbe: text };
    if (c < minCosine) { minCosine = c; worstProbe = text; }
  }
  return { ok: minCosine >= threshold, minCosine, worstProbe };
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
}
