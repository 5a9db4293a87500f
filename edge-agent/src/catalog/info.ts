// Which catalog the kiosk holds (mall, version, the mall's name), kept in meta under one key. Its value changes with
// every snapshot and delta, which is why offers.ts keys its cache on it.
import { z } from 'zod';
import { LocalizedText } from '../../../contracts/catalog.ts';
import type { Db } from '../db/open.ts';
import { meta, metaJson, setMetaJson } from '../db/meta.ts';

export const CatalogInfo = z.object({ mallId: z.string(), version: z.number().int().nonnegative(), mallName: LocalizedText });
export type CatalogInfo = z.infer<typeof CatalogInfo>;

const CATALOG_KEY = 'catalog';

export function setCatalogInfo(db: Db, info: CatalogInfo): void {
  setMetaJson(db, CATALOG_KEY, info);
}

export function catalogInfo(db: Db): CatalogInfo | null {
  return metaJson(db, CATALOG_KEY, CatalogInfo);
}

/** The stored text itself: a cheap key that changes whenever the catalog does. */
export function catalogInfoKey(db: Db): string {
  return meta(db, CATALOG_KEY) ?? '';
}
