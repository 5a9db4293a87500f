// Rewrites the generated parts of docs/mqtt.md (topic and event tables, examples) and docs/members.md from the code
// that makes them (`node hq-sim/src/refresh-docs.ts`); tests/unit/hq-sim/protocol-doc.test.ts and
// tests/unit/mqtt-routes.test.ts fail when they drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { refreshMemberDoc } from './member-examples.ts';
import { refreshMqttDoc } from './protocol-examples.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
for (const [file, refresh] of [['docs/mqtt.md', refreshMqttDoc], ['docs/members.md', refreshMemberDoc]] as const) {
  const before = readFileSync(root + file, 'utf8');
  const after = refresh(before);
  if (after !== before) writeFileSync(root + file, after);
  console.log(`${file}: ${after === before ? 'up to date' : 'refreshed'}`);
}
