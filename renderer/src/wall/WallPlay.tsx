// Someone is playing: the mascot mirrors their expression, big, in that expression's colours; the coupon for
// the mood appears beside it once the agent has picked one (or a thank-you in the hold-out arm).
import type { CSSProperties } from 'react';
import type { WallModel } from './wallSession.ts';
import { expressionLooks } from './expressionLook.ts';
import { Mascot } from './Mascot.tsx';
import { WallOfferCard } from './WallOfferCard.tsx';
import type { WallMemberState } from './useWallMember.ts';
import { useWallWords, Words } from './words.tsx';
import { WallLottery } from '../lottery/WallLottery.tsx';

export function WallPlay({ model, memberState, onClaim }: { model: WallModel; memberState: WallMemberState; onClaim: () => void }) {
  const words = useWallWords();
  const look = expressionLooks[model.expression];
  const name = words(look.name);
  const holdout = model.experiment?.holdout === true;
  const percent = Math.round(model.confidence * 100);

  return (
    <section className="wall-play" data-testid="wall-play-screen">
      <div className="wall-play__reaction">
        <Mascot key={model.expression} expression={model.expression} colour={look.face} className="wall-play__mascot" />
        <h1 className="wall-play__name" data-testid="wall-expression-name">
          {name.main}
          <span className="wall-play__name-second">{name.second}</span>
        </h1>
        <Words k={look.line} className="wall-play__line" />
        {model.expression !== 'none' && (
          <div className="wall-play__meter" aria-hidden="true">
            <span className="wall-play__meter-bar" data-percent={percent} style={{ '--meter': `${percent}%` } as CSSProperties}>
              <span className="wall-play__meter-fill" />
            </span>
            <span className="wall-play__meter-text">{words('confidence', { percent }).main}</span>
          </div>
        )}
        {/* The game's reward for a member who scanned: a round of the open member-day lottery (the mascot makes room). */}
        {model.member && memberState.memberSession && <WallLottery memberSession={memberState.memberSession} name={model.member.maskedName} />}
      </div>
      <div className="wall-play__side">
        {model.offer ? (
          <WallOfferCard key={model.offer.couponId} offer={model.offer} member={model.member} memberState={memberState} onClaim={onClaim} />
        ) : holdout && model.expression !== 'none' ? (
          <div className="wall-play__thanks" data-testid="wall-holdout">
            <Words k="holdoutThanks" as="h2" className="wall-play__thanks-title" />
            <Words k="holdoutSub" className="wall-play__thanks-sub" />
          </div>
        ) : (
          <div className="wall-play__waiting" data-testid="wall-waiting">
            <span className="wall-play__dots" aria-hidden="true"><span /><span /><span /></span>
            <Words k={model.expression === 'none' ? 'reading' : 'picking'} className="wall-play__waiting-text" />
          </div>
        )}
      </div>
    </section>
  );
}
