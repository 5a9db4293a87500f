// Reading an IMDF map from disk or bytes: a zip archive, an unzipped folder (one <feature_type>.geojson
// FeatureCollection per type plus manifest.json), or one FeatureCollection whose features carry feature_type (a common
// export). This file does the effects (fs, unzip, JSON.parse) and the size limits; imdf-import.ts does the conversion.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { importImdf, type ImportResult } from './imdf-import.ts';
import { isFeatureType, readId, readProps, type Problem } from './imdf-parts.ts';

/** Files (and folders, and the unzipped contents of an archive) over this size are refused before they are read. */
export const MAX_MAP_BYTES = 100 * 1024 * 1024;
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export type ReadResult =
  | { ok: true; kind: 'zip' | 'folder' | 'file'; features: unknown[]; manifest: unknown; problems: Problem[] }
  | { ok: false; reason: string };

type Entry = { name: string; bytes: Uint8Array };

const refuse = (reason: string): ReadResult => ({ ok: false, reason });

function decode(entry: Entry): { ok: true; json: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(entry.bytes);
  } catch {
    return { ok: false, reason: `${entry.name} is not UTF-8 text` };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (e) {
    return { ok: false, reason: `malformed JSON in ${entry.name}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The features of a FeatureCollection (or of a lone Feature, or a bare array of them). */
function featuresOf(json: unknown, name: string): unknown[] | string {
  if (Array.isArray(json)) return json;
  const obj = readProps(json);
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) return obj.features;
  if (obj.type === 'Feature') return [json];
  return `${name} is not a GeoJSON FeatureCollection`;
}

/**
 * Features from a set of .geojson entries. A feature with no feature_type in a file named after a feature type
 * (unit.geojson) is taken as that type and reported, since the file says what it holds.
 */
function fromEntries(entries: Entry[], kind: 'zip' | 'folder'): ReadResult {
  const geojson = entries.filter((e) => /\.geo?json$/i.test(e.name) && !/^manifest\.json$/i.test(basename(e.name)));
  if (geojson.length === 0) return refuse(`the ${kind === 'zip' ? 'zip' : 'folder'} holds no .geojson files, so it is not an IMDF archive`);
  const features: unknown[] = [];
  const problems: Problem[] = [];
  for (const entry of geojson.sort((a, b) => a.name.localeCompare(b.name))) {
    const decoded = decode(entry);
    if (!decoded.ok) return refuse(decoded.reason);
    const list = featuresOf(decoded.json, entry.name);
    if (typeof list === 'string') return refuse(list);
    const stem = basename(entry.name).replace(/\.geo?json$/i, '').toLowerCase();
    for (const feature of list) {
      const f = readProps(feature);
      if (isFeatureType(stem) && (f.feature_type === undefined || f.feature_type === null) && Object.keys(f).length > 0) {
        problems.push({ id: readId(f.id), featureType: stem, severity: 'repaired', reason: `feature_type missing; taken from the file name ${basename(entry.name)}` });
        features.push({ ...f, feature_type: stem });
      } else features.push(feature);
    }
  }
  const manifestEntry = entries.find((e) => /^manifest\.json$/i.test(basename(e.name)));
  let manifest: unknown = null;
  if (manifestEntry) {
    const decoded = decode(manifestEntry);
    if (!decoded.ok) return refuse(decoded.reason);
    manifest = decoded.json;
  }
  return { ok: true, kind, features, manifest, problems };
}

/** An IMDF map from bytes: a zip (by its PK signature) or a GeoJSON file. Pure apart from the CPU it takes. */
export function readImdfBytes(name: string, bytes: Uint8Array): ReadResult {
  if (bytes.length > MAX_MAP_BYTES) return refuse(`${name} is ${MB(bytes.length)}; maps over ${MB(MAX_MAP_BYTES)} are refused`);
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.(zip|imdf)$/i.test(name)) {
    if (!isZip) return refuse(`malformed zip: ${name} does not start with a zip signature`);
    let total = 0;
    let tooBig: string | null = null;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes, {
        // Sizes come from the archive's directory, so a zip bomb is refused before anything is inflated.
        filter: (file) => {
          const wanted = /\.(geo)?json$/i.test(file.name) && !file.name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');
          if (wanted) total += file.originalSize;
          if (wanted && total > MAX_MAP_BYTES) tooBig ??= file.name;
          return wanted && tooBig === null;
        },
      });
    } catch (e) {
      return refuse(`malformed zip: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (tooBig !== null) return refuse(`${name} unzips to over ${MB(MAX_MAP_BYTES)} (at ${tooBig}); maps over ${MB(MAX_MAP_BYTES)} are refused`);
    return fromEntries(Object.entries(files).map(([n, b]) => ({ name: n, bytes: b })), 'zip');
  }
  const decoded = decode({ name, bytes });
  if (!decoded.ok) return refuse(decoded.reason);
  const list = featuresOf(decoded.json, name);
  if (typeof list === 'string') return refuse(list);
  // A single file named after a feature type (unit.geojson) says what its features are, like a file in a folder.
  const stem = basename(name).replace(/\.geo?json$/i, '').toLowerCase();
  if (isFeatureType(stem)) {
    const read = fromEntries([{ name, bytes }], 'folder');
    return read.ok ? { ...read, kind: 'file' } : read;
  }
  return { ok: true, kind: 'file', features: list, manifest: null, problems: [] };
}

/** An IMDF map from a path: a zip, a folder or a GeoJSON file; sizes are checked before anything is read. */
export function readImdfPath(path: string): ReadResult {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const names = readdirSync(path).filter((n) => /\.(geo)?json$/i.test(n) && !n.startsWith('.'));
      const sizes = names.map((n) => statSync(join(path, n)).size);
      const total = sizes.reduce((a, b) => a + b, 0);
      if (total > MAX_MAP_BYTES) return refuse(`${path} holds ${MB(total)} of GeoJSON; maps over ${MB(MAX_MAP_BYTES)} are refused`);
      return fromEntries(names.map((n) => ({ name: n, bytes: readFileSync(join(path, n)) })), 'folder');
    }
    if (stat.size > MAX_MAP_BYTES) return refuse(`${basename(path)} is ${MB(stat.size)}; maps over ${MB(MAX_MAP_BYTES)} are refused`);
    return readImdfBytes(basename(path), readFileSync(path));
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    return refuse(code === 'ENOENT' ? `${path}: no such file or folder` : `${path} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Read and convert: a refusal to read becomes a fatal problem, so callers handle one shape. */
export function importImdfPath(path: string): ImportResult & { kind: 'zip' | 'folder' | 'file' | null } {
  return withRead(readImdfPath(path));
}

export function importImdfBytes(name: string, bytes: Uint8Array): ImportResult & { kind: 'zip' | 'folder' | 'file' | null } {
  return withRead(readImdfBytes(name, bytes));
}

function withRead(read: ReadResult): ImportResult & { kind: 'zip' | 'folder' | 'file' | null } {
  if (!read.ok) return { venue: null, problems: [{ id: null, featureType: null, severity: 'fatal', reason: read.reason }], counts: {}, kind: null };
  const result = importImdf(read.features, read.manifest);
  return { ...result, problems: [...read.problems, ...result.problems], kind: read.kind };
}
