// The in-process fallback broker (aedes) for machines without Mosquitto. aedes 1.2.0 speaks MQTT 3.1.1 only: it
// answers an MQTT 5 CONNECT with "unacceptable protocol version", and it has no shared subscriptions, response
// topics or correlation data. Passwords and the fleet ACL are still enforced, in memory, with no persistence.
import { Aedes, type Client } from 'aedes';
import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import { aclAllows } from './acl.ts';
import type { RunningBroker } from './broker-mosquitto.ts';

export const AEDES_NOTE =
  'Mosquitto not found, so the demo HQ runs on the in-process aedes broker, which speaks MQTT 3.1.1 only: the kiosk (an MQTT 5 client) cannot connect to it and runs offline on its local demo data.';

function samePassword(expected: string, given: Buffer | undefined): boolean {
  const a = Buffer.from(expected);
  return !!given && given.length === a.length && timingSafeEqual(a, given);
}

export async function startAedesBroker(o: { users: Record<string, string>; hqUsers: string[]; deviceMalls?: Record<string, string> }): Promise<RunningBroker> {
  const usernames = new WeakMap<Client, string>();
  const who = (client: Client | null) => {
    const username = client ? usernames.get(client) ?? '' : '';
    return { username, hq: o.hqUsers.includes(username), mall: o.deviceMalls?.[username] ?? null };
  };
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const expected = username !== undefined ? o.users[username] : undefined;
      if (username === undefined || expected === undefined || !samePassword(expected, password)) {
        return done(Object.assign(new Error('bad user name or password'), { returnCode: 4 as const }), false);
      }
      usernames.set(client, username);
      done(null, true);
    },
    authorizePublish: (client, packet, cb) => cb(!client || aclAllows(who(client), packet.topic, 'write') ? null : new Error(`not authorised to publish on ${packet.topic}`)),
    authorizeSubscribe: (client, sub, cb) => cb(null, aclAllows(who(client), sub.topic, 'read') ? sub : null),
  });
  const server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
