// The mall's time zone: offer windows, birthdays, "points expiring within 7 days" and the demo members' months are
// all in the mall's local time, on the kiosk and at HQ alike. The agent's setting `timeZone` (ATRIUM_TIME_ZONE) and
// the HQ simulator's --time-zone choose it; the default and the validation live with the settings schema.
export { DEFAULT_MALL_TIME_ZONE, isTimeZone } from '../contracts/config.ts';
