// `npm run pair`: prints a fresh single-use link that pairs a browser with the running kiosk agent.
// Reads the port and secret the agent left (mode 0600) in <data dir>/run/agent.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dataDir = process.env.ATRIUM_DATA_DIR ?? './data';
let run: { url: string; secret: string };
try {
  run = JSON.parse(readFileSync(path.join(dataDir, 'run', 'agent.json'), 'utf8')) as { url: string; secret: string };
} catch {
  console.error(`atrium: no running agent found in ${dataDir} (start the kiosk with npm start, or set ATRIUM_DATA_DIR)`);
  process.exit(1);
}
const res = await fetch(new URL('/api/pairing-codes', run.url), {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${run.secret}` },
  body: '{}',
}).catch(() => null);
const body = res ? ((await res.json()) as { ok: boolean; data?: { code: string; expiresInSec: number } }) : null;
if (!body?.ok || !body.data) {
  console.error(`atrium: the agent at ${run.url} did not answer; is the kiosk running?`);
  process.exit(1);
}
console.log(`Kiosk UI: ${run.url}#pair=${body.data.code}  (single use, valid ${Math.round(body.data.expiresInSec / 60)} min)`);
