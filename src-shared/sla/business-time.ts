import { z } from 'zod';
import { offsetMinutes } from '../dates.js';

/**
 * Business time: the one definition the station's SLA engine, the hub and
 * the console use (docs/sla-design.md). Pure: a calendar and instants in,
 * instants and minutes out; no clock, no database, no global state (a
 * hospital's calendar is a value, so two hospitals' calendars never race).
 *
 * A calendar is:
 * - `timeZone`: the hospital's IANA zone. Every day, hour and date below is
 *   local to it, and converted with the zone's offset *of that instant*, so
 *   a zone that changes its clocks is right on both sides of the change
 *   (Riyadh has not changed since 1950; a group may have a hospital abroad).
 * - `weekly`: working hours per weekday, keyed as `Date.getDay()` (0 =
 *   Sunday), each day a list of `['HH:MM', 'HH:MM']` segments — a split
 *   shift is two segments; `'24:00'` ends a day. A day without segments is
 *   not worked (Friday and Saturday in Saudi Arabia).
 * - `overrides`: dates (`'YYYY-MM-DD'` local, inclusive) whose hours replace
 *   the week's: Ramadan hours, a one-off closed day, Eid (`'closed'`). Where
 *   two overrides cover a day, the later in the list wins.
 * - `closures`: instants (ISO, with their offset) when nothing counts,
 *   whatever the hours say: a holiday that "starts at the end of the working
 *   day of 29 Ramadan", a closure across midnight, an outage.
 *
 * Business time is counted in milliseconds and answered in minutes: a
 * minute is 60,000 ms, so `addBusinessMinutes(s, m)` lands on an exact
 * millisecond and `businessMinutesBetween` of it gives `m` back exactly.
 */

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export type HoursSegment = [string, string];

export type BusinessCalendar = {
  timeZone: string;
  weekly: Record<Weekday, Array<[string, string]>>;
  overrides?: Array<{ from: string; to: string; hours: Array<[string, string]> | 'closed' }>;
  closures?: Array<{ start: string; end: string }>;
};

export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** How far addBusinessMinutes looks for enough working time before it calls the calendar empty. */
export const SEARCH_LIMIT_DAYS = 3 * 366;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after local midnight of 'HH:MM' ('24:00' is 1440); null when it is not such a time. */
export function minuteOfDay(time: string): number | null {
  const match = TIME.exec(time);
  if (!match) return null;
  return match[3] ? 1440 : Number(match[1]) * 60 + Number(match[2]);
}

/** The day number (days since 1970-01-01) of a 'YYYY-MM-DD' that exists; null otherwise. */
export function dayNumber(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : null;
}

function validZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Problems of a day's segments, as message keys: bad times, an end not after its start, overlapping segments. */
function segmentProblems(segments: readonly (readonly [string, string])[]): string[] {
  const problems: string[] = [];
  const parsed: [number, number][] = [];
  for (const [from, to] of segments) {
    const start = minuteOfDay(from);
    const end = minuteOfDay(to);
    if (start === null || end === null || start === 1440) problems.push('field.sla_time');
    else if (end <= start) problems.push('field.sla_segment_order');
    else parsed.push([start, end]);
  }
  parsed.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < parsed.length; i += 1) if (parsed[i]![0] < parsed[i - 1]![1]) problems.push('field.sla_segment_overlap');
  return problems;
}

const segmentsSchema = z
  .array(z.tuple([z.string(), z.string()]))
  .max(12)
  .superRefine((segments, ctx) => {
    for (const key of new Set(segmentProblems(segments))) ctx.addIssue({ code: 'custom', message: key });
  });

/** An instant with its zone (Z or an offset): without one, it would be read in each machine's own zone, and station, hub and console would disagree. */
const instantSchema = z.string().refine((value) => /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value)), 'field.sla_instant');

