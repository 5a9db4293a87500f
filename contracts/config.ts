// Configuration shapes. DisplayConfig is what HQ (desired config) and staff set; AgentSettings is how the
// agent process itself is started (file + environment). Both are validated at start; a bad value stops
// the agent with a message naming the field and the expected form.
import { z } from 'zod';

export const DeviceRole = z.enum(['guide', 'wall']);
export type DeviceRole = z.infer<typeof DeviceRole>;
export const UiLanguage = z.enum(['zh-CN', 'en']);
export type UiLanguage = z.infer<typeof UiLanguage>;

/** A time of day, HH:MM (24-hour clock). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const TimeOfDay = z.string().regex(TIME_OF_DAY, 'a time of day HH:MM, 00:00-23:59');
export const ScreenOffHours = z.object({ from: TimeOfDay, to: TimeOfDay }).strict()
  .refine((h) => h.from !== h.to, { message: 'from and to must differ (the screen would never, or always, be off)' });
export type ScreenOffHours = z.infer<typeof ScreenOffHours>;

export const DisplayConfig = z.object({
  role: DeviceRole.default('guide'),
  orientation: z.enum(['auto', 'portrait', 'landscape']).default('auto'),
  language: UiLanguage.default('zh-CN'),
  /** Seconds without a touch before the kiosk forgets the session and returns to the attract loop. */
  idleTimeoutSec: z.number().int().min(10).max(600).default(60),
  /** Seconds each promotion stays on the attract loop. */
  attractIntervalSec: z.number().int().min(3).max(60).default(7),
  /**
   * The campaigns the attract loop shows, in this order (catalog campaign ids; those not running now are skipped).
   * Absent or null: every running campaign, by priority. If none of the listed ones is running, all are shown.
   */
  attractPlaylist: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,48}$/, 'a campaign id: letters, digits, _ or -')).min(1).max(30).nullable().optional(),
  /** The wall's camera: off disables every camera feature (the rest of the kiosk keeps working). */
  camera: z.boolean().default(true),
  /** opt-in: the camera starts only after a tap on "play"; always-on: whenever the wall is showing. */
  expressionMode: z.enum(['opt-in', 'always-on']).default('opt-in'),
  /** The privacy notice shown whenever the camera is on; the built-in text when absent. */
  privacyNotice: z.object({ zh: z.string().min(1).max(300), en: z.string().max(300).optional() }).optional(),
  /** Hours (kiosk local time) when the screen goes dark while nobody uses it, e.g. 22:00-08:00; absent or null: always on. */
  screenOffHours: ScreenOffHours.nullable().optional(),
  /**
   * "You are here" on the map: the IMDF id of this screen's kiosk feature, or of any unit, amenity or opening it stands
   * at. Absent: the map's kiosk feature when it has exactly one.
   */
  mapKioskId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an IMDF feature id').optional(),
  /** Degrees clockwise from north that a shopper faces when looking at the screen: the map turns so ahead is up. */
  mapBearingDeg: z.number().int().min(0).max(359).default(0),
  /**
   * The link a route's QR hands to the phone (e.g. the mall mini-program): {mall}, {from}, {to} and {stepFree} are
   * filled in. Place ids only, never anything about the shopper.
   */
  routeShareUrl: z.string().url().max(300).default('https://mp.atrium.example/route?mall={mall}&from={from}&to={to}&stepFree={stepFree}'),
  /**
   * Proof of play to HQ: `each` sends one `content.played` event per item shown; `hourly` counts them in SQLite and
   * sends one `content.played.hourly` event per campaign creative and finished UTC hour (fewer messages for big fleets).
   */
  proofOfPlay: z.enum(['each', 'hourly']).default('each'),
}).strict();
export type DisplayConfig = z.infer<typeof DisplayConfig>;

/**
 * Some display settings and nothing else: every field optional and WITHOUT its default (DisplayConfig.partial()
 * would fill the defaults in, so a desired config naming one field would silently set all the others too and
 * override the kiosk's own config file). What HQ's desired config carries.
 */
