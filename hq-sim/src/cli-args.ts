// Command-line and environment options of `npm run hq -- <subcommand>`. Pure: argv and env in, options or a
// usage error out (flags win over the environment, which wins over defaults).
export const SUBCOMMANDS = ['run', 'command', 'delta', 'events', 'members', 'issue-qr', 'claims', 'staff', 'demo', 'help'] as const;
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
} as const;

/**
 * The default data folder is the one `npm start`'s demo HQ uses (scripts/start.ts, ATRIUM_DEMO_HQ_DIR), so
 * `npm run hq -- issue-qr` signs with the key that demo publishes and `claims` shows what it decided.
 */
export const DEFAULT_DATA_DIR = './data/demo-hq';
export const DEMO_HQ_DIR_ENV = 'ATRIUM_DEMO_HQ_DIR';

const VALUE_FLAGS = ['url', 'username', 'password', 'mall', 'data', 'devices', 'ttl', 'timeout', 'limit', 'device', 'member', 'iat', 'png'] as const;
const BOOLEAN_FLAGS = ['expired'] as const;
type Flag = (typeof VALUE_FLAGS)[number];
type BooleanFlag = (typeof BOOLEAN_FLAGS)[number];

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
  --device ID              events, claims: only this device
  --member ID              claims: only this member
  --limit N                events, claims: at most N (default 50)
  --iat UNIX               issue-qr: issued-at in Unix seconds (a token from another time, for testing)
  --expired                issue-qr: a token issued long enough ago that a kiosk refuses it as expired
  --png FILE               issue-qr: also write the QR code as a PNG (needs Debian's qrencode)
`;

function positiveInt(flag: string, value: string, allowNegative = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || (!allowNegative && n <= 0)) throw new UsageError(`--${flag} expects ${allowNegative ? 'an integer' : 'a positive integer'} (got ${JSON.stringify(value)})`);
  return n;
}

export function parseCli(argv: string[], env: Record<string, string | undefined>): CliOptions {
  const flags: Partial<Record<Flag, string>> = {};
  const switches = new Set<BooleanFlag>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return parseCli(['help'], env);
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (BOOLEAN_FLAGS.includes(arg.slice(2) as BooleanFlag)) {
      switches.add(arg.slice(2) as BooleanFlag);
      continue;
    }
    const name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) as Flag;
    if (!VALUE_FLAGS.includes(name)) throw new UsageError(`unknown option ${arg.split('=')[0]}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags[name] = value;
  }
  const first = positional[0];
  const subcommand = (first ?? 'run') as Subcommand;
  if (!SUBCOMMANDS.includes(subcommand)) throw new UsageError(`unknown subcommand ${JSON.stringify(first)}`);
  const pick = (flag: Flag & keyof typeof ENV, fallback: string) => flags[flag] ?? (env[ENV[flag]] || fallback);
  const mall = pick('mall', 'demo-mall');
  if (!/^[A-Za-z0-9_-]{1,48}$/.test(mall)) throw new UsageError(`--mall must be 1-48 letters, digits, _ or - (got ${JSON.stringify(mall)})`);
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
    expired: switches.has('expired'),
    png: flags.png ?? null,
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
