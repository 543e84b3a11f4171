import { type Hl7Event, type Hl7EventErrorCode, toHl7Event } from './adt.js';
import { encodeEr7Text, encodingCharacters, type Hl7Delimiters, parseEr7 } from './er7.js';

/*
 * Realistic messages for tests, shaped like what a Saudi HIS sends the
 * station: an MRN beside a national ID, the patient's name in English and
 * Arabic, local time with the Riyadh offset. Other tests (the listener, the
 * processor) build on these rather than writing ER7 by hand.
 */

export type SampleAdtTrigger = 'A01' | 'A02' | 'A03' | 'A04' | 'A08' | 'A11' | 'A13';

export interface SampleOverrides {
  /**
   * ER7 (with `|^~\&`) for single fields, keyed `SEG-n`: `{ 'PV1-19': '' }`
   * empties the visit number. Numbering is HL7's, so `MSH-3` is the sending
   * application. The key names the first segment of that name.
   */
  readonly fields?: Readonly<Record<string, string>>;
  /** segments left out, e.g. `['EVN']` */
  readonly omit?: readonly string[];
  /** further segments appended as ER7 lines, e.g. `OBX|3|NM|...` */
  readonly append?: readonly string[];
  /** segment terminator; CR as HL7 requires unless a test plays a sloppy sender */
  readonly separator?: '\r' | '\n' | '\r\n';
}

/** MSH-9.3 message structure of each trigger in v2.5 (A04, A08 and A13 reuse ADT_A01; A11 uses ADT_A09). */
const ADT_STRUCTURE: Record<SampleAdtTrigger, string> = {
  A01: 'ADT_A01',
  A02: 'ADT_A02',
  A03: 'ADT_A03',
  A04: 'ADT_A01',
  A08: 'ADT_A01',
  A11: 'ADT_A09',
  A13: 'ADT_A01',
};

export const SAMPLE_PATIENT = {
  mrn: 'MRN-1001',
  nationalId: '1012345672',
  nameEn: 'Mohammed Abdullah Al-Qahtani',
  nameAr: 'محمد عبدالله القحطاني',
  phone: '0501234567',
  email: 'm.qahtani@example.com',
  birthDate: '1985-04-12',
} as const;

type SegmentFields = string[];

/** Fields by HL7 number: index 0 is the segment name, and for MSH index 1 is the field separator. */
function pid(): SegmentFields {
  return segment('PID', {
    1: '1',
    3: 'MRN-1001^^^OLAYA^MR~1012345672^^^SA^NI',
    5: 'Al-Qahtani^Mohammed^Abdullah~القحطاني^محمد^عبدالله',
    7: '19850412',
    8: 'M',
    11: 'King Fahd Rd^^Riyadh^^12211^SA',
    13: '0501234567^PRN^CP~^NET^Internet^m.qahtani@example.com',
    15: 'ar',
  });
}

function msh(sendingApp: string, time: string, type: string, controlId: string): SegmentFields {
  return segment('MSH', { 1: '|', 2: '^~\\&', 3: sendingApp, 4: 'OLAYA', 5: 'PX360', 6: 'OLAYA', 7: time, 9: type, 10: controlId, 11: 'P', 12: '2.5' });
}

/** An ADT message for `trigger`: an inpatient in cardiology (A04 registers an outpatient in dermatology). */
export function sampleAdt(trigger: SampleAdtTrigger = 'A01', overrides: SampleOverrides = {}): string {
  const outpatient = trigger === 'A04';
  const segments = [
    msh('HIS', '20261123101500+0300', `ADT^${trigger}^${ADT_STRUCTURE[trigger]}`, 'MSG00001'),
    segment('EVN', { 1: trigger, 2: '20261123101000', 5: 'USR01^Al-Dosari^Amal' }),
    pid(),
    segment('PV1', {
      1: '1',
      2: outpatient ? 'O' : 'I',
      3: outpatient ? 'DERM^^^OLAYA' : 'CARD^101^1^OLAYA',
      7: '12-RA-3456^Al-Harbi^Khalid',
      10: outpatient ? 'DER' : 'CAR',
      19: 'ENC-991',
      44: '20261123093000',
      45: trigger === 'A03' ? '20261125120000' : '',
    }),
  ];
  return render(segments, overrides);
}

