import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src-shared/errors.js';
import { eventAcceptedSchema } from '../../src-shared/his-events.js';
import { prng } from '../../src-main/demo/synthetic.js';
import { type Ack, frame, type HttpAnswer, ListenerClient, MllpClient, parseAck } from '../fixtures/his-clients.js';
import { between, type Hl7Case, Hl7Cases, type JsonCase, JsonCases, pick, randomBytes, rawHttpRequest } from '../fixtures/his-fuzz.js';
import {
  addSource,
  REFERENCE_HOSPITALS,
  adt,
  eventually,
  hisEvent,
  type HisStation,
  type IssuedSource,
  PxOffice,
  stageStatuses,
  startHisStation,
  storedCount,
} from '../fixtures/his-station.js';

/*
 * The listener against hostile or broken senders: 10,000 mutated JSON
 * requests and 2,000 mutated HL7 messages (plus raw MLLP stream abuse) at a
 * running station. Every JSON answer is a clean 4xx error or a 202, never a
 * 5xx; every HL7 message gets exactly one well-formed ACK, in order; and the
 * station still takes a good event at the end. Cases come from a seeded
 * PRNG; a failure prints the case number and family.
 */

const JSON_CASES = 10_000;
const HL7_CASES = 2_000;
const HTTP_CONCURRENCY = 8;
const MLLP_CONNECTIONS = 4;
const FRAMES_PER_WRITE = 20;
const STREAM_ROUNDS = 150;
const RAW_HTTP_CASES = 400;

let station: HisStation;
let his: IssuedSource;
let client: ListenerClient;

beforeAll(async () => {
  station = await startHisStation();
  // the fuzz sends for NOWHERE too (accepted, then waits for the hospital), and far faster than a HIS would
  his = addSource(station.core, 'HIS', { hospitals: [...REFERENCE_HOSPITALS, 'NOWHERE'], rateLimitPerMinute: 1_000_000 });
  client = new ListenerClient(station.listenerUrl, { maxSockets: HTTP_CONCURRENCY });
});

afterAll(async () => {
  client?.close();
  await station?.close();
});

const ARABIC = /[\u0600-\u06FF]/;
const batchAnswer = (json: unknown): string | null => {
  const body = json as { accepted?: unknown; duplicate?: unknown; rejected?: unknown; results?: unknown };
  if (typeof body.accepted !== 'number' || typeof body.duplicate !== 'number' || typeof body.rejected !== 'number' || !Array.isArray(body.results))
    return 'not a batch answer';
  if (body.results.length !== body.accepted + body.duplicate + body.rejected) return 'counts do not add up';
  for (const result of body.results as { status?: string; error?: unknown }[]) {
    if (result.status === 'rejected' ? !errorBodySchema.safeParse({ error: result.error }).success : !eventAcceptedSchema.safeParse(result).success)
      return 'a malformed item';
  }
  return null;
};

/** What is wrong with an answer, or null when it is one the contract allows. */
function judgeJson(testCase: JsonCase, answer: HttpAnswer): string | null {
  if (answer.status >= 500) return 'a server error';
  if (!(answer.status === 202 || (testCase.method === 'GET' && answer.status === 200) || (answer.status >= 400 && answer.status < 500)))
    return 'an unexpected status';
  if (!answer.contentType.startsWith('application/json') || answer.json === undefined) return 'not a JSON answer';
  if (answer.status >= 400) {
    const error = errorBodySchema.safeParse(answer.json);
    if (!error.success) return 'not an error body';
    if (!ARABIC.test(error.data.error.message.ar)) return 'no Arabic message';
  }
  if (answer.status === 202) {
    if (testCase.path === '/api/v1/events/batch') return batchAnswer(answer.json);
    if (!eventAcceptedSchema.safeParse(answer.json).success) return 'not an acceptance';
  }
  const promised = testCase.expect;
  const given = answer.json as { id?: string; status?: string };
  if (promised?.status === 'accepted' && (answer.status !== 202 || given.status !== 'accepted')) return 'a valid event was not accepted';
  if (promised?.status === 'duplicate' && (answer.status !== 202 || given.status !== 'duplicate' || given.id !== promised.of))
    return 'a resent event was not a duplicate of the first';
  return null;
}

