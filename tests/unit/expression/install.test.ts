// `npm run models`: the pinned sha256 decides. Tampered mirror copies, downloads, installed files and npm weights
// are refused with a clear message and never installed; good ones are installed once.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModelFile, FACE_DETECTOR, loadManifest, modelEntry } from '../../../edge-agent/src/expression/manifest.ts';
import { installModels } from '../../../scripts/models/install.ts';
import { repoRoot } from '../../support/agent-process.ts';

const manifest = loadManifest(path.join(repoRoot, 'models'));
const detector = modelEntry(manifest, FACE_DETECTOR);
const SHARED = path.resolve(repoRoot, '../shared/models');
const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `atrium-models-${name}-`));
const onlyDetector = { ...manifest, models: [detector] };

function mirror(tamper: boolean): string {
  const dir = tmp('mirror');
  const bytes = readFileSync(path.join(SHARED, detector.file));
  if (tamper) bytes[1000] = bytes[1000]! ^ 0xff;
  writeFileSync(path.join(dir, detector.file), bytes);
  return dir;
}
const base = (modelsDir: string, mirrorDir: string | null) => ({ modelsDir, mirrorDir, packagesDir: path.join(repoRoot, 'node_modules'), download: false });

describe('the detector from a mirror folder', () => {
  it('refuses a tampered mirror copy: clear message, nothing installed', async () => {
    const dir = tmp('out');
    const [r] = await installModels(onlyDetector, base(dir, mirror(true)));
    expect(r!.status).toBe('refused');
    expect(r!.detail).toMatch(new RegExp(`mirror copy .*${detector.file} refused: sha256 [0-9a-f]{64} \\(229746 bytes\\), the manifest pins ${detector.sha256}`));
    expect(existsSync(path.join(dir, detector.file))).toBe(false);
  });

  it('installs a good copy once; a second run finds it intact', async () => {
    const dir = tmp('out');
    const m = mirror(false);
    expect((await installModels(onlyDetector, base(dir, m)))[0]).toMatchObject({ status: 'installed', detail: expect.stringContaining('copied from the mirror') });
    expect(checkModelFile(dir, detector).status).toBe('ok');
    expect((await installModels(onlyDetector, base(dir, m)))[0]!.status).toBe('already');
  });

  it('replaces a corrupt installed copy from a good mirror, and removes it when no good copy exists', async () => {
    const dir = tmp('out');
    const bad = readFileSync(path.join(SHARED, detector.file));
    bad[5] = bad[5]! ^ 1;
    writeFileSync(path.join(dir, detector.file), bad);
    expect(checkModelFile(dir, detector)).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/sha256 .* the manifest says/) });
    const [none] = await installModels(onlyDetector, base(dir, null));
    expect(none!.status).toBe('failed');
    expect(none!.detail).toMatch(/the installed copy: model file blaze_face_short_range.tflite has sha256/);
    expect(existsSync(path.join(dir, detector.file))).toBe(false);
    writeFileSync(path.join(dir, detector.file), bad);
    expect((await installModels(onlyDetector, base(dir, mirror(false))))[0]!.status).toBe('installed');
    expect(checkModelFile(dir, detector).status).toBe('ok');
  });
});

describe('the detector from its official URL', () => {
  /** A local server standing in for the official host (this machine cannot reach it). */
  async function withServer(body: Uint8Array, fn: (fetchImpl: typeof fetch) => Promise<void>) {
    const seen: string[] = [];
    const srv = createServer((_req, res) => res.end(body));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const local = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
    try {
      await fn(((url: string | URL | Request, init?: RequestInit) => {
        seen.push(String(url));
        return fetch(local, init);
      }) as typeof fetch);
      expect(seen).toEqual([detector.source.kind === 'download' ? detector.source.url : '']);
    } finally {
      srv.close();
    }
  }

  it('refuses a download whose sha256 differs', async () => {
    const dir = tmp('out');
    await withServer(new TextEncoder().encode('<html>captive portal</html>'), async (fetchImpl) => {
      const [r] = await installModels(onlyDetector, { ...base(dir, null), download: true, fetchImpl });
      expect(r!.status).toBe('refused');
      expect(r!.detail).toMatch(/download from https:\/\/storage.googleapis.com\/mediapipe-models\/.* refused: sha256 [0-9a-f]{64} \(27 bytes\)/);
    });
    expect(existsSync(path.join(dir, detector.file))).toBe(false);
  });

  it('installs a download with the pinned sha256', async () => {
    const dir = tmp('out');
    await withServer(readFileSync(path.join(SHARED, detector.file)), async (fetchImpl) => {
      expect((await installModels(onlyDetector, { ...base(dir, null), download: true, fetchImpl }))[0]!.status).toBe('installed');
    });
    expect(checkModelFile(dir, detector).status).toBe('ok');
  });
});

