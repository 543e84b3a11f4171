import { describe, expect, it } from 'vitest';
import { type AckOptions, buildAck } from './ack.js';
import { component, field, type Hl7Message, parseEr7 } from './er7.js';
import { CUSTOM_DELIMITER_ADT, sampleAdt, sampleOru } from './samples.js';

const OPTIONS: AckOptions = {
  controlId: 'PX-ACK-0001',
  now: new Date('2026-11-23T07:15:02.000Z'),
  sendingApp: 'PX360',
  sendingFacility: 'PX-OFFICE',
};

function ackOf(original: Hl7Message | null, code: 'AA' | 'AE' | 'AR', options: Partial<AckOptions> = {}) {
  const er7 = buildAck(original, code, { ...OPTIONS, ...options });
  const ack = parseEr7(er7);
  return { er7, ack, msh: ack.header, msa: ack.segment('MSA'), err: ack.segment('ERR') };
}

describe('buildAck AA', () => {
  const original = parseEr7(sampleAdt('A04'));
  const { er7, msh, msa, err } = ackOf(original, 'AA');

  it('answers the sender: MSH-3..6 swapped from the original', () => {
    expect([3, 4, 5, 6].map((n) => field(msh, n))).toEqual(['PX360', 'OLAYA', 'HIS', 'OLAYA']);
  });

  it.each([
    { n: 7, want: '20261123101502+0300' },
    { n: 9, want: 'ACK^A04^ACK' },
    { n: 10, want: 'PX-ACK-0001' },
    { n: 11, want: 'P' },
    { n: 12, want: '2.5' },
  ])('MSH-$n is $want', ({ n, want }) => {
    expect(field(msh, n)).toBe(want);
  });

  it('acknowledges the original control id in MSA, with no ERR', () => {
    expect([1, 2, 3].map((n) => field(msa, n))).toEqual(['AA', 'MSG00001', '']);
    expect(err).toBeUndefined();
  });

  it('ends every segment with CR and nothing else', () => {
    expect(er7.endsWith('\r')).toBe(true);
    expect(er7).not.toMatch(/\n/);
    expect(
      er7
        .split('\r')
        .filter(Boolean)
        .map((line) => line.slice(0, 3)),
    ).toEqual(['MSH', 'MSA']);
  });

  it('copies the processing id and version the sender used', () => {
    const test = parseEr7(sampleOru({ fields: { 'MSH-11': 'T', 'MSH-12': '2.3.1' } }));
    const { msh: ackHeader } = ackOf(test, 'AA', { text: 'Thank you' });
    expect([field(ackHeader, 9), field(ackHeader, 11), field(ackHeader, 12)]).toEqual(['ACK^R01^ACK', 'T', '2.3.1']);
  });

  it('keeps full HD identifiers when swapping, and falls back to our names when the original does not address us', () => {
    const addressed = parseEr7(sampleAdt('A01', { fields: { 'MSH-3': 'HIS^1.2.682.9^ISO', 'MSH-5': '', 'MSH-6': '' } }));
    const { msh: ackHeader } = ackOf(addressed, 'AA');
    expect([3, 4, 5].map((n) => field(ackHeader, n))).toEqual(['PX360', 'PX-OFFICE', 'HIS^1.2.682.9^ISO']);
    expect(component(ackHeader, 5, 2)).toBe('1.2.682.9');
  });
});

