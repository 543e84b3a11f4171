import { DEFAULT_TIME_ZONE, offsetMinutes, startOfDayUtc } from '../dates.js';

/**
 * When a survey invitation may go out: after the stage's delay, inside the
 * hospital's send window (local time; default 09:00–21:00, no survey SMS at
 * night: the research notes' reading of the KSA rules, made configurable),
 * and not to a patient surveyed in the last N days (survey fatigue).
 */
export interface SendWindow {
  /** minutes after local midnight the window opens (09:00 = 540) */
  readonly startMinute: number;
  /** minutes after local midnight it closes, later than it opens (21:00 = 1260) */
  readonly endMinute: number;
}

export const DEFAULT_SEND_WINDOW: SendWindow = { startMinute: 9 * 60, endMinute: 21 * 60 };
export const DEFAULT_FATIGUE_DAYS = 30;
const DAY_MS = 86_400_000;

/** `HH:MM` as minutes after midnight; null when it is not a time of day. */
export function minuteOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
function localDay(at: number, timeZone: string): string {
  const local = new Date(at + offsetMinutes(new Date(at), timeZone) * 60_000);
  return local.toISOString().slice(0, 10);
}

/** The UTC instant of a local time of day, on a day the zone may change its clocks (as startOfDayUtc settles midnight). */
function localTime(day: string, minute: number, timeZone: string): number {
  const midnight = Date.parse(startOfDayUtc(day, timeZone)!);
  const naive = midnight + minute * 60_000;
  const shift = (offsetMinutes(new Date(midnight), timeZone) - offsetMinutes(new Date(naive), timeZone)) * 60_000;
  return naive + shift;
}

function windowOn(day: string, window: SendWindow, timeZone: string): { opens: number; closes: number } {
  return { opens: localTime(day, window.startMinute, timeZone), closes: localTime(day, window.endMinute, timeZone) };
}

/** The first instant at or after `earliest` inside the send window, in the hospital's time zone. */
export function nextInWindow(earliest: number, window: SendWindow = DEFAULT_SEND_WINDOW, timeZone: string = DEFAULT_TIME_ZONE): number {
  const day = localDay(earliest, timeZone);
  const today = windowOn(day, window, timeZone);
  if (earliest < today.opens) return today.opens;
  if (earliest < today.closes) return earliest;
  const tomorrow = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return windowOn(tomorrow, window, timeZone).opens;
}

export interface SendPlan {
  /** when to send (ms), or null when the patient is not to be surveyed now */
  readonly at: number | null;
  /** why not: surveyed too recently */
  readonly skipped: 'fatigue' | null;
}

/**
 * When the invitation for a completed stage goes out: its delay after the
 * stage, moved into the send window; skipped when the patient had a survey
 * within the fatigue period before that time.
 */
export function planInvitation(options: {
  readonly stageCompletedAt: number;
  readonly delayMinutes: number;
  readonly window?: SendWindow;
  readonly timeZone?: string;
  /** when the patient was last sent a survey, if ever */
  readonly lastSurveyAt: number | null;
  readonly fatigueDays?: number;
}): SendPlan {
  const at = nextInWindow(options.stageCompletedAt + options.delayMinutes * 60_000, options.window, options.timeZone);
  const fatigueDays = options.fatigueDays ?? DEFAULT_FATIGUE_DAYS;
  if (options.lastSurveyAt !== null && at - options.lastSurveyAt < fatigueDays * DAY_MS) return { at: null, skipped: 'fatigue' };
  return { at, skipped: null };
}
