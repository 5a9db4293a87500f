// Checks our converted classifier against an independent reference conversion: the same crops through both ONNX
// sessions must give the same argmax and probabilities within the manifest's tolerance.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelEntry } from '../../contracts/models.ts';
import { cropResize, paddedBox, squareBox, type RgbFrame } from '../../edge-agent/src/expression/crop.ts';
import { sha256Of } from '../../edge-agent/src/expression/manifest.ts';
import { toInputTensor } from '../../edge-agent/src/expression/preprocess.ts';
import { decodeImage } from './images.ts';

export type ParityCase = { name: string; ours: string; reference: string; oursP: number; maxAbsDiff: number };
export type ParityReport = { cases: ParityCase[]; maxAbsDiff: number; sameArgmax: number; tolerance: number; ok: boolean };

export const PHOTO_EXTENSIONS = /\.(jpe?g|png)$/i;

/** Crops from each photo of a folder: the whole photo padded to a square, and its centre square. */
export function photoCrops(dir: string, size: number): { name: string; rgb: Uint8Array }[] {
  const out: { name: string; rgb: Uint8Array }[] = [];
  for (const f of readdirSync(dir).filter((n) => PHOTO_EXTENSIONS.test(n)).sort()) {
    const frame: RgbFrame = decodeImage(path.join(dir, f));
    const side = Math.min(frame.width, frame.height);
    out.push({ name: `${f} (padded)`, rgb: cropResize(frame, paddedBox(frame), size) });
    out.push({ name: `${f} (centre)`, rgb: cropResize(frame, squareBox({ x: (frame.width - side) / 2, y: (frame.height - side) / 2, width: side, height: side }), size) });
  }
  return out;
}

export async function checkParity(entry: ModelEntry, ours: Uint8Array, referenceFile: string, crops: { name: string; rgb: Uint8Array }[]): Promise<ParityReport> {
  const src = entry.source;
  if (src.kind !== 'converted' || !src.reference) throw new Error(`${entry.name} has no reference conversion in the manifest`);
  if (!existsSync(referenceFile)) throw new Error(`reference model ${referenceFile} not found`);
  const refBytes = readFileSync(referenceFile);
  if (sha256Of(refBytes) !== src.reference.sha256) throw new Error(`reference model ${referenceFile} does not have the pinned sha256 ${src.reference.sha256}`);
  const spec = entry.input;
  if (!('layout' in spec)) throw new Error(`${entry.name}: no image input spec`);
  const labels = entry.labels ?? [];
  const ort = await import('onnxruntime-node');
  const opts = { intraOpNumThreads: 1 };
  const a = await ort.InferenceSession.create(ours, opts);
  const b = await ort.InferenceSession.create(refBytes, opts);
  const cases: ParityCase[] = [];
  try {
    for (const c of crops) {
      const input = { [spec.name]: new ort.Tensor('float32', toInputTensor(c.rgb, spec), [1, 3, spec.height, spec.width]) };
      const pa = (await a.run(input))[entry.output.name ?? 'probs']!.data as Float32Array;
      const pb = (await b.run(input))[entry.output.name ?? 'probs']!.data as Float32Array;
      let diff = 0;
      for (let i = 0; i < pa.length; i++) diff = Math.max(diff, Math.abs(pa[i]! - pb[i]!));
      const ia = argmax(pa);
      cases.push({ name: c.name, ours: labels[ia] ?? String(ia), reference: labels[argmax(pb)] ?? String(argmax(pb)), oursP: pa[ia]!, maxAbsDiff: diff });
    }
  } finally {
    await a.release();
    await b.release();
  }
  const maxAbsDiff = Math.max(0, ...cases.map((c) => c.maxAbsDiff));
  const sameArgmax = cases.filter((c) => c.ours === c.reference).length;
  const tolerance = src.reference.maxAbsProbDiff;
  return { cases, maxAbsDiff, sameArgmax, tolerance, ok: cases.length > 0 && sameArgmax === cases.length && maxAbsDiff < tolerance };
}

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}
