// The model manifest (models/manifest.json) and the check every model file passes before anything uses it: it
// exists, and its sha256 is the pinned one. Used by the agent (before loading) and by `npm run models`.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatZodError } from '../../../contracts/zod-errors.ts';
import { ModelManifest, type ModelEntry } from '../../../contracts/models.ts';

export const MANIFEST_FILE = 'manifest.json';
export const EXPRESSION_MODEL = 'face-expression';
export const FACE_DETECTOR = 'face-detector';

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Reads and validates models/manifest.json; a ManifestError says what is wrong in plain words. */
export function loadManifest(modelsDir: string): ModelManifest {
  const file = path.join(modelsDir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ManifestError(`no model manifest at ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`model manifest ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = ModelManifest.safeParse(json);
  if (!parsed.success) {
    throw new ManifestError(`model manifest ${file} is invalid: ${formatZodError(parsed.error)}`);
  }
  return parsed.data;
}

export function modelEntry(manifest: ModelManifest, name: string): ModelEntry {
  const entry = manifest.models.find((m) => m.name === name);
  if (!entry) throw new ManifestError(`the model manifest lists no model named ${name}`);
  return entry;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type FileCheck =
  | { status: 'ok'; file: string; bytes: Buffer }
  | { status: 'missing' | 'corrupt'; file: string; reason: string };

/** Reads a model file and checks it against its manifest entry (size first, then sha256). */
export function checkModelFile(modelsDir: string, entry: ModelEntry): FileCheck {
  const file = path.join(modelsDir, entry.file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { status: 'missing', file, reason: `model file ${entry.file} is not installed in ${modelsDir} (run npm run models)` };
  }
  if (size !== entry.size) {
    return { status: 'corrupt', file, reason: `model file ${entry.file} has ${size} bytes, the manifest says ${entry.size}: damaged or the wrong file (run npm run models)` };
  }
  const bytes = readFileSync(file);
  const sha = sha256Of(bytes);
  if (sha !== entry.sha256) {
    return { status: 'corrupt', file, reason: `model file ${entry.file} has sha256 ${sha.slice(0, 12)}…, the manifest says ${entry.sha256.slice(0, 12)}…: damaged or the wrong file (run npm run models)` };
  }
  return { status: 'ok', file, bytes };
}
