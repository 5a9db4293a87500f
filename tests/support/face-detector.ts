// Face boxes for still photos from the real MediaPipe FaceDetector (tasks-vision 1.1.0, CPU delegate) running in
// Debian's Chromium: the same detector and model file the wall page uses, so agent-side tests crop faces the way
// the wall does. Every request of the page is answered from local files (no network, no server).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './agent-process.ts';

export type FaceBox = { x: number; y: number; width: number; height: number; score: number };

const ORIGIN = 'http://faces.test';
const types: Record<string, string> = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.jpg': 'image/jpeg', '.png': 'image/png' };

const page = `<!doctype html><meta charset="utf-8"><script type="module">
import { FilesetResolver, FaceDetector } from '/vision/vision_bundle.mjs';
window.detectAll = async (names) => {
  const fileset = await FilesetResolver.forVisionTasks('/vision/wasm');
  const detector = await FaceDetector.createFromOptions(fileset, { baseOptions: { modelAssetPath: '/model.tflite', delegate: 'CPU' }, runningMode: 'IMAGE', minDetectionConfidence: 0.5 });
  const out = {};
  for (const name of names) {
    const img = new Image();
    img.src = '/photo/' + encodeURIComponent(name);
    await img.decode();
    out[name] = detector.detect(img).detections.map((d) => ({ x: d.boundingBox.originX, y: d.boundingBox.originY, width: d.boundingBox.width, height: d.boundingBox.height, score: d.categories[0]?.score ?? 0 }));
  }
  detector.close();
  return out;
};
window.ready = true;
</script>`;

/** Detected faces per photo (file names in `photosDir`), highest score first. */
export async function detectFaces(photosDir: string, names: string[], modelFile = path.join(repoRoot, 'models/blaze_face_short_range.tflite')): Promise<Record<string, FaceBox[]>> {
  const browser = await chromium.launch({
    executablePath: process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const vision = path.join(repoRoot, 'node_modules/@mediapipe/tasks-vision');
    await tab.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      const p = decodeURIComponent(url.pathname);
      let file: string | null = null;
      if (p === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: page });
      if (p === '/model.tflite') file = modelFile;
      else if (p.startsWith('/vision/')) file = path.join(vision, path.normalize(p.slice('/vision/'.length)));
      else if (p.startsWith('/photo/')) file = path.join(photosDir, path.basename(p));
      if (!file) return route.fulfill({ status: 404, body: 'not found' });
      try {
        return await route.fulfill({ status: 200, contentType: types[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
      } catch {
        return route.fulfill({ status: 404, body: 'not found' });
      }
    });
    await tab.goto(`${ORIGIN}/`);
    await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const result = await tab.evaluate(async (list) => (window as unknown as { detectAll(n: string[]): Promise<Record<string, FaceBox[]>> }).detectAll(list), names);
    for (const boxes of Object.values(result)) boxes.sort((a, b) => b.score - a.score);
    return result;
  } finally {
    await browser.close();
  }
}
