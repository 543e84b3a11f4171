/*
 * HL7 v2 escape sequences (v2.5 §2.7, truncation §2.5.5.2 in v2.7). Text
 * between two escape characters names what stands there: a delimiter the
 * data contained, a line break, or raw bytes in hex. The parser splits on
 * delimiters first and decodes each leaf afterwards, so an escaped `|` can
 * never end a field.
 */

/** The characters a message declares in MSH-1 and MSH-2. */
export interface Hl7Delimiters {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string;
  readonly subcomponent: string;
  /** v2.7+ fifth encoding character; null when MSH-2 declares only four */
  readonly truncation: string | null;
}

export const DEFAULT_DELIMITERS: Hl7Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
  truncation: null,
};

/** MSH-2 as written: component, repetition, escape, subcomponent, then the truncation character when there is one. */
export function encodingCharacters(delimiters: Hl7Delimiters): string {
  return delimiters.component + delimiters.repetition + delimiters.escape + delimiters.subcomponent + (delimiters.truncation ?? '');
}

/** Characters that must be written as an escape sequence; line breaks and other controls are handled apart. */
function escapeTable(delimiters: Hl7Delimiters): Map<string, string> {
  const table = new Map<string, string>([
    [delimiters.escape, 'E'],
    [delimiters.field, 'F'],
    [delimiters.component, 'S'],
    [delimiters.subcomponent, 'T'],
    [delimiters.repetition, 'R'],
  ]);
  if (delimiters.truncation !== null) table.set(delimiters.truncation, 'P');
  return table;
}

/**
 * Escapes text for one leaf (a subcomponent) of a message being built. The
 * result holds no delimiter and no control character, so it can be placed in
 * any field; `decodeEr7Text` gives back exactly the input.
 */
export function encodeEr7Text(value: string, delimiters: Hl7Delimiters = DEFAULT_DELIMITERS): string {
  const table = escapeTable(delimiters);
  const esc = delimiters.escape;
  let out = '';
  for (const char of value) {
    const code = table.get(char);
    if (code !== undefined) {
      out += `${esc}${code}${esc}`;
    } else if (char === '\n') {
      out += `${esc}.br${esc}`;
    } else if (isControl(char)) {
      out += `${esc}X${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${esc}`;
    } else {
      out += char;
    }
  }
  return out;
}

/** C0 controls and DEL: never allowed raw inside a segment (CR and LF end it). */
export function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/**
 * Decodes the escape sequences of one leaf. Sequences this station has no
 * meaning for (highlighting, formatting other than `.br`, character-set
 * switches, `Z` local ones) and malformed ones stay as sent: losing a
 * character of a patient's record is worse than showing a backslash.
 */
export function decodeEr7Text(raw: string, delimiters: Hl7Delimiters): string {
  const esc = delimiters.escape;
  let start = raw.indexOf(esc);
  if (start < 0) return raw;
  let out = raw.slice(0, start);
  while (start >= 0) {
    const end = raw.indexOf(esc, start + 1);
    if (end < 0) {
      out += raw.slice(start);
      break;
    }
    // An unknown sequence is kept whole, both escape characters included.
    out += decodeSequence(raw.slice(start + 1, end), delimiters) ?? raw.slice(start, end + 1);
    const next = raw.indexOf(esc, end + 1);
    out += raw.slice(end + 1, next < 0 ? raw.length : next);
    start = next;
  }
  return out;
}

function decodeSequence(code: string, delimiters: Hl7Delimiters): string | null {
  switch (code) {
    case 'F':
      return delimiters.field;
    case 'S':
      return delimiters.component;
    case 'T':
      return delimiters.subcomponent;
    case 'R':
      return delimiters.repetition;
    case 'E':
      return delimiters.escape;
    case 'P':
      return delimiters.truncation;
    case '.br':
      return '\n';
    default:
      return code.startsWith('X') ? decodeHex(code.slice(1)) : null;
  }
}

const HEX = /^(?:[0-9A-Fa-f]{2})+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `\Xhhhh\`: bytes in the message's character set; UTF-8 when they form it, else one character per byte (ISO 8859-1). */
function decodeHex(hex: string): string | null {
  if (!HEX.test(hex)) return null;
  const bytes = Buffer.from(hex, 'hex');
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}
