/**
 * How the console shows a moment to a Saudi hospital reader: the Gregorian
 * date (and time) in the hospital's time zone, with the Hijri Umm al-Qura
 * date alongside. Times are stored in UTC; only display converts.
 *
 * Digits are Latin in both languages: MRNs, phone numbers and IDs on the
 * same screens are Latin, and mixing two digit shapes in one table is harder
 * to scan. The clock is 24-hour, as on clinical records.
 */

export type DisplayLanguage = 'ar' | 'en';

export interface DateDisplayOptions {
  /** IANA zone of the hospital; Asia/Riyadh when not given */
  readonly timeZone?: string | undefined;
  readonly language: DisplayLanguage;
  /** the clock to the second (when a background job ran), not just the minute */
  readonly seconds?: boolean;
}

export interface DisplayParts {
  /** e.g. `1 Mar 2025, 15:00` / `1 مارس 2025، 15:00` */
  readonly gregorian: string;
  /** e.g. `1 Ramadan 1446 AH` / `1 رمضان 1446 هـ` */
  readonly hijri: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const EMPTY = '—';

/** Parses an ISO timestamp or a `YYYY-MM-DD` calendar date; null when it is neither. */
function parse(value: string): { instant: Date; dateOnly: boolean } | null {
  if (DATE_ONLY.test(value)) {
    const instant = calendarDay(value);
    return instant ? { instant, dateOnly: true } : null;
  }
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : { instant, dateOnly: false };
}

/** Midnight UTC of a real calendar day; null for `2025-02-30` (which Date would roll over). */
function calendarDay(date: string): Date | null {
  if (!DATE_ONLY.test(date)) return null;
  const instant = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 10) === date ? instant : null;
}

function locale(language: DisplayLanguage): string {
  return language === 'ar' ? 'ar-SA' : 'en-GB';
}

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

/** Formatters by locale, zone and options: making one costs far more than using it (the send rules ask thousands a second). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: Date, timeZone: string, language: DisplayLanguage, options: Intl.DateTimeFormatOptions): Parts {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale(language), { ...options, timeZone, numberingSystem: 'latn' });
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, formatter);
  }
  const out: Parts = {};
  for (const part of formatter.formatToParts(instant)) out[part.type] = part.value;
  return out;
}

// Assembled from parts rather than taken whole from Intl, so the layout does
// not change with the ICU version (ICU moves "في", commas and bidi marks).
function gregorianDate(instant: Date, timeZone: string, language: DisplayLanguage): string {
  const p = parts(instant, timeZone, language, { calendar: 'gregory', day: 'numeric', month: language === 'ar' ? 'long' : 'short', year: 'numeric' });
  return `${p.day ?? ''} ${p.month ?? ''} ${p.year ?? ''}`;
}

function clock(instant: Date, timeZone: string, language: DisplayLanguage, seconds: boolean): string {
  const p = parts(instant, timeZone, language, { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });
  return seconds ? `${p.hour ?? ''}:${p.minute ?? ''}:${p.second ?? ''}` : `${p.hour ?? ''}:${p.minute ?? ''}`;
}

function hijriDate(instant: Date, timeZone: string, language: DisplayLanguage): string {
  const p = parts(instant, timeZone, language, { calendar: 'islamic-umalqura', day: 'numeric', month: 'long', year: 'numeric' });
  const era = language === 'ar' ? 'هـ' : 'AH';
  return `${p.day ?? ''} ${p.month ?? ''} ${p.year ?? ''} ${era}`;
}

/**
 * The Gregorian and Hijri texts separately, for layouts that stack them.
 * A calendar date (`YYYY-MM-DD`, e.g. a birth date) is shown as that day, never shifted by a zone.
 */
export function dateTimeParts(value: string, options: DateDisplayOptions): DisplayParts | null {
  const parsed = parse(value);
  if (!parsed) return null;
  const zone = parsed.dateOnly ? 'UTC' : (options.timeZone ?? DEFAULT_TIME_ZONE);
  const date = gregorianDate(parsed.instant, zone, options.language);
  const separator = options.language === 'ar' ? '، ' : ', ';
  return {
    gregorian: parsed.dateOnly ? date : `${date}${separator}${clock(parsed.instant, zone, options.language, options.seconds === true)}`,
    hijri: hijriDate(parsed.instant, zone, options.language),
  };
}

/** `1 Mar 2025, 15:00 · 1 Ramadan 1446 AH` in the hospital's zone; `—` when empty; the raw text when unreadable. */
export function formatDateTime(value: string | null | undefined, options: DateDisplayOptions): string {
  if (!value) return EMPTY;
  const shown = dateTimeParts(value, options);
  return shown ? `${shown.gregorian} · ${shown.hijri}` : value;
}

/** `1 Mar 2025 · 1 Ramadan 1446 AH`: the day in the hospital's zone (a calendar date is kept as is). */
export function formatDate(value: string | null | undefined, options: DateDisplayOptions): string {
  if (!value) return EMPTY;
  const parsed = parse(value);
  if (!parsed) return value;
  const zone = parsed.dateOnly ? 'UTC' : (options.timeZone ?? DEFAULT_TIME_ZONE);
  return `${gregorianDate(parsed.instant, zone, options.language)} · ${hijriDate(parsed.instant, zone, options.language)}`;
}

/**
 * How long ago, for the age of figures: `10 minutes ago` / `قبل 10 دقائق`,
 * with Latin digits. Seconds under a minute, minutes under an hour, hours
 * under two days, then days.
 */
export function formatAgo(ms: number, language: DisplayLanguage): string {
  const format = new Intl.RelativeTimeFormat(language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB', { numeric: 'always' });
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return format.format(-seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return format.format(-hours, 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}

/** Minutes the zone is ahead of UTC at that instant (Riyadh: 180). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  // Zones change their offset at whole quarter hours of UTC (every rule in use today does), so one
  // answer holds for its quarter hour: the send rules ask for the same few instants thousands of times.
  const quarter = Math.floor(instant.getTime() / 900_000);
  const key = `${timeZone}|${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const offset = offsetOf(instant, timeZone);
  if (offsets.size > 5_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

const offsets = new Map<string, number>();

function offsetOf(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone, 'en', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant at which a calendar day begins in a zone: the lower bound
 * of "from 2025-03-01" in a filter typed by a reader in that hospital.
 */
export function startOfDayUtc(date: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const midnightUtc = calendarDay(date);
  if (!midnightUtc) return null;
  // Two passes settle the offset on days the zone changes its clocks.
  let guess = midnightUtc.getTime() - offsetMinutes(midnightUtc, timeZone) * 60_000;
  guess = midnightUtc.getTime() - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess).toISOString();
}

/** The last millisecond of a calendar day in a zone: the upper bound of "to 2025-03-01". */
export function endOfDayUtc(date: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const next = calendarDay(date);
  if (!next) return null;
  next.setUTCDate(next.getUTCDate() + 1);
  const start = startOfDayUtc(next.toISOString().slice(0, 10), timeZone);
  return start ? new Date(Date.parse(start) - 1).toISOString() : null;
}
