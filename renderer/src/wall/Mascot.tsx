// The wall's mascot: a big drawn face that pulls the expression the camera sees (drawn as SVG, so it needs no
// emoji font and looks the same on every kiosk). Its motion per expression is in wall.css (the whole element
// moves, so the motion stays on the compositor).
import type { ReactNode } from 'react';
import type { ExpressionBucket } from '../../../contracts/wall.ts';

const INK = '#2a1a10';
const line = { stroke: INK, strokeWidth: 7, strokeLinecap: 'round', strokeLinejoin: 'round', fill: 'none' } as const;

function dotEyes(ry = 11): ReactNode {
  return (
    <>
      <ellipse cx="70" cy="90" rx="9" ry={ry} fill={INK} />
      <ellipse cx="130" cy="90" rx="9" ry={ry} fill={INK} />
    </>
  );
}

function wideEyes(pupil: number): ReactNode {
  return (
    <>
      <circle cx="70" cy="88" r="17" fill="#fff" stroke={INK} strokeWidth="5" />
      <circle cx="130" cy="88" r="17" fill="#fff" stroke={INK} strokeWidth="5" />
      <circle cx="70" cy="90" r={pupil} fill={INK} />
      <circle cx="130" cy="90" r={pupil} fill={INK} />
    </>
  );
}

const features: Record<ExpressionBucket, () => ReactNode> = {
  none: () => (
    <>
      {dotEyes()}
      <path d="M82 136 Q100 146 118 136" {...line} />
    </>
  ),
  neutral: () => (
    <>
      {dotEyes()}
      <path d="M72 138 H128" {...line} />
    </>
  ),
  happy: () => (
    <>
      <path d="M56 94 Q70 74 84 94" {...line} />
      <path d="M116 94 Q130 74 144 94" {...line} />
      <path d="M58 118 Q100 182 142 118 Z" fill={INK} stroke={INK} strokeWidth="6" strokeLinejoin="round" />
      <path d="M78 146 Q100 166 122 146 Q100 136 78 146 Z" fill="#ff6b81" />
      <circle cx="46" cy="118" r="11" fill="#ff8fa3" opacity="0.7" />
      <circle cx="154" cy="118" r="11" fill="#ff8fa3" opacity="0.7" />
    </>
  ),
  surprised: () => (
    <>
      <path d="M52 58 Q70 44 88 56" {...line} />
      <path d="M112 56 Q130 44 148 58" {...line} />
      {wideEyes(8)}
      <ellipse cx="100" cy="146" rx="16" ry="22" fill={INK} />
    </>
  ),
  sad: () => (
    <>
      <path d="M54 74 L84 62" {...line} />
      <path d="M116 62 L146 74" {...line} />
      {dotEyes(10)}
      <path d="M68 150 Q100 120 132 150" {...line} />
      <path d="M64 108 Q58 122 64 128 Q70 122 64 108 Z" fill="#5cc8ff" />
    </>
  ),
  angry: () => (
    <>
      <path d="M52 62 L86 78" {...line} strokeWidth="9" />
      <path d="M114 78 L148 62" {...line} strokeWidth="9" />
      {dotEyes(9)}
      <path d="M70 148 Q100 126 130 148" {...line} />
      <path d="M24 40 q8 -10 0 -20 q-8 -10 0 -20 M176 40 q8 -10 0 -20 q-8 -10 0 -20" stroke="#fff" strokeWidth="6" strokeLinecap="round" fill="none" opacity="0.8" />
    </>
  ),
  fearful: () => (
    <>
      <path d="M52 66 L84 56" {...line} />
      <path d="M116 56 L148 66" {...line} />
      {wideEyes(5)}
      <path d="M66 146 q8.5 -9 17 0 t17 0 t17 0 t17 0" {...line} />
      <path d="M160 40 Q150 58 160 66 Q170 58 160 40 Z" fill="#5cc8ff" />
    </>
  ),
  disgusted: () => (
    <>
      <path d="M54 74 L86 80" {...line} />
      <path d="M114 66 Q130 54 148 62" {...line} />
      <path d="M58 92 L84 96" {...line} />
      <ellipse cx="130" cy="92" rx="9" ry="11" fill={INK} />
      <path d="M66 142 Q84 128 100 142 T136 136" {...line} />
      <path d="M96 141 Q104 160 114 141" fill="#ff6b81" stroke={INK} strokeWidth="4" />
    </>
  ),
};

export function Mascot({ expression, colour, className }: { expression: ExpressionBucket; colour: string; className?: string }) {
  return (
    <svg
      className={`mascot mascot--${expression}${className ? ` ${className}` : ''}`}
      viewBox="0 0 200 200"
      aria-hidden="true"
      data-testid="wall-mascot"
      data-mascot={expression}
    >
      <g>
        <circle cx="100" cy="104" r="88" fill="rgba(0,0,0,0.16)" />
        <circle cx="100" cy="100" r="88" fill={colour} stroke={INK} strokeWidth="6" />
        {features[expression]()}
      </g>
    </svg>
  );
}
