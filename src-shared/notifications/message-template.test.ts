import { describe, expect, it } from 'vitest';
import { messageTemplateProblems, renderMessageTemplate, smsSize } from './message-template.js';

const FSI = '\u2068';
const PDI = '\u2069';

describe('a message template', () => {
  it.each([
    { template: 'Hello {{first_name}}, {{ link }}', problems: [] },
    { template: 'No placeholders at all', problems: [] },
    { template: '{{ patient.mrn }}', problems: [{ key: 'field.message_template_variable', at: '{{ patient.mrn }}' }] },
    { template: '{{national_id}} {{link}}', problems: [{ key: 'field.message_template_variable', at: '{{national_id}}' }] },
    // logic of any kind is not a variable
    {
      template: '{{#if first_name}}Hi{{/if}}',
      problems: [
        { key: 'field.message_template_variable', at: '{{#if first_name}}' },
        { key: 'field.message_template_variable', at: '{{/if}}' },
      ],
    },
    { template: 'Hi {{first_name}', problems: [{ key: 'field.message_template_braces', at: '{{' }] },
    { template: '{{}}', problems: [{ key: 'field.message_template_variable', at: '{{}}' }] },
  ])('$template → $problems', ({ template, problems }) => {
    expect(messageTemplateProblems(template)).toEqual(problems);
  });

  it('wraps each value in isolates in Arabic, so a Latin name and a URL keep their order', () => {
    const body = renderMessageTemplate(
      'مرحباً {{first_name}}، شاركنا رأيك في زيارتك لـ{{hospital}}: {{link}}',
      { first_name: 'John', hospital: 'مجمع العليا الطبي', link: 'https://px.example.sa/s/abc' },
      'ar',
    );
    expect(body).toBe(`مرحباً ${FSI}John${PDI}، شاركنا رأيك في زيارتك لـ${FSI}مجمع العليا الطبي${PDI}: ${FSI}https://px.example.sa/s/abc${PDI}`);
  });

  it('adds nothing in English (isolates would make the SMS UCS-2)', () => {
    const body = renderMessageTemplate(
      'Hi {{first_name}}, tell us about your visit: {{link}}',
      { first_name: 'Noura', link: 'https://px.example.sa/s/abc' },
      'en',
    );
    expect(body).toBe('Hi Noura, tell us about your visit: https://px.example.sa/s/abc');
    expect(smsSize(body).encoding).toBe('gsm7');
  });

  it('strips bidi controls and line breaks a value carries', () => {
    expect(renderMessageTemplate('{{first_name}}!', { first_name: 'Sa\u202Era\nh' }, 'en')).toBe('Sa ra h!');
  });

  it('refuses to render without a value for a placeholder it names, or with an unknown one', () => {
    expect(() => renderMessageTemplate('Your survey: {{link}}', {}, 'en')).toThrow(/no value for \{\{link\}\}/);
    expect(() => renderMessageTemplate('{{mrn}}', {}, 'en')).toThrow(/field.message_template_variable/);
  });
});

describe('the size of an SMS', () => {
  it.each([
    { name: 'empty', body: '', encoding: 'gsm7', units: 0, segments: 0 },
    { name: '160 Latin characters: one message', body: 'a'.repeat(160), encoding: 'gsm7', units: 160, segments: 1 },
    { name: '161: two parts of 153', body: 'a'.repeat(161), encoding: 'gsm7', units: 161, segments: 2 },
    { name: '306: two full parts', body: 'a'.repeat(306), encoding: 'gsm7', units: 306, segments: 2 },
    { name: '307: three', body: 'a'.repeat(307), encoding: 'gsm7', units: 307, segments: 3 },
    // € is an extension character: two septets
    { name: '80 euro signs: 160 septets', body: '€'.repeat(80), encoding: 'gsm7', units: 160, segments: 1 },
    // 152 septets then a two-septet character: it does not split, it starts the second part
    { name: 'an extension character at a part boundary', body: `${'a'.repeat(152)}€${'a'.repeat(10)}`, encoding: 'gsm7', units: 164, segments: 2 },
    { name: '70 Arabic letters: one message', body: 'ب'.repeat(70), encoding: 'ucs2', units: 70, segments: 1 },
    { name: '71 Arabic letters: two parts of 67', body: 'ب'.repeat(71), encoding: 'ucs2', units: 71, segments: 2 },
    { name: '134: two full parts', body: 'ب'.repeat(134), encoding: 'ucs2', units: 134, segments: 2 },
    { name: '135: three', body: 'ب'.repeat(135), encoding: 'ucs2', units: 135, segments: 3 },
    // one Arabic letter makes the whole message UCS-2
    { name: 'Latin text with one Arabic letter', body: `${'a'.repeat(100)}ب`, encoding: 'ucs2', units: 101, segments: 2 },
    // an emoji is two UTF-16 units and is never split across parts
    { name: 'a surrogate pair at a part boundary', body: `${'ب'.repeat(66)}😀${'ب'.repeat(5)}`, encoding: 'ucs2', units: 73, segments: 2 },
  ])('$name → $encoding, $segments', ({ body, encoding, units, segments }) => {
    expect(smsSize(body)).toEqual({ encoding, units, segments });
  });

  it('counts a real Arabic invitation: isolates and the link included', () => {
    const body = renderMessageTemplate(
      '{{hospital}}: شاركنا رأيك في زيارتك اليوم {{link}}',
      { hospital: 'مستشفى الخبر', link: 'https://px.example.sa/s/Qm9vdHN0cmFwMTIzNDU2Nw' },
      'ar',
    );
    const size = smsSize(body);
    expect(size.encoding).toBe('ucs2');
    expect(size.units).toBe(body.length);
    expect(size.segments).toBe(Math.ceil(body.length / 67));
  });
});
