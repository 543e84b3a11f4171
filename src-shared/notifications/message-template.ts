import type { MessageKey } from '../messages.js';

/**
 * Message templates an administrator writes (the survey invitation by SMS,
 * WhatsApp or email): text with `{{variable}}` placeholders, nothing else.
 * Written small on purpose: no logic, no helpers, no partials, only the
 * variables below, so a template can neither run code (full Handlebars has
 * had RCE bugs) nor leak a field nobody chose to send.
 *
 * In an Arabic message, each value is wrapped in FSI … PDI (U+2068,
 * U+2069: W3C, "How to use Unicode controls for bidi text"), so a Latin
 * name, a URL or a number keeps its own direction and does not drag the
 * Arabic around it out of order. An English message gets no isolates: they
 * are not GSM-7 and would double an SMS's price.
 */
export const MESSAGE_VARIABLES = ['first_name', 'hospital', 'link', 'expires_on', 'opt_out_link'] as const;
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number];

const FSI = '\u2068';
const PDI = '\u2069';
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export interface TemplateProblem {
  readonly key: Extract<MessageKey, `field.message_template_${string}`>;
  /** the placeholder or text at fault, to show beside the message */
  readonly at: string;
}

/** What is wrong with a template, or nothing: unknown variables, and braces that are no placeholder. */
export function messageTemplateProblems(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const [whole, name] of template.matchAll(PLACEHOLDER))
    if (!(MESSAGE_VARIABLES as readonly string[]).includes((name ?? '').trim())) problems.push({ key: 'field.message_template_variable', at: whole });
  const rest = template.replace(PLACEHOLDER, '');
  const stray = /\{\{|\}\}/.exec(rest);
  if (stray) problems.push({ key: 'field.message_template_braces', at: stray[0] });
  return problems;
}

/**
 * The message for one patient. Every variable the template names must be
 * given (an invitation without its link must not go out); values lose any
 * bidi controls or line breaks they carry, so no value can reorder or
 * break the text around it.
 */
export function renderMessageTemplate(template: string, values: Readonly<Partial<Record<MessageVariable, string>>>, language: 'ar' | 'en'): string {
  const problems = messageTemplateProblems(template);
  if (problems.length > 0) throw new Error(`message template: ${problems.map((p) => `${p.key} at ${p.at}`).join(', ')}`);
  return template.replace(PLACEHOLDER, (_whole, placeholder: string) => {
    const name = placeholder.trim() as MessageVariable;
    const value = values[name];
    if (value === undefined) throw new Error(`message template: no value for {{${name}}}`);
    const clean = value.replace(/[\u202a-\u202e\u2066-\u2069\r\n]/g, ' ').trim();
    return language === 'ar' ? `${FSI}${clean}${PDI}` : clean;
  });
}

/** GSM 03.38: the basic set, one septet each. */
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
/** GSM 03.38 extension table: an escape and the character, two septets each. */
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export interface SmsSize {
  /** GSM-7 when every character is in the GSM alphabet; otherwise UCS-2 (any Arabic letter) */
  readonly encoding: 'gsm7' | 'ucs2';
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  readonly units: number;
  /** the parts the operator sends and bills */
  readonly segments: number;
}

/**
 * How an SMS body is sent: GSM-7 fits 160 septets in one message and 153
 * in each part of a longer one; UCS-2 70 code units, and 67 a part. A
 * character is never split across parts (an extension character's two
 * septets, a surrogate pair's two units), as handsets reassemble them.
 */
export function smsSize(body: string): SmsSize {
  const characters = [...body];
  const gsm = characters.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  const widths = gsm ? characters.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1)) : characters.map((c) => c.length);
  const units = widths.reduce((sum, w) => sum + w, 0);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  if (units <= single) return { encoding: gsm ? 'gsm7' : 'ucs2', units, segments: units === 0 ? 0 : 1 };
  let segments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > part) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return { encoding: gsm ? 'gsm7' : 'ucs2', units, segments };
}
