/**
 * The load generator of the HIS-intake bench: a process of its own, so its
 * CPU never counts as the server's. Not a benchmark on its own (no
 * `.bench.ts`): the bench spawns it with one JSON argument (a LoadConfig) and
 * reads JSON lines from its stdout: `{"event":"measuring"}` when the warm-up
 * ends, then `{"event":"done","result":…}`.
 *
 * modes:
 * - `json`: closed loop, `connections` keep-alive sockets (node:http Agent),
 *   each posting its next event as soon as the previous one is answered;
 * - `json-paced`: open loop at `rate` events a second, sent on schedule
 *   whether or not earlier ones were answered; latency runs from the time a
 *   request was due, so a stalled server cannot hide its stall by slowing the
 *   sender down (no coordinated omission);
 * - `mllp`: `connections` MLLP sockets, each keeping `window` messages
 *   unacknowledged (1: send, wait for the ACK, send the next).
 *
 * Events come in pairs per encounter: OPD_REGISTERED then OPD_VISIT_COMPLETED
 * (HL7: A04 then A03 of an outpatient), each encounter with its own patient,
 * addressed to the reference hospital the station is seeded with.
 */
import http from 'node:http';
import net from 'node:net';
import { adt, hisEvent, OLAYA_CLINIC_PHYSICIAN } from '../fixtures/his-reference.js';
import { frame, parseAck } from '../fixtures/his-clients.js';

interface Window {
  readonly warmupMs: number;
  readonly durationMs: number;
}

interface Common extends Window {
  /** the integration source: JSON source_system, HL7 MSH-3 */
  readonly sourceSystem: string;
  /** makes external ids, encounters and MRNs unique to this run */
  readonly prefix: string;
}

export type LoadConfig = Common &
  (
    | { readonly mode: 'json'; readonly url: string; readonly token: string; readonly connections: number }
    | { readonly mode: 'json-paced'; readonly url: string; readonly token: string; readonly rate: number; readonly maxSockets: number }
    | { readonly mode: 'mllp'; readonly port: number; readonly connections: number; readonly window: number }
  );

export interface LoadResult {
  /** the measured window, ms */
  readonly measuredMs: number;
  /** requests answered successfully within the window (paced: due within it) */
  readonly completed: number;
  /** their latencies, ms, unsorted */
  readonly latenciesMs: number[];
  /** requests sent in all, warm-up included */
  readonly sent: number;
  /** answers other than 202 accepted / AA, by status or ACK code */
  readonly failures: Record<string, number>;
  readonly firstFailure: string | null;
  /** CPU seconds this process used within the window: near the window's length, the client was the limit */
  readonly clientCpuS: number;
}

export type LoadLine = { readonly event: 'measuring' } | { readonly event: 'done'; readonly result: LoadResult };

const PAIR = ['OPD_REGISTERED', 'OPD_VISIT_COMPLETED'] as const;

/** The n-th event of a stream: encounter n/2, registration first. */
function jsonEvent(sourceSystem: string, stream: string, n: number): string {
  const encounter = Math.floor(n / 2);
  return JSON.stringify(
    hisEvent({
      sourceSystem,
      externalId: `${stream}-${n}`,
      code: PAIR[n % 2]!,
      encounterId: `${stream}-E${encounter}`,
      occurredAt: n % 2 === 0 ? '2026-11-23T10:15:00+03:00' : '2026-11-23T11:05:00+03:00',
      mrn: `${stream}-M${encounter}`,
      patient: { phone: '0501234567', national_id: '1012345672', birth_date: '1985-04-12', gender: 'M' },
    }),
  );
}

function hl7Message(stream: string, n: number, sendingApp: string): { controlId: string; er7: string } {
  const encounter = Math.floor(n / 2);
  const controlId = `${stream}-${n}`;
  const er7 = adt(n % 2 === 0 ? 'A04' : 'A03', {
    controlId,
    encounterId: `${stream}-E${encounter}`,
    patientClass: 'O',
    department: 'OPD',
    physician: OLAYA_CLINIC_PHYSICIAN,
    sendingApp,
    at: n % 2 === 0 ? '20261123101000' : '20261123110500',
    fields: { 'PID-3': `${stream}-M${encounter}^^^OLAYA^MR~1012345672^^^SA^NI` },
  });
  return { controlId, er7 };
}

class Tally {
  readonly latenciesMs: number[] = [];
  readonly failures: Record<string, number> = {};
  firstFailure: string | null = null;
  completed = 0;
  sent = 0;

  fail(kind: string, detail: string): void {
    this.failures[kind] = (this.failures[kind] ?? 0) + 1;
    this.firstFailure ??= `${kind}: ${detail.slice(0, 300)}`;
  }
}

/** Measuring starts warmupMs from now and lasts durationMs. */
class Clock {
  readonly start: number;
  readonly end: number;
  private cpuAtStart: NodeJS.CpuUsage | null = null;
  private cpuSpent: number | null = null;

  constructor(window: Window) {
    this.start = performance.now() + window.warmupMs;
    this.end = this.start + window.durationMs;
    setTimeout(() => {
      this.cpuAtStart = process.cpuUsage();
      emit({ event: 'measuring' });
    }, window.warmupMs);
    setTimeout(() => this.stopCpuClock(), window.warmupMs + window.durationMs);
  }

  private stopCpuClock(): void {
    if (this.cpuSpent !== null || !this.cpuAtStart) return;
    const used = process.cpuUsage(this.cpuAtStart);
    this.cpuSpent = (used.user + used.system) / 1e6;
  }

