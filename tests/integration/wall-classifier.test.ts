// The agent's classifier on the labelled photos, cropped the way the wall does it: the real MediaPipe FaceDetector
// (in Chromium) finds the face, the box is made square (manifest margin 1.0) and resized to 112x112. Then real
// ONNX inference through the agent's own loader; our conversion is compared with the reference on these crops too.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cropResize, squareBox } from '../../edge-agent/src/expression/crop.ts';
import { loadExpressionModels, type ModelState } from '../../edge-agent/src/expression/loader.ts';
import { decodeImage } from '../../scripts/models/images.ts';
import { checkParity } from '../../scripts/models/parity.ts';
import { repoRoot } from '../support/agent-process.ts';
import { detectFaces, type FaceBox } from '../support/face-detector.ts';

const FACES = path.resolve(repoRoot, '../shared/test-data/faces');
const MODELS = path.join(repoRoot, 'models');
const photos = readdirSync(FACES).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
/** The file name is the label; the astronaut photo is happy (see ../shared/test-data/README.md). */
const labelOf = (f: string) => (f === 'astronaut.png' ? 'happy' : f.replace(/\.[a-z]+$/, ''));

let boxes: Record<string, FaceBox[]>;
let state: ModelState;
const crops = new Map<string, Uint8Array>();

beforeAll(async () => {
  boxes = await detectFaces(FACES, photos, path.join(MODELS, 'blaze_face_short_range.tflite'));
  state = await loadExpressionModels(MODELS, 1);
  if (state.status !== 'ok') throw new Error(`classifier not loaded (run npm run models): ${state.reason}`);
  const size = 'width' in state.entry.input ? state.entry.input.width : 112;
  for (const f of photos) {
    // The most confident face (the wall page picks the most prominent one; these photos have one real face).
    const box = boxes[f]![0];
    if (box) crops.set(f, cropResize(decodeImage(path.join(FACES, f)), squareBox(box, 1.0), size));
  }
}, 60_000);

afterAll(async () => {
  if (state?.status === 'ok') await state.classifier.close();
});

describe('the face detector on the labelled photos', () => {
  it('finds a face in every photo', () => {
    expect(photos).toHaveLength(8);
    for (const f of photos) {
      expect(boxes[f]!.length, f).toBeGreaterThan(0);
      expect(boxes[f]![0]!.score, f).toBeGreaterThan(0.8);
    }
  });
});

describe('the expression classifier on detector crops', () => {
  it('gets at least 6 of the 8 labelled photos right (accuracy reported)', async () => {
    if (state.status !== 'ok') throw new Error('no classifier');
    const rows: string[] = [];
    let right = 0;
    for (const f of photos) {
      const r = await state.classifier.classify(crops.get(f)!);
      const ok = r.label === labelOf(f);
      if (ok) right++;
      rows.push(`${ok ? 'ok  ' : 'MISS'} ${f.padEnd(14)} want ${labelOf(f).padEnd(9)} got ${r.label.padEnd(9)} p=${r.confidence.toFixed(3)} ${r.ms.toFixed(1)} ms`);
      expect(r.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    console.log(`expression accuracy on detector crops: ${right}/${photos.length}\n${rows.join('\n')}`);
    expect(right).toBeGreaterThanOrEqual(6);
  });

  it('our conversion and the reference agree on these crops (same argmax, max abs prob difference < 1e-5)', async () => {
    if (state.status !== 'ok') throw new Error('no classifier');
    const { convertFaceExpression } = await import('../../scripts/models/install.ts');
    const ours = convertFaceExpression(state.entry, path.join(repoRoot, 'node_modules'));
    const report = await checkParity(state.entry, ours, path.resolve(repoRoot, '../shared/models/faceapi-expression.onnx'), [...crops].map(([name, rgb]) => ({ name, rgb })));
    console.log(`parity on detector crops: same argmax ${report.sameArgmax}/${report.cases.length}, max abs prob difference ${report.maxAbsDiff.toExponential(2)}`);
    expect(report.cases).toHaveLength(8);
    expect(report.sameArgmax).toBe(8);
    expect(report.maxAbsDiff).toBeLessThan(1e-5);
    expect(report.ok).toBe(true);
  });

  it('gives the same answer with 2 intra-op threads', async () => {
    if (state.status !== 'ok') throw new Error('no classifier');
    const two = await loadExpressionModels(MODELS, 2);
    if (two.status !== 'ok') throw new Error(two.reason);
    try {
      expect(two.classifier.threads).toBe(2);
      for (const f of photos.slice(0, 3)) {
        const [a, b] = [await state.classifier.classify(crops.get(f)!), await two.classifier.classify(crops.get(f)!)];
        expect(b.label).toBe(a.label);
        for (let i = 0; i < a.probs.length; i++) expect(Math.abs(a.probs[i]! - b.probs[i]!)).toBeLessThan(1e-5);
      }
    } finally {
      await two.classifier.close();
    }
  });
});
