import type { Activation, DenseLayer } from './recipe';

/**
 * Applies sentence-transformers Dense layers to pooled row vectors:
 * y = activation(W x + b) with W stored row-major [out, in] (torch nn.Linear layout).
 */
export function applyDense(rows: Float32Array, count: number, layer: DenseLayer): Float32Array {
  const { inFeatures: nIn, outFeatures: nOut, weight, bias } = layer;
  if (rows.length !== count * nIn) {
    throw new Error(`Dense layer expects ${nIn} inputs per row, got ${rows.length / Math.max(count, 1)}`);
  }
  const out = new Float32Array(count * nOut);
  const act = activationFunction(layer.activation);
  for (let r = 0; r < count; r++) {
    const x = rows.subarray(r * nIn, (r + 1) * nIn);
    for (let o = 0; o < nOut; o++) {
      const w = o * nIn;
      let sum = bias ? bias[o] : 0;
      for (let i = 0; i < nIn; i++) sum += weight[w + i] * x[i];
      out[r * nOut + o] = act(sum);
    }
  }
  return out;
}

export function applyHeads(rows: Float32Array, count: number, layers: DenseLayer[]): Float32Array {
  let current = rows;
  for (const layer of layers) current = applyDense(current, count, layer);
  return current;
}

function activationFunction(name: Activation): (x: number) => number {
  switch (name) {
    case 'identity': return (x) => x;
    case 'tanh': return Math.tanh;
    case 'relu': return (x) => (x > 0 ? x : 0);
    case 'sigmoid': return (x) => 1 / (1 + Math.exp(-x));
    // torch's default GELU is the exact erf form.
    case 'gelu': return (x) => 0.5 * x * (1 + erf(x / Math.SQRT2));
  }
}

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough for float32 heads. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

/** Maps the class path sentence-transformers saves (e.g. "torch.nn.modules.activation.Tanh") to a short name. */
export function parseActivation(path: string | undefined): Activation {
  const name = (path ?? 'Tanh').split('.').pop()!.toLowerCase();
  if (name === 'tanh') return 'tanh';
  if (name === 'identity') return 'identity';
  if (name === 'relu') return 'relu';
  if (name === 'gelu') return 'gelu';
  if (name === 'sigmoid') return 'sigmoid';
  throw new Error(`Dense activation "${path}" is not supported (tanh, identity, relu, gelu, sigmoid are)`);
}
