// The mall's time zone: offer windows, birthdays, "points expiring within 7 days", dayparts and hourly aggregates are
// all in the mall's local time, on the kiosk and at HQ alike.
export const DEFAULT_MALL_TIME_ZONE = 'Asia/Shanghai';
