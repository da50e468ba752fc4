import type { CosineChunk } from './cosine';

/**
 * The A · Bᵀ product of cosine.ts as a WebGPU compute kernel. Each 16 × 16 workgroup computes a
 * 16 × 16 tile of the result, staging 16-wide slices of A and B rows in workgroup memory so every
 * value read from the storage buffers is reused 16 times. Results come back in row chunks sized to
 * the device's binding limit, like the JS path.
 */

const TILE = 16;

const SHADER = /* wgsl */ `
struct Dims { na: u32, nb: u32, dim: u32, rowStart: u32 };
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;

const TILE: u32 = ${TILE}u;
var<workgroup> tileA: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tileB: array<array<f32, ${TILE}>, ${TILE}>;

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let localRow = wid.y * TILE + lid.y;
  let row = dims.rowStart + localRow;
  let col = wid.x * TILE + lid.x;
  let bRow = wid.x * TILE + lid.y;
  var sum = 0.0;
  let tiles = (dims.dim + TILE - 1u) / TILE;
  for (var t = 0u; t < tiles; t = t + 1u) {
    let k = t * TILE + lid.x;
    var av = 0.0;
    if (row < dims.na && k < dims.dim) { av = A[row * dims.dim + k]; }
    tileA[lid.y][lid.x] = av;
    var bv = 0.0;
    if (bRow < dims.nb && k < dims.dim) { bv = B[bRow * dims.dim + k]; }
    tileB[lid.y][lid.x] = bv;
    workgroupBarrier();
    for (var i = 0u; i < TILE; i = i + 1u) {
      sum = sum + tileA[lid.y][i] * tileB[lid.x][i];
    }
    workgroupBarrier();
  }
  if (row < dims.na && col < dims.nb) {
    C[localRow * dims.nb + col] = sum;
  }
}`;

const pipelines = new WeakMap<GPUDevice, GPUComputePipeline>();

function pipelineFor(device: GPUDevice): GPUComputePipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: { module: device.createShaderModule({ code: SHADER }), entryPoint: 'main' },
    });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

function upload(device: GPUDevice, data: Float32Array): GPUBuffer {
  const buffer = device.createBuffer({ size: Math.max(16, data.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** Rows of A per dispatch: the output chunk must fit one storage binding (and stay ≤ 64 MiB). */
function chunkRowsFor(device: GPUDevice, nb: number, wanted?: number): number {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize, 64 * 1024 * 1024);
  const byLimit = Math.floor(limit / (Math.max(nb, 1) * 4));
  const byDispatch = device.limits.maxComputeWorkgroupsPerDimension * TILE;
  return Math.max(1, Math.min(wanted ?? byLimit, byLimit, byDispatch));
}

export async function gpuCosineChunks(
  device: GPUDevice, a: Float32Array, na: number, b: Float32Array, nb: number, dim: number,
  onChunk: (chunk: CosineChunk) => void | Promise<void>, chunkRows?: number,
): Promise<void> {
  if (a.length !== na * dim || b.length !== nb * dim) throw new Error(`gpuCosine: inputs are not ${na}×${dim} and ${nb}×${dim}`);
  const maxBinding = device.limits.maxStorageBufferBindingSize;
  if (a.byteLength > maxBinding || b.byteLength > maxBinding) throw new Error('gpuCosine: input larger than the GPU binding limit');
  if (na === 0 || nb === 0) return;
  const rows = Math.min(chunkRowsFor(device, nb, chunkRows), na);
  const pipeline = pipelineFor(device);
  const bufA = upload(device, a);
  const bufB = upload(device, b);
  const outBytes = rows * nb * 4;
  const bufC = device.createBuffer({ size: outBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: outBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const uniform = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: bufA } },
      { binding: 1, resource: { buffer: bufB } },
      { binding: 2, resource: { buffer: bufC } },
      { binding: 3, resource: { buffer: uniform } },
    ],
  });
  try {
    for (let start = 0; start < na; start += rows) {
      const count = Math.min(rows, na - start);
      device.queue.writeBuffer(uniform, 0, new Uint32Array([na, nb, dim, start]));
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(Math.ceil(nb / TILE), Math.ceil(count / TILE));
      pass.end();
      encoder.copyBufferToBuffer(bufC, 0, readback, 0, count * nb * 4);
      device.queue.submit([encoder.finish()]);
      await readback.mapAsync(GPUMapMode.READ, 0, count * nb * 4);
      const values = new Float32Array(readback.getMappedRange(0, count * nb * 4).slice(0));
      readback.unmap();
      await onChunk({ rowStart: start, rowCount: count, values });
    }
  } finally {
    for (const buffer of [bufA, bufB, bufC, readback, uniform]) buffer.destroy();
  }
}

export async function gpuCosineMatrix(
  device: GPUDevice, a: Float32Array, na: number, b: Float32Array, nb: number, dim: number,
): Promise<Float32Array> {
  const out = new Float32Array(na * nb);
  await gpuCosineChunks(device, a, na, b, nb, dim, (chunk) => out.set(chunk.values, chunk.rowStart * nb));
  return out;
}
