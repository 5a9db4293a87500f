// The renderer-facing API methods, each a function of parsed params over the local database.
import type { AgentSettings } from '../../../contracts/config.ts';
import { catalogInfo, currentPromotions, floors, searchStores } from '../catalog/repo.ts';
import type { Db } from '../db/open.ts';
import type { Handlers } from './server.ts';

export function createHandlers(db: Db, settings: AgentSettings, now: () => Date = () => new Date()): Handlers {
  return {
    'kiosk.bootstrap': () => {
      const info = catalogInfo(db);
      return {
        mall: { id: settings.mallId, name: info?.mallName ?? { zh: settings.mallId } },
        device: { id: settings.deviceId, role: settings.display.role },
        display: settings.display,
        catalogVersion: info?.version ?? 0,
        floors: floors(db),
      };
    },
    'promotions.list': ({ limit }) => ({ promotions: currentPromotions(db, now(), limit) }),
    'stores.search': (params) => searchStores(db, params),
  };
}
