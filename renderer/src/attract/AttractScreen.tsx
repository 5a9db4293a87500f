// The attract loop: one item at a time, full screen, with an invitation to touch. An item is a campaign's creative
// for this screen's orientation (an image or a muted video, served verified by the agent) or, when the campaign has
// none ready, its colour card; the next one is prepared out of sight and swapped in only once it can be painted
// (player.ts). Every item shown is reported (proof of play). Any input anywhere leaves the loop (the session listens
// on the whole window) and cuts the shown item short; while `leaving`, it is transparent and still catches the click
// that ends the first touch.
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { PromotionCard } from '../../../contracts/api.ts';
import type { DeviceRole } from '../../../contracts/config.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { strings } from '../i18n/strings.ts';
import { localized, otherLanguage, pick } from '../i18n/translate.ts';
import { TouchIcon } from '../ui/icons.tsx';
import { MallMark } from '../ui/MallMark.tsx';
import { MediaLayer } from './MediaLayer.tsx';
import { PromotionSlide, WelcomeSlide } from './PromotionSlide.tsx';
import type { OrientationSetting } from './playlist.ts';
import { useAttractPlayer, useScreenOrientation } from './usePlayer.ts';
import './attract.css';

const NO_ROTATION: readonly string[] = [];

type Props = {
  mallName: LocalizedText;
  promotions: PromotionCard[];
  /** One cycle's order (campaign ids, repeated by share of voice); empty: each campaign once, in list order. */
  rotation?: readonly string[];
  /** When this list stops being the schedule (the agent's nextChangeAt): nothing new starts after it until reloaded. */
  nextChangeAt?: string | null;
  loading: boolean;
  intervalSec: number;
  leaving: boolean;
  role: DeviceRole;
  orientationSetting: OrientationSetting;
};

export function AttractScreen({ mallName, promotions, rotation = NO_ROTATION, nextChangeAt = null, loading, intervalSec, leaving, role, orientationSetting }: Props) {
  const lang = useLanguage();
  const second = otherLanguage(lang);
  const orientation = useScreenOrientation(orientationSetting);
  const player = useAttractPlayer(promotions, rotation, intervalSec, { role, orientation }, leaving, nextChangeAt);
  const { shown, pending } = player.state;
  const count = promotions.length;
  const currentCampaign = shown?.item.campaignId ?? null;
  const cardShown = shown?.item.kind === 'card' ? shown.item.campaignId : null;
  // Colour cards cross-fade into each other as before; a switch from or to a creative is a cut (no full-screen fade
  // for the software rasteriser to paint under a playing video).
  const cut = shown === null || shown.item.kind !== 'card' || shown.afterKind !== 'card';
  const media = [shown, pending].flatMap((x) => (x !== null && x.item.kind !== 'card' ? [{ serial: x.serial, item: x.item, shown: x === shown }] : []));

  return (
    <section
      className={`attract${leaving ? ' attract--leaving' : ''}${cut ? ' attract--cut' : ''}`}
      data-testid="attract"
      data-orientation={orientation}
      data-item-kind={shown?.item.kind ?? 'none'}
      data-item-campaign={currentCampaign ?? ''}
      data-item-serial={shown?.serial ?? 0}
      data-next-kind={pending?.item.kind ?? 'none'}
      aria-label={pick(strings.touchToStart, lang)}
    >
      <div className="attract__slides">
        {count === 0
          ? !loading && <WelcomeSlide mallName={mallName} />
          : promotions.map((p) => <PromotionSlide key={p.campaignId} promotion={p} active={p.campaignId === cardShown} intervalSec={intervalSec} />)}
      </div>

      {media.map(({ serial, item, shown: visible }) => (
        <MediaLayer
          key={serial}
          serial={serial}
          kind={item.kind}
          creative={item.creative}
          campaignId={item.campaignId}
          shown={visible}
          onReady={player.ready}
          onFailed={player.failed}
          onEnded={player.ended}
        />
      ))}

      <header className="attract__brand">
        <MallMark className="attract__mark" />
        <span className="attract__mall">{localized(mallName, lang)}</span>
        {localized(mallName, second) !== localized(mallName, lang) && <span className="attract__mall-second">{localized(mallName, second)}</span>}
      </header>

      {count > 1 && (
        <ol className="attract__dots" aria-hidden="true">
          {promotions.map((p) => (
            <li key={p.campaignId} className={p.campaignId === currentCampaign ? 'attract__dot attract__dot--on' : 'attract__dot'} />
          ))}
        </ol>
      )}

      <footer className="attract__invite" data-testid="attract-invite">
        <span className="attract__touch" aria-hidden="true">
          <span className="attract__pulse" />
          <TouchIcon className="attract__touch-icon" />
        </span>
        <span className="attract__invite-text">
          <span className="attract__invite-main">{pick(strings.touchToStart, lang)}</span>
          <span className="attract__invite-second">{pick(strings.touchToStart, second)}</span>
        </span>
      </footer>
    </section>
  );
}