/** A lab result: lipid panel with a numeric, a coded and a text observation. */
export function sampleOru(overrides: SampleOverrides = {}): string {
  const segments = [
    msh('LIS', '20261123141500+0300', 'ORU^R01^ORU_R01', 'LAB00042'),
    pid(),
    segment('PV1', { 1: '1', 2: 'O', 3: 'LAB^^^OLAYA', 7: '12-RA-3456^Al-Harbi^Khalid', 19: 'ENC-992' }),
    segment('ORC', { 1: 'RE', 2: 'ORD-5501', 3: 'FIL-7701' }),
    segment('OBR', { 1: '1', 2: 'ORD-5501', 3: 'FIL-7701', 4: '24331-1^Lipid panel^LN', 7: '20261123120000', 22: '20261123141000', 25: 'F' }),
    segment('OBX', { 1: '1', 2: 'NM', 3: '2093-3^Cholesterol^LN', 5: '185', 6: 'mg/dL', 7: '<200', 11: 'F' }),
    segment('OBX', { 1: '2', 2: 'CWE', 3: '8251-1^Service comment^LN', 5: 'N^Normal^HL70078', 11: 'F' }),
    segment('OBX', { 1: '3', 2: 'TX', 3: '48767-8^Annotation^LN', 5: 'Fasting 12 h \\T\\ hydrated', 11: 'F' }),
  ];
  return render(segments, overrides);
}

/**
 * An A08 written with `|$%#!` (component `$`, repetition `%`, escape `#`,
 * subcomponent `!`), the way a HIS configured by hand might: `^`, `~` and
 * `&` are plain data here, and `#F#` is an escaped field separator.
 */
export const CUSTOM_DELIMITER_ADT = [
  'MSH|$%#!|HIS|OLAYA$1.2.682.1$ISO|PX360|OLAYA|20261123101500+0300||ADT$A08$ADT_A01|MSG-77|P|2.5',
  'EVN|A08|20261123101000',
  'PID|1||MRN-3003$$$OLAYA$MR%2233445566$$$SA$NNSAU||Al-Shehri$Noura%الشهري$نورة||19751231|F|||||0555000111',
  'PV1|1|O|ENT$2^B$$OLAYA||||55-RA-0001$Al-Ghamdi$Faisal||||||||||||V#F#77',
  '',
].join('\r');

/** Re-writes a message with other delimiters, escaping whatever data now collides with them. */
export function withDelimiters(er7: string, delimiters: Hl7Delimiters): string {
  const message = parseEr7(er7);
  const encoding = encodingCharacters(delimiters);
  const lines = message.all.map((seg) => {
    const fields = Array.from({ length: seg.size + 1 }, (_, n) => {
      if (n === 0) return seg.name;
      if (seg.name === 'MSH' && n <= 2) return n === 1 ? '' : encoding;
      return seg
        .repetitions(n)
        .map((repetition) =>
          repetition.components.map((parts) => parts.map((leaf) => encodeEr7Text(leaf, delimiters)).join(delimiters.subcomponent)).join(delimiters.component),
        )
        .join(delimiters.repetition);
    });
    // MSH-1 is the separator itself, not a field between separators
    return seg.name === 'MSH' ? ['MSH', ...fields.slice(2)].join(delimiters.field) : fields.join(delimiters.field);
  });
  return lines.map((line) => `${line}\r`).join('');
}

function segment(name: string, values: Record<number, string>): SegmentFields {
  const last = Math.max(0, ...Object.keys(values).map(Number));
  return Array.from({ length: last + 1 }, (_, n) => (n === 0 ? name : (values[n] ?? '')));
}

function render(segments: SegmentFields[], overrides: SampleOverrides): string {
  for (const [key, value] of Object.entries(overrides.fields ?? {})) {
    const match = /^([A-Z][A-Z0-9]{2})-(\d+)$/.exec(key);
    const target = segments.find((fields) => fields[0] === match?.[1]);
    if (!match || !target) throw new Error(`sample override ${key}: no such segment`);
    const n = Number(match[2]);
    while (target.length <= n) target.push('');
    target[n] = value;
  }
  const omit = new Set(overrides.omit ?? []);
  const lines = segments
    .filter((fields) => !omit.has(fields[0] ?? ''))
    .map((fields) => (fields[0] === 'MSH' ? ['MSH', ...fields.slice(2)] : fields).join('|').replace(/\|+$/, ''));
  const separator = overrides.separator ?? '\r';
  return [...lines, ...(overrides.append ?? [])].map((line) => line + separator).join('');
}

/** The event a message gives; throws with the refusal when it gives none. */
export function eventOf(er7: string): Hl7Event {
  const result = toHl7Event(parseEr7(er7));
  if (!result.ok) throw new Error(`expected an event, got ${result.code} at ${result.location}: ${result.reason}`);
  return result.event;
}

/** Why a message gives no event; throws when it gives one. */
export function refusalOf(er7: string): { code: Hl7EventErrorCode; location: string } {
  const result = toHl7Event(parseEr7(er7));
  if (result.ok) throw new Error(`expected a refusal, got a ${result.event.messageType}^${result.event.triggerEvent} event`);
  if (result.reason === '') throw new Error('a refusal without a reason');
  return { code: result.code, location: result.location };
}
