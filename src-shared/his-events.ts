import { z } from 'zod';
import { email, phone, safeText, saudiId } from './contract/common.js';

/** The station's own event codes. Sources' codes are mapped onto these. */
export const EVENT_CODES = [
  'OPD_REGISTERED',
  'OPD_VISIT_COMPLETED',
  'LAB_RESULT_READY',
  'RADIOLOGY_REPORT_READY',
  'PHARMACY_DISPENSED',
  'IP_ADMITTED',
  'IP_TRANSFERRED',
  'IP_DISCHARGED',
  'EMS_ARRIVED',
  'EMS_TRIAGED',
  'EMS_TREATED',
  'EMS_DISPOSITION',
  'PATIENT_UPDATED',
  'ADMISSION_CANCELLED',
  'DISCHARGE_CANCELLED',
] as const;
export type EventCode = (typeof EVENT_CODES)[number];

export function isEventCode(code: string): code is EventCode {
  return (EVENT_CODES as readonly string[]).includes(code);
}

/** A cancel undoes the stages completed by these codes (HL7 A11 undoes A01/A04, A13 undoes A03). */
export const CANCELS: Partial<Record<EventCode, readonly EventCode[]>> = {
  ADMISSION_CANCELLED: ['IP_ADMITTED', 'OPD_REGISTERED', 'EMS_ARRIVED'],
  DISCHARGE_CANCELLED: ['IP_DISCHARGED', 'OPD_VISIT_COMPLETED', 'EMS_DISPOSITION'],
};

export const JOURNEY_TYPES = ['OPD', 'INPATIENT', 'EMS'] as const;
export type JourneyType = (typeof JOURNEY_TYPES)[number];

/** What HISs send as the encounter type, folded to a journey type. */
export function journeyTypeOf(value: string | null | undefined): JourneyType | null {
  switch ((value ?? '').trim().toUpperCase()) {
    case 'OPD':
    case 'OP':
    case 'O':
    case 'OUTPATIENT':
    case 'R':
      return 'OPD';
    case 'INPATIENT':
    case 'IP':
    case 'I':
    case 'P':
    case 'B':
      return 'INPATIENT';
    case 'EMS':
    case 'ER':
    case 'ED':
    case 'E':
    case 'EMERGENCY':
      return 'EMS';
    default:
      return null;
  }
}

const text = (max: number) => z.string().trim().min(1).max(max);
/** An optional field a HIS may send as null, missing or an empty string: all three mean "not sent". */
const blankIsNone = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema.nullish());
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** An event as a HIS, lab, radiology or pharmacy system posts it (docs/external-interfaces.md). */
export const hisEventSchema = z.object({
  source_system: text(32).regex(/^[A-Z0-9_-]+$/i, { error: 'field.code' }),
  external_id: text(128),
  event_code: text(64),
  occurred_at: z.iso.datetime({ offset: true }),
  hospital_code: text(32),
  encounter: z
    .object({
      id: text(64),
      type: optionalText(32),
      department_code: optionalText(32),
      physician_license: optionalText(40),
    })
    .nullish(),
  // the same rules as the console's (src-shared/contract/common.ts): a name, MRN, national ID, phone or email
  // the console would refuse is refused here too, with the same bilingual field error
  patient: z.object({
    mrn: safeText(40),
    national_id: blankIsNone(saudiId),
    name_en: blankIsNone(safeText(160)),
    name_ar: blankIsNone(safeText(160)),
    phone: blankIsNone(phone),
    email: blankIsNone(email),
    language: z.enum(['ar', 'en']).nullish(),
    birth_date: z.iso.date().nullish(),
    gender: z.enum(['M', 'F']).nullish(),
  }),
  payload: z.record(z.string(), z.unknown()).nullish(),
});
export type HisEvent = z.infer<typeof hisEventSchema>;

export const MAX_BATCH_EVENTS = 1000;
export const hisEventBatchSchema = z.object({ events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS) });

export const eventAcceptedSchema = z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']) });
export type EventAccepted = z.infer<typeof eventAcceptedSchema>;

/** The journey an event code belongs to, where the code alone says so (lab results do not). */
export function journeyTypeOfEventCode(code: EventCode): JourneyType | null {
  if (code.startsWith('OPD_')) return 'OPD';
  if (code.startsWith('IP_')) return 'INPATIENT';
  if (code.startsWith('EMS_')) return 'EMS';
  return null;
}
