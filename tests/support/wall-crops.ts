// Face crops for wall tests that do not need the detector: the centre square of each labelled photo, resized to
// 112x112 like the page's crops, with the label our classifier gives it (computed, not assumed).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Expression } from '../../contracts/members.ts';
import { CROP_SIZE } from '../../contracts/wall.ts';
import { cropResize, squareBox } from '../../edge-agent/src/expression/crop.ts';
import { loadExpressionModels } from '../../edge-agent/src/expression/loader.ts';
import { decodeImage } from '../../scripts/models/images.ts';
import { repoRoot } from './agent-process.ts';

export const FACES_DIR = path.resolve(repoRoot, '../shared/test-data/faces');

export type TestCrop = { photo: string; rgb: Uint8Array; base64: string; label: Expression; p: number };

export async function centreCrops(modelsDir = path.join(repoRoot, 'models')): Promise<TestCrop[]> {
  const state = await loadExpressionModels(modelsDir, 1);
  if (state.status !== 'ok') throw new Error(`classifier not available (run npm run models): ${state.reason}`);
  try {
    const out: TestCrop[] = [];
    for (const photo of readdirSync(FACES_DIR).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort()) {
      const frame = decodeImage(path.join(FACES_DIR, photo));
      const side = Math.min(frame.width, frame.height);
      const rgb = cropResize(frame, squareBox({ x: (frame.width - side) / 2, y: (frame.height - side) / 2, width: side, height: side }), CROP_SIZE);
      const r = await state.classifier.classify(rgb);
      out.push({ photo, rgb, base64: Buffer.from(rgb).toString('base64'), label: r.label, p: r.confidence });
    }
    return out;
  } finally {
    await state.classifier.close();
  }
}

/** A crop the classifier reads as `label` with p > 0.9, as the wall.observe param. */
export function confidentCrop(crops: readonly TestCrop[], label: string): { width: number; height: number; rgb: string } {
  const c = crops.find((x) => x.label === label && x.p > 0.9);
  if (!c) throw new Error(`no test crop the classifier reads as ${label}`);
  return { width: 112, height: 112, rgb: c.base64 };
}
