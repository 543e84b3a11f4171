import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  component,
  DEFAULT_DELIMITERS,
  encodeEr7Text,
  encodingCharacters,
  field,
  type Hl7Delimiters,
  Hl7ParseError,
  type Hl7ParseReason,
  parseEr7,
  repetitions,
  subcomponent,
} from './er7.js';
import { CUSTOM_DELIMITER_ADT, sampleAdt, sampleOru, withDelimiters } from './samples.js';

describe('MSH numbering', () => {
  const msh = parseEr7(sampleAdt('A01')).header;

  it.each([
    { n: 1, want: '|' },
    { n: 2, want: '^~\\&' },
    { n: 3, want: 'HIS' },
    { n: 4, want: 'OLAYA' },
    { n: 5, want: 'PX360' },
    { n: 7, want: '20261123101500+0300' },
    { n: 8, want: '' },
    { n: 9, want: 'ADT^A01^ADT_A01' },
    { n: 10, want: 'MSG00001' },
    { n: 11, want: 'P' },
    { n: 12, want: '2.5' },
    { n: 13, want: '' },
  ])('MSH-$n is $want', ({ n, want }) => {
    expect(field(msh, n)).toBe(want);
  });

  it('splits MSH-9 into message code, trigger event and structure', () => {
    expect([1, 2, 3, 4].map((c) => component(msh, 9, c))).toEqual(['ADT', 'A01', 'ADT_A01', '']);
  });
});

describe('other segments', () => {
  const message = parseEr7(sampleOru());
  const pid = message.segment('PID');

  it('numbers fields from 1 after the segment name', () => {
    expect(field(pid, 1)).toBe('1');
    expect(field(pid, 7)).toBe('19850412');
    expect(field(pid, 99)).toBe('');
  });

  it('reads repetitions, components and subcomponents', () => {
    expect(repetitions(pid, 3)).toHaveLength(2);
    expect(field(pid, 3, 1)).toBe('1012345672^^^SA^NI');
    expect(component(pid, 3, 1, 1)).toBe('1012345672');
    expect(component(pid, 3, 5, 1)).toBe('NI');
    expect(component(pid, 3, 5, 7)).toBe('');
    const withSubcomponents = parseEr7('MSH|^~\\&|HIS\rPV1|1|I|CARD^^^OLAYA&1.2.682&ISO\r').segment('PV1');
    expect(component(withSubcomponents, 3, 4)).toBe('OLAYA');
    expect(subcomponent(withSubcomponents, 3, 4, 2)).toBe('1.2.682');
    expect(subcomponent(withSubcomponents, 3, 4, 3)).toBe('ISO');
  });

  it('finds segments by name and numbers repeats of a segment', () => {
    expect(message.segments('OBX').map((obx) => [obx.sequence, field(obx, 1)])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
    ]);
    expect(message.segment('ZZZ')).toBeUndefined();
    expect(field(undefined, 3)).toBe('');
    expect(message.all.map((segment) => segment.name)).toEqual(['MSH', 'PID', 'PV1', 'ORC', 'OBR', 'OBX', 'OBX', 'OBX']);
  });

  it('keeps Arabic names intact', () => {
    expect([1, 2, 3].map((c) => component(pid, 5, c, 1))).toEqual(['القحطاني', 'محمد', 'عبدالله']);
    const fromBytes = parseEr7(Buffer.from(sampleAdt('A01'), 'utf8').toString('utf8'));
    expect(component(fromBytes.segment('PID'), 5, 2, 1)).toBe('محمد');
  });
});

describe('segment separators', () => {
  const structure = (er7: string) =>
    parseEr7(er7).all.map((segment) => [segment.name, Array.from({ length: segment.size + 1 }, (_, n) => segment.repetitions(n).map((rep) => rep.raw))]);
  const expected = structure(sampleOru());

  it.each([
    { name: 'LF', separator: '\n' as const },
    { name: 'CRLF', separator: '\r\n' as const },
  ])('$name from a sloppy sender reads like CR', ({ separator }) => {
    expect(structure(sampleOru({ separator }))).toEqual(expected);
  });

  it('tolerates mixed separators, blank lines, no final CR, a BOM and leading line breaks', () => {
    const mixed = sampleOru().split('\r').filter(Boolean);
    const text = `\uFEFF\r\n${mixed.slice(0, 3).join('\r\n')}\n\n${mixed.slice(3).join('\r')}`;
    expect(structure(text)).toEqual(expected);
  });
});

