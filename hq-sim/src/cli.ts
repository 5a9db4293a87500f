// `npm run hq -- <subcommand>`: the HQ simulator from a terminal. See USAGE in cli-args.ts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mapCheck } from './map/check.ts';
import { demoMapZip } from '../../common/node/imdf/demo-map.ts';
import type { CommandResult } from '../../contracts/mqtt.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { listClaims } from './claim-ledger.ts';
import { DEFAULT_DATA_DIR, parseCli, parseCommandArgs, USAGE, UsageError, type CliOptions } from './cli-args.ts';
import { COMMAND_NAMES, type CommandName } from './commands.ts';
import { brokerFor, campaigns, content } from './content-cli.ts';
import { startDemoHq } from './demo-hq.ts';
import { DEMO_STAFF, demoCardNumber } from './demo-people.ts';
import { renderFleetTable, renderTable } from './fleet-table.ts';
import { openHqData, type HqData } from './hq-data.ts';
import { consoleLog, formatLogLine, ringLog } from './log.ts';
import { coverage, coverageLine, memberHighlights, TIER_NAMES } from './member-list.ts';
import { issueMemberToken, pngQr, terminalQr } from './member-qr.ts';
import { HqSimulator } from './simulator.ts';
import { verifyPinSync } from '../../common/node/pin-hash.ts';
import { parkingTool } from './parking/cli.ts';
import { queueCli } from './queue/cli.ts';
import { surveyCli } from './surveys/cli.ts';
import { lotteryCli } from './lottery/cli.ts';
import { feedbackCli } from './feedback/cli.ts';

const out = (line = '') => process.stdout.write(line + '\n');

function simulator(o: CliOptions, data: HqData, log = consoleLog(), role: 'hq' | 'tool' = 'hq'): HqSimulator {
  // Tools reach npm start's running demo HQ with no flags; `run` is an HQ of its own and uses what it is told.
  const login = role === 'tool' ? brokerFor(o) : { url: o.url, username: o.username, password: o.password };
  return new HqSimulator({ ...login, data, log, devices: o.devices, role });
}

/** Redraws the fleet table every second on a terminal; elsewhere prints it every 10 s. Resolves on Ctrl-C. */
async function liveTable(sim: HqSimulator, data: HqData, url: string, log: ReturnType<typeof ringLog>, header: string[] = []): Promise<void> {
  const tty = process.stdout.isTTY;
  const draw = () => {
    const text = renderFleetTable({
      mallId: data.mallId, url, publishedVersion: sim.publishedVersion, rows: data.store.fleet(data.mallId), now: new Date(),
      logLines: log.lines().map(formatLogLine),
    });
    if (tty) process.stdout.write('\x1b[H\x1b[2J' + [...header, text].join('\n') + '\n');
    else out([...header, text, ''].join('\n'));
  };
  draw();
  const timer = setInterval(draw, tty ? 1000 : 10_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
}

async function run(o: CliOptions) {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  const log = ringLog(8);
  const sim = simulator(o, data, log);
  try {
    await sim.start();
    await liveTable(sim, data, o.url, log);
  } finally {
    await sim.stop();
    data.close();
  }
}

function printResult(r: CommandResult) {
  out(`${r.ts}  ${r.status}${r.detail ? `  ${r.detail}` : ''}${r.data ? `  ${JSON.stringify(r.data)}` : ''}`);
}

async function command(o: CliOptions): Promise<number> {
  const { deviceId, name, args } = parseCommandArgs(o.positional, COMMAND_NAMES);
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  const sim = simulator(o, data, consoleLog(), 'tool');
  try {
    await sim.start();
    const outcome = await sim.sendCommand(deviceId, name as CommandName, { args, ttlSec: o.ttlSec, timeoutMs: o.timeoutSec * 1000, onResult: printResult });
    out(`command ${outcome.command.id} (${name} to ${deviceId}, expires ${outcome.command.expiresAt})`);
    if (outcome.timedOut) {
      out(`no final result within ${o.timeoutSec} s${outcome.results.length ? '' : ' (is the kiosk online? the broker keeps the command for its session until it expires)'}`);
      return 1;
    }
    return outcome.results.at(-1)?.status === 'done' ? 0 : 1;
  } finally {
    await sim.stop();
    data.close();
  }
}

async function delta(o: CliOptions) {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  const sim = simulator(o, data, consoleLog(), 'tool');
  try {
    await sim.start();
    const { delta: d } = await sim.publishDelta();
    out(`catalog delta ${d.fromVersion} -> ${d.toVersion} published for ${d.mallId}, and the retained snapshot moved to version ${d.toVersion}`);
    for (const s of d.upsert.stores) out(`  store ${s.id}: ${s.name.zh} / ${s.name.en ?? ''}`);
    for (const c of d.upsert.coupons) out(`  coupon ${c.id}: ${c.title.zh} / ${c.title.en ?? ''}`);
  } finally {
    await sim.stop();
    data.close();
  }
}

function events(o: CliOptions) {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    const rows = data.store.events({ mallId: o.mall, limit: o.limit, ...(o.device ? { deviceId: o.device } : {}) });
    if (!rows.length) return out('no events recorded yet');
    for (const line of renderTable(['RECEIVED', 'DEVICE', 'TYPE', 'EVENT ID', 'REPEATS', 'PAYLOAD'], rows.map((e) => [
      e.receivedAt, e.deviceId, e.type, e.eventId, String(e.duplicates), JSON.stringify(e.payload).slice(0, 60),
    ]))) out(line);
  } finally {
    data.close();
  }
}

