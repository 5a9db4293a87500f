// docs/mqtt.md's tables, generated from the route table and the event list (contracts/mqtt-routes.ts, events.ts) so
// the document cannot drift from the contract: each `<!-- generated: name -->` ... `<!-- /generated: name -->` section
// is rewritten by refreshTables (refresh-docs.ts runs it; a unit test fails when the file is out of date).
import { DEVICE_EVENTS, DEVICE_EVENT_TYPES, hqSubscriptions, MQTT_ROUTES, ROUTE_NAMES, TOPIC_ROOT, UPSTREAM_ROUTES } from '../../contracts/mqtt.ts';

const SHARE_GROUP = 'hq';

function topicTable(): string {
  const rows = ROUTE_NAMES.map((k) => {
    const r = MQTT_ROUTES[k];
    const [name, file] = r.payload.split(' ');
    return `| \`${r.pattern}\` | ${r.flow} | ${r.qos} | ${r.retain ? 'yes' : 'no'} | \`${name}\`${file ? ` ${file}` : ''} | ${r.description} |`;
  });
  return [
    `| topic (under \`${TOPIC_ROOT}/{mall}/\`) | publisher → subscriber | QoS | retained | payload (contracts/mqtt.ts) | what it carries |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function hqSubscriptionBlock(): string {
  const subs = hqSubscriptions(SHARE_GROUP);
  // Plain subscriptions first (every HQ instance gets them), then the shared ones; the first of each kind is explained.
  const ordered = [...UPSTREAM_ROUTES].sort((a, b) => Number(MQTT_ROUTES[a].subscriber === 'hq-shared') - Number(MQTT_ROUTES[b].subscriber === 'hq-shared'));
  let explainedShared = false;
  const lines = ordered.map((k) => {
    const r = MQTT_ROUTES[k];
    let note = '';
    if (r.subscriber === 'hq-all') note = `(every HQ instance${k === 'status' ? ': fleet state' : ''}${r.retain ? ', retained' : ''})`;
    else if (!explainedShared) {
      note = `(one instance of group "${SHARE_GROUP}" per message)`;
      explainedShared = true;
    }
    return note ? `${subs[k].padEnd(57)} ${note}` : subs[k];
  });
  return ['```text', ...lines, '```'].join('\n');
}

function eventTable(): string {
  const rows = DEVICE_EVENT_TYPES.map((type) => {
    const e = DEVICE_EVENTS[type];
    const schema = e.file === 'events.ts' ? `\`${e.schema}\`` : `\`${e.schema}\` ([contracts/${e.file}](../contracts/${e.file}))`;
    return `| \`${type}\` | ${schema} | ${e.description} |`;
  });
  return ['| `type` | `payload` (contracts/events.ts unless named) | written when |', '|---|---|---|', ...rows].join('\n');
}

export const generatedTables: Record<string, () => string> = {
  'topic-table': topicTable,
  'hq-subscriptions': hqSubscriptionBlock,
  'event-types': eventTable,
};

const SECTION = /<!-- generated: ([a-z-]+) -->\n(?:[\s\S]*?\n)?<!-- \/generated: \1 -->/g;

/** Rewrites every generated section of a Markdown document; a section naming an unknown table is an error. */
export function refreshTables(markdown: string): string {
  return markdown.replace(SECTION, (_block, name: string) => {
    const make = generatedTables[name];
    if (!make) throw new Error(`docs name a generated table that does not exist: ${name}`);
    return `<!-- generated: ${name} -->\n${make()}\n<!-- /generated: ${name} -->`;
  });
}
