/**
 * Time as data: integer epoch milliseconds in, AWS's timestamp strings out. Nothing here reads a
 * clock; the conversions are Howard Hinnant's days-from-civil algorithms, so no `Date` is needed.
 *
 * @module
 */

/** Integer milliseconds since 1970-01-01T00:00:00Z. */
export type EpochMs = number;

const MS_PER_DAY = 86_400_000;

/** The proleptic-Gregorian calendar date and time of day of an epoch-ms instant, in UTC. */
export interface UtcParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** Splits an epoch-ms instant into its UTC calendar parts. */
export function utcParts(epochMs: EpochMs): UtcParts {
  const days = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - days * MS_PER_DAY;
  // civil_from_days: eras of 400 years starting on 0000-03-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
  };
}

/** The epoch-ms instant of a UTC calendar date at midnight (days_from_civil). */
export function epochMsOfUtcDate(year: number, month: number, day: number): EpochMs {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * 146_097 + dayOfEra - 719_468) * MS_PER_DAY;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Formats an instant as Lambda's `LastModified`: `2020-04-10T19:06:32.563+0000` (milliseconds and
 * `+0000`, spec control-plane §2.2).
 */
export function lambdaTimestamp(epochMs: EpochMs): string {
  const p = utcParts(epochMs);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}.${pad(p.millisecond, 3)}+0000`;
}

/** Formats an instant as ISO 8601 with `Z`: `2020-04-10T19:06:32.563Z`. */
export function isoTimestamp(epochMs: EpochMs): string {
  return `${lambdaTimestamp(epochMs).slice(0, 23)}Z`;
}
