// Our protobuf and ONNX writer: encodings checked byte by byte, read back, and a small model run in onnxruntime.
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, type OnnxModel } from '../../../scripts/models/onnx.ts';
import { ProtoWriter, readFields, readPackedInts, varint } from '../../../scripts/models/protobuf.ts';

describe('protobuf', () => {
  it('encodes varints as the protobuf spec shows (150 -> 96 01)', () => {
    expect(Array.from(varint(0n))).toEqual([0]);
    expect(Array.from(varint(1n))).toEqual([1]);
    expect(Array.from(varint(127n))).toEqual([127]);
    expect(Array.from(varint(150n))).toEqual([0x96, 0x01]);
    expect(Array.from(varint(300n))).toEqual([0xac, 0x02]);
    expect(() => varint(-1n)).toThrow(/negative/);
  });

  it('writes tags, strings, floats and negative ints that read back', () => {
    const bytes = new ProtoWriter().int(1, 150).string(2, 'testing').float(3, 1.5).int(4, -1).packedInts(5, [3, 270, 86942]).finish();
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(bytes.subarray(3, 5))).toEqual([0x12, 0x07]);
    const fields = readFields(bytes);
    expect(fields.map((f) => [f.field, f.wire])).toEqual([[1, 'varint'], [2, 'len'], [3, 'i32'], [4, 'varint'], [5, 'len']]);
    expect(new TextDecoder().decode(fields[1]!.value as Uint8Array)).toBe('testing');
    expect(new DataView(new Uint8Array(fields[2]!.value as Uint8Array).buffer).getFloat32(0, true)).toBe(1.5);
    expect(BigInt.asIntN(64, fields[3]!.value as bigint)).toBe(-1n);
    // The packed example from the protobuf encoding guide: 03 8E 02 9E A7 05.
    expect(Array.from(fields[4]!.value as Uint8Array)).toEqual([0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05]);
    expect(readPackedInts(fields[4]!.value as Uint8Array)).toEqual([3n, 270n, 86942n]);
  });

  it('refuses truncated input', () => {
    const bytes = new ProtoWriter().string(1, 'hello').finish();
    expect(() => readFields(bytes.subarray(0, 4))).toThrow(/runs past the end/);
    expect(() => readFields(Uint8Array.of(0x08, 0x96))).toThrow(/truncated varint/);
  });
});

const tiny: OnnxModel = {
  irVersion: 8, opset: 13, producerName: 'atrium-test', producerVersion: '1', docString: 'y = relu(x + b) @ w', graphName: 'tiny',
  nodes: [
    { op: 'Add', inputs: ['x', 'b'], outputs: ['sum'] },
    { op: 'Relu', inputs: ['sum'], outputs: ['r'] },
    { op: 'MatMul', inputs: ['r', 'w'], outputs: ['y'] },
  ],
  initializers: [
    { name: 'b', dims: [3], data: Float32Array.of(1, -2, 0.5) },
    { name: 'w', dims: [3, 2], data: Float32Array.of(1, 0, 0, 1, 2, -1) },
  ],
  inputs: [{ name: 'x', shape: ['N', 3] }],
  outputs: [{ name: 'y', shape: ['N', 2] }],
  metadata: { labels: 'a,b' },
};

describe('ONNX writer', () => {
  it('reads back what it wrote', () => {
    const m = decodeModel(encodeModel(tiny));
    expect(m).toMatchObject({ irVersion: 8, opset: 13, producerName: 'atrium-test', metadata: { labels: 'a,b' } });
    expect(m.nodes.map((n) => [n.op, n.inputs, n.outputs])).toEqual([['Add', ['x', 'b'], ['sum']], ['Relu', ['sum'], ['r']], ['MatMul', ['r', 'w'], ['y']]]);
    expect(Array.from(m.initializers.get('w')!.data)).toEqual([1, 0, 0, 1, 2, -1]);
    expect(m.initializers.get('w')!.dims).toEqual([3, 2]);
    expect(m.inputs).toEqual([{ name: 'x', shape: ['N', 3] }]);
  });

  it('is deterministic (same graph, same bytes)', () => {
    expect(Buffer.from(encodeModel(tiny)).equals(Buffer.from(encodeModel(tiny)))).toBe(true);
  });

  it('writes attributes of each kind', () => {
    const m = decodeModel(encodeModel({ ...tiny, nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], attrs: [{ name: 'axis', int: -1 }, { name: 'ks', ints: [3, 3] }, { name: 'alpha', float: 0.25 }, { name: 'mode', string: 'same' }] }] }));
    expect(m.nodes[0]!.attrs).toEqual({ axis: -1, ks: [3, 3], alpha: 0.25, mode: 'same' });
  });

  it('refuses a tensor whose data does not fill its dims', () => {
    expect(() => encodeModel({ ...tiny, initializers: [{ name: 'b', dims: [4], data: Float32Array.of(1, 2, 3) }] })).toThrow(/hold 4 values, data has 3/);
  });

  it('produces a model onnxruntime runs, with the expected result', async () => {
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(encodeModel(tiny));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 1, 1, -5, 5, 0), [2, 3]) });
    // row 1: relu([2, -1, 1.5]) = [2, 0, 1.5] -> [2 + 3, -1.5]; row 2: relu([-4, 3, 0.5]) = [0, 3, 0.5] -> [1, 2.5]
    expect(Array.from(out.y!.data as Float32Array)).toEqual([5, -1.5, 1, 2.5]);
    await session.release();
  });
});
