// Mosquitto ACL for an Atrium fleet: each kiosk (username = device id) may write only its own device topics and
// read only its own commands, config and look-up answers plus its mall's catalog; HQ users may do everything
// under atrium/v1. Mosquitto's %u pattern stands for the connecting username.
export function aclFor(opts: { hqUsers: string[]; devices: string[] }): string {
  const lines: string[] = [];
  for (const hq of opts.hqUsers) lines.push(`user ${hq}`, 'topic readwrite atrium/v1/#', 'topic readwrite $share/#', '');
  lines.push(
    '# every kiosk: its own device topics only',
    'pattern write atrium/v1/+/devices/%u/status',
    'pattern write atrium/v1/+/devices/%u/heartbeat',
    'pattern write atrium/v1/+/devices/%u/events',
    'pattern write atrium/v1/+/devices/%u/config/reported',
    'pattern write atrium/v1/+/devices/%u/commands/result',
    'pattern write atrium/v1/+/devices/%u/lookup',
    'pattern read atrium/v1/+/devices/%u/config/desired',
    'pattern read atrium/v1/+/devices/%u/commands',
    'pattern read atrium/v1/+/devices/%u/lookup/response',
    'pattern read atrium/v1/+/catalog/#',
    '',
  );
  return lines.join('\n');
}
