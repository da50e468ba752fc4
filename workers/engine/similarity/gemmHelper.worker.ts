/// <reference lib="webworker" />
/**
 * A helper thread of the relaxed-SIMD product (wasmGemm.ts): instantiates the kernel on the shared
 * memory it is sent, says 'ready', then sleeps until a job starts and takes its items
 * (gemmJobs.ts). It never returns to its event loop; the pool terminates it.
 */
import { CTL, runItems, type GemmExports } from './gemmJobs';

self.onmessage = async (event: MessageEvent<{ module: WebAssembly.Module; memory: WebAssembly.Memory }>) => {
  const { module, memory } = event.data;
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const kernel = instance.exports as unknown as GemmExports;
  // The control block is in the first page, which no later grow of the memory moves.
  const ctl = new Int32Array(memory.buffer, 0, 64);
  self.postMessage('ready');
  let generation = Atomics.load(ctl, CTL.generation);
  for (;;) {
    Atomics.wait(ctl, CTL.generation, generation);
    generation = Atomics.load(ctl, CTL.generation);
    runItems(kernel, ctl);
  }
};