describe('custom delimiters', () => {
  it('reads a message written with |$%#!', () => {
    const message = parseEr7(CUSTOM_DELIMITER_ADT);
    expect(message.delimiters).toEqual({ field: '|', component: '$', repetition: '%', escape: '#', subcomponent: '!', truncation: null });
    const msh = message.header;
    expect([field(msh, 1), field(msh, 2), component(msh, 9, 2), component(msh, 4, 2)]).toEqual(['|', '$%#!', 'A08', '1.2.682.1']);
    const pid = message.segment('PID');
    expect(component(pid, 3, 5, 1)).toBe('NNSAU');
    expect(component(pid, 5, 2, 1)).toBe('نورة');
    const pv1 = message.segment('PV1');
    expect(component(pv1, 3, 2)).toBe('2^B'); // ^ is data when it is not a delimiter
    expect(component(pv1, 19, 1)).toBe('V|77'); // #F# is the escaped field separator
  });

  const sets: Array<{ name: string; delimiters: Hl7Delimiters }> = [
    { name: '#^~\\&', delimiters: { ...DEFAULT_DELIMITERS, field: '#' } },
    { name: '|$%#!', delimiters: { field: '|', component: '$', repetition: '%', escape: '#', subcomponent: '!', truncation: null } },
    { name: '!@*?/', delimiters: { field: '!', component: '@', repetition: '*', escape: '?', subcomponent: '/', truncation: null } },
    { name: '|^~\\&# (v2.7 truncation)', delimiters: { ...DEFAULT_DELIMITERS, truncation: '#' } },
  ];

  it.each(sets)('$name: the same message re-written reads the same', ({ delimiters }) => {
    for (const er7 of [sampleAdt('A01'), sampleOru(), CUSTOM_DELIMITER_ADT]) {
      const original = parseEr7(er7);
      const rewritten = parseEr7(withDelimiters(er7, delimiters));
      expect(rewritten.delimiters).toEqual(delimiters);
      const leaves = (message: typeof original) =>
        message.all.map((segment) => Array.from({ length: segment.size - 2 }, (_, i) => segment.repetitions(i + 3).map((rep) => rep.components)));
      expect(leaves(rewritten)).toEqual(leaves(original));
    }
  });

  it('reads the v2.7 truncation character and its \\P\\ escape; before v2.7 \\P\\ is not an escape', () => {
    const v27 = parseEr7('MSH|^~\\&#|HIS|||||||X1|P|2.7\rNTE|1||50\\P\\ off\r');
    expect(v27.delimiters.truncation).toBe('#');
    expect(component(v27.segment('NTE'), 3, 1)).toBe('50# off');
    const v25 = parseEr7('MSH|^~\\&|HIS|||||||X1|P|2.5\rNTE|1||50\\P\\ off # 2\r');
    expect(component(v25.segment('NTE'), 3, 1)).toBe('50\\P\\ off # 2');
  });
});

