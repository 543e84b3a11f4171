import { describe, expect, it } from 'vitest';
import { encodeEr7Text } from './er7.js';
import { eventOf, SAMPLE_PATIENT, sampleAdt, sampleOru } from './samples.js';

/** The patient an A01 gives with one PID field replaced. */
const patientWith = (field: string, value: string) => eventOf(sampleAdt('A01', { fields: { [field]: value } })).patient;

describe('patient from the samples', () => {
  it.each([
    { name: 'ADT', er7: sampleAdt('A01') },
    { name: 'ORU', er7: sampleOru() },
  ])('$name', ({ er7 }) => {
    expect(eventOf(er7).patient).toEqual({ ...SAMPLE_PATIENT, gender: 'M', language: 'ar' });
  });
});

describe('PID-3 identifiers', () => {
  it.each([
    { pid3: 'MRN-1001^^^OLAYA^MR~1012345672^^^SA^NI', mrn: 'MRN-1001', nationalId: '1012345672' },
    { pid3: '1012345672^^^SA^NI~MRN-1001^^^OLAYA^MR', mrn: 'MRN-1001', nationalId: '1012345672' },
    { pid3: 'P-77^^^OLAYA^PI~MRN-1001^^^OLAYA^mr', mrn: 'MRN-1001', nationalId: null },
    { pid3: 'P-77^^^OLAYA^PI~X-1^^^OLAYA^AN', mrn: 'P-77', nationalId: null },
    { pid3: 'MRN-1001', mrn: 'MRN-1001', nationalId: null },
    { pid3: 'MRN-1001^^^OLAYA^MR~2233445566^^^SA^NNSAU', mrn: 'MRN-1001', nationalId: '2233445566' },
    { pid3: 'MRN-1001^^^OLAYA^MR~123-45-6789^^^USA^SS', mrn: 'MRN-1001', nationalId: '123-45-6789' },
    { pid3: 'MRN-1001^^^OLAYA^MR~K1234567^^^SA^PPN', mrn: 'MRN-1001', nationalId: null },
    { pid3: '^^^OLAYA^MR~MRN-2^^^OLAYA^MR', mrn: 'MRN-2', nationalId: null },
    { pid3: '  MRN-1001  ^^^OLAYA^MR', mrn: 'MRN-1001', nationalId: null },
    { pid3: 'MRN\\S\\7^^^OLAYA^MR', mrn: 'MRN^7', nationalId: null },
  ])('$pid3 → MRN $mrn, national ID $nationalId', ({ pid3, mrn, nationalId }) => {
    expect(patientWith('PID-3', pid3)).toMatchObject({ mrn, nationalId });
  });
});

describe('PID-5 names', () => {
  it.each([
    { pid5: 'Al-Qahtani^Mohammed^Abdullah~القحطاني^محمد^عبدالله', nameEn: 'Mohammed Abdullah Al-Qahtani', nameAr: 'محمد عبدالله القحطاني' },
    { pid5: 'القحطاني^محمد^عبدالله~Al-Qahtani^Mohammed^Abdullah', nameEn: 'Mohammed Abdullah Al-Qahtani', nameAr: 'محمد عبدالله القحطاني' },
    { pid5: 'Al-Qahtani^Mohammed', nameEn: 'Mohammed Al-Qahtani', nameAr: null },
    { pid5: 'القحطاني^محمد', nameEn: null, nameAr: 'محمد القحطاني' },
    { pid5: 'Al-Qahtani', nameEn: 'Al-Qahtani', nameAr: null },
    { pid5: '^Mohammed^^^^^L', nameEn: 'Mohammed', nameAr: null },
    { pid5: 'Al-Qahtani&Al&Qahtani^Mohammed', nameEn: 'Mohammed Al-Qahtani', nameAr: null },
    { pid5: 'Al Qahtani  ^ Mohammed ^  Abdullah', nameEn: 'Mohammed Abdullah Al Qahtani', nameAr: null },
    { pid5: 'Smith^John~Doe^Jane', nameEn: 'John Smith', nameAr: null },
    { pid5: 'ال قحطاني^Mohammed', nameEn: null, nameAr: 'Mohammed ال قحطاني' },
    { pid5: '~القحطاني^محمد', nameEn: null, nameAr: 'محمد القحطاني' },
    { pid5: '""', nameEn: null, nameAr: null },
    { pid5: '', nameEn: null, nameAr: null },
    { pid5: `O${encodeEr7Text("'Brien^&")}^Sean`, nameEn: "Sean O'Brien^&", nameAr: null },
  ])('$pid5', ({ pid5, nameEn, nameAr }) => {
    expect(patientWith('PID-5', pid5)).toMatchObject({ nameEn, nameAr });
  });

  it('round-trips Arabic names written with encodeEr7Text, presentation forms and diacritics included', () => {
    for (const [family, given] of [
      ['العتيبي', 'سارة'],
      ['الشَّمري', 'عبدُالرحمن'],
      ['ﺍﻟﺤﺮﺑﻲ', 'ﺧﺎﻟﺪ'],
      ['آل سعود', 'نوف'],
    ] as const) {
      expect(patientWith('PID-5', `${encodeEr7Text(family)}^${encodeEr7Text(given)}`).nameAr).toBe(`${given} ${family}`);
    }
  });
});

