// `map check FILE`: import an IMDF map and say what was found (features per type, levels by ordinal, every problem
// with its feature id) and whether the map is usable. The CLI prints `lines` and exits with `exitCode`; the last line
// is always `map check: N levels, N units, N openings, N problems`, for scripts.
import type { Venue } from '../../../contracts/venue.ts';
import { importImdfPath } from '../../../common/node/imdf/imdf-read.ts';
import type { ImportResult } from '../../../common/node/imdf/imdf-import.ts';

/** sysexits.h numbering, like common/exit-codes.ts: EX_DATAERR when the map cannot be used (or not even read). */
export const MAP_CHECK_EXIT = { ok: 0, unusable: 65 } as const;

export type MapCheck = { lines: string[]; exitCode: number };

export function mapCheck(path: string): MapCheck {
  return describe(path, importImdfPath(path));
}

/** The report for an import result (separate from the reading, so it can be tested on any result). */
export function describe(source: string, result: ImportResult): MapCheck {
  const { venue, problems, counts } = result;
  const lines: string[] = [`map check ${source}`];
  const types = Object.keys(counts).sort();
  if (types.length > 0) {
    lines.push('features:');
    for (const t of types) lines.push(`  ${t.padEnd(13)} ${String(counts[t]).padStart(6)}`);
  }
  if (venue) lines.push(...describeVenue(venue));
  if (problems.length > 0) {
    lines.push(`problems (${problems.length}):`);
    for (const p of problems) lines.push(`  ${p.severity.padEnd(8)} ${p.featureType ?? '-'} ${p.id ?? '(no id)'}: ${p.reason}`);
  }
  const fatal = problems.find((p) => p.severity === 'fatal');
  if (!venue || fatal) lines.push(`not usable: ${fatal?.reason ?? 'no map'}`);
  else lines.push(`usable: ${venue.name.zh}${venue.name.en ? ` / ${venue.name.en}` : ''}`);
  lines.push(`map check: ${venue?.levels.length ?? 0} levels, ${venue?.units.length ?? 0} units, ${venue?.openings.length ?? 0} openings, ${problems.length} problems`);
  return { lines, exitCode: venue && !fatal ? MAP_CHECK_EXIT.ok : MAP_CHECK_EXIT.unusable };
}

function describeVenue(venue: Venue): string[] {
  const lines = [
    `venue: ${venue.name.zh}${venue.name.en ? ` / ${venue.name.en}` : ''} (${venue.id}), origin ${venue.origin.lng.toFixed(6)}, ${venue.origin.lat.toFixed(6)}`,
    'levels by ordinal:',
  ];
  for (const level of venue.levels) {
    const units = venue.units.filter((u) => u.levelId === level.id).length;
    const openings = venue.openings.filter((o) => o.levelId === level.id).length;
    lines.push(`  ${String(level.ordinal).padStart(3)}  ${level.shortName.zh.padEnd(6)} ${String(units).padStart(4)} units ${String(openings).padStart(4)} openings  ${level.id}`);
  }
  const sources = (s: 'relationship' | 'overlap') => venue.connectors.filter((c) => c.source === s).length;
  lines.push(
    `imported: ${venue.units.length} units, ${venue.openings.length} openings, ${venue.amenities.length} amenities, ${venue.occupants.length} occupants, ${venue.kiosks.length} kiosks, ` +
      `${venue.connectors.length} connectors (${sources('relationship')} from relationships, ${sources('overlap')} from overlapping units)`,
  );
  return lines;
}