/** A calendar as entered or stored: every problem named by field, as message keys (src-shared/messages.ts). */
export const businessCalendarSchema = z.object({
  timeZone: z.string().refine(validZone, 'field.sla_time_zone'),
  weekly: z.object({ 0: segmentsSchema, 1: segmentsSchema, 2: segmentsSchema, 3: segmentsSchema, 4: segmentsSchema, 5: segmentsSchema, 6: segmentsSchema }),
  overrides: z
    .array(
      z
        .object({
          from: z.string().refine((d) => dayNumber(d) !== null, 'field.sla_date'),
          to: z.string().refine((d) => dayNumber(d) !== null, 'field.sla_date'),
          hours: z.union([z.literal('closed'), segmentsSchema]),
        })
        .refine((o) => (dayNumber(o.to) ?? 0) >= (dayNumber(o.from) ?? 0), { message: 'field.sla_date_order', path: ['to'] }),
    )
    .max(1000)
    .optional(),
  closures: z
    .array(
      z
        .object({ start: instantSchema, end: instantSchema })
        .refine((c) => Date.parse(c.end) > Date.parse(c.start), { message: 'field.sla_closure_order', path: ['end'] }),
    )
    .max(1000)
    .optional(),
}) satisfies z.ZodType<BusinessCalendar>;

// ---- the arithmetic

type Interval = readonly [number, number];

interface Compiled {
  readonly timeZone: string;
  readonly weekly: readonly (readonly Interval[])[];
  readonly overrides: readonly { readonly from: number; readonly to: number; readonly hours: readonly Interval[] }[];
  readonly closures: readonly Interval[];
  readonly days: Map<number, readonly Interval[]>;
}

const compiledCalendars = new WeakMap<BusinessCalendar, Compiled>();

/** Working minutes of a day's segments, sorted and merged (a calendar that skipped the schema still counts nothing twice). */
function minutesOf(segments: readonly (readonly [string, string])[]): Interval[] {
  const parsed: [number, number][] = [];
  for (const [from, to] of segments) {
    const start = minuteOfDay(from);
    const end = minuteOfDay(to);
    if (start === null || end === null) throw new RangeError(`Not a time of day: "${from}"–"${to}" (HH:MM, 24:00 as an end)`);
    if (end > start) parsed.push([start, end]);
  }
  parsed.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const segment of parsed) {
    const last = merged.at(-1);
    if (last && segment[0] <= last[1]) last[1] = Math.max(last[1], segment[1]);
    else merged.push([...segment]);
  }
  return merged;
}

function compile(calendar: BusinessCalendar): Compiled {
  const known = compiledCalendars.get(calendar);
  if (known) return known;
  if (!validZone(calendar.timeZone)) throw new RangeError(`Not a time zone: "${calendar.timeZone}"`);
  const overrides = (calendar.overrides ?? []).map((o) => {
    const from = dayNumber(o.from);
    const to = dayNumber(o.to);
    if (from === null || to === null) throw new RangeError(`Not a date: "${o.from}"–"${o.to}" (YYYY-MM-DD)`);
    return { from, to, hours: o.hours === 'closed' ? [] : minutesOf(o.hours) };
  });
  const closures = (calendar.closures ?? [])
    .map(({ start, end }): Interval => {
      const a = Date.parse(start);
      const b = Date.parse(end);
      if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`Not an instant: "${start}"–"${end}"`);
      return [a, b];
    })
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const compiled: Compiled = {
    timeZone: calendar.timeZone,
    weekly: WEEKDAYS.map((day) => minutesOf(calendar.weekly[day] ?? [])),
    overrides,
    closures,
    days: new Map(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

/** The local day number an instant falls on. */
function localDay(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetMinutes(new Date(ms), timeZone) * MINUTE_MS) / DAY_MS);
}

/**
 * The instant of a local wall time (day number, minutes after midnight).
 * Two passes settle the offset where the zone changes its clocks; a wall
 * time the change skipped lands just after the gap.
 */
export function instantOf(day: number, minute: number, timeZone: string): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  const first = wall - offsetMinutes(new Date(wall), timeZone) * MINUTE_MS;
  return wall - offsetMinutes(new Date(first), timeZone) * MINUTE_MS;
}

/** [a, b) minus the closures, in order. */
function withoutClosures(a: number, b: number, closures: readonly Interval[]): Interval[] {
  const pieces: Interval[] = [];
  let start = a;
  for (const [ca, cb] of closures) {
    if (cb <= start) continue;
    if (ca >= b) break;
    if (ca > start) pieces.push([start, ca]);
    start = Math.max(start, cb);
    if (start >= b) break;
  }
  if (start < b) pieces.push([start, b]);
  return pieces;
}