/** Writes raw bytes on a fresh connection, half-closes it, and answers everything that came back. */
function sendRaw(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
    socket.on('data', (part: Buffer) => parts.push(part));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => resolve(Buffer.concat(parts)));
  });
}

/** The HTTP/1.1 responses in a byte stream, or what makes them unreadable. */
function readResponses(raw: Buffer): { status: number; contentType: string; body: string }[] | string {
  const responses = [];
  for (let at = 0; at < raw.length;) {
    const headEnd = raw.indexOf('\r\n\r\n', at);
    if (headEnd < 0) return `an unfinished response: ${JSON.stringify(raw.subarray(at).toString('latin1').slice(0, 200))}`;
    const head = raw.subarray(at, headEnd).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(head[0] ?? '')?.[1];
    const header = (name: string) =>
      head
        .find((line) => line.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    const length = Number(header('content-length'));
    if (!status || !Number.isInteger(length)) return `not an HTTP/1.1 response with a length: ${JSON.stringify(head.join(' | ').slice(0, 200))}`;
    responses.push({
      status: Number(status),
      contentType: header('content-type') ?? '',
      body: raw.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8'),
    });
    at = headEnd + 4 + length;
  }
  return responses;
}

/** What is wrong with an ACK, or null. */
function judgeAck(testCase: Hl7Case, raw: string): string | null {
  let ack: Ack;
  try {
    ack = parseAck(raw);
  } catch (error) {
    return (error as Error).message;
  }
  if (!['AA', 'AE', 'AR'].includes(ack.code)) return `MSA-1 is ${ack.code}`;
  if (!ack.messageType.startsWith('ACK')) return `MSH-9 is ${ack.messageType}`;
  if (ack.code !== 'AA' && ack.error === null) return `${ack.code} without ERR`;
  if (testCase.expect && (ack.code !== testCase.expect.code || ack.controlId !== testCase.expect.controlId)) {
    return `expected ${testCase.expect.code} for ${testCase.expect.controlId}, got ${ack.code} for ${ack.controlId}: ${ack.error?.text ?? ''}`;
  }
  if (testCase.expect?.code === 'AA' && storedCount(station.core, 'HIS', testCase.expect.controlId) !== 1) return 'AA for an event that is not stored';
  return null;
}

describe('the JSON listener under fuzz', () => {
  it(`answers ${JSON_CASES.toLocaleString('en')} mutated requests with a clean 4xx or a 202, never a 5xx`, { timeout: 300_000 }, async () => {
    const cases = new JsonCases(prng(20261123), his.token);
    const problems: string[] = [];
    const seen = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < JSON_CASES) {
        const index = (next += 1);
        const testCase = cases.next();
        let answer: HttpAnswer;
        try {
          answer = await client.request(testCase.method, testCase.path, testCase.body, testCase.headers);
        } catch (error) {
          problems.push(`#${index} ${testCase.family}: no answer (${(error as Error).message})`);
          continue;
        }
        seen.set(`${testCase.family} ${answer.status}`, (seen.get(`${testCase.family} ${answer.status}`) ?? 0) + 1);
        const problem = judgeJson(testCase, answer);
        if (problem) problems.push(`#${index} ${testCase.family} → ${answer.status}: ${problem}: ${answer.text.slice(0, 300)}`);
        else if (testCase.expect?.status === 'accepted' && testCase.body)
          cases.noteAccepted(testCase.body.toString('utf8'), (answer.json as { id: string }).id);
      }
    };
    await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));

    expect(problems.slice(0, 25), `${problems.length} bad answers`).toEqual([]);
    // the mutations reached every kind of answer, including the expensive ones
    const statuses = new Set([...seen.keys()].map((key) => Number(key.split(' ')[1])));
    for (const status of [202, 400, 401, 403, 404, 413, 415]) expect(statuses, `no ${status} among ${[...statuses].join(', ')}`).toContain(status);
    for (const key of ['valid 202', 'duplicate 202', 'deep 400', 'huge-string 413', 'batch 202']) expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(JSON_CASES);
  });
});

