// The `meta` key-value table: small named values the agent keeps beside its tables (catalog info, HQ's desired
// config, the card salt, the last sync time). One place for its SQL; JSON values are parsed with a schema on read.
import type { z } from 'zod';
import type { Db } from './open.ts';
import { prepared } from './statements.ts';

export function meta(db: Db, key: string): string | null {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteMeta(db: Db, key: string): void {
  prepared(db, 'DELETE FROM meta WHERE key = ?').run(key);
}

/**
 * A JSON value stored under `key`, parsed with its schema. A value that no longer fits (written by an older agent,
 * or damaged) reads as null, as if it had never been stored: the next write from HQ replaces it.
 */
export function metaJson<T>(db: Db, key: string, schema: z.ZodType<T>): T | null {
  const raw = meta(db, key);
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function setMetaJson(db: Db, key: string, value: unknown): void {
  setMeta(db, key, JSON.stringify(value));
}