describe('the classifier from the npm package', () => {
  const expression = modelEntry(manifest, 'face-expression');

  it('refuses to convert weights that are not the pinned ones', async () => {
    const packages = tmp('packages');
    const pkg = path.join(packages, '@vladmandic/face-api');
    mkdirSync(path.join(pkg, 'model'), { recursive: true });
    copyFileSync(path.join(repoRoot, 'node_modules/@vladmandic/face-api/package.json'), path.join(pkg, 'package.json'));
    cpSync(path.join(repoRoot, 'node_modules/@vladmandic/face-api/model/face_expression_model-weights_manifest.json'), path.join(pkg, 'model/face_expression_model-weights_manifest.json'));
    const bin = readFileSync(path.join(repoRoot, 'node_modules/@vladmandic/face-api/model/face_expression_model.bin'));
    bin[100] = bin[100]! ^ 0x10;
    writeFileSync(path.join(pkg, 'model/face_expression_model.bin'), bin);
    const dir = tmp('out');
    const [r] = await installModels({ ...manifest, models: [expression] }, { ...base(dir, null), packagesDir: packages });
    expect(r!.status).toBe('refused');
    expect(r!.detail).toMatch(/@vladmandic\/face-api\/model\/face_expression_model.bin has sha256 [0-9a-f]{64} \(329468 bytes\), the manifest pins 9a9840f2/);
    expect(existsSync(path.join(dir, expression.file))).toBe(false);
  });

  it('refuses when our conversion does not give the pinned sha256 (converter changed)', async () => {
    const dir = tmp('out');
    const changed = { ...expression, sha256: 'f'.repeat(64) };
    const [r] = await installModels({ ...manifest, models: [changed] }, base(dir, null));
    expect(r!.status).toBe('refused');
    expect(r!.detail).toMatch(/our conversion has sha256 c0cf3b44[0-9a-f]+ \(1306111 bytes\), the manifest pins f{64}.*not installed/);
    expect(existsSync(path.join(dir, expression.file))).toBe(false);
  });
});

describe('npm run models (the real command)', () => {
  const run = (env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'scripts/models.ts'), ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, encoding: 'utf8', timeout: 60_000 });

  it('installs both models from the mirror and checks parity with the reference on the labelled photos', () => {
    const dir = tmp('cli');
    const r = run({ ATRIUM_MODELS_DIR: dir, ATRIUM_MODEL_MIRROR: SHARED, ATRIUM_MODEL_DOWNLOAD: '0' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/installed faceapi-expression.onnx: converted from @vladmandic\/face-api@1.7.15/);
    expect(r.stdout).toMatch(/installed blaze_face_short_range.tflite: copied from the mirror/);
    expect(r.stdout).toMatch(/parity {4}ok: same argmax 16\/16, max abs prob difference/);
    for (const m of manifest.models) expect(checkModelFile(dir, m).status).toBe('ok');
    expect(run({ ATRIUM_MODELS_DIR: dir }, ['--check']).status).toBe(0);
  });

  it('exits non-zero with the reason when the mirror copy is tampered, and installs nothing for it', () => {
    const dir = tmp('cli');
    const r = run({ ATRIUM_MODELS_DIR: dir, ATRIUM_MODEL_MIRROR: mirror(true), ATRIUM_MODEL_DOWNLOAD: '0' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/refused {3}blaze_face_short_range.tflite: not installed: mirror copy .* refused: sha256/);
    expect(r.stdout).toMatch(/models: 1 problem\(s\)/);
    expect(existsSync(path.join(dir, detector.file))).toBe(false);
    const check = run({ ATRIUM_MODELS_DIR: dir }, ['--check']);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/missing {2}blaze_face_short_range.tflite: model file blaze_face_short_range.tflite is not installed/);
  });
});