describe('buildAck AE and AR', () => {
  const original = parseEr7(sampleAdt('A01', { fields: { 'PV1-19': '' } }));

  it.each([
    {
      name: 'required field missing',
      error: { code: '101', text: 'PV1-19 visit number is missing', location: 'PV1^1^19' },
      location: ['PV1', '1', '19'],
      condition: '101^Required field missing^HL70357',
      severity: 'E',
    },
    {
      name: 'internal error',
      error: { code: '207', text: 'database unavailable' },
      location: [''],
      condition: '207^Application internal error^HL70357',
      severity: 'E',
    },
    {
      name: 'data type warning',
      error: { code: '102', severity: 'W' as const, text: 'PID-7 is not an HL7 date', location: 'PID^1^7' },
      location: ['PID', '1', '7'],
      condition: '102^Data type error^HL70357',
      severity: 'W',
    },
    {
      name: 'a code outside table 0357',
      error: { code: '999', text: 'local rule', location: 'ZPX^1^2^1^3' },
      location: ['ZPX', '1', '2', '1', '3'],
      condition: '999^^HL70357',
      severity: 'E',
    },
  ])('AE for $name: ERR-2 location, ERR-3 condition, ERR-4 severity, ERR-8 message', ({ error, location, condition, severity }) => {
    const { msa, err } = ackOf(original, 'AE', { error });
    expect([field(msa, 1), field(msa, 2), component(msa, 3, 1)]).toEqual(['AE', 'MSG00001', error.text]);
    expect([1, 2, 3, 4, 5].slice(0, location.length).map((c) => component(err, 2, c))).toEqual(location);
    expect([field(err, 3), field(err, 4), component(err, 8, 1)]).toEqual([condition, severity, error.text]);
  });

  it('uses the given MSA-3 text over the error text', () => {
    const { msa, err } = ackOf(original, 'AE', { text: 'Visit number required', error: { code: '101', text: 'PV1-19 missing', location: 'PV1^1^19' } });
    expect(component(msa, 3, 1)).toBe('Visit number required');
    expect(component(err, 8, 1)).toBe('PV1-19 missing');
  });

  it('writes ERR 207 when an AE or AR comes without an error', () => {
    const { err } = ackOf(original, 'AE');
    expect(field(err, 3)).toBe('207^Application internal error^HL70357');
    expect(component(err, 8, 1)).toBe('Application internal error');
  });

  it('answers garbage with a valid AR built from defaults', () => {
    const { msh, msa, err } = ackOf(null, 'AR', { error: { code: '100', text: 'the message does not start with an MSH segment' } });
    expect([1, 2, 3, 4, 5, 6, 9, 10, 11, 12].map((n) => field(msh, n))).toEqual(['|', '^~\\&', 'PX360', 'PX-OFFICE', '', '', 'ACK', 'PX-ACK-0001', 'P', '2.5']);
    expect([field(msa, 1), field(msa, 2)]).toEqual(['AR', '']);
    expect(field(err, 3)).toBe('100^Segment sequence error^HL70357');
  });

  it('escapes delimiters in texts so they cannot break the ACK', () => {
    const text = 'bad | field ^ with ~ and & and \\ inside\nsecond line';
    const { ack, msa, err } = ackOf(original, 'AE', { controlId: 'A|B', error: { code: '207', text } });
    expect(ack.all.map((segment) => segment.name)).toEqual(['MSH', 'MSA', 'ERR']);
    expect(component(ack.header, 10, 1)).toBe('A|B');
    expect(component(msa, 3, 1)).toBe(text);
    expect(component(err, 8, 1)).toBe(text);
  });
});

describe('buildAck with the sender’s delimiters', () => {
  it('answers a |$%#! message in |$%#!', () => {
    const original = parseEr7(CUSTOM_DELIMITER_ADT);
    const { er7, ack, msh, msa, err } = ackOf(original, 'AE', { error: { code: '101', text: 'needs 50$ & a #', location: 'PV1^1^19' } });
    expect(er7.startsWith('MSH|$%#!|')).toBe(true);
    expect(ack.delimiters).toEqual(original.delimiters);
    expect([field(msh, 5), component(msh, 6, 2), field(msh, 9)]).toEqual(['HIS', '1.2.682.1', 'ACK$A08$ACK']);
    expect(field(msa, 2)).toBe('MSG-77');
    expect(field(err, 2)).toBe('PV1$1$19');
    expect(component(err, 8, 1)).toBe('needs 50$ & a #');
  });

  it('keeps a v2.7 truncation character in MSH-2', () => {
    const original = parseEr7('MSH|^~\\&#|HIS|OLAYA|PX360|OLAYA|20261123101500||ADT^A08^ADT_A01|T27|P|2.7\r');
    const { er7, msh } = ackOf(original, 'AA', { text: 'got #1' });
    expect(er7.startsWith('MSH|^~\\&#|')).toBe(true);
    expect(field(msh, 12)).toBe('2.7');
    expect(er7).toContain('MSA|AA|T27|got \\P\\1');
  });
});
