// The staff.* API methods, merged into the agent's handler map (handlers.ts has the rest).
import type { ApiHandlers, StaffMethod } from '../../../contracts/api.ts';
import type { StaffService } from '../staff/service.ts';

export function staffHandlers(staff: StaffService): Pick<ApiHandlers, StaffMethod> {
  return {
    'staff.roster': () => staff.roster(),
    'staff.signIn': (params) => staff.signIn(params),
    'staff.signOut': (params) => staff.signOut(params),
    'staff.keepAlive': (params) => staff.keepAlive(params),
    'staff.settings': (params) => staff.settingsFor(params),
    'staff.setSetting': (params) => staff.setSetting(params),
    'staff.clearSetting': (params) => staff.clearSetting(params),
    'staff.status': (params) => staff.status(params),
    'staff.action': (params) => staff.action(params),
    'staff.diagnostics': (params) => staff.diagnostics(params),
  };
}
