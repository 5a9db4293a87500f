// Versioned schema migrations. The schema version lives in PRAGMA user_version; each migration runs in its
// own transaction and moves the version by exactly one. Never edit a shipped migration: add a new one.
export const migrations: readonly string[] = [
  // 1: catalog cache, members cache, outbox
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE stores (
    id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT, category TEXT NOT NULL, floor TEXT NOT NULL,
    unit TEXT NOT NULL, search_text TEXT NOT NULL, doc TEXT NOT NULL
  ) STRICT;
  CREATE INDEX stores_category ON stores(category);
  CREATE INDEX stores_floor ON stores(floor);
  CREATE TABLE campaigns (
    id TEXT PRIMARY KEY, priority INTEGER NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, doc TEXT NOT NULL
  ) STRICT;
  CREATE TABLE coupons (id TEXT PRIMARY KEY, store_id TEXT, valid_to TEXT NOT NULL, doc TEXT NOT NULL) STRICT;
  CREATE TABLE members (id TEXT PRIMARY KEY, tier TEXT NOT NULL, doc TEXT NOT NULL, cached_at TEXT NOT NULL) STRICT;
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
    payload TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
  ) STRICT;
  `,
  // 2: HQ sync: public keys, staff credentials, attract content, inbox de-dup of HQ messages
  `
  CREATE TABLE hq_keys (kid TEXT PRIMARY KEY, public_key TEXT NOT NULL, not_after TEXT) STRICT;
  CREATE TABLE staff (staff_id TEXT PRIMARY KEY, doc TEXT NOT NULL) STRICT;
  CREATE TABLE attract (id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
  CREATE TABLE inbox (message_key TEXT PRIMARY KEY, received_at TEXT NOT NULL, result TEXT) STRICT;
  `,
];

export const SCHEMA_VERSION = migrations.length;
