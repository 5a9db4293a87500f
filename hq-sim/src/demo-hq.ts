// `npm start`'s HQ: a broker (Debian Mosquitto when present, otherwise in-process aedes) with credentials for HQ
// and the demo kiosk, HQ's content host (content-host.ts) with the demo's creatives (demo-content.ts), and the HQ
// simulator publishing the demo mall's catalog into it. It leaves <data>/demo-hq.json for `npm run hq` tools.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AEDES_NOTE, startAedesBroker } from './broker-aedes.ts';
import { startContentHost, type ContentHost } from './content-host.ts';
import { prepareDemoContent, previousContentPort } from './demo-content.ts';
import { removeDemoState, writeDemoState } from './demo-state.ts';
import { DEBIAN_MOSQUITTO, startMosquittoBroker, type RunningBroker } from './broker-mosquitto.ts';
import { openHqData, type HqData } from './hq-data.ts';
import type { HqLog } from './log.ts';
import { loadMap } from './map/publish.ts';
import { HqSimulator } from './simulator.ts';

export type DemoHqOptions = {
  /** HQ's folder: its SQLite store and signing key, and the broker's config and persistence in broker/. */
  dataDir: string;
  log: HqLog;
  mallId?: string;
  deviceId?: string;
  /** The mall's time zone (the demo members' birthday month); Asia/Shanghai unless told. */
  timeZone?: string;
  /** An IMDF map to publish instead of the demo mall's (ATRIUM_DEMO_MAP); a map that does not import stops the demo. */
  mapFile?: string;
  /** Where to look for Mosquitto (tests point it elsewhere to exercise the fallback). */
  mosquittoPath?: string;
  /** Where to look for ffmpeg (tests point it elsewhere to exercise the demo without creatives). */
  ffmpegPath?: string;
};

export type DemoHq = {
  url: string;
  broker: 'mosquitto' | 'aedes';
  /** HQ's own broker user, for CLI tools run against this broker (`npm run hq -- command ... --username hq`). */
  hq: { username: string; password: string };
  /** Credentials for the demo kiosk: username = device id. */
  device: { mallId: string; deviceId: string; username: string; password: string };
  /** Whether the kiosk's MQTT 5 client can connect to this broker (false on the aedes fallback). */
  kioskCanConnect: boolean;
  /** Environment for the agent process: the HQ URL and credentials, or no HQ at all when it could not connect. */
  agentEnv: Record<string, string>;
  /** One plain line saying what the fallback broker degrades; null with Mosquitto. */
  note: string | null;
  /** HQ's content host (http://127.0.0.1:<port>/content/<sha256>), serving <data>/content. */
  content: ContentHost;
  /** One plain line when the demo has no creatives (no ffmpeg); null otherwise. */
  contentNote: string | null;
  simulator: HqSimulator;
  /** HQ's store (events, fleet) and keys; closed by stop(). */
  data: HqData;
  stop(): Promise<void>;
};

const secret = () => randomBytes(18).toString('base64url');

export async function startDemoHq(opts: DemoHqOptions): Promise<DemoHq> {
  const mallId = opts.mallId ?? 'demo-mall';
  const deviceId = opts.deviceId ?? 'demo-kiosk-1';
  const log = opts.log;
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const hqUser = 'hq';
  // Fresh passwords per start: the password file is rewritten each time, and only this process hands them out.
  const users = { [hqUser]: secret(), [deviceId]: secret() };
  const mosquitto = opts.mosquittoPath ?? DEBIAN_MOSQUITTO;

  let broker: RunningBroker;
  let kind: DemoHq['broker'] = 'mosquitto';
  let note: string | null = null;
  if (existsSync(mosquitto)) {
    try {
      broker = await startMosquittoBroker({ dir: path.join(opts.dataDir, 'broker'), users, hqUsers: [hqUser], devices: [{ id: deviceId, mall: mallId }], log, binary: mosquitto });
    } catch (err) {
      log.warn('mosquitto could not start; falling back to aedes', { err: (err as Error).message });
      kind = 'aedes';
      note = AEDES_NOTE.replace('Mosquitto not found', `Mosquitto could not start (${(err as Error).message.split('\n')[0]})`);
      broker = await startAedesBroker({ users, hqUsers: [hqUser], deviceMalls: { [deviceId]: mallId } });
    }
  } else {
    kind = 'aedes';
    note = AEDES_NOTE;
    broker = await startAedesBroker({ users, hqUsers: [hqUser], deviceMalls: { [deviceId]: mallId } });
  }

  const map = loadMap(opts.mapFile);
  if (!map.venue) {
    await broker.stop();
    throw new Error(`the map ${map.source} cannot be used: ${map.reason} (check it with: npm run hq -- map check FILE)`);
  }
  const data = openHqData(opts.dataDir, mallId, new Date(), opts.timeZone);
  let content: ContentHost;
  let contentNote: string | null;
  try {
    // The port the catalog's URLs already name, if free: a restart then changes nothing kiosks hold.
    content = await startContentHost({ dataDir: opts.dataDir, ...(previousContentPort(data) ? { port: previousContentPort(data)! } : {}) });
    contentNote = (await prepareDemoContent(data, { baseUrl: content.baseUrl, log, ...(opts.ffmpegPath ? { ffmpeg: opts.ffmpegPath } : {}) })).note;
    if (contentNote) log.warn(contentNote);
  } catch (err) {
    data.close();
    await broker.stop();
    throw err;
  }
  const simulator = new HqSimulator({
    map: map.venue,
    url: broker.url,
    username: hqUser,
    password: users[hqUser]!,
    data,
    log,
    devices: [deviceId],
    ...(kind === 'aedes' ? { protocolVersion: 4 as const } : {}),
  });
  try {
    await simulator.start();
  } catch (err) {
    await content.stop();
    data.close();
    await broker.stop();
    throw err;
  }
  writeDemoState(opts.dataDir, {
    pid: process.pid, url: broker.url, username: hqUser, password: users[hqUser]!, protocolVersion: kind === 'aedes' ? 4 : 5, contentBaseUrl: content.baseUrl,
  });
  const kioskCanConnect = kind === 'mosquitto';
  const device = { mallId, deviceId, username: deviceId, password: users[deviceId]! };
  let stopped: Promise<void> | null = null;
  return {
    url: broker.url,
    broker: kind,
    hq: { username: hqUser, password: users[hqUser]! },
    device,
    kioskCanConnect,
    agentEnv: kioskCanConnect
      ? { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: mallId, ATRIUM_DEVICE_ID: deviceId, ATRIUM_MQTT_USERNAME: device.username, ATRIUM_MQTT_PASSWORD: device.password }
      : { ATRIUM_MALL_ID: mallId, ATRIUM_DEVICE_ID: deviceId },
    note,
    content,
    contentNote,
    simulator,
    data,
    stop: () =>
      (stopped ??= (async () => {
        removeDemoState(opts.dataDir);
        await simulator.stop();
        await content.stop();
        data.close();
        await broker.stop();
      })()),
  };
}
