import type { CosineChunk } from './cosine';

/**
 * The A · Bᵀ product of cosine.ts as a WebGPU compute kernel, register-tiled: each invocation of a
 * 16 × 16 workgroup computes a 4 × 4 block of the result (so a workgroup a 64 × 64 tile), from
 * 16-wide k slices of 64 A rows and 64 B rows staged in workgroup memory. Every value read from
 * the storage buffers is reused 64 times and each barrier pays for 16 × 16 fused steps per
 * invocation; the one-result-per-invocation 16 × 16 tiling it replaced reused values 16 times and
 * paid a barrier for every 16 steps. Measured on SwiftShader here (256 × 1000 × 256, bench page):
 * 234 ms against 1,148 ms. Results come back in row chunks sized to the device's binding limit,
 * like the JS path.
 */

/** Rows (and columns) of the result one workgroup computes. */
const TILE = 64;
/** k values staged per step. */
const K_SLICE = 16;

const SHADER = /* wgsl */ `
struct Dims { rowEnd: u32, nb: u32, dim: u32, rowStart: u32 };
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> dims: Dims;

// k-major: slice row k holds that k of the tile's 64 rows, so 4 neighbouring rows are 4 neighbouring floats.
var<workgroup> tileA: array<f32, ${K_SLICE * TILE}>;
var<workgroup> tileB: array<f32, ${K_SLICE * TILE}>;

fn put(row: u32, col: u32, value: f32) {
  if (dims.rowStart + row < dims.rowEnd && col < dims.nb) { C[row * dims.nb + col] = value; }
}

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_index) li: u32, @builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  // Staging: invocation li brings 4 k values of row li / 4 of both tiles.
  let loadRow = li / 4u;
  let loadK = (li % 4u) * 4u;
  let aRow = dims.rowStart + wid.y * ${TILE}u + loadRow;
  let bRow = wid.x * ${TILE}u + loadRow;
  let aIn = aRow < dims.rowEnd;
  let bIn = bRow < dims.nb;
  var c0 = vec4<f32>(0.0);
  var c1 = vec4<f32>(0.0);
  var c2 = vec4<f32>(0.0);
  var c3 = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < dims.dim; k0 = k0 + ${K_SLICE}u) {
    for (var j = 0u; j < 4u; j = j + 1u) {
      let k = k0 + loadK + j;
      let kIn = k < dims.dim;
      // Out-of-range reads are clamped to index 0 and their value dropped by select.
      tileA[(loadK + j) * ${TILE}u + loadRow] = select(0.0, A[select(0u, aRow * dims.dim + k, aIn && kIn)], aIn && kIn);
      tileB[(loadK + j) * ${TILE}u + loadRow] = select(0.0, B[select(0u, bRow * dims.dim + k, bIn && kIn)], bIn && kIn);
    }
    workgroupBarrier();
    for (var k = 0u; k < ${K_SLICE}u; k = k + 1u) {
      let ai = k * ${TILE}u + lid.y * 4u;
      let bi = k * ${TILE}u + lid.x * 4u;
      let a = vec4<f32>(tileA[ai], tileA[ai + 1u], tileA[ai + 2u], tileA[ai + 3u]);
      let b = vec4<f32>(tileB[bi], tileB[bi + 1u], tileB[bi + 2u], tileB[bi + 3u]);
      c0 = c0 + a.x * b;
      c1 = c1 + a.y * b;
      c2 = c2 + a.z * b;
      c3 = c3 + a.w * b;
    }
    workgroupBarrier();
  }
  // Rows of this chunk's output (row 0 = dims.rowStart of A).
  let r = wid.y * ${TILE}u + lid.y * 4u;
  let c = wid.x * ${TILE}u + lid.x * 4u;
  put(r, c, c0.x); put(r, c + 1u, c0.y); put(r, c + 2u, c0.z); put(r, c + 3u, c0.w);
  put(r + 1u, c, c1.x); put(r + 1u, c + 1u, c1.y); put(r + 1u, c + 2u, c1.z); put(r + 1u, c + 3u, c1.w);
  put(r + 2u, c, c2.x); put(r + 2u, c + 1u, c2.y); put(r + 2u, c + 2u, c2.z); put(r + 2u, c + 3u, c2.w);
  put(r + 3u, c, c3.x); put(r + 3u, c + 1u, c3.y); put(r + 3u, c + 2u, c3.z); put(r + 3u, c + 3u, c3.w);
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
      device.queue.writeBuffer(uniform, 0, new Uint32Array([start + count, nb, dim, start]));
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
