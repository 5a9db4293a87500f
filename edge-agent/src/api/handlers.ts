// The renderer-facing API methods, each a function of parsed params over the local database.
import type { AgentSettings } from '../../../contracts/config.ts';
import { floors, promotionsNow, searchStores } from '../catalog/repo.ts';
import { catalogInfo } from '../catalog/info.ts';
import { readyCreatives, withLogoUrls } from '../catalog/ready-media.ts';
import { wallArtwork } from '../content/assets.ts';
import type { Db } from '../db/open.ts';
import type { MapService } from '../map/service.ts';
import type { MemberService } from '../members/service.ts';
import { desiredConfig } from '../settings/desired.ts';
import { effectiveDisplay } from '../settings/effective.ts';
import type { WallService } from '../wall/service.ts';
import type { ApiHandlers, FeedbackMethod, LotteryMethod, QueueMethod, StaffMethod, SurveyMethod } from '../../../contracts/api.ts';
import type { ContentPlayed } from '../../../contracts/content.ts';
import type { ParkingMethod } from './parking-handlers.ts';

export type UiSignals = { reloadSeq: number };

/** Writes a proof-of-play event to the outbox and kicks the drain (agent.ts's recordEvent). */
export type RecordPlay = (payload: ContentPlayed) => void;

export function createHandlers(db: Db, settings: AgentSettings, members: MemberService, wall: WallService, map: MapService, recordPlay: RecordPlay, signals: UiSignals = { reloadSeq: 0 }, now: () => Date = () => new Date()): Omit<ApiHandlers, StaffMethod | ParkingMethod | QueueMethod | SurveyMethod | LotteryMethod | FeedbackMethod> {
  return {
    'kiosk.bootstrap': () => {
      const info = catalogInfo(db);
      const display = effectiveDisplay(db, settings.display);
      return {
        mall: { id: settings.mallId, name: info?.mallName ?? { zh: settings.mallId } },
        device: { id: settings.deviceId, role: display.role },
        display,
        catalogVersion: info?.version ?? 0,
        floors: floors(db),
        // Polled by the page every 30 s: artwork verified after the page opened shows without a reload.
        ...(display.role === 'wall' ? { wallArtwork: readyCreatives(db, wallArtwork(db)) } : {}),
      };
    },
    'promotions.list': ({ limit, everything }) => {
      if (everything) return promotionsNow(db, { now: now(), limit, scope: null });
      const display = effectiveDisplay(db, settings.display);
      const device = { id: settings.deviceId, role: display.role, zones: settings.zones };
      return promotionsNow(db, { now: now(), limit, playlist: display.attractPlaylist, scope: { timeZone: settings.timeZone, device } });
    },
    'stores.search': (params) => {
      const found = searchStores(db, params);
      return { ...found, stores: withLogoUrls(db, found.stores) };
    },
    'content.played': (params) => {
      recordPlay(params);
      return { recorded: true };
    },
    'kiosk.signals': () => ({ reloadSeq: signals.reloadSeq, configVersion: desiredConfig(db)?.version ?? 0 }),
    'map.venue': (params) => map.venue(params),
    'map.route': (params) => map.route(params),
    'member.identify': (params) => members.identify(params),
    'member.home': (params) => members.home(params),
    'member.claim': (params) => members.claim(params),
    'member.signOut': (params) => members.signOut(params),
    'wall.status': () => wall.status(),
    'wall.start': () => wall.startSession(),
    'wall.observe': (params) => wall.observe(params),
    'wall.end': (params) => wall.end(params),
    'wall.member': (params) => wall.attachMember(params),
    'wall.claim': (params) => wall.claim(params),
  };
}
