// The map's fingerprint, computed the same way at HQ (when it publishes) and on the kiosk (before it stores): sha256 of
// the venue as the contract parses it (defaults written out, keys in schema order), so both sides hash the same text.
import { createHash } from 'node:crypto';
import { Venue } from '../../contracts/venue.ts';

/** For a venue already parsed with the contract (the kiosk's received VenueMap): no second parse. */
export function parsedVenueHash(venue: Venue): string {
  return createHash('sha256').update(JSON.stringify(venue)).digest('hex');
}

export function venueHash(venue: unknown): string {
  return parsedVenueHash(Venue.parse(venue));
}
