// The wall when nobody is playing: the mascot cycling through faces as a demo, and the invitation. Opt-in mode
// shows a big "tap to play" (the camera is off until then); always-on mode asks people to step up (the camera is
// already watching for a face, and the privacy notice says so).
import { useEffect, useState } from 'react';
import type { ExpressionBucket } from '../../../contracts/wall.ts';
import { expressionLooks } from './expressionLook.ts';
import { Mascot } from './Mascot.tsx';
import type { WallMode } from './wallSession.ts';
import { Words } from './words.tsx';

// Every other face is a smile: the wall is asking for one.
const DEMO_FACES: ExpressionBucket[] = ['happy', 'surprised', 'happy', 'neutral', 'happy', 'angry', 'happy', 'sad', 'happy', 'disgusted'];
const DEMO_MS = 1800;

export function WallAttract({ mode, onTap }: { mode: WallMode; onTap: () => void }) {
  const [demo, setDemo] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setDemo((i) => (i + 1) % DEMO_FACES.length), DEMO_MS);
    return () => clearInterval(timer);
  }, []);
  const face = DEMO_FACES[demo]!;

  return (
    <section className="wall-attract" data-testid="wall-attract" data-mode={mode}>
      <div className="wall-attract__stage">
        <Mascot key={demo} expression={face} colour={expressionLooks[face].face} className="wall-attract__mascot" />
      </div>
      <div className="wall-attract__copy">
        <Words k="headline" as="h1" className="wall-attract__headline" />
        <Words k="subline" className="wall-attract__subline" />
        {mode === 'opt-in' ? (
          <>
            <button type="button" className="wall-attract__play" data-testid="wall-play" onClick={onTap}>
              <Words k="tapToPlay" as="span" className="wall-attract__play-label" />
            </button>
            <Words k="tapStartsCamera" className="wall-attract__hint" />
          </>
        ) : (
          <Words k="stepUp" className="wall-attract__step-up" testId="wall-step-up" />
        )}
      </div>
    </section>
  );
}
