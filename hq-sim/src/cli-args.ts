// Command-line and environment options of `npm run hq -- <subcommand>`. Pure: argv and env in, options or a
// usage error out (flags win over the environment, which wins over defaults). Node's util.parseArgs splits the
// command line; this file adds the environment, the defaults and the checks of each value.
import { parseArgs } from 'node:util';
import { DEFAULT_MALL_TIME_ZONE, isTimeZone } from '../../common/time-zone.ts';
export const SUBCOMMANDS = ['run', 'command', 'delta', 'events', 'members', 'issue-qr', 'claims', 'staff', 'demo', 'map', 'campaigns', 'content', 'parking', 'queue', 'survey', 'lottery', 'feedback', 'help'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export type CliOptions = {
  subcommand: Subcommand;
  positional: string[];
  url: string;
  username: string;
  password: string;
  mall: string;
  data: string;
  devices: string[];
  ttlSec: number;
  timeoutSec: number;
  limit: number;
  device: string | null;
  member: string | null;
  /** issue-qr: issued-at (Unix seconds), or issued long enough ago to be expired; a PNG file to write. */
  iat: number | null;
  expired: boolean;
  png: string | null;
  /** The mall's time zone (birthdays and expiring points in `members`, the demo members' birthday month). */
  timeZone: string;
  /** Whether the broker was named (--url or ATRIUM_HQ_URL); if not, tools use the running demo HQ's (demo-state.ts). */
  urlGiven: boolean;
  /** content add: the campaign, and the creative's orientation, playback and seconds on screen. */
  campaign: string | null;
  orientation: 'portrait' | 'landscape' | null;
  playback: 'loop' | 'once' | null;
  durationSec: number | null;
  /** content add: the content host's base URL for the asset's URL (else the running demo's). */
  contentUrl: string | null;
  /** content remove: detach the asset from the campaigns and stores that still name it. */
  force: boolean;
  /** parking park: the space the car is in (B2-118). */
  space: string | null;
};

export class UsageError extends Error {
  override name = 'UsageError';
}

export const ENV = {
  url: 'ATRIUM_HQ_URL',
  username: 'ATRIUM_HQ_USERNAME',
  password: 'ATRIUM_HQ_PASSWORD',
  mall: 'ATRIUM_MALL_ID',
  data: 'ATRIUM_HQ_DATA_DIR',
  timeZone: 'ATRIUM_TIME_ZONE',
  contentUrl: 'ATRIUM_HQ_CONTENT_URL',
} as const;

/**
 * The default data folder is the one `npm start`'s demo HQ uses (scripts/start.ts, ATRIUM_DEMO_HQ_DIR), so
 * `npm run hq -- issue-qr` signs with the key that demo publishes and `claims` shows what it decided.
 */
export const DEFAULT_DATA_DIR = './data/demo-hq';
export const DEMO_HQ_DIR_ENV = 'ATRIUM_DEMO_HQ_DIR';

export const USAGE = `Atrium HQ simulator

usage: npm run hq -- [subcommand] [options]

subcommands:
  run                      publish the catalog and desired configs, then show the live fleet table (default)
  command <device> <name> [json-args]
                           send a command (sync-now, reload-ui, restart-agent, set-config, capture-screenshot)
                           and print its results
  delta                    publish one example catalog delta (a new coupon and a store rename)
  events                   list the events HQ recorded (--device, --limit)
  members                  list the demo members: tier, points, demo card number and what is special about each
  issue-qr <member>        print a member QR token signed with HQ's key ("QR token: ...") and draw it as a QR code
                           (--ttl, --iat, --expired, --png FILE)
  claims                   list the claims and points exchanges HQ decided (--device, --member, --limit)
  staff                    list the demo staff and their PINs
  demo                     start a broker (Mosquitto, else aedes) and the HQ simulator; print the kiosk's settings
  map check <file>         check an IMDF map (zip, folder or one GeoJSON FeatureCollection): counts, levels, every
                           problem with its feature id; exit 0 when the map is usable
  map demo <out.zip>       write the demo mall's IMDF archive
  campaigns                one campaign a line, its id first: title, running/upcoming/ended, window, creatives
  content add <file> --campaign ID [--orientation portrait|landscape] [--playback loop|once] [--duration SEC]
                           add an image (JPEG, PNG, WebP) or video (MP4, WebM) to HQ's content store and to the
                           campaign, and publish the change (a catalog delta and the retained snapshot)
  content remove <sha256> [--force]
                           take an asset out of the catalog (a delta with remove.assets) and delete HQ's copy;
                           refused while a campaign creative or store logo names it, unless --force detaches it
  content list             every asset: sha256, type, size, pixels, length, whether the file is there, who uses it
  parking park <plate> --space B2-118
                           park a car in HQ's car park now (the running demo's kiosk finds it at once)
  parking leave <plate>    the car leaves the car park
  parking list             the cars parked: plate, space, zone, entry time, time parked, fee now
  queue status <store>     a restaurant's queue: tables, parties waiting, number called and wait per size class
  queue call <store> [size]
                           call the next party (of a size class: small, medium, large, xl, A-D or a party size)
                           and publish the new queue status
  survey list              the surveys HQ publishes (targeting, reward, responses) and those kiosks refused
  survey results <id>      a survey's answers tallied per question, and every response with HQ's decision
  lottery list             HQ's member-day lotteries: window, draws, seed commitment, each prize's odds, stock, given
  lottery close <id>       end a lottery now, reveal its seed and publish the board
  lottery verify <id>      recompute every draw of a closed lottery from its revealed seed; the last line says
                           "lottery verify: N draws, N match"
  feedback list            every feedback ticket: contact (phone masked), reply and solution due times (24 h / 72 h,
                           calendar hours) and whether each was met or breached
  feedback reply <ticket> <text>
                           send HQ's reply to the kiosk the ticket came from (--device when two kiosks gave that number)
  feedback resolve <ticket> <text>
                           resolve the ticket and tell the kiosk

With npm start's demo running, command, delta, campaigns, content, queue and feedback reach its broker and content host with no
--url, --username or --password (the demo leaves them in <data>/demo-hq.json); parking works on the same data folder's
car park (<data>/parking.db), which the running demo HQ reads for every kiosk request; lottery on the lottery book
(<data>/lottery.db), which the demo HQ draws from (close also publishes on the demo's broker).

options (environment in brackets):
  --url URL                broker URL [${ENV.url}] (default mqtt://127.0.0.1:1883)
  --username NAME          HQ's broker user [${ENV.username}]
  --password PASSWORD      HQ's broker password [${ENV.password}]
  --mall ID                mall id [${ENV.mall}] (default demo-mall)
  --data DIR               HQ's data folder [${ENV.data}, then ${DEMO_HQ_DIR_ENV}] (default ${DEFAULT_DATA_DIR}, the
                           folder of npm start's demo HQ)
  --devices A,B            run: devices that get a desired config before they say hello (default demo-kiosk-1)
  --ttl SEC                command: seconds until the command expires (default 60);
                           issue-qr: the token's lifetime, 1-60 (default 60)
  --timeout SEC            command: seconds to wait for a final result (default 20)
  --device ID              events, claims: only this device; feedback reply/resolve: the kiosk that gave the ticket
  --member ID              claims: only this member
  --limit N                events, claims: at most N (default 50)
  --iat UNIX               issue-qr: issued-at in Unix seconds (a token from another time, for testing)
  --expired                issue-qr: a token issued long enough ago that a kiosk refuses it as expired
  --png FILE               issue-qr: also write the QR code as a PNG (needs Debian's qrencode)
  --campaign ID            content add: the campaign the creative joins
  --orientation O          content add: portrait or landscape (default: from the pixels)
  --playback P             content add: video plays loop or once (default once)
  --duration SEC           content add: seconds on screen, 3-120 (default: the display's attract interval)
  --content-url URL        content add: the content host's base URL [${ENV.contentUrl}] (default: the running demo's)
  --force                  content remove: detach the asset from the campaigns and store logos that name it
  --space CODE             parking park: the space, B2-101 to B2-148
  --time-zone ZONE         the mall's time zone, an IANA name [${ENV.timeZone}] (default ${DEFAULT_MALL_TIME_ZONE}), as the
                           kiosk's timeZone setting
`;

function positiveInt(flag: string, value: string, allowNegative = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || (!allowNegative && n <= 0)) throw new UsageError(`--${flag} expects ${allowNegative ? 'an integer' : 'a positive integer'} (got ${JSON.stringify(value)})`);
  return n;
}

