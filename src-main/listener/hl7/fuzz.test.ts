import { describe, expect, it } from 'vitest';
import { buildAck } from './ack.js';
import { toHl7Event } from './adt.js';
import { field, Hl7ParseError, parseEr7 } from './er7.js';
import { frameMllp, MllpDecoder } from './mllp.js';
import { CUSTOM_DELIMITER_ADT, sampleAdt, sampleOru, withDelimiters } from './samples.js';

/*
 * Whatever a sender puts on the wire, the codec either reads it or says why
 * not: parseEr7 throws only Hl7ParseError, toHl7Event only returns, the ACK
 * for the outcome is always itself a readable message, and the MLLP decoder
 * never throws nor holds more than one message's worth of bytes. Cases come
 * from a seeded PRNG, so a failure names a case that can be replayed.
 */

const SEED = 0x5eed_2026;

/** mulberry32: small, fast, good enough to pick mutations. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  return { next, int, pick, bytes };
}

const SAMPLES = [
  sampleAdt('A01'),
  sampleAdt('A03'),
  sampleAdt('A08', { separator: '\r\n' }),
  sampleOru(),
  CUSTOM_DELIMITER_ADT,
  withDelimiters(sampleAdt('A04'), { field: '#', component: '^', repetition: '~', escape: '\\', subcomponent: '&', truncation: null }),
  withDelimiters(sampleOru(), { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&', truncation: '#' }),
];

const ACK_OPTIONS = { controlId: 'FUZZ-ACK', now: new Date('2026-11-23T07:15:00Z'), sendingApp: 'PX360', sendingFacility: 'OLAYA' };

type Outcome = 'event' | 'refused' | 'unparseable';

/** One case end to end, as the listener will run it. Any exception other than Hl7ParseError escapes and fails the test. */
function exercise(text: string): Outcome {
  let message;
  try {
    message = parseEr7(text);
  } catch (error) {
    if (!(error instanceof Hl7ParseError)) throw error;
    parseEr7(buildAck(null, 'AR', { ...ACK_OPTIONS, error: { code: '100', text: error.message } }));
    return 'unparseable';
  }
  const result = toHl7Event(message);
  const ack = parseEr7(
    buildAck(message, result.ok ? 'AA' : 'AE', {
      ...ACK_OPTIONS,
      ...(result.ok ? {} : { error: { code: result.code, text: result.reason, location: result.location } }),
    }),
  );
  if (field(ack.segment('MSA'), 2) !== field(message.header, 10)) throw new Error('the ACK does not carry the original control id');
  return result.ok ? 'event' : 'refused';
}

interface Tally {
  cases: number;
  outcomes: Record<Outcome, number>;
}

/**
 * Runs cases, failing with the case's label. No time limits here (shared,
 * noisy machines): a hang or a quadratic blow-up shows as the test timeout.
 */
function run(label: string, texts: Iterable<string>): Tally {
  const tally: Tally = { cases: 0, outcomes: { event: 0, refused: 0, unparseable: 0 } };
  for (const text of texts) {
    let outcome: Outcome;
    try {
      outcome = exercise(text);
    } catch (error) {
      throw new Error(`${label} case ${tally.cases} (seed ${SEED}) threw: ${String(error)}\n${JSON.stringify(text.slice(0, 300))}`, { cause: error });
    }
    tally.cases += 1;
    tally.outcomes[outcome] += 1;
  }
  return tally;
}

