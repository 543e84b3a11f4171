import { describe, expect, it } from 'vitest';
import { fieldErrorsFromZod } from './errors.js';
import { type HisEvent, hisEventSchema } from './his-events.js';

const event = (patient: Record<string, unknown>): unknown => ({
  source_system: 'HIS',
  external_id: 'ext-1',
  event_code: 'ADT_A04',
  occurred_at: '2026-11-23T10:15:00+03:00',
  hospital_code: 'OLAYA',
  patient: { mrn: 'MRN-1', ...patient },
});

function refusal(patient: Record<string, unknown>): { path: string; key: string }[] {
  const parsed = hisEventSchema.safeParse(event(patient));
  if (parsed.success) throw new Error('expected a refusal');
  return fieldErrorsFromZod(parsed.error).map(({ path, key }) => ({ path, key }));
}

describe('a HIS event’s patient, by the console’s own rules', () => {
  it.each([
    [{ name_ar: 'سارة\u202E' }, 'patient.name_ar', 'field.bad_characters'],
    [{ name_en: '\u200B' }, 'patient.name_en', 'field.invisible'],
    [{ mrn: 'MRN\u00001' }, 'patient.mrn', 'field.bad_characters'],
    [{ national_id: '1234567890' }, 'patient.national_id', 'field.national_id'],
    [{ phone: '12345' }, 'patient.phone', 'field.phone'],
    [{ email: 'not-an-email' }, 'patient.email', 'field.email'],
  ])('refuses %j', (patient, path, key) => {
    expect(refusal(patient)).toEqual([{ path, key }]);
  });

  it('normalises what it keeps as the console does, and takes a blank as not sent', () => {
    const parsed = hisEventSchema.parse(
      event({ name_en: ' Sara ', name_ar: 'سارة', phone: '0501234567', email: 'Sara@Example.SA', national_id: '', gender: null }),
    );
    expect(parsed.patient).toMatchObject({ name_en: 'Sara', phone: '+966501234567', email: 'sara@example.sa', national_id: null });
    // NFC: a decomposed é arrives as one character
    expect((hisEventSchema.parse(event({ name_en: 'Rene\u0301' })) as HisEvent).patient.name_en).toBe('René');
  });
});
