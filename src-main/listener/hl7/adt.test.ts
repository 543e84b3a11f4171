import { describe, expect, it } from 'vitest';
import { hospitalCodeOf } from './adt.js';
import { CUSTOM_DELIMITER_ADT, eventOf, refusalOf, sampleAdt, type SampleAdtTrigger, sampleOru, type SampleOverrides } from './samples.js';

const adt = (trigger: SampleAdtTrigger, fields: SampleOverrides['fields'], rest: Omit<SampleOverrides, 'fields'> = {}) =>
  sampleAdt(trigger, { fields, ...rest });

describe('message types', () => {
  it.each<SampleAdtTrigger>(['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A13'])('ADT^%s', (trigger) => {
    expect(eventOf(sampleAdt(trigger))).toMatchObject({ messageType: 'ADT', triggerEvent: trigger, controlId: 'MSG00001' });
  });

  it('ORU^R01', () => {
    expect(eventOf(sampleOru())).toMatchObject({ messageType: 'ORU', triggerEvent: 'R01', controlId: 'LAB00042', sendingApplication: 'LIS' });
  });

  it.each([
    { msh9: 'ADT^A04^ADT_A01', trigger: 'A04' },
    { msh9: 'ADT^A08^ADT_A01', trigger: 'A08' },
    { msh9: 'ADT^A11^ADT_A09', trigger: 'A11' },
    { msh9: 'ADT^A01', trigger: 'A01' },
    { msh9: 'adt^a01^adt_a01', trigger: 'A01' },
    { msh9: ' ADT ^ A03 ', trigger: 'A03' },
  ])('accepts MSH-9 $msh9', ({ msh9, trigger }) => {
    expect(eventOf(adt('A01', { 'MSH-9': msh9 })).triggerEvent).toBe(trigger);
  });

  it.each([
    'ADT^A05^ADT_A05',
    'ADT^A31^ADT_A05',
    'ADT',
    'ADT^^ADT_A01',
    'ORM^O01^ORM_O01',
    'ORU^R30^ORU_R30',
    'ACK^A01^ACK',
    'SIU^S12',
    '',
    'ADT^A01^ORU_R01',
    'ADT^A01^ADT-A01',
    'ORU^A01',
  ])('refuses MSH-9 %j as an unsupported message type (200)', (msh9) => {
    expect(refusalOf(adt('A01', { 'MSH-9': msh9 }))).toEqual({ code: '200', location: 'MSH^1^9' });
  });
});

describe('required fields', () => {
  it.each([
    { name: 'MSH-10 control id', er7: adt('A01', { 'MSH-10': '' }), location: 'MSH^1^10' },
    { name: 'MSH-10 sent as HL7 null ""', er7: adt('A01', { 'MSH-10': '""' }), location: 'MSH^1^10' },
    { name: 'PID-3 identifiers', er7: adt('A01', { 'PID-3': '' }), location: 'PID^1^3' },
    { name: 'PID-3 with only empty identifiers', er7: adt('A01', { 'PID-3': '^^^OLAYA^MR~^^^SA^NI' }), location: 'PID^1^3' },
    { name: 'the PID segment', er7: sampleAdt('A01', { omit: ['PID'] }), location: 'PID^1^3' },
    { name: 'the PID segment of an ORU', er7: sampleOru({ omit: ['PID'] }), location: 'PID^1^3' },
    { name: 'an event time anywhere', er7: sampleAdt('A01', { omit: ['EVN'], fields: { 'MSH-7': '' } }), location: 'MSH^1^7' },
  ])('missing $name → 101 at $location', ({ er7, location }) => {
    expect(refusalOf(er7)).toEqual({ code: '101', location });
  });

  it.each<SampleAdtTrigger>(['A01', 'A02', 'A03', 'A04', 'A11', 'A13'])('ADT^%s without PV1-19 → 101 at PV1^1^19', (trigger) => {
    expect(refusalOf(adt(trigger, { 'PV1-19': '' }))).toEqual({ code: '101', location: 'PV1^1^19' });
    expect(refusalOf(sampleAdt(trigger, { omit: ['PV1'] }))).toEqual({ code: '101', location: 'PV1^1^19' });
  });

  it('A08 (patient update) needs no visit, and neither does an ORU', () => {
    expect(eventOf(adt('A08', { 'PV1-19': '' })).visit.visitNumber).toBeNull();
    expect(eventOf(sampleAdt('A08', { omit: ['PV1'] })).visit).toMatchObject({ visitNumber: null, patientClass: null, journeyType: null });
    expect(eventOf(sampleOru({ fields: { 'PV1-19': '' } })).visit.visitNumber).toBeNull();
  });
});