function members(o: CliOptions) {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    const now = new Date();
    const stored = data.store.members();
    out(`Demo members of ${o.mall}. Card numbers are stored only as sha256(salt + card number); this mall's salt: ${data.cardSalt}`);
    out();
    const rows = stored.map(({ member: m, cardHash: hash }) => {
      const card = demoCardNumber(m.id);
      // The card number shown is the demo one; it is printed only if the stored hash really is of it.
      return [m.id, m.name, TIER_NAMES[m.tier], String(m.points), hash === cardHash(data.cardSalt, card) ? card : '-', memberHighlights(m, now, o.timeZone).text.join('; ')];
    });
    for (const line of renderTable(['ID', 'NAME', 'TIER', 'POINTS', 'CARD (demo)', 'WHAT IS SPECIAL'], rows)) out(line);
    out();
    out(coverageLine(coverage(stored.map((s) => s.member), now, o.timeZone)));
    out(`Try one: npm run hq -- issue-qr ${stored[0]?.member.id ?? 'M1001'}${o.data === DEFAULT_DATA_DIR ? '' : ` --data ${o.data}`}`);
  } finally {
    data.close();
  }
}

function issueQr(o: CliOptions): number {
  const memberId = o.positional[0];
  if (!memberId || o.positional.length > 1) throw new UsageError('issue-qr needs exactly one <member id>, e.g. issue-qr M1002');
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    const member = data.store.memberById(memberId);
    if (!member) {
      const known = data.store.members().map((m) => m.member.id).join(', ');
      throw new Error(`no member ${JSON.stringify(memberId)} at HQ (${path.resolve(o.data)}); known members: ${known || 'none'}`);
    }
    let issued;
    try {
      issued = issueMemberToken(data.key, member, new Date(), { ttlSec: o.ttlSec, ...(o.iat !== null ? { iat: o.iat } : {}), expired: o.expired });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const { token, claims } = issued;
    const published = data.store.publishedSnapshot(o.mall);
    const keyNote = published?.hqKeys.some((k) => k.kid === claims.kid)
      ? `published in ${o.mall}'s catalog v${published.version}`
      : `NOT yet in a published catalog of ${o.mall}: start HQ on this data folder so kiosks learn it`;
    out(`QR token: ${token}`);
    out(`member ${member.id} (${member.name}, ${TIER_NAMES[member.tier]}), key ${claims.kid} (${keyNote})`);
    out(`issued ${new Date(claims.iat * 1000).toISOString()}, expires ${new Date(claims.exp * 1000).toISOString()} (${claims.exp - claims.iat} s), nonce ${claims.nonce}`);
    const qr = terminalQr(token);
    out(qr.ok ? qr.text.trimEnd() : `(no QR drawn: ${qr.reason})`);
    if (o.png) {
      pngQr(token, path.resolve(o.png));
      out(`PNG written: ${path.resolve(o.png)}`);
    }
    return 0;
  } finally {
    data.close();
  }
}

