// Where content lives on disk and the file operations that make it safe: <data>/content/<sha256> holds verified files
// only (content-addressed), <data>/content/tmp/<sha256>.part the download in progress. A file reaches the store by
// fsync, rename, then fsync of the folder, so after a power cut it is either whole under its name or not there.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export const SHA256_NAME = /^[0-9a-f]{64}$/;

export type ContentPaths = { root: string; tmp: string };

export function contentPaths(dataDir: string): ContentPaths {
  const root = path.join(dataDir, 'content');
  return { root, tmp: path.join(root, 'tmp') };
}

export const storePath = (p: ContentPaths, sha256: string) => path.join(p.root, sha256);
export const partPath = (p: ContentPaths, sha256: string) => path.join(p.tmp, `${sha256}.part`);

export async function ensureFolders(p: ContentPaths): Promise<void> {
  await mkdir(p.tmp, { recursive: true });
}

/** Size of a file, or 0 when it does not exist. */
export async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Moves a verified part file into the store: its data is fsynced by the writer; the rename is made durable here. */
export async function publish(p: ContentPaths, sha256: string): Promise<void> {
  await rename(partPath(p, sha256), storePath(p, sha256));
  await fsyncFolder(p.root);
  await fsyncFolder(p.tmp);
}

export async function fsyncFolder(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function remove(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** The names in the store (sha256 only; anything else there is not ours and is left alone) and the part files. */
export async function listContent(p: ContentPaths): Promise<{ stored: string[]; parts: string[] }> {
  const stored = (await readdir(p.root)).filter((n) => SHA256_NAME.test(n));
  const parts = (await readdir(p.tmp)).filter((n) => /^[0-9a-f]{64}\.part$/.test(n)).map((n) => n.slice(0, 64));
  return { stored, parts };
}
