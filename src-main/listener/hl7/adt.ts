import { z } from 'zod';
import { JOURNEY_TYPES, journeyTypeOf } from '../../../src-shared/his-events.js';
import { component, type Hl7Message, type Hl7Segment, repetitions } from './er7.js';
import { parseHl7DateTime } from './hl7-time.js';

/*
 * What the station takes from an ADT or ORU message: who the patient is, which
 * visit, where and with whom, and when it happened. Field positions follow
 * HL7 v2.5 (PID, PV1, EVN, OBR, OBX); the rules for picking among repeated
 * identifiers, names and phone numbers are the ones Saudi HISs need (the MRN
 * beside a national ID, an Arabic name beside the English one).
 */

export const SUPPORTED_TRIGGERS = {
  ADT: ['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A13'],
  ORU: ['R01'],
} as const;

const TRIGGER_EVENTS = [...SUPPORTED_TRIGGERS.ADT, ...SUPPORTED_TRIGGERS.ORU] as const;

const present = z.string().min(1);
const optional = present.nullable();

export const hl7EventSchema = z.strictObject({
  messageType: z.enum(['ADT', 'ORU']),
  triggerEvent: z.enum(TRIGGER_EVENTS),
  controlId: present,
  sendingApplication: z.string(),
  sendingFacility: z.string(),
  occurredAt: z.iso.datetime(),
  patient: z.strictObject({
    mrn: present,
    nationalId: optional,
    nameEn: optional,
    nameAr: optional,
    phone: optional,
    email: z.email().nullable(),
    birthDate: z.iso.date().nullable(),
    gender: z.enum(['M', 'F']).nullable(),
    language: z.enum(['ar', 'en']).nullable(),
  }),
  visit: z.strictObject({
    patientClass: optional,
    journeyType: z.enum(JOURNEY_TYPES).nullable(),
    visitNumber: optional,
    departmentCode: optional,
    facilityCode: optional,
    attendingLicense: optional,
    attendingName: optional,
    admitAt: z.iso.datetime().nullable(),
    dischargeAt: z.iso.datetime().nullable(),
  }),
  observations: z.array(z.strictObject({ code: present, text: optional, value: optional, status: optional })),
});
export type Hl7Event = z.infer<typeof hl7EventSchema>;

/** Table 0357 codes an event can be refused with: required field missing, data type error, unsupported message type, internal error. */
export type Hl7EventErrorCode = '101' | '102' | '200' | '207';

export type Hl7EventResult =
  | { readonly ok: true; readonly event: Hl7Event }
  | { readonly ok: false; readonly code: Hl7EventErrorCode; readonly location: string; readonly reason: string };

/** The hospital an event belongs to: the facility of PV1-3 when the HIS names one, else the sending facility. */
export function hospitalCodeOf(event: Hl7Event): string {
  return event.visit.facilityCode ?? event.sendingFacility;
}

/** Thrown inside this module only, to leave the extraction at the first field that makes the message unusable. */
class Refusal {
  constructor(
    readonly code: Hl7EventErrorCode,
    readonly location: string,
    readonly reason: string,
  ) {}
}

/**
 * Turns a parsed message into the station's event, or says which field
 * stops it (code and ERR location for the AE). Reasons name fields, never
 * their values: they end up in ACKs and logs.
 */
export function toHl7Event(message: Hl7Message): Hl7EventResult {
  try {
    const candidate = extract(message);
    const parsed = hl7EventSchema.safeParse(candidate);
    if (parsed.success) return { ok: true, event: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, code: '207', location: '', reason: `event failed validation at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}` };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, location: error.location, reason: error.reason };
    throw error;
  }
}

function extract(message: Hl7Message): Hl7Event {
  const msh = message.header;
  const { messageType, triggerEvent } = messageTypeOf(msh);
  const controlId = text(component(msh, 10, 1));
  if (controlId === null) throw new Refusal('101', 'MSH^1^10', 'MSH-10 message control ID is missing');

  const evn = message.segment('EVN');
  const occurredAt = instant(evn, 2) ?? instant(evn, 6) ?? instant(msh, 7);
  if (occurredAt === null) throw new Refusal('101', 'MSH^1^7', 'no event time: EVN-2, EVN-6 and MSH-7 are all empty');

  const pv1 = message.segment('PV1');
  const visit = visitOf(pv1);
  if (messageType === 'ADT' && triggerEvent !== 'A08' && visit.visitNumber === null) {
    throw new Refusal('101', `PV1^${pv1?.sequence ?? 1}^19`, 'PV1-19 visit number is missing');
  }

  return {
    messageType,
    triggerEvent,
    controlId,
    sendingApplication: component(msh, 3, 1).trim(),
    sendingFacility: component(msh, 4, 1).trim(),
    occurredAt,
    patient: patientOf(message.segment('PID')),
    visit,
    observations: messageType === 'ORU' ? observationsOf(message) : [],
  };
}