describe('the HTTP server under raw fuzz', () => {
  it(`answers ${RAW_HTTP_CASES} broken HTTP requests in the contract's JSON error shape`, { timeout: 120_000 }, async () => {
    const random = prng(1991);
    const port = Number(new URL(station.listenerUrl).port);
    const host = `127.0.0.1:${port}`;
    const problems: string[] = [];
    const statuses = new Set<number>();
    let next = 0;
    const worker = async () => {
      while (next < RAW_HTTP_CASES) {
        const index = (next += 1);
        const request = rawHttpRequest(random, his.token, host);
        const responses = readResponses(await sendRaw(port, request));
        const label = `#${index} ${JSON.stringify(request.toString('latin1').slice(0, 60))}`;
        if (typeof responses === 'string') {
          problems.push(`${label}: ${responses}`);
          continue;
        }
        if (responses.length === 0) problems.push(`${label}: no answer`);
        for (const response of responses) {
          statuses.add(response.status);
          // judged as a GET: a pipelined GET /health may answer 200
          const judged = judgeJson(
            { family: 'headers', method: 'GET', path: '/api/v1/events', body: null, headers: {} },
            {
              status: response.status,
              contentType: response.contentType,
              headers: {},
              text: response.body,
              json: (() => {
                try {
                  return JSON.parse(response.body) as unknown;
                } catch {
                  return undefined;
                }
              })(),
            },
          );
          if (judged) problems.push(`${label} → ${response.status}: ${judged}: ${response.body.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));
    expect(problems.slice(0, 25), `${problems.length} bad answers`).toEqual([]);
    for (const status of [202, 400, 413]) expect(statuses).toContain(status);
  });
});

describe('the MLLP server under fuzz', () => {
  it(`answers ${HL7_CASES.toLocaleString('en')} mutated HL7 messages with one well-formed ACK each, in order`, { timeout: 300_000 }, async () => {
    const generator = new Hl7Cases(prng(2575));
    const cases = Array.from({ length: HL7_CASES }, (_, i) => ({ index: i + 1, testCase: generator.next() }));
    const problems: string[] = [];
    const codes = new Map<string, number>();

    const connectionRun = async (lane: number) => {
      const random = prng(100 + lane);
      const mine = cases.filter(({ index }) => index % MLLP_CONNECTIONS === lane);
      const mllp = await MllpClient.connect(station.mllpPort);
      try {
        for (let at = 0; at < mine.length; at += FRAMES_PER_WRITE) {
          const batch = mine.slice(at, at + FRAMES_PER_WRITE);
          // the whole batch as one stream, cut into writes at random places
          const bytes = Buffer.concat(batch.map(({ testCase }) => frame(testCase.payload)));
          for (let from = 0; from < bytes.length;) {
            const to = random() < 0.3 ? bytes.length : Math.min(bytes.length, from + between(random, 1, 4096));
            await mllp.write(bytes.subarray(from, to));
            from = to;
          }
          for (const { index, testCase } of batch) {
            const raw = await mllp.nextFrame();
            const problem = judgeAck(testCase, raw);
            const code = problem ? 'bad' : parseAck(raw).code;
            codes.set(`${testCase.family} ${code}`, (codes.get(`${testCase.family} ${code}`) ?? 0) + 1);
            if (problem) problems.push(`#${index} ${testCase.family}: ${problem}`);
          }
        }
        expect(mllp.isClosed).toBe(false);
      } finally {
        await mllp.close();
      }
    };
    await Promise.all(Array.from({ length: MLLP_CONNECTIONS }, (_, lane) => connectionRun(lane)));

    expect(problems.slice(0, 25), `${problems.length} bad ACKs`).toEqual([]);
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(HL7_CASES);
    for (const key of ['valid AA', 'stranger AR', 'binary AR', 'huge AR', 'field-noise AE']) expect(codes.get(key) ?? 0, key).toBeGreaterThan(0);
  });

  it('survives raw stream abuse: stray block bytes, unfinished frames, connections dropped mid-message', { timeout: 120_000 }, async () => {
    const random = prng(1859);
    const mllp = await MllpClient.connect(station.mllpPort);
    try {
      for (let round = 1; round <= STREAM_ROUNDS; round += 1) {
        // junk in which start and end blocks appear anywhere, then a good message
        const junk = randomBytes(random, between(random, 0, 600));
        for (let i = between(random, 0, 6); i > 0; i -= 1) junk[Math.floor(random() * Math.max(1, junk.length))] = pick(random, [0x0b, 0x1c, 0x0d]);
        const sentinel = `FZS-${round}`;
        await mllp.write(Buffer.concat([junk, frame(adt('A08', { controlId: sentinel, encounterId: `FZS-ENC-${round}` }))]));
        // every frame before the sentinel's ACK is an ACK too; the junk may have cost a few, never the sentinel
        for (let answers = 0; ; answers += 1) {
          expect(answers, `round ${round}: no ACK for the sentinel`).toBeLessThan(50);
          const ack = parseAck(await mllp.nextFrame());
          expect(['AA', 'AE', 'AR']).toContain(ack.code);
          if (ack.controlId === sentinel) {
            expect(ack.code, `round ${round}`).toBe('AA');
            break;
          }
        }
      }
    } finally {
      await mllp.close();
    }

    // senders that vanish: halfway through a frame, or right after sending one
    for (let i = 0; i < 40; i += 1) {
      const socket = net.connect({ host: '127.0.0.1', port: station.mllpPort });
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      const bytes = frame(adt('A01', { controlId: `FZD-${i}`, encounterId: 'FZD-ENC' }));
      socket.write(i % 2 === 0 ? bytes.subarray(0, between(random, 1, bytes.length - 1)) : bytes);
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    }
    const after = await MllpClient.connect(station.mllpPort);
    try {
      expect(await after.request(adt('A01', { controlId: 'FZD-AFTER', encounterId: 'FZD-ENC' }))).toMatchObject({ code: 'AA', controlId: 'FZD-AFTER' });
    } finally {
      await after.close();
    }
  });
});