describe('occurredAt', () => {
  it.each<{ name: string; fields: Record<string, string>; want: string }>([
    { name: 'EVN-2 without offset is Riyadh time', fields: {}, want: '2026-11-23T07:10:00.000Z' },
    { name: 'EVN-2 with +0300', fields: { 'EVN-2': '20261123101000+0300' }, want: '2026-11-23T07:10:00.000Z' },
    { name: 'EVN-2 in UTC', fields: { 'EVN-2': '20261123101000+0000' }, want: '2026-11-23T10:10:00.000Z' },
    { name: 'EVN-2 with fractions', fields: { 'EVN-2': '20261123101000.25+0300' }, want: '2026-11-23T07:10:00.250Z' },
    { name: 'EVN-2 to the minute', fields: { 'EVN-2': '202611231010' }, want: '2026-11-23T07:10:00.000Z' },
    { name: 'EVN-2 with a degree of precision component', fields: { 'EVN-2': '20261123101000^M' }, want: '2026-11-23T07:10:00.000Z' },
    { name: 'EVN-6 when EVN-2 is empty', fields: { 'EVN-2': '', 'EVN-6': '20261123095500' }, want: '2026-11-23T06:55:00.000Z' },
    { name: 'EVN-2 before EVN-6', fields: { 'EVN-6': '20261123095500' }, want: '2026-11-23T07:10:00.000Z' },
    { name: 'MSH-7 when EVN has no time', fields: { 'EVN-2': '' }, want: '2026-11-23T07:15:00.000Z' },
  ])('$name', ({ fields, want }) => {
    expect(eventOf(adt('A01', fields)).occurredAt).toBe(want);
  });

  it('MSH-7 for messages without EVN (ORU)', () => {
    expect(eventOf(sampleOru()).occurredAt).toBe('2026-11-23T11:15:00.000Z');
    expect(eventOf(sampleAdt('A01', { omit: ['EVN'] })).occurredAt).toBe('2026-11-23T07:15:00.000Z');
  });

  it.each([
    { field: 'EVN-2', value: '2026-11-23 10:10', location: 'EVN^1^2' },
    { field: 'EVN-6', value: '20261323', location: 'EVN^1^6' },
    { field: 'MSH-7', value: 'yesterday', location: 'MSH^1^7', omitEvn: true },
    { field: 'PV1-44', value: '20260231', location: 'PV1^1^44' },
    { field: 'PV1-45', value: '20261125256000', location: 'PV1^1^45' },
    { field: 'PID-7', value: '1985-04-12', location: 'PID^1^7' },
  ])('a $field that is not an HL7 time ($value) → 102 at $location', ({ field, value, location, omitEvn }) => {
    const fields: Record<string, string> = { [field]: value, ...(field === 'EVN-6' ? { 'EVN-2': '' } : {}) };
    expect(refusalOf(sampleAdt('A03', { fields, omit: omitEvn ? ['EVN'] : [] }))).toEqual({ code: '102', location });
  });
});