describe('fuzz: parseEr7 and toHl7Event', () => {
  const random = prng(SEED);
  let total = 0;

  it('truncation at every character and every byte of a message', () => {
    const adt = sampleAdt('A01');
    const bytes = Buffer.from(adt, 'utf8');
    const cases = function* () {
      for (const sample of [adt, sampleOru()]) for (let at = 0; at <= sample.length; at += 1) yield sample.slice(0, at);
      for (let at = 0; at <= bytes.length; at += 1) yield bytes.subarray(0, at).toString('utf8');
    };
    const tally = run('truncation', cases());
    expect(tally.outcomes.event).toBeGreaterThan(0);
    expect(tally.outcomes.refused).toBeGreaterThan(0);
    expect(tally.outcomes.unparseable).toBeGreaterThan(0);
    total += tally.cases;
  });

  it('random byte flips', () => {
    const cases = function* () {
      for (let i = 0; i < 4000; i += 1) {
        const bytes = Buffer.from(random.pick(SAMPLES), 'utf8');
        const flips = 1 + random.int(8);
        for (let f = 0; f < flips; f += 1) bytes[random.int(bytes.length)] = random.int(256);
        yield bytes.toString('utf8');
      }
    };
    total += run('byte flips', cases()).cases;
  });

  it('random delimiter swaps', () => {
    const specials = ['|', '^', '~', '\\', '&', '#', '$', '%', '!', '\r', '\n', ' ', 'A', '"'];
    const cases = function* () {
      for (let i = 0; i < 2000; i += 1) {
        let text = random.pick(SAMPLES);
        const swaps = 1 + random.int(3);
        for (let s = 0; s < swaps; s += 1) {
          const from = random.pick(specials);
          const to = random.pick(specials);
          // swap every occurrence, or just one at a random place
          if (random.next() < 0.5) {
            text = text.split(from).join(to);
          } else {
            const at = text.indexOf(from, random.int(text.length));
            if (at >= 0) text = text.slice(0, at) + to + text.slice(at + 1);
          }
        }
        yield text;
      }
    };
    total += run('delimiter swaps', cases()).cases;
  });

  it('huge segments of 100k characters', () => {
    const alphabet = ['x', 'y', '^', '~', '&', '\\', '|', 'ع', 'F', 'X', '0', '.', 'br', ' ', '""'];
    const huge = () =>
      Array.from({ length: 100_000 }, () => random.pick(alphabet))
        .join('')
        .slice(0, 100_000);
    const cases = function* () {
      for (let i = 0; i < 40; i += 1) {
        const lines = random.pick(SAMPLES.slice(0, 4)).split('\r').filter(Boolean);
        const at = 1 + random.int(lines.length - 1);
        const kind = i % 4;
        if (kind === 0) lines.splice(at, 0, `NTE|1||${huge()}`);
        if (kind === 1) lines[at] = `${lines[at] ?? ''}|${huge()}`;
        if (kind === 2) lines.splice(at, 0, `PID|1||${'MRN~'.repeat(25_000)}||${'Al-Qahtani^Mohammed~'.repeat(5_000)}|`);
        if (kind === 3) lines.splice(at, 0, `OBX|1|TX|X||${'\\X41\\\\.br\\\\F\\'.repeat(8_000)}`);
        yield `${lines.join('\r')}\r`;
      }
    };
    total += run('huge segments', cases()).cases;
  });

  it('random binary, bare and behind a valid MSH start', () => {
    const cases = function* () {
      for (let i = 0; i < 2000; i += 1) {
        const noise = random.bytes(random.int(2000)).toString(random.next() < 0.5 ? 'utf8' : 'latin1');
        yield i % 2 === 0 ? noise : `MSH|^~\\&|${noise}`;
      }
    };
    total += run('random binary', cases()).cases;
  });

  it('segment soup: plausible pieces in implausible order', () => {
    const pieces = [
      'MSH|^~\\&|',
      'EVN|A01|',
      'PID|1||',
      'PV1|1|',
      'OBR|1|',
      'OBX|1|',
      '|',
      '^',
      '~',
      '&',
      '\\',
      '\\F\\',
      '\\X',
      '\\.br\\',
      'ADT^A01^ADT_A01',
      'ORU^R01',
      'MR',
      'NI',
      '2026',
      '1123',
      '101500',
      '+0300',
      '-',
      'محمد',
      '""',
      '\r',
      '\r',
      'MSG1',
      'NET^Internet^a@b.co',
    ];
    const cases = function* () {
      for (let i = 0; i < 1500; i += 1) {
        const length = 1 + random.int(60);
        let text = random.next() < 0.8 ? 'MSH|^~\\&|HIS|OLAYA|PX360|OLAYA|20261123101500||' : '';
        for (let p = 0; p < length; p += 1) text += random.pick(pieces);
        yield text;
      }
    };
    const tally = run('segment soup', cases());
    expect(tally.outcomes.refused).toBeGreaterThan(0);
    total += tally.cases;
  });

  it('ran at least 10,000 cases', () => {
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});

describe('fuzz: MllpDecoder', () => {
  const random = prng(SEED + 1);
  const MAX = 4096;

  function pushInPieces(decoder: MllpDecoder, stream: Buffer) {
    const results = [];
    for (let at = 0; at < stream.length;) {
      const size = random.next() < 0.3 ? 1 : 1 + random.int(700);
      results.push(...decoder.push(stream.subarray(at, at + size)));
      expect(decoder.bufferedBytes).toBeLessThanOrEqual(MAX);
      at += size;
    }
    return results;
  }

  it('never throws and never holds more than maxMessageBytes, whatever arrives', () => {
    for (let i = 0; i < 1000; i += 1) {
      const decoder = new MllpDecoder({ maxMessageBytes: MAX });
      const parts: Buffer[] = [];
      for (let p = 0, count = 1 + random.int(6); p < count; p += 1) {
        const choice = random.int(5);
        if (choice === 0) parts.push(frameMllp(random.pick(SAMPLES)));
        if (choice === 1) parts.push(random.bytes(random.int(3000)));
        if (choice === 2)
          parts.push(
            frameMllp(
              random
                .bytes(MAX + random.int(3 * MAX))
                .toString('latin1')
                .replace(/[\u000b\u001c]/g, '.'),
            ),
          );
        if (choice === 3) parts.push(frameMllp(random.pick(SAMPLES)).subarray(0, random.int(800)));
        if (choice === 4) parts.push(Buffer.from([random.pick([0x0b, 0x1c, 0x0d, 0x0a])]));
      }
      const results = pushInPieces(decoder, Buffer.concat(parts));
      results.push(...decoder.finish());
      for (const result of results) expect(result.ok ? result.message.length : result.reason.length).toBeGreaterThan(0);
      expect(decoder.bufferedBytes).toBe(0);
    }
  });

  it('recovers every well-framed message from junk and arbitrary chunking', () => {
    for (let i = 0; i < 1000; i += 1) {
      const decoder = new MllpDecoder({ maxMessageBytes: MAX });
      const sent: string[] = [];
      const parts: Buffer[] = [];
      for (let p = 0, count = 1 + random.int(5); p < count; p += 1) {
        if (random.next() < 0.5) parts.push(Buffer.from(random.bytes(random.int(200)).filter((byte) => byte !== 0x0b && byte !== 0x1c)));
        const message = random.pick(SAMPLES);
        sent.push(message);
        parts.push(frameMllp(message));
      }
      const received = pushInPieces(decoder, Buffer.concat(parts)).flatMap((result) => (result.ok ? [result.message.toString('utf8')] : []));
      expect(received).toEqual(sent);
    }
  });
});
