// Writes (and reads back) ONNX models: a small graph description in, ModelProto bytes out. Field numbers are from
// onnx/onnx.proto (IR version 8). Only float32 tensors, which is all the converted networks need. The output is
// deterministic (no timestamps, fixed field order), so a conversion has a stable sha256.
import { ProtoWriter, readFields, readPackedInts, type ProtoField } from './protobuf.ts';

export type OnnxAttr =
  | { name: string; int: number }
  | { name: string; ints: readonly number[] }
  | { name: string; float: number }
  | { name: string; string: string };
export type OnnxNode = { op: string; inputs: readonly string[]; outputs: readonly string[]; name?: string; attrs?: readonly OnnxAttr[] };
export type OnnxTensor = { name: string; dims: readonly number[]; data: Float32Array };
/** A float32 graph input or output; a string dimension is symbolic (the batch size 'N'). */
export type OnnxValue = { name: string; shape: readonly (number | string)[] };
export type OnnxModel = {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  graphName: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValue[];
  outputs: readonly OnnxValue[];
  metadata: Readonly<Record<string, string>>;
};

const TENSOR_FLOAT = 1;
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;

export function encodeModel(m: OnnxModel): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of m.nodes) graph.message(1, encodeNode(n));
  graph.string(2, m.graphName);
  for (const t of m.initializers) graph.message(5, encodeTensor(t));
  for (const v of m.inputs) graph.message(11, encodeValueInfo(v));
  for (const v of m.outputs) graph.message(12, encodeValueInfo(v));

  const model = new ProtoWriter()
    .int(1, m.irVersion)
    .string(2, m.producerName)
    .string(3, m.producerVersion)
    .string(6, m.docString)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, m.opset));
  for (const [key, value] of Object.entries(m.metadata)) model.message(14, new ProtoWriter().string(1, key).string(2, value));
  return model.finish();
}

function encodeNode(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.op);
  for (const a of n.attrs ?? []) w.message(5, encodeAttr(a));
  return w;
}

function encodeAttr(a: OnnxAttr): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name);
  if ('int' in a) return w.int(20, ATTR.INT).int(3, a.int);
  if ('float' in a) return w.int(20, ATTR.FLOAT).float(2, a.float);
  if ('string' in a) return w.int(20, ATTR.STRING).string(4, a.string);
  w.int(20, ATTR.INTS);
  for (const v of a.ints) w.int(8, v);
  return w;
}

function encodeTensor(t: OnnxTensor): ProtoWriter {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (count !== t.data.length) throw new RangeError(`tensor ${t.name}: dims ${t.dims.join('x')} hold ${count} values, data has ${t.data.length}`);
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, TENSOR_FLOAT).string(8, t.name);
  // raw_data is little-endian float32; copy so a subarray view of a larger buffer is not written whole.
  const raw = new Uint8Array(t.data.length * 4);
  const view = new DataView(raw.buffer);
  t.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return w.bytes(9, raw);
}

function encodeValueInfo(v: OnnxValue): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, TENSOR_FLOAT).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

// ---- Reading (tests and the parity report compare our model with the reference conversion) ----

export type ReadNode = { op: string; inputs: string[]; outputs: string[]; attrs: Record<string, number | number[] | string> };
export type ReadModel = {
  irVersion: number;
  opset: number;
  producerName: string;
  nodes: ReadNode[];
  initializers: Map<string, { dims: number[]; data: Float32Array }>;
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  metadata: Record<string, string>;
};

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const len = (fields: ProtoField[], n: number) => fields.filter((f) => f.field === n && f.wire === 'len').map((f) => f.value as Uint8Array);
const num = (fields: ProtoField[], n: number) => {
  const f = fields.find((x) => x.field === n && x.wire === 'varint');
  return f ? Number(BigInt.asIntN(64, f.value as bigint)) : undefined;
};
/** A repeated int64 field, packed or not. */
const ints = (fields: ProtoField[], n: number): number[] =>
  fields.filter((f) => f.field === n).flatMap((f) => (f.wire === 'varint' ? [f.value] : f.wire === 'len' ? readPackedInts(f.value) : [])).map((v) => Number(BigInt.asIntN(64, v)));

export function decodeModel(bytes: Uint8Array): ReadModel {
  const model = readFields(bytes);
  const graphBytes = len(model, 7)[0];
  if (!graphBytes) throw new Error('not an ONNX model: no graph');
  const graph = readFields(graphBytes);
  const opsets = len(model, 8).map(readFields);
  const defaultOpset = opsets.find((o) => text(len(o, 1)[0] ?? new Uint8Array()) === '');
  const metadata: Record<string, string> = {};
  for (const entry of len(model, 14).map(readFields)) metadata[text(len(entry, 1)[0]!)] = text(len(entry, 2)[0] ?? new Uint8Array());
  const initializers = new Map<string, { dims: number[]; data: Float32Array }>();
  for (const t of len(graph, 5).map(readFields)) {
    if (num(t, 2) !== TENSOR_FLOAT) throw new Error('only float32 initializers are read');
    const raw = len(t, 9)[0];
    const data = raw ? floatsOf(raw) : floatsOf(len(t, 4)[0] ?? new Uint8Array());
    initializers.set(text(len(t, 8)[0]!), { dims: ints(t, 1), data });
  }
  return {
    irVersion: num(model, 1) ?? 0,
    opset: defaultOpset ? num(defaultOpset, 2) ?? 0 : 0,
    producerName: text(len(model, 2)[0] ?? new Uint8Array()),
    nodes: len(graph, 1).map(readFields).map((n) => ({
      op: text(len(n, 4)[0]!),
      inputs: len(n, 1).map(text),
      outputs: len(n, 2).map(text),
      attrs: Object.fromEntries(len(n, 5).map(readFields).map((a) => [text(len(a, 1)[0]!), attrValue(a)])),
    })),
    initializers,
    inputs: len(graph, 11).map(readValueInfo),
    outputs: len(graph, 12).map(readValueInfo),
    metadata,
  };
}

function attrValue(a: ProtoField[]): number | number[] | string {
  switch (num(a, 20)) {
    case ATTR.INT: return num(a, 3) ?? 0;
    case ATTR.INTS: return ints(a, 8);
    case ATTR.STRING: return text(len(a, 4)[0] ?? new Uint8Array());
    case ATTR.FLOAT: {
      const f = a.find((x) => x.field === 2 && x.wire === 'i32');
      return f ? new DataView(new Uint8Array(f.value as Uint8Array).buffer).getFloat32(0, true) : 0;
    }
    default: return `(attribute type ${num(a, 20)})`;
  }
}

function readValueInfo(bytes: Uint8Array): OnnxValue {
  const v = readFields(bytes);
  const tensorType = readFields(len(readFields(len(v, 2)[0]!), 1)[0]!);
  const dims = len(readFields(len(tensorType, 2)[0] ?? new Uint8Array()), 1).map(readFields);
  return { name: text(len(v, 1)[0]!), shape: dims.map((d) => num(d, 1) ?? text(len(d, 2)[0] ?? new Uint8Array())) };
}

function floatsOf(raw: Uint8Array): Float32Array {
  const copy = new Uint8Array(raw); // a copy at offset 0 (Buffer#slice would share the whole pool)
  const view = new DataView(copy.buffer);
  const out = new Float32Array(copy.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
