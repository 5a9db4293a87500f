// Puts every model of the manifest in the models folder: converts the expression classifier from the npm package's
// weights with our converter, copies the detector from a mirror folder or downloads it from its official URL.
// Any file whose sha256 is not the pinned one is refused with a clear message and not installed.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelEntry, ModelManifest } from '../../contracts/models.ts';
import { checkModelFile, sha256Of } from '../../edge-agent/src/expression/manifest.ts';
import { decodeTfjsWeights, faceExpressionGraph } from './faceapi.ts';
import { encodeModel } from './onnx.ts';

export type InstallOptions = {
  modelsDir: string;
  /** Folder holding copies of downloadable models (ATRIUM_MODEL_MIRROR); null for none. */
  mirrorDir: string | null;
  /** Where node_modules is (the converter reads the weights from the npm package there). */
  packagesDir: string;
  /** Download from official URLs when the mirror has no good copy. */
  download: boolean;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
};

export type InstallResult = { name: string; file: string; status: 'installed' | 'already' | 'refused' | 'failed'; detail: string };

export async function installModels(manifest: ModelManifest, o: InstallOptions): Promise<InstallResult[]> {
  mkdirSync(o.modelsDir, { recursive: true });
  const results: InstallResult[] = [];
  for (const entry of manifest.models) {
    let r: InstallResult;
    try {
      r = entry.source.kind === 'converted' ? convertModel(entry, o) : await fetchModel(entry, o);
    } catch (err) {
      r = { name: entry.name, file: entry.file, status: 'failed', detail: (err as Error).message };
    }
    o.log?.(`${r.status.padEnd(9)} ${entry.file}: ${r.detail}`);
    results.push(r);
  }
  return results;
}

/** Bytes that match the entry, or why not. */
function matches(entry: ModelEntry, bytes: Uint8Array): string | null {
  const sha = sha256Of(bytes);
  if (sha === entry.sha256 && bytes.length === entry.size) return null;
  return `sha256 ${sha} (${bytes.length} bytes), the manifest pins ${entry.sha256} (${entry.size} bytes)`;
}

function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

// ---- converted models ----

/** Our conversion of the pinned weights; throws when the package or its files are not the pinned ones. */
export function convertFaceExpression(entry: ModelEntry, packagesDir: string): Uint8Array {
  const src = entry.source;
  if (src.kind !== 'converted') throw new Error(`${entry.name} is not a converted model`);
  const pkgDir = path.join(packagesDir, src.package);
  const pkgJson = path.join(pkgDir, 'package.json');
  if (!existsSync(pkgJson)) throw new Error(`npm package ${src.package} is not installed in ${packagesDir} (run npm ci)`);
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string }).version;
  if (version !== src.version) throw new Error(`npm package ${src.package} is ${version}, the manifest pins ${src.version}`);
  const files = new Map<string, Uint8Array>();
  for (const f of src.files) {
    const bytes = readFileSync(path.join(pkgDir, f.path));
    const sha = sha256Of(bytes);
    if (sha !== f.sha256 || bytes.length !== f.size) {
      throw new RefusedError(`${src.package}/${f.path} has sha256 ${sha} (${bytes.length} bytes), the manifest pins ${f.sha256} (${f.size} bytes): not converted`);
    }
    files.set(f.path, bytes);
  }
  const manifestFile = src.files.find((f) => f.path.endsWith('weights_manifest.json'));
  if (!manifestFile) throw new Error(`${entry.name}: the pinned files include no TFJS weights manifest`);
  const dir = path.posix.dirname(manifestFile.path);
  const weights = decodeTfjsWeights(new TextDecoder().decode(files.get(manifestFile.path)), (shard) => {
    const bytes = files.get(path.posix.join(dir, shard));
    if (!bytes) throw new Error(`weights shard ${shard} is not among the pinned files`);
    return bytes;
  });
  return encodeModel(faceExpressionGraph(weights, {
    sourcePackage: `${src.package}@${src.version}`,
    sourceFiles: src.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
  }));
}

class RefusedError extends Error {}

function convertModel(entry: ModelEntry, o: InstallOptions): InstallResult {
  const base = { name: entry.name, file: entry.file };
  let bytes: Uint8Array;
  try {
    bytes = convertFaceExpression(entry, o.packagesDir);
  } catch (err) {
    if (err instanceof RefusedError) return { ...base, status: 'refused', detail: err.message };
    throw err;
  }
  const bad = matches(entry, bytes);
  if (bad) return { ...base, status: 'refused', detail: `our conversion has ${bad}: the converter or its input changed; not installed` };
  const target = path.join(o.modelsDir, entry.file);
  if (checkModelFile(o.modelsDir, entry).status === 'ok') return { ...base, status: 'already', detail: `converted again, identical to the installed file (sha256 ${entry.sha256.slice(0, 12)}…)` };
  writeAtomic(target, bytes);
  return { ...base, status: 'installed', detail: `converted from ${entry.source.kind === 'converted' ? `${entry.source.package}@${entry.source.version}` : ''}, ${bytes.length} bytes, sha256 ${entry.sha256.slice(0, 12)}…` };
}

// ---- downloaded models ----

async function fetchModel(entry: ModelEntry, o: InstallOptions): Promise<InstallResult> {
  const base = { name: entry.name, file: entry.file };
  const installed = checkModelFile(o.modelsDir, entry);
  if (installed.status === 'ok') return { ...base, status: 'already', detail: `installed and intact (sha256 ${entry.sha256.slice(0, 12)}…)` };
  if (entry.source.kind !== 'download') throw new Error(`${entry.name} is not a downloadable model`);
  const problems: string[] = [];
  if (installed.status === 'corrupt') problems.push(`the installed copy: ${installed.reason}`);

  if (o.mirrorDir) {
    const file = path.join(o.mirrorDir, entry.file);
    if (existsSync(file)) {
      const bytes = readFileSync(file);
      const bad = matches(entry, bytes);
      if (!bad) {
        writeAtomic(path.join(o.modelsDir, entry.file), bytes);
        return { ...base, status: 'installed', detail: `copied from the mirror ${file}` };
      }
      problems.push(`mirror copy ${file} refused: ${bad}`);
    } else {
      problems.push(`no copy in the mirror ${o.mirrorDir}`);
    }
  }
  if (o.download) {
    try {
      const res = await (o.fetchImpl ?? fetch)(entry.source.url, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const bad = matches(entry, bytes);
      if (!bad) {
        writeAtomic(path.join(o.modelsDir, entry.file), bytes);
        return { ...base, status: 'installed', detail: `downloaded from ${entry.source.url}` };
      }
      problems.push(`download from ${entry.source.url} refused: ${bad}`);
    } catch (err) {
      problems.push(`download from ${entry.source.url} failed: ${(err as Error).message}`);
    }
  }
  // A corrupt installed copy stays out of use: the agent refuses it by its sha256 too; remove it so nobody trusts it.
  if (installed.status === 'corrupt') rmSync(installed.file, { force: true });
  const refused = problems.some((p) => p.includes('refused'));
  return { ...base, status: refused ? 'refused' : 'failed', detail: `not installed: ${problems.join('; ')}` };
}