describe('visit', () => {
  it('reads the sample inpatient visit', () => {
    expect(eventOf(sampleAdt('A03')).visit).toEqual({
      patientClass: 'I',
      journeyType: 'INPATIENT',
      visitNumber: 'ENC-991',
      departmentCode: 'CARD',
      facilityCode: 'OLAYA',
      attendingLicense: '12-RA-3456',
      attendingName: 'Khalid Al-Harbi',
      admitAt: '2026-11-23T06:30:00.000Z',
      dischargeAt: '2026-11-25T09:00:00.000Z',
    });
  });

  it.each([
    { patientClass: 'I', journeyType: 'INPATIENT' },
    { patientClass: 'O', journeyType: 'OPD' },
    { patientClass: 'E', journeyType: 'EMS' },
    { patientClass: 'P', journeyType: 'INPATIENT' },
    { patientClass: 'R', journeyType: 'OPD' },
    { patientClass: 'B', journeyType: 'INPATIENT' },
    { patientClass: 'i', journeyType: 'INPATIENT' },
    { patientClass: 'C', journeyType: null },
    { patientClass: 'N', journeyType: null },
    { patientClass: 'U', journeyType: null },
  ])('PV1-2 $patientClass → $journeyType', ({ patientClass, journeyType }) => {
    expect(eventOf(adt('A01', { 'PV1-2': patientClass })).visit).toMatchObject({ patientClass, journeyType });
  });

  it('no PV1-2 → no class, no journey type', () => {
    expect(eventOf(adt('A01', { 'PV1-2': '' })).visit).toMatchObject({ patientClass: null, journeyType: null });
  });

  it.each([
    { pv13: 'CARD^101^1^OLAYA', department: 'CARD', facility: 'OLAYA', hospital: 'OLAYA' },
    { pv13: 'ER', department: 'ER', facility: null, hospital: 'OLAYA' },
    { pv13: 'ICU^^^MALAZ&1.2.682.7&ISO', department: 'ICU', facility: 'MALAZ', hospital: 'MALAZ' },
    { pv13: '^^^MALAZ', department: null, facility: 'MALAZ', hospital: 'MALAZ' },
    { pv13: '', department: null, facility: null, hospital: 'OLAYA' },
  ])('PV1-3 $pv13 → department $department, facility $facility', ({ pv13, department, facility, hospital }) => {
    const event = eventOf(adt('A01', { 'PV1-3': pv13 }));
    expect([event.visit.departmentCode, event.visit.facilityCode, hospitalCodeOf(event)]).toEqual([department, facility, hospital]);
  });

  it('falls back to MSH-4 for the hospital, and to nothing when MSH-4 is empty', () => {
    const event = eventOf(adt('A01', { 'MSH-4': 'MALAZ^1.2.682.7^ISO', 'PV1-3': 'ER' }));
    expect([event.sendingFacility, hospitalCodeOf(event)]).toEqual(['MALAZ', 'MALAZ']);
    expect(eventOf(adt('A01', { 'MSH-4': '', 'PV1-3': 'ER' })).sendingFacility).toBe('');
  });

  it.each([
    { pv17: '12-RA-3456^Al-Harbi^Khalid', license: '12-RA-3456', name: 'Khalid Al-Harbi' },
    { pv17: '12-RA-3456^Al-Harbi^Khalid^Saad^^Dr', license: '12-RA-3456', name: 'Khalid Saad Al-Harbi' },
    { pv17: '12-RA-3456^الحربي^خالد', license: '12-RA-3456', name: 'خالد الحربي' },
    { pv17: '12-RA-3456', license: '12-RA-3456', name: null },
    { pv17: '^Al-Harbi^Khalid', license: null, name: 'Khalid Al-Harbi' },
    { pv17: '12-RA-3456^Al-Harbi^Khalid~99-XX-0000^Other^Doctor', license: '12-RA-3456', name: 'Khalid Al-Harbi' },
    { pv17: '', license: null, name: null },
  ])('PV1-7 $pv17', ({ pv17, license, name }) => {
    expect(eventOf(adt('A01', { 'PV1-7': pv17 })).visit).toMatchObject({ attendingLicense: license, attendingName: name });
  });

  it('reads the visit number from CX.1 of PV1-19', () => {
    expect(eventOf(adt('A01', { 'PV1-19': 'ENC-5^^^OLAYA^VN' })).visit.visitNumber).toBe('ENC-5');
  });
});