describe('the station after the fuzz', () => {
  it('still takes a valid event with 202 and an HL7 message with AA, and processes them', async () => {
    const office = await PxOffice.signIn(station.core);
    const answer = await client.postEvent(
      his.token,
      hisEvent({ externalId: 'after-fuzz', code: 'OPD_REGISTERED', encounterId: 'ENC-AFTER-FUZZ', mrn: 'MRN-AFTER-FUZZ' }),
    );
    expect(answer.status, answer.text).toBe(202);
    expect(answer.json).toMatchObject({ status: 'accepted' });
    const mllp = await MllpClient.connect(station.mllpPort);
    try {
      expect(await mllp.request(adt('A01', { controlId: 'AFTER-FUZZ-A01', encounterId: 'ENC-AFTER-FUZZ-IP' }))).toMatchObject({
        code: 'AA',
        controlId: 'AFTER-FUZZ-A01',
      });
    } finally {
      await mllp.close();
    }
    await eventually(async () => expect(stageStatuses(await office.journey('ENC-AFTER-FUZZ')).REGISTRATION).toBe('completed'));
    await eventually(async () => expect(stageStatuses(await office.journey('ENC-AFTER-FUZZ-IP')).ADMISSION).toBe('completed'));
    const health = await client.request('GET', '/health', null);
    expect(health.json).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('processed every accepted fuzz event without an internal error, and logged none', () => {
    station.core.processor.drain();
    const internal = station.core.store.sqlite.prepare(`SELECT external_id, last_error FROM inbound_events WHERE last_error LIKE '%intake.internal%'`).all();
    expect(internal).toEqual([]);
    const statuses = Object.fromEntries(
      (station.core.store.sqlite.prepare('SELECT status, count(*) AS n FROM inbound_events GROUP BY status').all() as { status: string; n: number }[]).map(
        (r) => [r.status, r.n],
      ),
    );
    expect(statuses.processed ?? 0).toBeGreaterThan(0);
    expect(station.logs).toEqual([]);
  });
});
