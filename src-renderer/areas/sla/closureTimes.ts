import { offsetMinutes } from '../../../src-shared/dates.js';
import type { MessageKey } from '../../../src-shared/messages.js';
import { type BusinessCalendar, dayNumber, instantOf, minuteOfDay } from '../../../src-shared/sla/business-time.js';

/**
 * A closure is stored as two instants (ISO, with their offset) and edited
 * as the officer thinks of it: a date and a time on the hospital's clock
 * ("from 16:00 on 29 Ramadan"), whatever zone the console runs in. These
 * convert between the two with the zone's offset *of that instant*, as
 * business time does, so a hospital whose zone changes its clocks is right
 * on both sides of the change.
 */

export type Closure = NonNullable<BusinessCalendar['closures']>[number];

export interface ClosureRow {
  readonly startDate: string;
  readonly startTime: string;
  readonly endDate: string;
  readonly endTime: string;
  /** the stored closure the row was read from: saved again as it was while the row is unchanged (its seconds, its offset) */
  readonly saved?: Closure;
}

/** What is wrong with a row, by field, as message keys (src-shared/messages.ts). */
export type ClosureProblems = Partial<Record<'start' | 'end', MessageKey>>;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant written with the zone's offset at it: `2026-03-19T16:00:00+03:00`. */
function withOffset(ms: number, timeZone: string): string {
  const offset = offsetMinutes(new Date(ms), timeZone);
  const local = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 19);
  const size = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/** The instant of a wall date ('YYYY-MM-DD') and time ('HH:MM', '24:00' the end of the day) in a zone, as business time reads it; null when either is not one. */
export function instantOfWallTime(date: string, time: string, timeZone: string): string | null {
  const day = dayNumber(date);
  const minute = minuteOfDay(time);
  if (day === null || minute === null) return null;
  return withOffset(instantOf(day, minute, timeZone), timeZone);
}

/** The wall date and time (to the minute) of an instant in a zone; null when it is not an instant. */
export function wallTimeOf(instant: string, timeZone: string): { date: string; time: string } | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  const local = new Date(ms + offsetMinutes(new Date(ms), timeZone) * MINUTE_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The wall time a closure ends at: midnight as 24:00 of the day before, as it was entered ("to the end of 3 Shawwal"). */
function endWallTimeOf(instant: string, timeZone: string): { date: string; time: string } | null {
  const wall = wallTimeOf(instant, timeZone);
  if (wall?.time !== '00:00') return wall;
  return { date: new Date(((dayNumber(wall.date) ?? 0) - 1) * DAY_MS).toISOString().slice(0, 10), time: '24:00' };
}

/** A stored closure as its row (an unreadable instant shows empty, to be entered again). */
export function closureRowOf(closure: Closure, timeZone: string): ClosureRow {
  const start = wallTimeOf(closure.start, timeZone);
  const end = endWallTimeOf(closure.end, timeZone);
  return { startDate: start?.date ?? '', startTime: start?.time ?? '', endDate: end?.date ?? '', endTime: end?.time ?? '', saved: closure };
}

/** A new row: from 16:00 today in the hospital's zone to 08:00 the next morning. */
export function newClosureRow(now: Date, timeZone: string): ClosureRow {
  const today = wallTimeOf(now.toISOString(), timeZone)?.date ?? now.toISOString().slice(0, 10);
  const tomorrow = new Date(((dayNumber(today) ?? 0) + 1) * DAY_MS).toISOString().slice(0, 10);
  return { startDate: today, startTime: '16:00', endDate: tomorrow, endTime: '08:00' };
}

/** The closure a row stands for, or what is wrong with it: a date or time missing, an end not after the start. */
export function closureOfRow(row: ClosureRow, timeZone: string): { closure: Closure; problems: null } | { closure: null; problems: ClosureProblems } {
  if (row.saved) {
    const was = closureRowOf(row.saved, timeZone);
    const unchanged = was.startDate === row.startDate && was.startTime === row.startTime && was.endDate === row.endDate && was.endTime === row.endTime;
    if (unchanged && Date.parse(row.saved.end) > Date.parse(row.saved.start)) return { closure: row.saved, problems: null };
  }
  const start = instantOfWallTime(row.startDate, row.startTime, timeZone);
  const end = instantOfWallTime(row.endDate, row.endTime, timeZone);
  if (start && end && Date.parse(end) > Date.parse(start)) return { closure: { start, end }, problems: null };
  const problems: ClosureProblems = {};
  if (!start) problems.start = 'field.sla_instant';
  if (!end) problems.end = 'field.sla_instant';
  else if (start) problems.end = 'field.sla_closure_order';
  return { closure: null, problems };
}
