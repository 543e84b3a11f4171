import { describe, expect, it } from 'vitest';
import { hl7Segments, hl7Tokens, prettyJson } from './payload.js';

describe('hl7Segments', () => {
  it.each([
    ['carriage returns (the standard)', 'MSH|^~\\&|HIS\rEVN|A04\rPID|1||MRN1\r'],
    ['line feeds', 'MSH|^~\\&|HIS\nEVN|A04\nPID|1||MRN1\n'],
    ['CRLF', 'MSH|^~\\&|HIS\r\nEVN|A04\r\nPID|1||MRN1\r\n'],
    ['MLLP framing left on', '\x0bMSH|^~\\&|HIS\rEVN|A04\rPID|1||MRN1\x1c\r'],
  ])('puts each segment on its own line with %s', (_, raw) => {
    expect(hl7Segments(raw)).toEqual(['MSH|^~\\&|HIS', 'EVN|A04', 'PID|1||MRN1']);
  });

  it('drops blank lines but keeps fields and escapes as sent', () => {
    expect(hl7Segments('MSH|^~\\&|X\r\r  \rOBX|1|TX|||a\\T\\b\r')).toEqual(['MSH|^~\\&|X', 'OBX|1|TX|||a\\T\\b']);
  });
});

describe('prettyJson', () => {
  it('indents an object and JSON text alike', () => {
    expect(prettyJson({ a: 1, b: [true] })).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
  });

  it('leaves text that is not JSON as it came', () => {
    expect(prettyJson('MSH|^~\\&|')).toBe('MSH|^~\\&|');
  });
});

describe('hl7Tokens', () => {
  const texts = (tokens: { text: string; delimiter: boolean }[]) => tokens.map((t) => (t.delimiter ? `[${t.text}]` : t.text)).join('');

  it('cuts at fields, components and repetitions, keeping MSH-2 whole', () => {
    const msh = 'MSH|^~\\&|HIS|OLAYA';
    expect(texts(hl7Tokens(msh, msh))).toBe('MSH|^~\\&[|]HIS[|]OLAYA');
    expect(texts(hl7Tokens('PID|1||Al-Qahtani^Mohammed~القحطاني^محمد||19850412', msh))).toBe(
      'PID[|]1[|][|]Al-Qahtani[^]Mohammed[~]القحطاني[^]محمد[|][|]19850412',
    );
  });

  it("uses the message's own separators", () => {
    const msh = 'MSH|$%#!|HIS|OLAYA$1.2$ISO';
    expect(texts(hl7Tokens('PID|1||MRN-3003$$$OLAYA%2233^x', msh))).toBe('PID[|]1[|][|]MRN-3003[$][$][$]OLAYA[%]2233^x');
  });
});
