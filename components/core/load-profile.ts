/** Hours in the daily profiles the sizing reads: index 0 is midnight. */
export const HOURS_PER_DAY = 24;

/**
 * A consumer messaging day in local time, as a share of the evening peak: quiet from 01:00 to
 * 06:00, a morning rise, a lunchtime bump and the peak at 21:00. An assumption that shapes the
 * model, not a measurement: a tenant that knows its own day gives `load.hourly`.
 */
export const STANDARD_DAILY_PROFILE: readonly number[] = [
  0.35, 0.22, 0.15, 0.12, 0.12, 0.15, 0.25, 0.45, 0.6, 0.65, 0.68, 0.72, 0.78, 0.72, 0.68, 0.68, 0.7, 0.75, 0.82, 0.9,
  0.97, 1, 0.85, 0.6,
];

/** A profile's value at a fractional hour, wrapping around midnight and interpolating between hours. */
function valueAt(profile: readonly number[], hour: number): number {
  const wrapped = ((hour % HOURS_PER_DAY) + HOURS_PER_DAY) % HOURS_PER_DAY;
  const lower = Math.floor(wrapped);
  const fraction = wrapped - lower;
  const a = profile[lower] ?? 0;
  const b = profile[(lower + 1) % HOURS_PER_DAY] ?? 0;
  return a + (b - a) * fraction;
}

/**
 * A tenant's load by UTC hour as a share of its declared peak (the largest value is 1): its local
 * profile, scaled to its own peak, shifted by its offset from UTC (local = UTC + offset), so
 * tenants in different zones peak at different UTC hours.
 */
export function utcDailyCurve(localProfile: readonly number[], utcOffsetHours: number): number[] {
  if (localProfile.length !== HOURS_PER_DAY || !(Math.max(...localProfile) > 0)) {
    throw new Error(`a daily profile needs ${HOURS_PER_DAY} values and one above 0; got ${localProfile.length}`);
  }
  const shifted = Array.from({ length: HOURS_PER_DAY }, (_, utcHour) =>
    valueAt(localProfile, utcHour + utcOffsetHours),
  );
  // A half-hour offset samples between hours; scaling after the shift keeps the declared peak in the day.
  const peak = Math.max(...shifted);
  return shifted.map((value) => value / peak);
}