describe('PID-7, PID-8, PID-15', () => {
  it.each([
    { pid7: '19850412', birthDate: '1985-04-12' },
    { pid7: '198504120930', birthDate: '1985-04-12' },
    { pid7: '19850412000000+0000', birthDate: '1985-04-12' },
    { pid7: '198504', birthDate: null },
    { pid7: '1985', birthDate: null },
    { pid7: '', birthDate: null },
  ])('birth date $pid7 → $birthDate (the date as written, never shifted by a zone)', ({ pid7, birthDate }) => {
    expect(patientWith('PID-7', pid7).birthDate).toBe(birthDate);
  });

  it.each([
    { pid8: 'M', gender: 'M' },
    { pid8: 'F', gender: 'F' },
    { pid8: 'f', gender: 'F' },
    { pid8: 'U', gender: null },
    { pid8: 'O', gender: null },
    { pid8: 'A', gender: null },
    { pid8: 'Male', gender: null },
    { pid8: '', gender: null },
  ])('gender $pid8 → $gender', ({ pid8, gender }) => {
    expect(patientWith('PID-8', pid8).gender).toBe(gender);
  });

  it.each([
    { pid15: 'ar', language: 'ar' },
    { pid15: 'ARA', language: 'ar' },
    { pid15: 'Arabic', language: 'ar' },
    { pid15: 'ar-SA', language: 'ar' },
    { pid15: 'ARA^Arabic^ISO6392', language: 'ar' },
    { pid15: '^Arabic', language: 'ar' },
    { pid15: 'عربي', language: 'ar' },
    { pid15: 'en', language: 'en' },
    { pid15: 'ENG', language: 'en' },
    { pid15: 'English', language: 'en' },
    { pid15: 'en_GB', language: 'en' },
    { pid15: 'ENG^English^ISO6392', language: 'en' },
    { pid15: 'fr', language: null },
    { pid15: 'URD^Urdu^ISO6392', language: null },
    { pid15: '', language: null },
  ])('language $pid15 → $language', ({ pid15, language }) => {
    expect(patientWith('PID-15', pid15).language).toBe(language);
  });
});

describe('PID-13 phone and e-mail', () => {
  it.each([
    { pid13: '0501234567', phone: '0501234567', email: null },
    { pid13: '0501234567^PRN^CP', phone: '0501234567', email: null },
    { pid13: '^PRN^CP^^966^50^1234567', phone: '+966501234567', email: null },
    { pid13: '^PRN^CP^^+966^50^1234567', phone: '+966501234567', email: null },
    { pid13: '^PRN^CP^^^011^4650000', phone: '0114650000', email: null },
    { pid13: '^PRN^CP^^966^50', phone: null, email: null },
    { pid13: '^PRN^CP^^^^^^^^^+966501234567', phone: '+966501234567', email: null },
    { pid13: '0501234567^PRN^CP^^966^50^9999999^^^^^+966509999999', phone: '0501234567', email: null },
    { pid13: '^NET^Internet^m.qahtani@example.com~0501234567^PRN^CP', phone: '0501234567', email: 'm.qahtani@example.com' },
    { pid13: '0501234567^PRN^CP~^NET^Internet^m.qahtani@example.com', phone: '0501234567', email: 'm.qahtani@example.com' },
    { pid13: '^PRN^NET^m.qahtani@example.com', phone: null, email: 'm.qahtani@example.com' },
    { pid13: '^^Internet^m.qahtani@example.com', phone: null, email: 'm.qahtani@example.com' },
    { pid13: 'm.qahtani@example.com', phone: null, email: 'm.qahtani@example.com' },
    { pid13: '^NET^Internet^not an address', phone: null, email: null },
    { pid13: '^NET^Internet^first@example.com~^NET^Internet^second@example.com', phone: null, email: 'first@example.com' },
    { pid13: '~0501234567', phone: '0501234567', email: null },
    { pid13: '""', phone: null, email: null },
    { pid13: '', phone: null, email: null },
  ])('$pid13 → phone $phone, e-mail $email', ({ pid13, phone, email }) => {
    expect(patientWith('PID-13', pid13)).toMatchObject({ phone, email });
  });
});