/** The working intervals of a local day, as instants in order, closures taken out. Remembered per calendar. */
function workingIntervals(calendar: Compiled, day: number): readonly Interval[] {
  const known = calendar.days.get(day);
  if (known) return known;
  let hours = calendar.weekly[(((day + 4) % 7) + 7) % 7]!; // 1970-01-01 was a Thursday
  for (const override of calendar.overrides) if (day >= override.from && day <= override.to) hours = override.hours;
  const intervals: Interval[] = [];
  for (const [from, to] of hours) {
    const a = instantOf(day, from, calendar.timeZone);
    const b = instantOf(day, to, calendar.timeZone);
    if (b > a) intervals.push(...withoutClosures(a, b, calendar.closures));
  }
  if (calendar.days.size > 20_000) calendar.days.clear();
  calendar.days.set(day, intervals);
  return intervals;
}

function checkInstant(value: Date, name: string): number {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/** Business milliseconds in [from, to), from ≤ to. */
function businessMsWithin(calendar: Compiled, from: number, to: number): number {
  let total = 0;
  // a day's hours end by its next local midnight: the days of `from` to `to` hold every interval (one more each side for zone changes)
  const last = localDay(to, calendar.timeZone) + 1;
  for (let day = localDay(from, calendar.timeZone) - 1; day <= last; day += 1) {
    for (const [a, b] of workingIntervals(calendar, day)) {
      const start = Math.max(a, from);
      const end = Math.min(b, to);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/**
 * Minutes of business time in [from, to); negative when `to` is before
 * `from` (the same span, counted backwards).
 */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const a = checkInstant(from, 'from');
  const b = checkInstant(to, 'to');
  const compiled = compile(calendar);
  const minutes = b >= a ? businessMsWithin(compiled, a, b) / MINUTE_MS : -businessMsWithin(compiled, b, a) / MINUTE_MS;
  return minutes === 0 ? 0 : minutes; // never -0: "no business time" reads the same both ways
}

/**
 * The earliest instant t ≥ start with businessMinutesBetween(start, t) ===
 * minutes: a deadline lands at the end of its last working minute (16:00
 * of the day it runs out, not the next opening), and 0 minutes is `start`
 * itself. Throws a RangeError when the calendar has too little working time
 * in the next SEARCH_LIMIT_DAYS (a calendar with no hours at all).
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  const from = checkInstant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number ≥ 0, not ${minutes}`);
  let left = Math.round(minutes * MINUTE_MS);
  if (left === 0) return new Date(from);
  const compiled = compile(calendar);
  const first = localDay(from, compiled.timeZone) - 1;
  for (let day = first; day <= first + SEARCH_LIMIT_DAYS; day += 1) {
    for (const [a, b] of workingIntervals(compiled, day)) {
      const begin = Math.max(a, from);
      if (b <= begin) continue;
      if (b - begin >= left) return new Date(begin + left);
      left -= b - begin;
    }
  }
  throw new RangeError(`The calendar has fewer than ${minutes} working minutes in the ${SEARCH_LIMIT_DAYS} days after ${start.toISOString()}`);
}

/** Is the calendar working at this instant? (Staff notifications wait for it; the clocks do not.) */
export function isBusinessTime(at: Date, calendar: BusinessCalendar): boolean {
  const ms = checkInstant(at, 'at');
  const compiled = compile(calendar);
  const day = localDay(ms, compiled.timeZone);
  for (let d = day - 1; d <= day + 1; d += 1) for (const [a, b] of workingIntervals(compiled, d)) if (ms >= a && ms < b) return true;
  return false;
}

/** The first instant ≥ at that is working time (at itself when it is); null when none within SEARCH_LIMIT_DAYS. */
export function nextBusinessInstant(at: Date, calendar: BusinessCalendar): Date | null {
  const ms = checkInstant(at, 'at');
  const compiled = compile(calendar);
  const first = localDay(ms, compiled.timeZone) - 1;
  for (let day = first; day <= first + SEARCH_LIMIT_DAYS; day += 1) {
    for (const [a, b] of workingIntervals(compiled, day)) if (b > ms) return new Date(Math.max(a, ms));
  }
  return null;
}
