import { dayNumber, minuteOfDay, type BusinessCalendar } from './business-time.js';

/**
 * Public holidays of a Gregorian year, *proposed* for an officer to confirm
 * (issue 12; Zammad #390: a holiday feed applied unreviewed stretched a 48 h
 * SLA to six days). The Islamic dates come from the Umm al-Qura calendar as
 * the platform's ICU computes it (`islamic-umalqura`); the announced dates
 * can differ by a day with the moon sighting, and the length of the Eid
 * holidays is set each year, which is why none of this applies until a
 * person saves it into the hospital's calendar.
 */

export interface HolidayProposal {
  readonly key: string;
  readonly nameEn: string;
  readonly nameAr: string;
  /** local dates, inclusive */
  readonly from: string;
  readonly to: string;
}

const HIJRI = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

function hijriOf(ms: number): { month: number; day: number } {
  const parts = HIJRI.formatToParts(new Date(ms));
  return { month: Number(parts.find((p) => p.type === 'month')?.value), day: Number(parts.find((p) => p.type === 'day')?.value) };
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Hijri holidays by (month, first day, last day): Eid al-Fitr 1–3 Shawwal; the Day of Arafah and Eid al-Adha 9–12 Dhu al-Hijjah. */
const HIJRI_HOLIDAYS = [
  { key: 'eid_al_fitr', month: 10, first: 1, last: 3, nameEn: 'Eid al-Fitr', nameAr: 'عيد الفطر' },
  { key: 'eid_al_adha', month: 12, first: 9, last: 12, nameEn: 'Day of Arafah and Eid al-Adha', nameAr: 'يوم عرفة وعيد الأضحى' },
] as const;

export function proposedHolidays(year: number): HolidayProposal[] {
  const proposals: HolidayProposal[] = [];
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  for (const holiday of HIJRI_HOLIDAYS) {
    // a Hijri year is shorter than a Gregorian one: a holiday can fall twice in one year
    for (let ms = start; ms < end; ms += DAY_MS) {
      const h = hijriOf(ms);
      if (h.month !== holiday.month || h.day !== holiday.first) continue;
      proposals.push({
        key: `${holiday.key}_${iso(ms)}`,
        nameEn: holiday.nameEn,
        nameAr: holiday.nameAr,
        from: iso(ms),
        to: iso(ms + (holiday.last - holiday.first) * DAY_MS),
      });
    }
  }
  proposals.push(
    { key: `founding_day_${year}`, nameEn: 'Founding Day', nameAr: 'يوم التأسيس', from: `${year}-02-22`, to: `${year}-02-22` },
    { key: `national_day_${year}`, nameEn: 'Saudi National Day', nameAr: 'اليوم الوطني', from: `${year}-09-23`, to: `${year}-09-23` },
  );
  return proposals.sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * A proposal is confirmed when the calendar closes every one of its days by
 * an override. The day's override is the one business-time applies: the
 * last in the list that covers it, so a later override that reopens a day
 * (Ramadan hours saved after the Eid closure) unconfirms the holiday. An
 * override whose hours hold no working time closes the day as 'closed' does.
 */
export function isConfirmed(proposal: HolidayProposal, calendar: BusinessCalendar): boolean {
  const overrides = calendar.overrides ?? [];
  const first = dayNumber(proposal.from);
  const last = dayNumber(proposal.to);
  if (first === null || last === null) return false;
  for (let day = first; day <= last; day += 1) {
    const winner = overrides.findLast((o) => {
      const from = dayNumber(o.from);
      const to = dayNumber(o.to);
      return from !== null && to !== null && from <= day && day <= to;
    });
    if (!winner || !closesTheDay(winner.hours)) return false;
  }
  return true;
}

function closesTheDay(hours: NonNullable<BusinessCalendar['overrides']>[number]['hours']): boolean {
  return hours === 'closed' || hours.every(([from, to]) => (minuteOfDay(to) ?? 0) <= (minuteOfDay(from) ?? 0));
}
