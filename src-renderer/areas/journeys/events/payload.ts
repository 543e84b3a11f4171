/**
 * How a received event's payload is shown: JSON indented, HL7 v2 one
 * segment a line. HL7 separates segments with a carriage return, which a
 * browser does not break a line on; some senders use LF or CRLF instead.
 */
export function hl7Segments(raw: string): string[] {
  return raw
    .split(/\r\n|\r|\n/)
    .map((segment) => segment.replace(/^[\x0b\x1c]+|[\x0b\x1c]+$/g, ''))
    .filter((segment) => segment.trim() !== '');
}

export interface Hl7Token {
  text: string;
  /** a separator between fields, components, repetitions or subcomponents */
  delimiter: boolean;
}

/**
 * A segment cut at the message's own separators (MSH-1 and MSH-2; the
 * standard `|^~&` when there is no MSH). Shown each in its own bidi
 * isolate, an Arabic name keeps its place between the separators instead of
 * pulling the digits of the next field into its right-to-left run.
 */
export function hl7Tokens(segment: string, msh: string | undefined): Hl7Token[] {
  const standard = '|^~&';
  const separators = msh?.startsWith('MSH') && msh.length >= 8 ? `${msh[3]}${msh[4]}${msh[5]}${msh[7]}` : standard;
  const tokens: Hl7Token[] = [];
  let text = '';
  // MSH-2 holds the separators themselves: it is data, not a place to cut
  const protectedUntil = segment.startsWith('MSH') && segment === msh ? 8 : 0;
  for (let i = 0; i < segment.length; i += 1) {
    const char = segment[i] as string;
    if (i >= protectedUntil && separators.includes(char)) {
      if (text) tokens.push({ text, delimiter: false });
      tokens.push({ text: char, delimiter: true });
      text = '';
    } else {
      text += char;
    }
  }
  if (text) tokens.push({ text, delimiter: false });
  return tokens;
}

/** JSON text indented by two spaces; text that is not JSON is returned as it came. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? '';
}
