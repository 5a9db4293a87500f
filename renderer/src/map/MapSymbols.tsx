// The map's icons as SVG <symbol>s, defined once and placed with <use>: plain shapes and one or two letters, no
// filters or gradients (the kiosk may rasterise in software). Each is a 24x24 rounded tile in its kind's colour.
import type { IconKind } from './levelShapes.ts';

const COLOURS: Record<IconKind, string> = {
  restroom: '#2f6690',
  nursing: '#b4457a',
  atm: '#2d7d46',
  service: '#8c6527',
  elevator: '#4a4e69',
  escalator: '#4a4e69',
  stairs: '#4a4e69',
};

function Glyph({ kind }: { kind: IconKind }) {
  const line = { fill: 'none', stroke: '#fff', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
  switch (kind) {
    case 'restroom':
      return <text x="12" y="16.2" textAnchor="middle" fontSize="10.5" fontWeight="700" fill="#fff">WC</text>;
    case 'atm':
      return <text x="12" y="17" textAnchor="middle" fontSize="14" fontWeight="700" fill="#fff">¥</text>;
    case 'service':
      return <><circle cx="12" cy="7" r="1.6" fill="#fff" /><path d="M12 11v7" {...line} strokeWidth={2.6} /></>;
    case 'nursing':
      // A baby bottle: teat, collar, body.
      return <><path d="M10.5 5.5h3l-.5 2h-2z" fill="#fff" /><rect x="8.5" y="8" width="7" height="1.6" rx=".4" fill="#fff" /><rect x="9" y="10.2" width="6" height="8.6" rx="1.6" fill="#fff" /></>;
    case 'elevator':
      return <><rect x="6" y="5" width="12" height="14" rx="1.5" {...line} strokeWidth={1.6} /><path d="M9.5 10.5 12 8l2.5 2.5M9.5 13.5 12 16l2.5-2.5" {...line} strokeWidth={1.6} /></>;
    case 'escalator':
      return <path d="M5 17h3.5l7-9H19" {...line} strokeWidth={2.2} />;
    case 'stairs':
      return <path d="M5 18h4v-4h4v-4h4V6h2" {...line} strokeWidth={2} />;
  }
}

const KINDS: IconKind[] = ['restroom', 'nursing', 'atm', 'service', 'elevator', 'escalator', 'stairs'];

export function MapSymbols() {
  return (
    <defs>
      {KINDS.map((kind) => (
        <symbol key={kind} id={`map-icon-${kind}`} viewBox="0 0 24 24">
          <rect width="24" height="24" rx="6" fill={COLOURS[kind]} />
          <Glyph kind={kind} />
        </symbol>
      ))}
    </defs>
  );
}
