// The face-api.js FaceExpressionNet, from the TFJS weights the npm package @vladmandic/face-api ships, as an ONNX
// graph. The network (face-api.js src/faceFeatureExtractor + src/faceExpressionNet): normalise, four dense blocks,
// 7x7 average pool, a fully connected layer, softmax. TFJS keeps filters as HWIO (depthwise HWCM); ONNX wants
// OIHW (depthwise [C*M, 1, H, W] with group = C). Quantised weights decode as byte * scale + min.
import type { OnnxModel, OnnxNode, OnnxTensor } from './onnx.ts';

export const EXPRESSION_LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;
/** face-api.js's per-channel RGB means; the graph subtracts them, then divides by 255. */
export const MEAN_RGB = [122.782, 117.001, 104.298] as const;
export const INPUT_SIZE = 112;

// ---- TFJS weights (model.json-style manifest + concatenated .bin shards) ----

type Quantization = { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number };
type WeightSpec = { name: string; shape: number[]; dtype: 'float32'; quantization?: Quantization };
type WeightsGroup = { paths: string[]; weights: WeightSpec[] };
export type Weights = Map<string, { shape: number[]; data: Float32Array }>;

/** Decodes a TFJS weights manifest and its shards into float32 tensors (same arithmetic as tfjs-core's io). */
export function decodeTfjsWeights(manifestJson: string, readShard: (path: string) => Uint8Array): Weights {
  const groups = JSON.parse(manifestJson) as WeightsGroup[];
  if (!Array.isArray(groups)) throw new Error('weights manifest: expected an array of weight groups');
  const out: Weights = new Map();
  for (const group of groups) {
    const shards = group.paths.map(readShard);
    const buffer = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
    let at = 0;
    for (const s of shards) {
      buffer.set(s, at);
      at += s.length;
    }
    let offset = 0;
    for (const spec of group.weights) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      const q = spec.quantization;
      if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name}: dtype ${spec.dtype as string} is not supported`);
      const data = new Float32Array(count);
      if (!q) {
        if (offset + count * 4 > buffer.length) throw new Error(`weight ${spec.name}: shard too short`);
        const view = new DataView(buffer.buffer, buffer.byteOffset + offset, count * 4);
        for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
        offset += count * 4;
      } else if (q.dtype === 'uint8' && q.scale !== undefined && q.min !== undefined) {
        if (offset + count > buffer.length) throw new Error(`weight ${spec.name}: shard too short`);
        for (let i = 0; i < count; i++) data[i] = buffer[offset + i]! * q.scale + q.min;
        offset += count;
      } else {
        throw new Error(`weight ${spec.name}: quantisation ${JSON.stringify(q)} is not supported (only uint8 with scale and min)`);
      }
      out.set(spec.name, { shape: spec.shape, data });
    }
    if (offset !== buffer.length) throw new Error(`weights group ${group.paths.join('+')}: ${buffer.length - offset} bytes left over after the last weight`);
  }
  return out;
}

// ---- Layout conversions ----

/** Conv filter HWIO -> OIHW. */
export function hwioToOihw(data: Float32Array, [h, w, i, o]: number[]): { dims: number[]; data: Float32Array } {
  const out = new Float32Array(data.length);
  for (let y = 0; y < h!; y++) for (let x = 0; x < w!; x++) for (let c = 0; c < i!; c++) for (let k = 0; k < o!; k++) {
    out[((k * i! + c) * h! + y) * w! + x] = data[((y * w! + x) * i! + c) * o! + k]!;
  }
  return { dims: [o!, i!, h!, w!], data: out };
}

/** Depthwise filter HWCM -> [C*M, 1, H, W] (output channel c*M + m, as TF orders them). */
export function hwcmToDepthwise(data: Float32Array, [h, w, c, m]: number[]): { dims: number[]; data: Float32Array } {
  const out = new Float32Array(data.length);
  for (let y = 0; y < h!; y++) for (let x = 0; x < w!; x++) for (let ch = 0; ch < c!; ch++) for (let k = 0; k < m!; k++) {
    out[((ch * m! + k) * h! + y) * w! + x] = data[((y * w! + x) * c! + ch) * m! + k]!;
  }
  return { dims: [c! * m!, 1, h!, w!], data: out };
}

/** TF 'same' padding for one spatial axis: [before, after] (the odd pixel goes after, as ONNX SAME_UPPER). */
export function tfSamePads(size: number, kernel: number, stride: number): [number, number] {
  const outSize = Math.ceil(size / stride);
  const total = Math.max((outSize - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

// ---- The graph ----

export type ConvertInfo = { sourcePackage: string; sourceFiles: { path: string; sha256: string }[] };

export function faceExpressionGraph(weights: Weights, info: ConvertInfo): OnnxModel {
  const nodes: OnnxNode[] = [];
  const inits: OnnxTensor[] = [];
  const used = new Set<string>();
  const weight = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new Error(`weights manifest has no tensor ${name} (is this the FaceExpressionNet manifest?)`);
    used.add(name);
    return w;
  };
  const init = (name: string, dims: number[], data: Float32Array) => {
    inits.push({ name, dims, data });
    return name;
  };
  const node = (op: string, inputs: string[], output: string, attrs: OnnxNode['attrs'] = []) => {
    nodes.push({ op, inputs, outputs: [output], name: output, attrs });
    return output;
  };
  const convAttrs = (size: number, kernel: number, stride: number, group = 1) => {
    const [b, a] = tfSamePads(size, kernel, stride);
    return [
      { name: 'kernel_shape', ints: [kernel, kernel] },
      { name: 'strides', ints: [stride, stride] },
      { name: 'pads', ints: [b, b, a, a] },
      ...(group > 1 ? [{ name: 'group', int: group }] : []),
    ];
  };

  /** depthwise 3x3 (no bias) then pointwise 1x1 with the block's bias, as tf.separableConv2d + bias. */
  const separable = (x: string, prefix: string, size: number, stride: number) => {
    const dw = weight(`${prefix}/depthwise_filter`);
    const pw = weight(`${prefix}/pointwise_filter`);
    const bias = weight(`${prefix}/bias`);
    const channels = dw.shape[2]!;
    const d = hwcmToDepthwise(dw.data, dw.shape);
    const p = hwioToOihw(pw.data, pw.shape);
    const depth = node('Conv', [x, init(`${prefix}/depthwise_filter`, d.dims, d.data)], `${prefix}/depthwise`, convAttrs(size, 3, stride, channels));
    return node('Conv', [depth, init(`${prefix}/pointwise_filter`, p.dims, p.data), init(`${prefix}/bias`, bias.shape, bias.data)], `${prefix}/pointwise`, convAttrs(size / stride, 1, 1));
  };

  /** face-api.js denseBlock4: conv0 strided by 2, each later conv sees the ReLU of the sum of all earlier outputs. */
  const denseBlock = (x: string, block: string, size: number, first: boolean) => {
    let conv0: string;
    if (first) {
      const f = weight(`${block}/conv0/filters`);
      const b = weight(`${block}/conv0/bias`);
      const k = hwioToOihw(f.data, f.shape);
      conv0 = node('Conv', [x, init(`${block}/conv0/filters`, k.dims, k.data), init(`${block}/conv0/bias`, b.shape, b.data)], `${block}/conv0`, convAttrs(size, 3, 2));
    } else {
      conv0 = separable(x, `${block}/conv0`, size, 2);
    }
    const half = size / 2;
    const out1 = node('Relu', [conv0], `${block}/out1`);
    const out2 = separable(out1, `${block}/conv1`, half, 1);
    const in3 = node('Relu', [node('Add', [out1, out2], `${block}/sum12`)], `${block}/in3`);
    const out3 = separable(in3, `${block}/conv2`, half, 1);
    const in4 = node('Relu', [node('Add', [out1, node('Add', [out2, out3], `${block}/sum23`)], `${block}/sum123`)], `${block}/in4`);
    const out4 = separable(in4, `${block}/conv3`, half, 1);
    const sum34 = node('Add', [out3, out4], `${block}/sum34`);
    const sum234 = node('Add', [out2, sum34], `${block}/sum234`);
    return node('Relu', [node('Add', [out1, sum234], `${block}/sum1234`)], `${block}/out`);
  };

  const mean = init('mean_rgb', [1, 3, 1, 1], Float32Array.from(MEAN_RGB));
  const scale = init('scale255', [], Float32Array.of(255));
  let x = node('Div', [node('Sub', ['input', mean], 'centred'), scale], 'normalised');
  let size = INPUT_SIZE;
  for (const [i, block] of ['dense0', 'dense1', 'dense2', 'dense3'].entries()) {
    x = denseBlock(x, block, size, i === 0);
    size /= 2;
  }
  const pooled = node('AveragePool', [x], 'avgpool', [{ name: 'kernel_shape', ints: [7, 7] }, { name: 'strides', ints: [2, 2] }]);
  const flat = node('Flatten', [pooled], 'flatten', [{ name: 'axis', int: 1 }]);
  const fcW = weight('fc/weights');
  const fcB = weight('fc/bias');
  const logits = node('Add', [node('MatMul', [flat, init('fc/weights', fcW.shape, fcW.data)], 'fc/matmul'), init('fc/bias', fcB.shape, fcB.data)], 'logits');
  node('Softmax', [logits], 'probs', [{ name: 'axis', int: -1 }]);

  const unused = [...weights.keys()].filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`weights not used by the FaceExpressionNet graph: ${unused.join(', ')}`);

  return {
    irVersion: 8,
    opset: 13,
    producerName: 'atrium-models',
    producerVersion: '1',
    docString: `face-api.js FaceExpressionNet (MIT) converted from ${info.sourcePackage} by scripts/models.ts`,
    graphName: 'face_expression',
    nodes,
    initializers: inits,
    inputs: [{ name: 'input', shape: ['N', 3, INPUT_SIZE, INPUT_SIZE] }],
    outputs: [{ name: 'probs', shape: ['N', EXPRESSION_LABELS.length] }],
    metadata: {
      labels: EXPRESSION_LABELS.join(','),
      input: 'float32 [N,3,112,112] RGB 0..255 planar NCHW; (x - mean_rgb) / 255 is inside the graph',
      crop: "the detector's face box made square (margin 1.0), bilinear resize to 112x112",
      source: `${info.sourcePackage}: ${info.sourceFiles.map((f) => `${f.path} sha256 ${f.sha256}`).join('; ')}`,
    },
  };
}
