/**
 * The slice of onnxruntime the engine uses, typed structurally so the same code runs on
 * onnxruntime-node (Node tools, tests) and onnxruntime-web (the worker): the caller passes its module.
 *
 * Why sessions are created here and not through transformers.js' AutoModel: transformers.js v4.3
 * (web build) chains every session creation and every run on one module-level promise
 * (`webInitChain` / `webInferenceChain`) that is never reset, so one corrupt .onnx file or one
 * failed WebGPU run makes every later load and run in that worker fail with the same error — which
 * would defeat the WebGPU → WASM fallback. transformers.js still provides the tokenizer.
 */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  dispose?(): void;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtModule {
  InferenceSession: { create(model: Uint8Array | string, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: {
    new (type: 'int64', data: BigInt64Array, dims: readonly number[]): OrtTensor;
    new (type: 'float32', data: Float32Array, dims: readonly number[]): OrtTensor;
  };
}

/** onnxruntime execution provider for each engine device. */
export function executionProviders(device: 'webgpu' | 'wasm' | 'cpu'): string[] {
  return [device];
}

/** True under Node (tools, tests), false in a browser page or worker. */
export function isNodeRuntime(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; document?: unknown; importScripts?: unknown };
  return !!g.process?.versions?.node && g.document === undefined && g.importScripts === undefined;
}

/** The CPU execution provider of the current runtime: native MLAS in Node, WASM (SIMD) in a browser. */
export function cpuExecutionProvider(): 'cpu' | 'wasm' {
  return isNodeRuntime() ? 'cpu' : 'wasm';
}

let defaultOrt: Promise<OrtModule> | null = null;

/**
 * The onnxruntime of the current environment: onnxruntime-node under Node, onnxruntime-web (WebGPU
 * build, which also runs WASM) elsewhere. The Node name is hidden from bundlers so the worker bundle
 * never tries to include a native addon.
 */
export function defaultOrtModule(): Promise<OrtModule> {
  defaultOrt ??= (async () => {
    if (isNodeRuntime()) {
      const nodeRuntime = 'onnxruntime-node';
      return (await import(/* @vite-ignore */ nodeRuntime)) as unknown as OrtModule;
    }
    return (await import('onnxruntime-web/webgpu')) as unknown as OrtModule;
  })();
  return defaultOrt;
}
