/**
 * Which ONNX backend to run on. WebGPU only when an adapter really exists (navigator.gpu alone
 * is not enough: headless and blocklisted GPUs expose the API but no adapter); otherwise WASM.
 * "auto" also keeps models without transformer layers (static token vectors, like the default
 * model) on WASM: a table lookup gains nothing from a GPU, while WebGPU needs the larger runtime
 * (27 MB against 14 MB) and a GPU device first — measured here (docs/BENCHMARKS.md, SwiftShader),
 * its cold start took 2.3 s against 1.4 s on WASM, and a warm 600-word resume 124 ms against 86 ms.
 * "auto" keeps every model off a software adapter (the spec's isFallbackAdapter, e.g. SwiftShader,
 * which runs WebGPU on the CPU): there a BERT-base model embedded 2.3 texts/s against 37 on WASM
 * (docs/BENCHMARKS.md, batch 4 against 8, q8). Asked for explicitly, WebGPU is used anyway.
 */
export type BrowserDevice = 'webgpu' | 'wasm';
export type DeviceChoice = 'auto' | 'webgpu' | 'wasm';

export interface DeviceDecision {
  device: BrowserDevice;
  /** Why WebGPU is not used although it was asked for or would be preferred. */
  reason?: string;
  /** WebGPU was asked for explicitly and runs on a software adapter (the CPU). */
  softwareAdapter?: true;
}

/** The part of navigator.gpu this needs; passed in so tests and Node can supply their own. */
export interface GpuLike {
  requestAdapter(): Promise<unknown | null>;
}

/**
 * Whether a WebGPU adapter is a software one (`info.isFallbackAdapter`, or the older
 * `adapter.isFallbackAdapter`): WebGPU's "significant performance caveats" flag.
 */
export function isSoftwareAdapter(adapter: unknown): boolean {
  const a = adapter as { isFallbackAdapter?: unknown; info?: { isFallbackAdapter?: unknown } } | null;
  return a?.info?.isFallbackAdapter === true || a?.isFallbackAdapter === true;
}

const SOFTWARE_ADAPTER_REASON = 'this WebGPU adapter is a software one (it runs on the CPU, e.g. SwiftShader), slower than WASM';

/** config.json's num_hidden_layers (0 for a static model), or null when it does not say. */
export function transformerLayers(configJson: string | null): number | null {
  try {
    const layers = (JSON.parse(configJson ?? 'null') as { num_hidden_layers?: unknown } | null)?.num_hidden_layers;
    return typeof layers === 'number' ? layers : null;
  } catch {
    return null; // a broken config.json is reported when the recipe is read
  }
}

/**
 * `layers` is asked for only when the choice is "auto" (a model's config.json may still be on
 * its way when the choice is explicit).
 */
export async function chooseDevice(choice: DeviceChoice, gpu: GpuLike | undefined, layers?: () => Promise<number | null>): Promise<DeviceDecision> {
  if (choice === 'wasm') return { device: 'wasm' };
  if (choice === 'auto' && layers && (await layers()) === 0) return { device: 'wasm' };
  if (!gpu) return { device: 'wasm', reason: 'WebGPU is not available in this browser' };
  let adapter: unknown = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { device: 'wasm', reason: `WebGPU adapter request failed: ${error instanceof Error ? error.message : error}` };
  }
  if (!adapter) return { device: 'wasm', reason: 'WebGPU found no GPU adapter' };
  if (isSoftwareAdapter(adapter)) return choice === 'auto' ? { device: 'wasm', reason: SOFTWARE_ADAPTER_REASON } : { device: 'webgpu', softwareAdapter: true };
  return { device: 'webgpu' };
}

/**
 * Loads on the chosen device; a WebGPU load failure falls back to WASM and says why.
 * `load` is called at most twice.
 */
export async function loadWithFallback<T>(
  decision: DeviceDecision,
  load: (device: BrowserDevice) => Promise<T>,
): Promise<{ value: T; device: BrowserDevice; fallbackReason?: string }> {
  if (decision.device === 'wasm') return { value: await load('wasm'), device: 'wasm', fallbackReason: decision.reason };
  try {
    return { value: await load('webgpu'), device: 'webgpu' };
  } catch (error) {
    const reason = `WebGPU failed to load the model (${error instanceof Error ? error.message : error}); using WASM`;
    return { value: await load('wasm'), device: 'wasm', fallbackReason: reason };
  }
}