describe('observations', () => {
  it('reads the ORU sample: numeric, coded (by its text) and escaped text values', () => {
    expect(eventOf(sampleOru()).observations).toEqual([
      { code: '2093-3', text: 'Cholesterol', value: '185', status: 'F' },
      { code: '8251-1', text: 'Service comment', value: 'Normal', status: 'F' },
      { code: '48767-8', text: 'Annotation', value: 'Fasting 12 h & hydrated', status: 'F' },
    ]);
  });

  it.each([
    { name: 'OBX without a code takes OBR-4', obx: ['OBX|1|ST|||Seen'], want: [{ code: '24331-1', text: 'Lipid panel', value: 'Seen', status: null }] },
    {
      name: 'a structured numeric',
      obx: ['OBX|1|SN|2093-3^Cholesterol||<^200||||||F'],
      want: [{ code: '2093-3', text: 'Cholesterol', value: '< 200', status: 'F' }],
    },
    { name: 'a coded value without text', obx: ['OBX|1|CWE|X1||N||||||P'], want: [{ code: 'X1', text: null, value: 'N', status: 'P' }] },
    {
      name: 'repeated text',
      obx: ['OBX|1|TX|R1^Report||line one~line two||||||F'],
      want: [{ code: 'R1', text: 'Report', value: 'line one\nline two', status: 'F' }],
    },
    { name: 'an empty value', obx: ['OBX|1|NM|2093-3||""||||||X'], want: [{ code: '2093-3', text: null, value: null, status: 'X' }] },
    { name: 'an OBR with no OBX stands for itself', obx: [], want: [{ code: '24331-1', text: 'Lipid panel', value: null, status: 'F' }] },
  ])('$name', ({ obx, want }) => {
    expect(eventOf(sampleOru({ omit: ['OBX'], append: obx })).observations).toEqual(want);
  });

  it('skips an OBX with no code and no OBR to borrow one from', () => {
    expect(eventOf(sampleOru({ omit: ['OBX', 'OBR'], append: ['OBX|1|ST|||orphan', 'OBX|2|ST|C2||kept'] })).observations).toEqual([
      { code: 'C2', text: null, value: 'kept', status: null },
    ]);
  });

  it('keeps each OBR’s results under its own code', () => {
    const append = [
      'OBR|2|ORD-5502||71020^Chest X-ray^CPT|||||||||||||||||||||F',
      'OBR|3|ORD-5503||RAD-9^CT head|||||||||||||||||||||P',
      'OBX|1|TX|||No acute findings||||||F',
    ];
    expect(eventOf(sampleOru({ append })).observations.slice(3)).toEqual([
      { code: '71020', text: 'Chest X-ray', value: null, status: 'F' },
      { code: 'RAD-9', text: 'CT head', value: 'No acute findings', status: 'F' },
    ]);
  });

  it('ignores OBX in ADT messages', () => {
    expect(eventOf(sampleAdt('A01', { append: ['OBX|1|NM|3141-9^Body weight^LN||82|kg'] })).observations).toEqual([]);
  });
});

describe('whole messages', () => {
  it('reads the same event whatever the segment separator or delimiters', () => {
    const event = eventOf(sampleAdt('A01'));
    expect(eventOf(sampleAdt('A01', { separator: '\n' }))).toEqual(event);
    expect(eventOf(sampleAdt('A01', { separator: '\r\n' }))).toEqual(event);
  });

  it('reads the |$%#! sample', () => {
    const event = eventOf(CUSTOM_DELIMITER_ADT);
    expect(event).toMatchObject({ triggerEvent: 'A08', controlId: 'MSG-77', sendingFacility: 'OLAYA' });
    expect(event.patient).toMatchObject({ mrn: 'MRN-3003', nationalId: '2233445566', nameEn: 'Noura Al-Shehri', nameAr: 'نورة الشهري', gender: 'F' });
    expect(event.visit).toMatchObject({ departmentCode: 'ENT', visitNumber: 'V|77', attendingName: 'Faisal Al-Ghamdi' });
  });
});