export const DisplayConfigPatch = z.object(
  Object.fromEntries(Object.entries(DisplayConfig.shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional()])),
).strict() as unknown as z.ZodType<Partial<DisplayConfig>, Partial<DisplayConfig>>;

/** The mall's time zone unless the agent is told otherwise (common/time-zone.ts is where the processes take it from). */
export const DEFAULT_MALL_TIME_ZONE = 'Asia/Shanghai';

/** An IANA time zone name this runtime knows (Intl has the tz database): "Asia/Shanghai", "Europe/Berlin", "UTC". */
export function isTimeZone(name: string): boolean {
  // Intl also takes UTC offsets ("+08:00"); a mall's zone is a name, so its daylight-saving rules come with it.
  if (!/^[A-Za-z][A-Za-z0-9_+/-]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneName = z.string().refine(isTimeZone, 'an IANA time zone name such as Asia/Shanghai or Europe/Berlin');

/** A zone tag, as kiosks carry them (`zones`) and campaign schedules target them (contracts/content.ts). */
export const ZoneTag = z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, 'zone tags are letters, digits, _, . or -, 1-32 characters');

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,48}$/, 'letters, digits, _ or -, 1-48 characters');

/** The kiosk's content cache (edge-agent/src/content/): its disk quota, download concurrency, bandwidth cap and prefetch window. */
export const ContentSettings = z.object({
  /** Disk the content store may use, in MiB; least-recently-used assets nothing refers to are evicted to stay under it. */
  quotaMb: z.number().int().min(16).max(1_048_576).default(2048),
  /** Downloads at once. */
  concurrency: z.number().int().min(1).max(8).default(2),
  /** Total download rate cap in bytes per second (all downloads together); null: no cap. */
  bandwidthBytesPerSec: z.number().int().min(1024).nullable().default(null),
  /** Campaigns starting within this many hours are downloaded now. */
  prefetchHours: z.number().int().min(0).max(24 * 14).default(24),
}).strict();
export type ContentSettings = z.infer<typeof ContentSettings>;

