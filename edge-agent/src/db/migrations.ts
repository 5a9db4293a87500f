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
  // 3: members at the guide screen: used QR nonces, hashed card numbers, claims and points exchanges, HQ's offer
  // rules and experiments. coupons.received_at is when HQ's stock figure for the coupon arrived (see members/stock).
  `
  CREATE TABLE used_nonces (
    nonce TEXT PRIMARY KEY, member_id TEXT NOT NULL, seen_at TEXT NOT NULL, expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX used_nonces_expires ON used_nonces(expires_at);
  CREATE TABLE member_cards (card_hash TEXT PRIMARY KEY, member_id TEXT NOT NULL, cached_at TEXT NOT NULL) STRICT;
  CREATE INDEX member_cards_member ON member_cards(member_id);
  CREATE TABLE claims (
    claim_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, coupon_id TEXT NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('claim', 'exchange')),
    points_cost INTEGER NOT NULL CHECK (points_cost >= 0),
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    detail TEXT, redemption_code TEXT, rule_id TEXT, experiment TEXT, arm TEXT,
    coupon_doc TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX claims_member ON claims(member_id, coupon_id);
  CREATE INDEX claims_coupon ON claims(coupon_id, status);
  CREATE TABLE offer_rules (id TEXT PRIMARY KEY, coupon_id TEXT NOT NULL, priority INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
  CREATE TABLE experiments (id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
  ALTER TABLE coupons ADD COLUMN received_at TEXT;
  `,
  // 4: the staff console: audit log of staff actions, sign-in lock-out (one row: survives a restart), and the
  // settings staff overrode on this kiosk (with HQ's desired version and value for the field when they did).
  `
  CREATE TABLE staff_audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, staff_id TEXT, action TEXT NOT NULL, details TEXT NOT NULL
  ) STRICT;
  CREATE TABLE staff_lockout (
    id INTEGER PRIMARY KEY CHECK (id = 1), failures INTEGER NOT NULL, locked_until TEXT, last_failure_at TEXT
  ) STRICT;
  CREATE TABLE setting_overrides (
    field TEXT PRIMARY KEY, value TEXT NOT NULL, staff_id TEXT, set_at TEXT NOT NULL,
    hq_version INTEGER NOT NULL, hq_value TEXT
  ) STRICT;
  `,
  // 5: the mall's indoor map as HQ published it (one row: the last good map; a bad or stale one never replaces it).
  `
  CREATE TABLE venue_map (
    id INTEGER PRIMARY KEY CHECK (id = 1), mall_id TEXT NOT NULL, version INTEGER NOT NULL, sha256 TEXT NOT NULL,
    published_at TEXT NOT NULL, received_at TEXT NOT NULL, doc TEXT NOT NULL
  ) STRICT;
  `,
  // 6: signage content (issue 13): every asset HQ's catalog lists, and this kiosk's copy of it. in_catalog: the last
  // snapshot or a delta listed it; referenced / wanted: the content manager's last plan (named by a campaign, logo or
  // the wall artwork / to be on disk now). state ready means the file <data>/content/<sha256> was hash-checked.
  `
  CREATE TABLE assets (
    sha256 TEXT PRIMARY KEY, bytes INTEGER NOT NULL, mime TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
    duration_ms INTEGER, url TEXT NOT NULL,
    in_catalog INTEGER NOT NULL DEFAULT 1, referenced INTEGER NOT NULL DEFAULT 0, wanted INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'missing' CHECK (state IN ('missing', 'downloading', 'ready', 'failed')),
    bytes_on_disk INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, last_error TEXT, last_error_at TEXT,
    next_attempt_at TEXT, last_used_at TEXT, ready_at TEXT
  ) STRICT;
  CREATE INDEX assets_state ON assets(state);
  `,
  // 7: proof of play rolled up by hour (display setting proofOfPlay = 'hourly'; edge-agent/src/content/plays.ts): one
  // row per UTC hour, display and campaign creative, until the hour is over and it becomes one outbox event. A colour
  // card has no creative or asset: '' (not NULL, which would make every such row a different key).
  `
  CREATE TABLE content_plays_hourly (
    hour TEXT NOT NULL, role TEXT NOT NULL, orientation TEXT NOT NULL, campaign_id TEXT NOT NULL,
    creative_id TEXT NOT NULL, sha256 TEXT NOT NULL,
    completed INTEGER NOT NULL DEFAULT 0, cut INTEGER NOT NULL DEFAULT 0, error INTEGER NOT NULL DEFAULT 0,
    total_duration_ms INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, role, orientation, campaign_id, creative_id, sha256)
  ) STRICT;
  `,
  // 8: surveys (issue 15; edge-agent/src/surveys/): the last good survey set HQ published (one row per survey, doc parsed
  // on read), and every response given here. A member answers a survey once: the unique index holds it even when two
  // taps race; anonymous responses (member_id NULL) are not limited (nobody can tell shoppers apart).
  `
  CREATE TABLE surveys (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL, received_at TEXT NOT NULL) STRICT;
  CREATE TABLE survey_responses (
    response_id TEXT PRIMARY KEY, survey_id TEXT NOT NULL, survey_version INTEGER NOT NULL, member_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    points_awarded INTEGER NOT NULL DEFAULT 0, points_balance INTEGER, detail TEXT,
    answered_at TEXT NOT NULL, updated_at TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX survey_responses_one_per_member ON survey_responses(survey_id, member_id) WHERE member_id IS NOT NULL;
  `,
  // 9: member-day lotteries as HQ published them (issue 15; edge-agent/src/lottery/board.ts): the terms first held
  // for each lottery, kept unchanged once it has opened (a republish with other odds is refused), and its seed once
  // revealed (checked against the commitment).
  `
  CREATE TABLE lotteries (id TEXT PRIMARY KEY, doc TEXT NOT NULL, received_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
  `,
  // 10: shopper feedback (issue 15; edge-agent/src/feedback/): the tickets this kiosk gave (the number's sequence is
  // the row id, so it never repeats across restarts), and HQ's replies and resolutions, once each by update id. The
  // text is kept only for a signed-in member's ticket (their member home shows it); a phone number never is.
  `
  CREATE TABLE feedback_tickets (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, ticket TEXT NOT NULL UNIQUE, category TEXT NOT NULL, rating INTEGER NOT NULL,
    member_id TEXT, text TEXT, submitted_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replied', 'resolved'))
  ) STRICT;
  CREATE INDEX feedback_tickets_member ON feedback_tickets(member_id);
  CREATE TABLE feedback_updates (
    update_id TEXT PRIMARY KEY, ticket TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX feedback_updates_ticket ON feedback_updates(ticket);
  `,
];

export const SCHEMA_VERSION = migrations.length;