describe('escape sequences', () => {
  const decode = (raw: string) => component(parseEr7(`MSH|^~\\&|HIS\rNTE|1||${raw}\r`).segment('NTE'), 3, 1);

  it.each([
    { raw: 'a\\F\\b', want: 'a|b' },
    { raw: 'a\\S\\b', want: 'a^b' },
    { raw: 'a\\T\\b', want: 'a&b' },
    { raw: 'a\\R\\b', want: 'a~b' },
    { raw: 'a\\E\\b', want: 'a\\b' },
    { raw: 'line 1\\.br\\line 2', want: 'line 1\nline 2' },
    { raw: '\\X41\\\\X4243\\', want: 'ABC' },
    { raw: '\\XD8B9D984D98A\\', want: 'علي' },
    { raw: 'Caf\\XE9\\', want: 'Café' },
    { raw: 'a\\X0D0A\\b', want: 'a\r\nb' },
    { raw: '\\E\\F\\E\\', want: '\\F\\' },
    { raw: '\\H\\bold\\N\\', want: '\\H\\bold\\N\\' },
    { raw: '\\.sp2\\x', want: '\\.sp2\\x' },
    { raw: '\\C2842\\x', want: '\\C2842\\x' },
    { raw: '\\Zlocal\\', want: '\\Zlocal\\' },
    { raw: '\\X4\\', want: '\\X4\\' },
    { raw: '\\XZZ\\', want: '\\XZZ\\' },
    { raw: 'C:\\temp', want: 'C:\\temp' },
    { raw: 'ends with \\', want: 'ends with \\' },
    { raw: '\\H\\\\F\\', want: '\\H\\|' },
  ])('$raw → $want', ({ raw, want }) => {
    expect(decode(raw)).toBe(want);
  });

  it.each([
    { value: 'a|b^c&d~e\\f', want: 'a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f' },
    { value: 'two\nlines', want: 'two\\.br\\lines' },
    { value: 'cr\rtab\t', want: 'cr\\X0D\\tab\\X09\\' },
    { value: 'محمد # 1', want: 'محمد # 1' },
  ])('encodeEr7Text($value)', ({ value, want }) => {
    expect(encodeEr7Text(value)).toBe(want);
  });

  it('escapes the truncation character only when the message declares one', () => {
    expect(encodeEr7Text('#1', { ...DEFAULT_DELIMITERS, truncation: '#' })).toBe('\\P\\1');
    expect(encodeEr7Text('#1')).toBe('#1');
  });

  const delimiterSets = fc.constantFrom<Hl7Delimiters>(
    DEFAULT_DELIMITERS,
    { ...DEFAULT_DELIMITERS, truncation: '#' },
    { field: '|', component: '$', repetition: '%', escape: '#', subcomponent: '!', truncation: null },
  );

  it('round-trips any text, Arabic and controls included: encode → parse gives it back', () => {
    const arabic = fc.string({ unit: fc.constantFrom(...'محمد عبدالله القحطاني ،؟ ٠١٢'.split('')) });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), arabic), delimiterSets, (value, delimiters) => {
        const er7 = `MSH${delimiters.field}${encodingCharacters(delimiters)}${delimiters.field}HIS\rNTE${delimiters.field}1${delimiters.field}${delimiters.field}${encodeEr7Text(value, delimiters)}\r`;
        expect(component(parseEr7(er7).segment('NTE'), 3, 1)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('what is not an HL7 message', () => {
  it.each<{ name: string; text: string; reason: Hl7ParseReason }>([
    { name: 'empty', text: '', reason: 'EMPTY' },
    { name: 'only line breaks', text: '\r\n\r\n', reason: 'EMPTY' },
    { name: 'starts with PID', text: 'PID|1||X\r', reason: 'NO_MSH' },
    { name: 'starts with a space', text: ' MSH|^~\\&|HIS\r', reason: 'NO_MSH' },
    { name: 'HTTP request', text: 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', reason: 'NO_MSH' },
    { name: 'lower-case msh', text: 'msh|^~\\&|HIS\r', reason: 'NO_MSH' },
    { name: 'MSH alone', text: 'MSH', reason: 'BAD_DELIMITERS' },
    { name: 'letter as field separator', text: 'MSHA^~\\&AHIS\r', reason: 'BAD_DELIMITERS' },
    { name: 'space as field separator', text: 'MSH ^~\\& HIS\r', reason: 'BAD_DELIMITERS' },
    { name: 'three encoding characters', text: 'MSH|^~\\|HIS\r', reason: 'BAD_DELIMITERS' },
    { name: 'six encoding characters', text: 'MSH|^~\\&#$|HIS\r', reason: 'BAD_DELIMITERS' },
    { name: 'repeated delimiter', text: 'MSH|^^\\&|HIS\r', reason: 'BAD_DELIMITERS' },
    { name: 'encoding characters cut short by the field separator', text: 'MSH|^~|&|HIS\r', reason: 'BAD_DELIMITERS' },
    { name: 'digit delimiter', text: 'MSH|^~\\1|HIS\r', reason: 'BAD_DELIMITERS' },
    { name: 'NUL byte', text: 'MSH|^~\\&|HIS\rPID|1||A\u0000B\r', reason: 'CONTROL_CHARACTER' },
    { name: 'MLLP start block left in', text: 'MSH|^~\\&|HIS\r\u000b', reason: 'CONTROL_CHARACTER' },
    { name: 'DEL', text: 'MSH|^~\\&|HIS\u007f\r', reason: 'CONTROL_CHARACTER' },
    { name: 'a line that is not a segment', text: 'MSH|^~\\&|HIS\rhello world\r', reason: 'BAD_SEGMENT' },
    { name: 'lower-case segment name', text: 'MSH|^~\\&|HIS\rpid|1\r', reason: 'BAD_SEGMENT' },
    { name: 'four-letter segment name', text: 'MSH|^~\\&|HIS\rPIDX|1\r', reason: 'BAD_SEGMENT' },
    { name: 'two messages (a batch)', text: `${sampleAdt('A01')}${sampleAdt('A08')}`, reason: 'BAD_SEGMENT' },
  ])('$name → $reason', ({ text, reason }) => {
    let thrown: unknown = null;
    try {
      parseEr7(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Hl7ParseError);
    expect(thrown).toMatchObject({ reason, message: expect.stringMatching(/\w/) });
  });

  it('accepts a TAB in free text and a segment with no fields', () => {
    const message = parseEr7('MSH|^~\\&|HIS\rNTE|1||a\tb\rZPX\r');
    expect(component(message.segment('NTE'), 3, 1)).toBe('a\tb');
    expect(message.segment('ZPX')?.size).toBe(0);
  });
});
