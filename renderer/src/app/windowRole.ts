// A kiosk box can drive two screens from one agent: the Electron shell opens the wall's window on
// atrium://app/?role=wall and the guide's on ?role=guide (ATRIUM_DISPLAYS). Without the query the page takes the
// role the agent's configuration gives the device.
import { DeviceRole } from '../../../contracts/config.ts';
import type { Bootstrap } from '../api/connectionState.ts';

export function windowRole(boot: Bootstrap, search: string = window.location.search): DeviceRole {
  const asked = DeviceRole.safeParse(new URLSearchParams(search).get('role'));
  return asked.success ? asked.data : boot.display.role;
}
