// Our FaceExpressionNet converter: weight decoding, layout transposes, TF 'same' padding, and the whole conversion
// compared with the independent reference conversion (same ops, bit-identical weights) and with the manifest's pin.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, modelEntry, sha256Of } from '../../../edge-agent/src/expression/manifest.ts';
import { decodeTfjsWeights, faceExpressionGraph, hwcmToDepthwise, hwioToOihw, tfSamePads } from '../../../scripts/models/faceapi.ts';
import { convertFaceExpression } from '../../../scripts/models/install.ts';
import { decodeModel } from '../../../scripts/models/onnx.ts';
import { repoRoot } from '../../support/agent-process.ts';

const REFERENCE = path.resolve(repoRoot, '../shared/models/faceapi-expression.onnx');

describe('decodeTfjsWeights', () => {
  const manifest = JSON.stringify([{
    paths: ['a.bin', 'b.bin'],
    weights: [
      { name: 'q', shape: [2, 2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
      { name: 'f', shape: [2], dtype: 'float32' },
    ],
  }]);
  const floats = new Uint8Array(new Float32Array([3.25, -7]).buffer);
  const shards: Record<string, Uint8Array> = { 'a.bin': Uint8Array.of(0, 1, 2), 'b.bin': Uint8Array.of(255, ...floats) };

  it('dequantises uint8 as byte * scale + min and reads float32 across shard boundaries', () => {
    const w = decodeTfjsWeights(manifest, (p) => shards[p]!);
    expect(Array.from(w.get('q')!.data)).toEqual([-1, -0.5, 0, 126.5]);
    expect(Array.from(w.get('f')!.data)).toEqual([3.25, -7]);
    expect(w.get('q')!.shape).toEqual([2, 2]);
  });

  it('refuses shards with bytes left over, or too short', () => {
    expect(() => decodeTfjsWeights(manifest, (p) => (p === 'b.bin' ? Uint8Array.of(255, ...floats, 0) : shards[p]!))).toThrow(/1 bytes left over/);
    expect(() => decodeTfjsWeights(manifest, (p) => (p === 'b.bin' ? Uint8Array.of(255, 1, 2) : shards[p]!))).toThrow(/weight f: shard too short/);
  });

  it('refuses quantisation it does not know', () => {
    const m = JSON.stringify([{ paths: ['a.bin'], weights: [{ name: 'q', shape: [1], dtype: 'float32', quantization: { dtype: 'float16' } }] }]);
    expect(() => decodeTfjsWeights(m, () => Uint8Array.of(0, 0))).toThrow(/not supported/);
  });
});

describe('layout conversions', () => {
  it('HWIO -> OIHW moves element (y, x, i, o) to (o, i, y, x)', () => {
    const shape = [2, 3, 4, 5];
    const data = Float32Array.from({ length: 120 }, (_, n) => n);
    const { dims, data: out } = hwioToOihw(data, shape);
    expect(dims).toEqual([5, 4, 2, 3]);
    for (const [y, x, i, o] of [[0, 0, 0, 0], [1, 2, 3, 4], [0, 1, 2, 3], [1, 0, 3, 1]] as const) {
      expect(out[((o * 4 + i) * 2 + y) * 3 + x]).toBe(data[((y * 3 + x) * 4 + i) * 5 + o]);
    }
  });

  it('HWCM depthwise -> [C*M, 1, H, W] with output channel c*M + m', () => {
    const shape = [3, 3, 4, 2];
    const data = Float32Array.from({ length: 72 }, (_, n) => n);
    const { dims, data: out } = hwcmToDepthwise(data, shape);
    expect(dims).toEqual([8, 1, 3, 3]);
    for (const [y, x, c, m] of [[0, 0, 0, 0], [2, 1, 3, 1], [1, 2, 2, 0]] as const) {
      expect(out[((c * 2 + m) * 3 + y) * 3 + x]).toBe(data[((y * 3 + x) * 4 + c) * 2 + m]);
    }
  });

  it("TF 'same' padding puts the odd pixel after (ONNX SAME_UPPER)", () => {
    expect(tfSamePads(112, 3, 2)).toEqual([0, 1]);
    expect(tfSamePads(56, 3, 1)).toEqual([1, 1]);
    expect(tfSamePads(7, 3, 2)).toEqual([1, 1]);
    expect(tfSamePads(14, 1, 1)).toEqual([0, 0]);
  });
});

describe('the FaceExpressionNet conversion', () => {
  const entry = modelEntry(loadManifest(path.join(repoRoot, 'models')), 'face-expression');
  const ours = convertFaceExpression(entry, path.join(repoRoot, 'node_modules'));

  it('has the sha256 and size the manifest pins (deterministic output)', () => {
    expect(sha256Of(ours)).toBe(entry.sha256);
    expect(ours.length).toBe(entry.size);
  });

  it('matches the reference conversion: same operators in the same order, bit-identical weights', () => {
    if (!existsSync(REFERENCE)) throw new Error(`reference conversion missing at ${REFERENCE} (the CI mirror folder ../shared/models)`);
    const a = decodeModel(ours);
    const b = decodeModel(readFileSync(REFERENCE));
    expect(a.nodes.map((n) => n.op)).toEqual(b.nodes.map((n) => n.op));
    expect(a.nodes.length).toBe(b.nodes.length);
    for (let i = 0; i < a.nodes.length; i++) {
      const [x, y] = [a.nodes[i]!.attrs, b.nodes[i]!.attrs];
      for (const k of ['kernel_shape', 'strides', 'group', 'axis'] as const) expect([i, k, x[k]]).toEqual([i, k, y[k]]);
    }
    const wa = [...a.initializers.values()];
    const wb = [...b.initializers.values()];
    expect(wa.length).toBe(wb.length);
    wa.forEach((t, i) => {
      expect(t.dims).toEqual(wb[i]!.dims);
      expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(Buffer.from(wb[i]!.data.buffer, wb[i]!.data.byteOffset, wb[i]!.data.byteLength))).toBe(true);
    });
    expect(a.inputs).toEqual(b.inputs);
    expect(a.outputs).toEqual(b.outputs);
    expect(a.metadata.labels).toBe(entry.labels!.join(','));
  });

  it('refuses weights that are not FaceExpressionNet (a tensor missing)', () => {
    const w = decodeTfjsWeights(readFileSync(path.join(repoRoot, 'node_modules/@vladmandic/face-api/model/face_expression_model-weights_manifest.json'), 'utf8'),
      (p) => readFileSync(path.join(repoRoot, 'node_modules/@vladmandic/face-api/model', p)));
    w.delete('dense2/conv1/bias');
    expect(() => faceExpressionGraph(w, { sourcePackage: 'x', sourceFiles: [] })).toThrow(/no tensor dense2\/conv1\/bias/);
  });
});