export const AgentSettings = z.object({
  mallId: Id.default('demo-mall'),
  deviceId: Id.default('demo-kiosk-1'),
  /** MQTT broker of the mall's HQ, e.g. mqtts://hq.example.com:8883; empty means "no HQ" (demo/offline). */
  hqUrl: z.union([z.literal(''), z.url({ protocol: /^(mqtt|mqtts|ws|wss)$/, error: 'an mqtt://, mqtts://, ws:// or wss:// URL, or empty for no HQ' })]).default(''),
  /**
   * The mall's time zone: offer windows, birthdays, "points expiring within 7 days" and the demo members' months
   * are counted in the mall's local time, whatever zone the kiosk's own clock is set to.
   */
  timeZone: TimeZoneName.default(DEFAULT_MALL_TIME_ZONE),
  /**
   * Zone tags this kiosk carries ("1F", "north-atrium", "food-court"): a campaign whose schedule lists zones plays
   * only on kiosks carrying one of them. The environment gives them comma-separated (ATRIUM_ZONES="1F,north-atrium").
   */
  zones: z.array(ZoneTag).max(50).default([]),
  dataDir: z.string().min(1).default('./data'),
  /** Loopback port of the local API and UI; 0 picks a free port. */
  apiPort: z.number().int().min(0).max(65535).default(47810),
  /** Folder with the built renderer (vite build output). */
  uiDir: z.string().min(1).default('./dist/renderer'),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Folder with manifest.json and the installed model files (`npm run models`). */
  modelsDir: z.string().min(1).default('./models'),
  /** Intra-op threads of the expression classifier's ONNX session (1 leaves a core for the page). */
  expressionThreads: z.number().int().min(1).max(8).default(1),
  /** Seed the demo mall into an empty database (on by default so `npm start` shows real data). */
  demo: z.boolean().default(true),
  display: DisplayConfig.default(DisplayConfig.parse({})),
  mqtt: z.object({
    /** Username and password for the broker (or use a client certificate with mqtts://). */
    username: z.string().max(128).default(''),
    password: z.string().max(256).default(''),
    /** PEM files for TLS: the broker's CA, and this kiosk's own certificate and key. */
    caFile: z.string().default(''),
    certFile: z.string().default(''),
    keyFile: z.string().default(''),
    heartbeatSec: z.number().int().min(1).max(3600).default(30),
    /** How long the broker keeps this kiosk's session (subscriptions, queued QoS 1 messages) while it is away. */
    sessionExpirySec: z.number().int().min(0).max(30 * 86400).default(7 * 86400),
    /** Events published per drain batch. */
    drainBatch: z.number().int().min(1).max(1000).default(100),
    lookupTimeoutMs: z.number().int().min(100).max(60_000).default(3000),
  }).strict().default({ username: '', password: '', caFile: '', certFile: '', keyFile: '', heartbeatSec: 30, sessionExpirySec: 7 * 86400, drainBatch: 100, lookupTimeoutMs: 3000 }),
  /** Signage content (issue 13): how much disk it may take, how many downloads at once, how fast, how far ahead. */
  content: ContentSettings.default(ContentSettings.parse({})),
  /**
   * The receipt printer for restaurant queue tickets: host:port of an ESC/POS printer on TCP (usually port 9100);
   * empty: none. USB and serial printers are not supported (edge-agent/src/printer/).
   */
  printer: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9.-]{1,253}:\d{1,5}$/, 'the printer is host:port, e.g. 192.168.1.50:9100, or empty for none')]).default(''),
}).strict();
export type AgentSettings = z.infer<typeof AgentSettings>;

/** Environment variables the agent reads, mapped onto AgentSettings fields. */
export const settingsEnv = {
  ATRIUM_MALL_ID: 'mallId',
  ATRIUM_DEVICE_ID: 'deviceId',
  ATRIUM_HQ_URL: 'hqUrl',
  ATRIUM_TIME_ZONE: 'timeZone',
  ATRIUM_ZONES: 'zones',
  ATRIUM_DATA_DIR: 'dataDir',
  ATRIUM_API_PORT: 'apiPort',
  ATRIUM_UI_DIR: 'uiDir',
  ATRIUM_LOG_LEVEL: 'logLevel',
  ATRIUM_MODELS_DIR: 'modelsDir',
  ATRIUM_EXPRESSION_THREADS: 'expressionThreads',
  ATRIUM_DEMO: 'demo',
  ATRIUM_ROLE: 'display.role',
  ATRIUM_LANGUAGE: 'display.language',
  ATRIUM_CAMERA: 'display.camera',
  ATRIUM_EXPRESSION_MODE: 'display.expressionMode',
  ATRIUM_IDLE_TIMEOUT_SEC: 'display.idleTimeoutSec',
  ATRIUM_MQTT_USERNAME: 'mqtt.username',
  ATRIUM_MQTT_PASSWORD: 'mqtt.password',
  ATRIUM_MQTT_CA: 'mqtt.caFile',
  ATRIUM_MQTT_CERT: 'mqtt.certFile',
  ATRIUM_MQTT_KEY: 'mqtt.keyFile',
  ATRIUM_HEARTBEAT_SEC: 'mqtt.heartbeatSec',
  ATRIUM_CONTENT_QUOTA_MB: 'content.quotaMb',
  ATRIUM_CONTENT_CONCURRENCY: 'content.concurrency',
  ATRIUM_CONTENT_BANDWIDTH: 'content.bandwidthBytesPerSec',
  ATRIUM_CONTENT_PREFETCH_HOURS: 'content.prefetchHours',
  ATRIUM_PRINTER: 'printer',
} as const;
