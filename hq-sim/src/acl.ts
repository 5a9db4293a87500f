// Topic ACL for an Atrium fleet, as data, rendered as a Mosquitto acl_file and checked in process (for the aedes
// fallback broker). Each kiosk (username = device id) may write only its own device topics and read only its own
// commands, config, look-up answers and claim results plus the catalog; HQ users may do everything under atrium/v1
// (including shared subscriptions). Mosquitto's %u pattern stands for the connecting username.

export type AclRule = { access: 'read' | 'write'; pattern: string };

/** What every kiosk may do, with %u for its own username (= device id). */
export const DEVICE_RULES: readonly AclRule[] = [
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/status' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/heartbeat' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/events' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/config/reported' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/commands/result' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/lookup' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/config/desired' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/commands' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/lookup/response' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/claims/result' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/parking' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/parking/response' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/queue/ticket' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/queue/ticket/response' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/surveys/result' },
  { access: 'write', pattern: 'atrium/v1/+/devices/%u/lottery/draw' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/lottery/draw/response' },
  { access: 'read', pattern: 'atrium/v1/+/devices/%u/feedback/updates' },
];

/** The catalog a kiosk may read: its own mall's when known, otherwise every mall's (one broker per mall). */
export function catalogRule(mall: string | null): AclRule {
  return { access: 'read', pattern: `atrium/v1/${mall ?? '+'}/catalog/#` };
}

export const HQ_PATTERNS = ['atrium/v1/#', '$share/#'] as const;

/** A device given as its id, or with its mall so it can read that mall's catalog only. */
export type AclDevice = string | { id: string; mall: string };

const USERNAME = /^[A-Za-z0-9_-]{1,48}$/;

function checkUser(name: string) {
  // A + # / or space in a username would widen %u patterns or break the file's syntax.
  if (!USERNAME.test(name)) throw new Error(`ACL user ${JSON.stringify(name)} must be 1-48 letters, digits, _ or -`);
}

export function aclFor(opts: { hqUsers: string[]; devices: AclDevice[] }): string {
  opts.hqUsers.forEach(checkUser);
  const devices = opts.devices.map((d) => (typeof d === 'string' ? { id: d, mall: null } : d));
  devices.forEach((d) => checkUser(d.id));
  const lines: string[] = [];
  for (const hq of opts.hqUsers) lines.push(`user ${hq}`, ...HQ_PATTERNS.map((p) => `topic readwrite ${p}`), '');
  lines.push('# every kiosk: its own device topics only');
  for (const r of DEVICE_RULES) lines.push(`pattern ${r.access} ${r.pattern}`);
  // Pattern lines apply to every user, so one device of unknown mall opens every mall's catalog to all kiosks.
  const perMall = devices.length > 0 && devices.every((d) => d.mall !== null);
  if (!perMall) lines.push(`pattern read ${catalogRule(null).pattern}`);
  lines.push('');
  if (perMall) {
    for (const d of devices) lines.push(`user ${d.id}`, `topic read ${catalogRule(d.mall).pattern}`, '');
  }
  return lines.join('\n');
}

/**
 * Whether a topic filter (subscribe) or topic name (publish) lies within an ACL pattern: every topic the filter
 * can match, the pattern matches too.
 */
export function withinPattern(filter: string, pattern: string): boolean {
  const f = filter.split('/');
  const p = pattern.split('/');
  for (let i = 0; i < p.length; i++) {
    const pl = p[i]!;
    if (pl === '#') return true;
    const fl = f[i];
    if (fl === undefined || fl === '#') return false;
    if (pl === '+') continue;
    if (fl === '+' || fl !== pl) return false;
  }
  return f.length === p.length;
}

/** The same rules as aclFor, checked in process. */
export function aclAllows(who: { username: string; hq: boolean; mall?: string | null }, topic: string, access: 'read' | 'write'): boolean {
  if (who.hq) return HQ_PATTERNS.some((p) => withinPattern(topic, p));
  if (!USERNAME.test(who.username)) return false;
  const rules = [...DEVICE_RULES, catalogRule(who.mall ?? null)];
  return rules.some((r) => r.access === access && withinPattern(topic, r.pattern.replaceAll('%u', who.username)));
}