/** The flags and their kinds, for util.parseArgs. */
const OPTIONS = {
  url: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' }, mall: { type: 'string' },
  data: { type: 'string' }, devices: { type: 'string' }, ttl: { type: 'string' }, timeout: { type: 'string' },
  limit: { type: 'string' }, device: { type: 'string' }, member: { type: 'string' }, iat: { type: 'string' },
  png: { type: 'string' }, 'time-zone': { type: 'string' }, campaign: { type: 'string' }, orientation: { type: 'string' },
  playback: { type: 'string' }, duration: { type: 'string' }, 'content-url': { type: 'string' },
  space: { type: 'string' },
  expired: { type: 'boolean' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;
type Flag = keyof typeof OPTIONS;

/**
 * Splits argv with util.parseArgs. Not in strict mode: strict parseArgs refuses `--ttl -5` (a value that looks like
 * an option), which `command` needs for an already-expired command; so the checks strict mode would make are made
 * here from the tokens, in this CLI's own words.
 */
function splitArgv(argv: string[]): { flags: Partial<Record<Flag, string | boolean>>; positional: string[] } {
  const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const known = Object.hasOwn(OPTIONS, t.name) ? OPTIONS[t.name as Flag] : null;
    if (!known || (known.type === 'boolean' && t.inlineValue)) throw new UsageError(`unknown option ${t.rawName}`);
    if (known.type === 'string' && t.value === undefined) throw new UsageError(`${t.rawName} needs a value`);
  }
  return { flags: values as Partial<Record<Flag, string | boolean>>, positional: positionals };
}

export function parseCli(argv: string[], env: Record<string, string | undefined>): CliOptions {
  const { flags: raw, positional } = splitArgv(argv);
  if (raw.help === true) return parseCli(['help'], env);
  const flags = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Partial<Record<Flag, string>>;
  const first = positional[0];
  const subcommand = (first ?? 'run') as Subcommand;
  if (!SUBCOMMANDS.includes(subcommand)) throw new UsageError(`unknown subcommand ${JSON.stringify(first)}`);
  const pick = (flag: Flag & keyof typeof ENV, fallback: string) => flags[flag] ?? (env[ENV[flag]] || fallback);
  const mall = pick('mall', 'demo-mall');
  if (!/^[A-Za-z0-9_-]{1,48}$/.test(mall)) throw new UsageError(`--mall must be 1-48 letters, digits, _ or - (got ${JSON.stringify(mall)})`);
  const timeZone = flags['time-zone'] ?? (env[ENV.timeZone] || DEFAULT_MALL_TIME_ZONE);
  if (!isTimeZone(timeZone)) throw new UsageError(`--time-zone must be an IANA time zone name such as Asia/Shanghai (got ${JSON.stringify(timeZone)})`);
  const orientation = flags.orientation ?? null;
  if (orientation !== null && orientation !== 'portrait' && orientation !== 'landscape') throw new UsageError(`--orientation is portrait or landscape (got ${JSON.stringify(orientation)})`);
  const playback = flags.playback ?? null;
  if (playback !== null && playback !== 'loop' && playback !== 'once') throw new UsageError(`--playback is loop or once (got ${JSON.stringify(playback)})`);
  const durationSec = flags.duration ? positiveInt('duration', flags.duration) : null;
  if (durationSec !== null && (durationSec < 3 || durationSec > 120)) throw new UsageError(`--duration is 3-120 seconds (got ${durationSec})`);
  const contentUrl = flags['content-url'] ?? (env[ENV.contentUrl] || null);
  if (contentUrl !== null && !/^https?:\/\/[^/]+\/(.*\/)?$/.test(contentUrl)) throw new UsageError(`--content-url is an http(s) URL ending in / (got ${JSON.stringify(contentUrl)})`);
  return {
    subcommand,
    positional: positional.slice(1),
    url: pick('url', 'mqtt://127.0.0.1:1883'),
    username: pick('username', ''),
    password: pick('password', ''),
    mall,
    data: flags.data ?? (env[ENV.data] || env[DEMO_HQ_DIR_ENV] || DEFAULT_DATA_DIR),
    devices: (flags.devices ?? 'demo-kiosk-1').split(',').map((d) => d.trim()).filter(Boolean),
    ttlSec: flags.ttl ? positiveInt('ttl', flags.ttl, true) : 60,
    timeoutSec: flags.timeout ? positiveInt('timeout', flags.timeout) : 20,
    limit: flags.limit ? positiveInt('limit', flags.limit) : 50,
    device: flags.device ?? null,
    member: flags.member ?? null,
    iat: flags.iat ? positiveInt('iat', flags.iat) : null,
    expired: raw.expired === true,
    png: flags.png ?? null,
    timeZone,
    urlGiven: flags.url !== undefined || Boolean(env[ENV.url]),
    campaign: flags.campaign ?? null,
    orientation,
    playback,
    durationSec,
    contentUrl,
    force: raw.force === true,
    space: flags.space ?? null,
  };
}

/** `command`'s arguments: device, command name, optional JSON object of args. */
export function parseCommandArgs(positional: string[], names: readonly string[]): { deviceId: string; name: string; args: Record<string, unknown> } {
  const [deviceId, name, json] = positional;
  if (!deviceId || !name) throw new UsageError(`command needs <device> <name>; names: ${names.join(', ')}`);
  if (!/^[A-Za-z0-9_-]{1,48}$/.test(deviceId)) throw new UsageError(`device ids are 1-48 letters, digits, _ or - (got ${JSON.stringify(deviceId)})`);
  if (!names.includes(name)) throw new UsageError(`unknown command ${JSON.stringify(name)}; names: ${names.join(', ')}`);
  let args: unknown = {};
  if (json !== undefined) {
    try {
      args = JSON.parse(json);
    } catch {
      throw new UsageError(`command args must be a JSON object (got ${JSON.stringify(json)})`);
    }
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new UsageError('command args must be a JSON object');
  return { deviceId, name, args: args as Record<string, unknown> };
}