function messageTypeOf(msh: Hl7Segment): Pick<Hl7Event, 'messageType' | 'triggerEvent'> {
  const type = component(msh, 9, 1).trim().toUpperCase();
  const trigger = component(msh, 9, 2).trim().toUpperCase();
  const structure = component(msh, 9, 3).trim().toUpperCase();
  const unsupported = () => new Refusal('200', 'MSH^1^9', `unsupported message type ${[type, trigger].filter(Boolean).join('^') || '(empty)'}`);
  if (type !== 'ADT' && type !== 'ORU') throw unsupported();
  // MSH-9.3 names the structure, which several triggers share (A04 and A08 travel as ADT_A01)
  if (!isTriggerOf(type, trigger) || (structure !== '' && !new RegExp(`^${type}_[A-Z0-9]{3}$`).test(structure))) throw unsupported();
  return { messageType: type, triggerEvent: trigger };
}

function isTriggerOf(type: keyof typeof SUPPORTED_TRIGGERS, trigger: string): trigger is Hl7Event['triggerEvent'] {
  const triggers: readonly string[] = SUPPORTED_TRIGGERS[type];
  return triggers.includes(trigger);
}

const NATIONAL_ID_TYPES = new Set(['NI', 'NNSAU', 'SS']);

/** Identifiers, names and phones read per patient; real ones have a handful, and a hostile message must not cost more. */
const MAX_REPETITIONS = 20;

function firstRepetitions(segment: Hl7Segment | undefined, n: number) {
  return repetitions(segment, n).slice(0, MAX_REPETITIONS);
}

