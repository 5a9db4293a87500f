// HQ's content store on disk: <HQ data dir>/content/<sha256>, one file per asset, named by its bytes' sha256. A
// file is hashed while it is copied to a temporary name and renamed into place once whole and synced, so the
// content host never serves a half-copied file and a copy that changed on the way is stored under its real hash.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MAX_ASSET_BYTES } from '../../contracts/content.ts';
import { contentDir } from './content-host.ts';

export type StoredContent = { sha256: string; bytes: number; file: string };

export const contentFile = (dataDir: string, sha256: string) => path.join(contentDir(dataDir), sha256);
export const hasContent = (dataDir: string, sha256: string) => existsSync(contentFile(dataDir, sha256));

/** Copies `source` into the store; refuses (and keeps nothing of) a file over MAX_ASSET_BYTES. */
export async function storeContent(dataDir: string, source: string): Promise<StoredContent> {
  const dir = contentDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.incoming-${process.pid}-${Date.now()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    await pipeline(
      createReadStream(source),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          if (bytes > MAX_ASSET_BYTES) throw new Error(`${source} is larger than ${MAX_ASSET_BYTES} bytes, the most a kiosk accepts`);
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(tmp, { mode: 0o644 }),
    );
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const sha256 = hash.digest('hex');
    const file = contentFile(dataDir, sha256);
    renameSync(tmp, file);
    return { sha256, bytes, file };
  } finally {
    rmSync(tmp, { force: true });
  }
}
