import { decodeEr7Text, type Hl7Delimiters } from './escape.js';

/*
 * ER7, the pipe-and-hat encoding of HL7 v2 (v2.5 chapter 2.5–2.7). Every
 * message names its own delimiters in MSH-1 (field) and MSH-2 (component,
 * repetition, escape, subcomponent, and from v2.7 truncation), so nothing
 * here assumes `|^~\&`. Segments end with CR; senders that write LF or CRLF
 * are tolerated because rejecting them would only move the fix to the HIS
 * vendor's next release.
 */

export { DEFAULT_DELIMITERS, encodeEr7Text, encodingCharacters, type Hl7Delimiters } from './escape.js';

export type Hl7ParseReason = 'EMPTY' | 'NO_MSH' | 'BAD_DELIMITERS' | 'CONTROL_CHARACTER' | 'BAD_SEGMENT';

/** The message cannot be read at all; the listener answers AR with the reason. */
export class Hl7ParseError extends Error {
  override readonly name = 'Hl7ParseError';
  readonly reason: Hl7ParseReason;

  constructor(reason: Hl7ParseReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** One occurrence of a field: the text as sent, and its components split into decoded subcomponents on first read. */
export class Hl7Repetition {
  /** ER7 as sent, escape sequences intact */
  readonly raw: string;
  readonly #delimiters: Hl7Delimiters | null;
  #components: readonly (readonly string[])[] | null = null;

  /** `delimiters` null: a literal that is neither split nor unescaped (MSH-1, MSH-2) */
  constructor(raw: string, delimiters: Hl7Delimiters | null) {
    this.raw = raw;
    this.#delimiters = delimiters;
  }

  /** components[c - 1][s - 1] is component c, subcomponent s, escapes decoded */
  get components(): readonly (readonly string[])[] {
    this.#components ??= splitRepetition(this.raw, this.#delimiters);
    return this.#components;
  }
}

/**
 * One segment. Fields are split into repetitions, and repetitions into
 * components, only when first read: a 100 kB OBX-5 or NTE that the station
 * never looks at costs one string split, not a hundred thousand little arrays.
 */
export class Hl7Segment {
  /** e.g. `PID`, `ZPX` */
  readonly name: string;
  /** 1-based position among segments of the same name (the "segment sequence" of an ERR location) */
  readonly sequence: number;
  readonly #raw: readonly string[];
  readonly #delimiters: Hl7Delimiters;
  readonly #parsed = new Map<number, readonly Hl7Repetition[]>();

  /** `raw[n]` is field n as sent; `raw[0]` the segment name (for MSH, `raw[1]` the field separator and `raw[2]` the encoding characters) */
  constructor(name: string, sequence: number, raw: readonly string[], delimiters: Hl7Delimiters) {
    this.name = name;
    this.sequence = sequence;
    this.#raw = raw;
    this.#delimiters = delimiters;
  }

  /** the highest field number present */
  get size(): number {
    return this.#raw.length - 1;
  }

  /** Every occurrence of field n; empty when the field is absent or empty. */
  repetitions(n: number): readonly Hl7Repetition[] {
    const cached = this.#parsed.get(n);
    if (cached) return cached;
    const raw = n >= 1 ? (this.#raw[n] ?? '') : '';
    let parsed: Hl7Repetition[] = [];
    if (raw !== '' && this.name === 'MSH' && n <= 2) {
      // MSH-1 and MSH-2 are the delimiters themselves: neither split nor unescaped
      parsed = [new Hl7Repetition(raw, null)];
    } else if (raw !== '') {
      parsed = raw.split(this.#delimiters.repetition).map((repetition) => new Hl7Repetition(repetition, this.#delimiters));
    }
    this.#parsed.set(n, parsed);
    return parsed;
  }
}

export class Hl7Message {
  readonly delimiters: Hl7Delimiters;
  /** every segment in the order sent; the first is MSH */
  readonly all: readonly Hl7Segment[];

  constructor(delimiters: Hl7Delimiters, all: readonly Hl7Segment[]) {
    this.delimiters = delimiters;
    this.all = all;
  }

  segments(name: string): Hl7Segment[] {
    return this.all.filter((segment) => segment.name === name);
  }

  segment(name: string): Hl7Segment | undefined {
    return this.all.find((segment) => segment.name === name);
  }

  /** MSH; parseEr7 guarantees it is there */
  get header(): Hl7Segment {
    const [first] = this.all;
    if (!first) throw new Error('Hl7Message without segments');
    return first;
  }
}

/** Field n, repetition r (0-based), as sent: escapes intact. MSH-1 is the field separator itself, MSH-2 the encoding characters. */
export function field(segment: Hl7Segment | undefined, n: number, repetition = 0): string {
  return segment?.repetitions(n)[repetition]?.raw ?? '';
}

/** Component c (1-based) of field n, decoded; when it has subcomponents, the first. */
export function component(segment: Hl7Segment | undefined, n: number, c: number, repetition = 0): string {
  return subcomponent(segment, n, c, 1, repetition);
}

/** Subcomponent s of component c of field n (all 1-based), decoded. */
export function subcomponent(segment: Hl7Segment | undefined, n: number, c: number, s: number, repetition = 0): string {
  return segment?.repetitions(n)[repetition]?.components[c - 1]?.[s - 1] ?? '';
}

/** Every occurrence of field n; empty when the field or the segment is absent. */
export function repetitions(segment: Hl7Segment | undefined, n: number): readonly Hl7Repetition[] {
  return segment?.repetitions(n) ?? [];
}

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;
/** C0 controls and DEL other than the segment ends and TAB (which sloppy free-text fields carry). */
const FORBIDDEN_CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

/**
 * Reads one ER7 message. Throws Hl7ParseError when the text is not an HL7
 * message (no MSH first, unusable delimiters, control characters, a line that
 * is not a segment); otherwise every field is available, however odd.
 */
export function parseEr7(text: string): Hl7Message {
  const body = text.replace(/^\uFEFF?[\r\n]*/, '');
  if (body.trim() === '') throw new Hl7ParseError('EMPTY', 'the message is empty');
  if (!body.startsWith('MSH')) throw new Hl7ParseError('NO_MSH', 'the message does not start with an MSH segment');

  const control = FORBIDDEN_CONTROL.exec(body);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw new Hl7ParseError('CONTROL_CHARACTER', `control character 0x${code} at offset ${control.index}`);
  }

  const lines = body.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const [headerLine = '', ...rest] = lines;
  const delimiters = readDelimiters(headerLine);

  const counts = new Map<string, number>();
  const next = (name: string): number => {
    const sequence = (counts.get(name) ?? 0) + 1;
    counts.set(name, sequence);
    return sequence;
  };
  const segments = [new Hl7Segment('MSH', next('MSH'), headerFields(headerLine, delimiters), delimiters)];
  rest.forEach((line, index) => {
    const name = line.slice(0, 3);
    const after = line.charAt(3);
    if (!SEGMENT_NAME.test(name) || (after !== '' && after !== delimiters.field)) {
      // the line itself is not quoted: it may be patient data, and reasons go into ACKs and logs
      throw new Hl7ParseError('BAD_SEGMENT', `line ${index + 2} does not start with a segment name and the field separator`);
    }
    if (name === 'MSH') throw new Hl7ParseError('BAD_SEGMENT', `line ${index + 2} starts a second message: batches are not accepted`);
    segments.push(new Hl7Segment(name, next(name), line.split(delimiters.field), delimiters));
  });
  return new Hl7Message(delimiters, segments);
}

/** Reads MSH-1 and MSH-2: printable, not letters, digits or space, and all different. */
function readDelimiters(header: string): Hl7Delimiters {
  const fieldSeparator = header.charAt(3);
  if (!isDelimiterChar(fieldSeparator)) {
    throw new Hl7ParseError('BAD_DELIMITERS', `MSH-1 field separator ${JSON.stringify(fieldSeparator)} is not a printable punctuation character`);
  }
  const end = header.indexOf(fieldSeparator, 4);
  const encoding = header.slice(4, end < 0 ? header.length : end);
  if (encoding.length !== 4 && encoding.length !== 5) {
    throw new Hl7ParseError(
      'BAD_DELIMITERS',
      `MSH-2 encoding characters ${JSON.stringify(encoding)} must be 4 characters (5 with the v2.7 truncation character)`,
    );
  }
  const chars = [fieldSeparator, ...encoding];
  if (!chars.every(isDelimiterChar) || new Set(chars).size !== chars.length) {
    throw new Hl7ParseError('BAD_DELIMITERS', `delimiters ${JSON.stringify(chars.join(''))} must be distinct punctuation characters`);
  }
  const [component = '', repetition = '', escape = '', subcomponent = '', truncation] = encoding;
  return { field: fieldSeparator, component, repetition, escape, subcomponent, truncation: truncation ?? null };
}

function isDelimiterChar(char: string): boolean {
  return char.length === 1 && /^[\x21-\x7E]$/.test(char) && !/^[A-Za-z0-9]$/.test(char);
}

/** MSH counts its field separator as MSH-1 and its encoding characters as MSH-2. */
function headerFields(header: string, delimiters: Hl7Delimiters): string[] {
  const [name = 'MSH', ...others] = header.split(delimiters.field);
  return [name, delimiters.field, ...others];
}

function splitRepetition(raw: string, delimiters: Hl7Delimiters | null): string[][] {
  if (delimiters === null) return [[raw]];
  const { component, subcomponent, escape } = delimiters;
  if (!raw.includes(component) && !raw.includes(subcomponent) && !raw.includes(escape)) return [[raw]];
  return raw.split(component).map((part) => part.split(subcomponent).map((leaf) => decodeEr7Text(leaf, delimiters)));
}