function patientOf(pid: Hl7Segment | undefined): Hl7Event['patient'] {
  const identifiers = firstRepetitions(pid, 3)
    .map((_, r) => ({ id: text(component(pid, 3, 1, r)), type: component(pid, 3, 5, r).trim().toUpperCase() }))
    .filter((entry): entry is { id: string; type: string } => entry.id !== null);
  const mrn = (identifiers.find((entry) => entry.type === 'MR') ?? identifiers[0])?.id;
  if (mrn === undefined) throw new Refusal('101', `PID^${pid?.sequence ?? 1}^3`, 'PID-3 patient identifier list has no identifier');

  const names = firstRepetitions(pid, 5).map((_, r) => personName(pid, 5, r, { family: 1, given: 2, middle: 3 }));
  const birth = text(component(pid, 7, 1));
  const birthDate = birth === null ? null : parseHl7DateTime(birth);
  if (birth !== null && birthDate === null) throw new Refusal('102', `PID^${pid?.sequence ?? 1}^7`, 'PID-7 date of birth is not an HL7 date');
  const gender = component(pid, 8, 1).trim().toUpperCase();

  return {
    mrn,
    nationalId: identifiers.find((entry) => NATIONAL_ID_TYPES.has(entry.type))?.id ?? null,
    nameEn: names.find((name) => name !== null && !ARABIC.test(name)) ?? null,
    nameAr: names.find((name) => name !== null && ARABIC.test(name)) ?? null,
    ...contactOf(pid),
    birthDate: birthDate?.date ?? null,
    gender: gender === 'M' || gender === 'F' ? gender : null,
    language: languageOf(component(pid, 15, 1)) ?? languageOf(component(pid, 15, 2)),
  };
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/;

/** XPN/XCN as "Given Middle Family"; null when all three are empty. */
function personName(segment: Hl7Segment | undefined, n: number, r: number, at: { family: number; given: number; middle: number }): string | null {
  const parts = [at.given, at.middle, at.family].map((c) => text(component(segment, n, c, r))).filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join(' ').replace(/\s+/g, ' ');
}

const EMAIL = z.email();

/**
 * PID-13 (XTN, repeating): the first repetition that is a telephone gives
 * the phone, the first e-mail repetition the e-mail. An e-mail is XTN-4 of
 * a repetition whose use code (XTN-2) is NET or equipment type (XTN-3) is
 * Internet, or an XTN-1 holding an @, which some HISs send.
 */
function contactOf(pid: Hl7Segment | undefined): Pick<Hl7Event['patient'], 'phone' | 'email'> {
  let phone: string | null = null;
  let email: string | null = null;
  firstRepetitions(pid, 13).forEach((_, r) => {
    const part = (c: number) => text(component(pid, 13, c, r));
    const kind = `${part(2) ?? ''}/${part(3) ?? ''}`.toUpperCase();
    const first = part(1);
    const isEmail = /^NET\//.test(kind) || /\/(INTERNET|NET)$/.test(kind) || (first?.includes('@') ?? false);
    if (isEmail) {
      const address = part(4) ?? first;
      if (email === null && address !== null && EMAIL.safeParse(address).success) email = address;
      return;
    }
    phone ??= first ?? part(12) ?? joined(part(5) === null ? null : `+${part(5)?.replace(/^\+|^00/, '')}`, part(6), part(7));
  });
  return { phone, email };
}

/** Concatenates the parts that are there, when the last (the local number) is. */
function joined(...parts: (string | null)[]): string | null {
  return parts.at(-1) ? parts.filter((part) => part !== null).join('') : null;
}

function languageOf(value: string): 'ar' | 'en' | null {
  const code = value.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (['ar', 'ara', 'arabic', 'عربي', 'العربية'].includes(code)) return 'ar';
  if (['en', 'eng', 'english'].includes(code)) return 'en';
  return null;
}

function visitOf(pv1: Hl7Segment | undefined): Hl7Event['visit'] {
  const patientClass = text(component(pv1, 2, 1));
  return {
    patientClass,
    journeyType: journeyTypeOf(patientClass),
    visitNumber: text(component(pv1, 19, 1)),
    departmentCode: text(component(pv1, 3, 1)),
    facilityCode: text(component(pv1, 3, 4)),
    attendingLicense: text(component(pv1, 7, 1)),
    attendingName: personName(pv1, 7, 0, { family: 2, given: 3, middle: 4 }),
    admitAt: instant(pv1, 44),
    dischargeAt: instant(pv1, 45),
  };
}

/** OBX rows in order; an OBX without its own code takes its OBR's (OBR-4), and an OBR without OBX stands for itself. */
function observationsOf(message: Hl7Message): Hl7Event['observations'] {
  const out: Hl7Event['observations'] = [];
  let order: Hl7Segment | undefined;
  let orderHasResults = true;
  const closeOrder = () => {
    const code = text(component(order, 4, 1));
    if (order && !orderHasResults && code !== null) {
      out.push({ code, text: text(component(order, 4, 2)), value: null, status: text(component(order, 25, 1)) });
    }
  };
  for (const segment of message.all) {
    if (segment.name === 'OBR') {
      closeOrder();
      order = segment;
      orderHasResults = false;
    } else if (segment.name === 'OBX') {
      orderHasResults = true;
      const own = text(component(segment, 3, 1));
      const code = own ?? text(component(order, 4, 1));
      if (code === null) continue;
      const label = own !== null ? text(component(segment, 3, 2)) : text(component(order, 4, 2));
      out.push({ code, text: label, value: observationValue(segment), status: text(component(segment, 11, 1)) });
    }
  }
  closeOrder();
  return out;
}

const CODED_TYPES = new Set(['CE', 'CWE', 'CNE', 'CF']);

/** OBX-5 as one string: a coded value by its text (else its code), other types' components space-joined, repetitions on separate lines. */
function observationValue(obx: Hl7Segment): string | null {
  const coded = CODED_TYPES.has(component(obx, 2, 1).trim().toUpperCase());
  const lines = repetitions(obx, 5).map((repetition) => {
    const parts = repetition.components.map((subcomponents) => text(subcomponents[0] ?? ''));
    if (coded) return parts[1] ?? parts[0] ?? null;
    return parts.filter((part) => part !== null).join(' ');
  });
  return text(lines.filter((line) => line !== null && line !== '').join('\n'));
}

/** Field n's first component as an ISO instant (UTC); null when empty. */
function instant(segment: Hl7Segment | undefined, n: number): string | null {
  const value = text(component(segment, n, 1));
  if (value === null || segment === undefined) return null;
  const parsed = parseHl7DateTime(value);
  if (parsed === null) throw new Refusal('102', `${segment.name}^${segment.sequence}^${n}`, `${segment.name}-${n} is not an HL7 date/time`);
  return parsed.instant.toISOString();
}

/** Trimmed text; null for empty and for HL7's explicit null `""`. */
function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '""' ? null : trimmed;
}