function claims(o: CliOptions) {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    const rows = listClaims(data.store, { mallId: o.mall, limit: o.limit, ...(o.device ? { deviceId: o.device } : {}), ...(o.member ? { memberId: o.member } : {}) });
    if (!rows.length) return out('no claims recorded yet');
    for (const line of renderTable(['DECIDED', 'CLAIM ID', 'DEVICE', 'MEMBER', 'COUPON', 'VIA', 'STATUS', 'POINTS', 'REPEATS', 'DETAIL'], rows.map((c) => [
      c.decidedAt, c.claimId, c.deviceId, c.memberId, c.couponId, c.via, c.status, c.pointsSpent ? `-${c.pointsSpent}` : '0', String(c.repeats), c.detail ?? '',
    ]))) out(line);
    out();
    out(`${rows.length} claim(s): ${rows.filter((c) => c.status === 'confirmed').length} confirmed, ${rows.filter((c) => c.status === 'rejected').length} rejected`);
  } finally {
    data.close();
  }
}

function staff(o: CliOptions) {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  try {
    out(`Demo staff of ${o.mall} (published in the catalog as scrypt PIN hashes and salted card hashes).`);
    out();
    const stored = new Map(data.store.staff().map((s) => [s.staffId, s]));
    const rows = DEMO_STAFF.map((s) => {
      const cred = stored.get(s.staffId);
      const pinOk = cred ? verifyPinSync(s.pin, cred.pinHash) : false;
      return [s.staffId, s.name, s.role, pinOk ? s.pin : `${s.pin} (not the stored PIN)`, s.cardNumber ?? '-'];
    });
    for (const line of renderTable(['STAFF ID', 'NAME', 'ROLE', 'DEMO PIN', 'CARD'], rows)) out(line);
  } finally {
    data.close();
  }
}

async function demo(o: CliOptions) {
  const log = ringLog(8);
  const hq = await startDemoHq({ dataDir: path.resolve(o.data), log, mallId: o.mall, timeZone: o.timeZone, ...(process.env.ATRIUM_DEMO_MAP ? { mapFile: path.resolve(process.env.ATRIUM_DEMO_MAP) } : {}) });
  try {
    const header = hq.kioskCanConnect
      ? [
          `Broker: Debian Mosquitto on ${hq.url}. Start a kiosk against it with:`,
          '  ' + Object.entries(hq.agentEnv).map(([k, v]) => `${k}=${v}`).join(' ') + ' npm run agent',
          'and send it commands with:',
          `  npm run hq -- command ${hq.device.deviceId} reload-ui --url ${hq.url} --username ${hq.hq.username} --password ${hq.hq.password} --data ${o.data}`,
          `and show it a member code with: npm run hq -- issue-qr M1002 --data ${o.data}`,
          '',
        ]
      : [hq.note ?? '', ''];
    await liveTable(hq.simulator, hq.data, hq.url, log, header);
  } finally {
    await hq.stop();
  }
}

/** `map check FILE` and `map demo OUT.zip`: the IMDF tools (hq-sim/src/map/). */
function mapTool(o: CliOptions): number {
  const [verb, file, ...rest] = o.positional;
  if ((verb !== 'check' && verb !== 'demo') || !file || rest.length) throw new UsageError('map needs `check <file>` or `demo <out.zip>`');
  if (verb === 'demo') {
    writeFileSync(file, demoMapZip());
    out(`map demo: wrote ${path.resolve(file)}`);
    return 0;
  }
  const result = mapCheck(path.resolve(file));
  for (const line of result.lines) out(line);
  return result.exitCode;
}

async function main(): Promise<number> {
  const o = parseCli(process.argv.slice(2), process.env);
  switch (o.subcommand) {
    case 'help':
      out(USAGE);
      return 0;
    case 'run':
      await run(o);
      return 0;
    case 'command':
      return command(o);
    case 'delta':
      await delta(o);
      return 0;
    case 'events':
      events(o);
      return 0;
    case 'members':
      members(o);
      return 0;
    case 'issue-qr':
      return issueQr(o);
    case 'claims':
      claims(o);
      return 0;
    case 'staff':
      staff(o);
      return 0;
    case 'demo':
      await demo(o);
      return 0;
    case 'map':
      return mapTool(o);
    case 'campaigns':
      campaigns(o);
      return 0;
    case 'content':
      return content(o);
    case 'parking':
      return parkingTool(o);
    case 'queue':
      return queueCli(o);
    case 'survey':
      return surveyCli(o);
    case 'lottery':
      return lotteryCli(o);
    case 'feedback':
      return feedbackCli(o);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`hq: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(`hq: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
