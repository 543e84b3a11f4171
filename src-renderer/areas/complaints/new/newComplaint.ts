import type { CallInput } from '../../../../src-shared/contract/index.js';
import { offsetMinutes } from '../../../../src-shared/dates.js';
import type { FieldError } from '../../../../src-shared/errors.js';
import { MESSAGES } from '../../../../src-shared/messages.js';

/**
 * The new-complaint form's values and the `complaints.create` input they
 * make: pure, so what is sent for each way of filling the form is tested
 * without a browser.
 */

export const BLANK = {
  hospitalId: '',
  type: 'complaint',
  channel: '',
  /** `patient`: a patient on record; `other`: someone without a record, or nobody named */
  who: 'patient',
  patientId: '',
  complainantName: '',
  contactPhone: '',
  contactEmail: '',
  contactPreference: 'phone',
  descriptionAr: '',
  descriptionEn: '',
  departmentId: '',
  hcatCategory: '',
  severity: '',
  priority: 'medium',
  harmLevel: '',
  stageOfCare: '',
  /** `YYYY-MM-DDTHH:MM`, as a datetime-local input gives it, in the hospital's zone */
  occurredAt: '',
};
export type NewComplaintValues = typeof BLANK;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A wall-clock time in a zone (`2026-03-01T14:30` in Riyadh) as the UTC
 * instant the station stores, or null when it is not a real time.
 */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // two passes settle the offset on a day the zone changes its clocks
  let guess = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  guess = asUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess).toISOString();
}

/** The language of the complaint: that of its only description, else the patient's, else the reader's. */
export function complaintLanguage(values: Pick<NewComplaintValues, 'descriptionAr' | 'descriptionEn'>, fallback: 'ar' | 'en'): 'ar' | 'en' {
  const ar = values.descriptionAr.trim() !== '';
  const en = values.descriptionEn.trim() !== '';
  if (ar && !en) return 'ar';
  if (en && !ar) return 'en';
  return fallback;
}

/** What the console says is wrong before anything is sent (the station's own checks follow on sending). */
export function formProblems(values: NewComplaintValues, now: Date, timeZone: string): FieldError[] {
  const problems: FieldError[] = [];
  const field = (path: string, key: 'field.required' | 'field.date' | 'field.date_future' | 'field.complaint_description') =>
    problems.push({ path, key, message: MESSAGES[key] });
  if (!values.hospitalId) field('hospitalId', 'field.required');
  if (!values.channel) field('channel', 'field.required');
  if (values.who === 'patient' && !values.patientId) field('patientId', 'field.required');
  // the contract says so too, but only once every other field is valid: said here with the rest at once
  if (values.descriptionAr.trim() === '' && values.descriptionEn.trim() === '') field('descriptionAr', 'field.complaint_description');
  if (values.occurredAt) {
    const at = zonedToUtc(values.occurredAt, timeZone);
    if (at === null) field('occurredAt', 'field.date');
    else if (Date.parse(at) > now.getTime()) field('occurredAt', 'field.date_future');
  }
  return problems;
}

/** The input of `complaints.create`: what was filled in, nothing for what was left empty. */
export function createInput(values: NewComplaintValues, options: { timeZone: string; language: 'ar' | 'en' }): CallInput<'complaints.create'> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const occurredAt = values.occurredAt ? zonedToUtc(values.occurredAt, options.timeZone) : null;
  const input: Record<string, unknown> = {
    hospitalId: values.hospitalId,
    type: values.type,
    channel: values.channel,
    contactPreference: values.contactPreference,
    language: complaintLanguage(values, options.language),
    priority: values.priority,
    departmentId: values.departmentId || undefined,
    patientId: values.who === 'patient' ? values.patientId || undefined : undefined,
    complainantName: values.who === 'other' ? text(values.complainantName) : undefined,
    contactPhone: text(values.contactPhone),
    contactEmail: text(values.contactEmail),
    descriptionAr: text(values.descriptionAr),
    descriptionEn: text(values.descriptionEn),
    hcatCategory: values.hcatCategory || undefined,
    severity: values.severity ? Number(values.severity) : undefined,
    harmLevel: values.harmLevel || undefined,
    stageOfCare: values.stageOfCare || undefined,
    occurredAt: occurredAt ?? undefined,
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as CallInput<'complaints.create'>;
}