  inWindow(t: number): boolean {
    return t >= this.start && t <= this.end;
  }

  get over(): boolean {
    return performance.now() > this.end;
  }

  get clientCpuS(): number {
    this.stopCpuClock();
    return this.cpuSpent ?? 0;
  }
}

function emit(line: LoadLine, then?: () => void): void {
  process.stdout.write(`${JSON.stringify(line)}\n`, then);
}

function poster(url: string, token: string, maxSockets: number): (body: string) => Promise<{ status: number; text: string }> {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return (body) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: base.hostname,
          port: base.port,
          method: 'POST',
          path: '/api/v1/events',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), authorization: `Bearer ${token}` },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (part: string) => (text += part));
          response.on('error', reject);
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

function judge(tally: Tally, answer: { status: number; text: string }): boolean {
  if (answer.status === 202 && answer.text.includes('"status":"accepted"')) return true;
  tally.fail(String(answer.status), answer.text);
  return false;
}

async function closedLoop(config: Extract<LoadConfig, { mode: 'json' }>, tally: Tally, clock: Clock): Promise<void> {
  const post = poster(config.url, config.token, config.connections);
  const worker = async (w: number) => {
    for (let n = 0; !clock.over; n += 1) {
      const body = jsonEvent(config.sourceSystem, `${config.prefix}-w${w}`, n);
      tally.sent += 1;
      const sentAt = performance.now();
      const answer = await post(body).catch((error: Error) => ({ status: 0, text: error.message }));
      const answeredAt = performance.now();
      if (judge(tally, answer) && clock.inWindow(answeredAt)) {
        tally.completed += 1;
        tally.latenciesMs.push(answeredAt - sentAt);
      }
    }
  };
  await Promise.all(Array.from({ length: config.connections }, (_, w) => worker(w)));
}

async function paced(config: Extract<LoadConfig, { mode: 'json-paced' }>, tally: Tally, clock: Clock): Promise<void> {
  const post = poster(config.url, config.token, config.maxSockets);
  const interval = 1000 / config.rate;
  const first = performance.now();
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (let due = first + n * interval; due <= now && due <= clock.end; due = first + n * interval) {
        const body = jsonEvent(config.sourceSystem, config.prefix, n);
        n += 1;
        tally.sent += 1;
        const request = post(body)
          .catch((error: Error) => ({ status: 0, text: error.message }))
          .then((answer) => {
            if (judge(tally, answer) && clock.inWindow(due)) {
              tally.completed += 1;
              tally.latenciesMs.push(performance.now() - due);
            }
          });
        inFlight.add(request);
        void request.then(() => inFlight.delete(request));
      }
      if (now > clock.end) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 1);
  });
  await Promise.all(inFlight);
}

async function mllp(config: Extract<LoadConfig, { mode: 'mllp' }>, tally: Tally, clock: Clock): Promise<void> {
  const connection = (c: number) =>
    new Promise<void>((resolve, reject) => {
      const stream = `${config.prefix}-c${c}`;
      const unanswered: { controlId: string; sentAt: number }[] = [];
      let n = 0;
      let pending: Buffer = Buffer.alloc(0);
      const socket = net.connect({ host: '127.0.0.1', port: config.port });
      socket.setNoDelay(true);
      const sendNext = () => {
        const { controlId, er7 } = hl7Message(stream, n, config.sourceSystem);
        n += 1;
        tally.sent += 1;
        unanswered.push({ controlId, sentAt: performance.now() });
        socket.write(frame(er7));
      };
      socket.on('connect', () => {
        for (let i = 0; i < config.window; i += 1) sendNext();
      });
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        for (;;) {
          const start = pending.indexOf(0x0b);
          const end = pending.indexOf(0x1c, start + 1);
          if (start < 0 || end < 0) break;
          const ack = parseAck(pending.subarray(start + 1, end).toString('utf8'));
          pending = pending.subarray(pending[end + 1] === 0x0d ? end + 2 : end + 1);
          const answeredAt = performance.now();
          const sent = unanswered.shift();
          if (!sent || ack.code !== 'AA' || ack.controlId !== sent.controlId) {
            tally.fail(ack.code || 'no MSA', `${ack.controlId} (expected ${sent?.controlId ?? 'nothing'}): ${ack.text} ${ack.error?.text ?? ''}`);
          } else if (clock.inWindow(answeredAt)) {
            tally.completed += 1;
            tally.latenciesMs.push(answeredAt - sent.sentAt);
          }
          if (!clock.over) sendNext();
          else if (unanswered.length === 0) socket.end();
        }
      });
      socket.on('close', () => {
        if (unanswered.length > 0) tally.fail('closed', `${unanswered.length} messages never acknowledged`);
        resolve();
      });
    });
  await Promise.all(Array.from({ length: config.connections }, (_, c) => connection(c)));
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as LoadConfig;
  const tally = new Tally();
  const clock = new Clock(config);
  if (config.mode === 'json') await closedLoop(config, tally, clock);
  else if (config.mode === 'json-paced') await paced(config, tally, clock);
  else await mllp(config, tally, clock);
  const result: LoadResult = {
    measuredMs: clock.end - clock.start,
    completed: tally.completed,
    latenciesMs: tally.latenciesMs.map((ms) => Math.round(ms * 1000) / 1000),
    sent: tally.sent,
    failures: tally.failures,
    firstFailure: tally.firstFailure,
    clientCpuS: clock.clientCpuS,
  };
  // keep-alive sockets would hold the process open: leave once the result is out
  emit({ event: 'done', result }, () => process.exit(0));
}

await main();
