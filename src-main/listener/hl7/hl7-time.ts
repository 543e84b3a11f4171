/*
 * HL7 TS/DTM values: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]. Saudi
 * HISs mostly send local time without an offset; Asia/Riyadh has been UTC+3
 * without daylight saving since 1950, so a fixed +03:00 is exact for every
 * date a hospital record can carry.
 */

export const RIYADH_OFFSET_MINUTES = 180;

export interface Hl7DateTime {
  /** the instant; when only a date was sent, its midnight in the sender's zone */
  readonly instant: Date;
  /** the calendar date as written, `YYYY-MM-DD`; null when less than a day was given */
  readonly date: string | null;
}

const TS = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?([+-]\d{4})?$/;

/**
 * Reads an HL7 timestamp; null when it is not one (bad shape, month 13,
 * 30 February, offset beyond ±14:00, a year before 1800). `defaultOffsetMinutes` applies when the
 * value carries no offset.
 */
export function parseHl7DateTime(value: string, defaultOffsetMinutes = RIYADH_OFFSET_MINUTES): Hl7DateTime | null {
  const match = TS.exec(value.trim());
  if (!match) return null;
  const [, y = '', mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  // nothing a hospital records predates 1800; earlier years are typos (0202 for 2020)
  if (year < 1800) return null;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;

  const offsetMinutes = offset === undefined ? defaultOffsetMinutes : readOffset(offset);
  if (offsetMinutes === null) return null;

  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day) return null;

  const date = d === undefined ? null : `${y}-${mo}-${d}`;
  return { instant: new Date(wall.getTime() - offsetMinutes * 60_000), date };
}

function readOffset(offset: string): number | null {
  const sign = offset.startsWith('-') ? -1 : 1;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(3, 5));
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** `YYYYMMDDHHMMSS+0300`: the instant as Riyadh wall time, offset written out so no receiver has to guess. */
export function formatHl7DateTime(instant: Date, offsetMinutes = RIYADH_OFFSET_MINUTES): string {
  const wall = new Date(instant.getTime() + offsetMinutes * 60_000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    pad(wall.getUTCFullYear(), 4) +
    pad(wall.getUTCMonth() + 1) +
    pad(wall.getUTCDate()) +
    pad(wall.getUTCHours()) +
    pad(wall.getUTCMinutes()) +
    pad(wall.getUTCSeconds()) +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}
