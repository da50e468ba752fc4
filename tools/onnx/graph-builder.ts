// A small accumulator for writing larger graphs op by op: it names intermediate values
// (deterministically, by a per-prefix counter) and collects nodes and initializers.
import {
  type AttrValue,
  type GraphProto,
  type NodeProto,
  type TensorData,
  type TensorProto,
  type ValueInfoProto,
  graph,
  node,
  tensor,
} from './builder';

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly counters = new Map<string, number>();
  private readonly names = new Set<string>();

  /** A new value name starting with `prefix` that has not been used yet. */
  fresh(prefix: string): string {
    let n = this.counters.get(prefix) ?? 0;
    let name = n === 0 ? prefix : `${prefix}_${n}`;
    while (this.names.has(name)) {
      n += 1;
      name = `${prefix}_${n}`;
    }
    this.counters.set(prefix, n + 1);
    this.names.add(name);
    return name;
  }

  /** Adds an initializer under exactly `name` (which must be new) and returns the name. */
  init(name: string, data: TensorData, dims: readonly number[]): string {
    if (this.names.has(name)) throw new Error(`value name already used: ${name}`);
    this.names.add(name);
    this.initializers.push(tensor(name, data, dims));
    return name;
  }

  /** Adds an initializer under a fresh name starting with `prefix`. */
  constant(prefix: string, data: TensorData, dims: readonly number[]): string {
    const name = this.fresh(prefix);
    this.initializers.push(tensor(name, data, dims));
    return name;
  }

  /** Int64 1-D constant (shapes, axes, indices). */
  int64s(prefix: string, values: readonly number[]): string {
    return this.constant(prefix, BigInt64Array.from(values.map(BigInt)), [values.length]);
  }

  /** Int64 scalar constant (rank 0). */
  int64(prefix: string, value: number): string {
    return this.constant(prefix, new BigInt64Array([BigInt(value)]), []);
  }

  /** Float scalar constant (rank 0). */
  scalar(prefix: string, value: number): string {
    return this.constant(prefix, new Float32Array([value]), []);
  }

  /** Adds one node with a single output; returns the output name. */
  op(opType: string, inputs: readonly string[], attrs?: Record<string, AttrValue>, out?: string): string {
    return this.opN(opType, inputs, 1, attrs, out ? [out] : undefined)[0];
  }

  /** Adds one node with `count` outputs; returns their names. */
  opN(
    opType: string,
    inputs: readonly string[],
    count: number,
    attrs?: Record<string, AttrValue>,
    outs?: readonly string[],
  ): string[] {
    const base = opType.toLowerCase();
    const outputs = outs
      ? outs.map((o) => {
          if (this.names.has(o)) throw new Error(`value name already used: ${o}`);
          this.names.add(o);
          return o;
        })
      : Array.from({ length: count }, () => this.fresh(base));
    this.nodes.push(node(opType, inputs, outputs, { name: this.fresh(`${opType}_node`), attrs }));
    return outputs;
  }

  build(name: string, inputs: ValueInfoProto[], outputs: ValueInfoProto[]): GraphProto {
    return graph({ name, nodes: this.nodes, inputs, outputs, initializers: this.initializers });
  }
}
