import type { Matrix, Target } from '../../../workers/api';

/**
 * The ESCO URI of each column of a text × ESCO matrix. The worker may send them with the matrix
 * (`ids`); until it does, they are read from the same ESCO data file the worker indexes, whose
 * entries are in column order (workers/engine/search/indexFormat.ts: "in the ESCO data's order").
 */
export async function escoColumnIds(matrix: Matrix, target: Target, signal?: AbortSignal): Promise<string[] | null> {
  const sent = (matrix as Matrix & { ids?: string[]; colIds?: string[] }).ids ?? (matrix as { colIds?: string[] }).colIds;
  if (sent?.length === matrix.cols) return sent;
  try {
    const response = await fetch(new URL('data/esco/core.json', document.baseURI), { signal });
    if (!response.ok) return null;
    const core = (await response.json()) as { uriPrefix?: Record<Target, string>; occupations?: { id: string[] }; skills?: { id: string[] } };
    const ids = core[target]?.id;
    const prefix = core.uriPrefix?.[target] ?? '';
    if (!ids || ids.length !== matrix.cols) return null;
    return ids.map((id) => (id.startsWith('http') ? id : prefix + id));
  } catch {
    return null;
  }
}
