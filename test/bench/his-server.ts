/**
 * The server side of the HIS benches, one process per server so the load
 * generator (test/bench/his-load.ts) and the bench itself never share its
 * CPU or heap. Not a benchmark on its own (no `.bench.ts`): the benches
 * bundle it (his-support.ts) and spawn it with an IPC channel.
 *
 *   node his-server.cjs station|raw|raw-group <dataDir> [background]
 *   node his-server.cjs process <dataDir> <encounters> <block>
 *
 * kinds:
 * - `station`: the real station (startStation: JSON listener, MLLP server)
 *   with the reference hospitals and one integration source; its scheduler
 *   runs only when the third argument is `background`: then every accepted
 *   event is processed into patients and journeys as it arrives, the sync
 *   job runs (not enrolled: once), a subscriber of journey.stage_completed
 *   writes an audit entry per stage (as the survey domain will write a
 *   survey), and a synthetic job holds the event loop for BUSY_MS every
 *   BUSY_EVERY_MS (a KPI roll-up, an SLA tick on a busy day);
 * - `raw`: plain node:http + better-sqlite3, one autocommit INSERT a request,
 *   answered after it returns (synchronous=FULL: after its fsync);
 * - `raw-group`: the same with group commit: requests that arrive while a
 *   commit is on disk go into the next transaction, each answered after it;
 * - `process`: no listener; a station core accepts outpatient visits through
 *   its intake queue, then times `processor.drain()` and reports.
 *
 * Both raw servers write into a freshly migrated station database (the same
 * inbound_events table, indexes and pragmas: WAL, synchronous=FULL), through
 * their own better-sqlite3 connection; they check no token and validate
 * nothing beyond JSON.parse, and store the request text as `body` and `raw`,
 * as many bytes as the station stores.
 *
 * The servers report over IPC: `ready` once they listen, then `stats` when
 * asked; `close` ends them. `process` sends `processed` and exits. Every
 * kind samples its own RSS every 50 ms and reports the kernel's peak too.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { HisEvent } from '../../src-shared/his-events.js';
import { Store } from '../../src-main/core/db/store.js';
import { StationCore } from '../../src-main/core/station.js';
import { defineDomain, type StationBase, type StationDomain } from '../../src-main/core/domain.js';
import { startStation } from '../../src-main/runner/station-runner.js';
import type { ProcessingSummary } from '../../src-main/domains/integrations/processor.js';
import { intakeItemFromJson } from '../../src-main/domains/integrations/intake.js';
import { addSource, hisEvent, seedHospitals } from '../fixtures/his-reference.js';
import { BUSY_EVERY_MS, BUSY_MS } from './his-busy.js';

export type ServerKind = 'station' | 'raw' | 'raw-group' | 'process';

/** The integration source every bench request comes from (JSON source_system, HL7 MSH-3). */
const BENCH_SOURCE = 'BENCH';

export interface ReadyMessage {
  readonly type: 'ready';
  readonly listenerUrl: string;
  readonly mllpPort: number | null;
  /** the source's bearer token (raw servers ignore it), and its MSH-3 for HL7 */
  readonly token: string;
  readonly sourceSystem: string;
}

export interface StatsMessage {
  readonly type: 'stats';
  /** commits that carried events (IntakeQueue.stats for the station; the raw servers count their own) */
  readonly commits: number;
  readonly accepted: number;
  /** events not yet processed, and failed ones (station with its background jobs only; 0 otherwise) */
  readonly pending: number;
  readonly failed: number;
  /** events the processor took, and stages the subscriber was handed, since the start (station with its background jobs only) */
  readonly processed: number;
  readonly stagesDelivered: number;
  readonly rssNow: number;
  /** the highest RSS sampled (every 50 ms) */
  readonly rssMaxSampled: number;
  /** the kernel's peak RSS of the process (getrusage ru_maxrss) */
  readonly rssPeak: number;
  /** RSS once the server was ready (station: started and seeded), before any load */
  readonly rssIdle: number;
  /** lines the station logged: listener, MLLP or processor errors */
  readonly logged: readonly string[];
  /** how late the event loop came round since the previous stats (perf_hooks.monitorEventLoopDelay), ms */
  readonly loopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
}

export interface ProcessedMessage {
  readonly type: 'processed';
  readonly events: number;
  readonly encounters: number;
  readonly acceptSeconds: number;
  readonly drainSeconds: number;
  readonly drainCpuSeconds: number;
  readonly summary: ProcessingSummary;
  /** what the database holds afterwards */
  readonly stored: { readonly processed: number; readonly journeys: number; readonly stagesCompleted: number };
  readonly rssIdle: number;
  readonly rssMaxSampled: number;
  readonly rssPeak: number;
  readonly logged: readonly string[];
}

export type ParentMessage = { readonly type: 'stats' } | { readonly type: 'close' };

type Counts = Pick<StatsMessage, 'commits' | 'accepted' | 'pending' | 'failed' | 'processed' | 'stagesDelivered'>;

interface Server {
  readonly ready: Omit<ReadyMessage, 'type'>;
  counts(): Counts;
  close(): Promise<void>;
}

/**
 * Work beside the processor, as the next issues bring it: a job that holds
 * the event loop for BUSY_MS and commits one small write, and a subscriber
 * that writes one audit entry per completed stage through the data layer.
 */
function benchWork(base: StationBase, counters: { stagesDelivered: number }): StationDomain {
  return defineDomain({
    name: 'bench',
    calls: {},
    handlers: {},
    services: {},
    jobs: [
      {
        name: 'bench-busy',
        label: { en: 'Synthetic busy job', ar: 'مهمة مشغولة للاختبار' },
        schedule: { everyMs: BUSY_EVERY_MS },
        run: () => {
          const started = performance.now();
          let spin = 0;
          while (performance.now() - started < BUSY_MS) spin += Math.sqrt(spin + 1);
          base.store.transaction(() => base.store.statement(`INSERT OR REPLACE INTO station_meta (key, value) VALUES ('bench_busy', ?)`).run(String(spin)));
        },
      },
    ],
    subscribers: [
      {
        name: 'bench-stage-reader',
        label: { en: 'Stage reader', ar: 'قارئ المراحل' },
        events: ['journey.stage_completed'],
        handle: (event, tx) => {
          counters.stagesDelivered += 1;
          tx.record({ action: 'bench.stage_read', entityType: 'domain_event', entityId: event.id, hospitalId: event.hospitalId });
        },
      },
    ],
  });
}

const logged: string[] = [];
const log = (line: string) => {
  logged.push(line);
  console.error(`station: ${line}`);
};
let rssMaxSampled = process.memoryUsage.rss();
setInterval(() => {
  rssMaxSampled = Math.max(rssMaxSampled, process.memoryUsage.rss());
}, 50).unref();
/** Node reports ru_maxrss in kilobytes. */
const rssPeak = (): number => process.resourceUsage().maxRSS * 1024;

function send(message: ReadyMessage | StatsMessage | ProcessedMessage, then?: () => void): void {
  if (!process.send) throw new Error('his-server runs as a child of a HIS bench, with an IPC channel');
  if (then) process.send(message, () => then());
  else process.send(message);
}

async function stationServer(dataDir: string, background: boolean): Promise<Server> {
  const counters = { stagesDelivered: 0 };
  const running = await startStation({
    dataDir,
    consolePort: 0,
    listenerPort: 0,
    mllpPort: 0,
    serveConsole: false,
    log,
    // one load generator on one address, with far more connections than any HIS keeps
    limits: { listenerConnections: { perAddress: 256 }, mllp: { perAddress: 64 } },
    // without: the intake figures of the listener and its commits alone
    background,
    moreDomains: (base) => [benchWork(base, counters)],
  });
  seedHospitals(running.core);
  const source = addSource(running.core, BENCH_SOURCE, { rateLimitPerMinute: 1_000_000_000 });
  if (!running.listenerUrl) throw new Error('the station started without its HIS listener');
  const core = running.core;
  return {
    ready: { listenerUrl: running.listenerUrl, mllpPort: running.mllpPort, token: source.token, sourceSystem: source.sourceSystem },
    counts: () => {
      const commits = { commits: core.intake.stats.flushes, accepted: core.intake.stats.accepted };
      if (!background) return { ...commits, pending: 0, failed: 0, processed: 0, stagesDelivered: 0 };
      // from counters, not health(): counting a backlog of open events in the database (up to 10,000 a
      // count) inside the window being measured would stall the listener and colour its figures
      const done = core.processor.totals;
      return {
        ...commits,
        pending: Math.max(0, commits.accepted - done.processed - done.failed - done.quarantined),
        failed: done.failed + done.quarantined,
        processed: done.processed,
        stagesDelivered: counters.stagesDelivered,
      };
    },
    close: () => running.close(),
  };
}

interface RawEvent {
  source_system: string;
  external_id: string;
  event_code: string;
  hospital_code: string;
  occurred_at: string;
  encounter?: { id?: string } | null;
}

async function rawServer(dataDir: string, groupCommit: boolean): Promise<Server> {
  const file = path.join(dataDir, 'raw.sqlite');
  // the station's schema, then let go of it: from here on plain better-sqlite3
  (await Store.open(file)).close();
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  const insert = sqlite.prepare(
    `INSERT INTO inbound_events (id, source_system, external_id, format, external_code, hospital_code, encounter_id, occurred_at, received_at, body, raw)
     VALUES (?, ?, ?, 'json', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const store = (text: string, receivedAt: string): string => {
    const event = JSON.parse(text) as RawEvent;
    const id = randomUUID();
    insert.run(
      id,
      event.source_system,
      event.external_id,
      event.event_code,
      event.hospital_code,
      event.encounter?.id ?? null,
      new Date(event.occurred_at).toISOString(),
      receivedAt,
      text,
      text,
    );
    return id;
  };

  let commits = 0;
  let accepted = 0;
  let waiting: { text: string; answer: (id: string | Error) => void }[] = [];
  let scheduled = false;
  const flush = sqlite.transaction((batch: readonly { text: string }[], receivedAt: string) => batch.map(({ text }) => store(text, receivedAt)));
  const flushWaiting = () => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    let ids: string[];
    try {
      ids = flush.immediate(batch, new Date().toISOString());
    } catch (error) {
      for (const w of batch) w.answer(error as Error);
      return;
    }
    commits += 1;
    accepted += batch.length;
    batch.forEach((w, i) => w.answer(ids[i]!));
  };

  const server = http.createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const answer = (id: string | Error) => {
        const failed = id instanceof Error;
        const body = failed ? JSON.stringify({ error: id.message }) : JSON.stringify({ id, status: 'accepted' });
        response.writeHead(failed ? 500 : 202, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      };
      const text = Buffer.concat(parts).toString('utf8');
      if (!groupCommit) {
        try {
          const id = store(text, new Date().toISOString());
          commits += 1;
          accepted += 1;
          answer(id);
        } catch (error) {
          answer(error as Error);
        }
        return;
      }
      waiting.push({ text, answer });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushWaiting);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ready: { listenerUrl: `http://127.0.0.1:${port}/`, mllpPort: null, token: 'unused', sourceSystem: BENCH_SOURCE },
    counts: () => ({ commits, accepted, pending: 0, failed: 0, processed: 0, stagesDelivered: 0 }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sqlite.close();
    },
  };
}

/** The n-th outpatient visit: registered at 10:15, seen by 11:05, a patient of its own. */
function visitEvent(encounter: number, completed: boolean): HisEvent {
  return hisEvent({
    externalId: `V${encounter}-${completed ? 'done' : 'reg'}`,
    code: completed ? 'OPD_VISIT_COMPLETED' : 'OPD_REGISTERED',
    encounterId: `ENC-${encounter}`,
    occurredAt: completed ? '2026-11-23T11:05:00+03:00' : '2026-11-23T10:15:00+03:00',
    mrn: `MRN-${100_000 + encounter}`,
    patient: { phone: '0501234567', national_id: '1012345672', birth_date: '1985-04-12', gender: 'M' },
  });
}

/**
 * Accepts `encounters` visits through the intake queue as the listener would
 * (registrations in blocks of `block`, then their completions, as a clinic
 * day sends them), then drains the queue and reports.
 */
async function processVisits(dataDir: string, encounters: number, block: number): Promise<ProcessedMessage> {
  const core = await StationCore.open(dataDir, log);
  // a core opened without the runner runs no background job: the events wait for the timed drain
  seedHospitals(core);
  addSource(core, 'HIS');
  const rssIdle = process.memoryUsage.rss();

  const acceptStarted = performance.now();
  for (let first = 0; first < encounters; first += block) {
    const visits = Array.from({ length: Math.min(block, encounters - first) }, (_, i) => first + i);
    const events = [...visits.map((e) => visitEvent(e, false)), ...visits.map((e) => visitEvent(e, true))];
    const answers = await Promise.all(events.map((event) => core.intake.submit(intakeItemFromJson(event, JSON.stringify(event), '127.0.0.1'))));
    if (answers.some((a) => a.status !== 'accepted')) throw new Error('an event was not accepted');
  }
  const acceptSeconds = (performance.now() - acceptStarted) / 1000;

  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const summary = core.processor.drain();
  const drainSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);

  const count = (sql: string) => core.store.sqlite.prepare(sql).pluck().get() as number;
  const stored = {
    processed: count(`SELECT count(*) FROM inbound_events WHERE status = 'processed'`),
    journeys: count('SELECT count(*) FROM journey_instances'),
    stagesCompleted: count(`SELECT count(*) FROM journey_stage_instances WHERE status = 'completed'`),
  };
  core.close();
  return {
    type: 'processed',
    events: encounters * 2,
    encounters,
    acceptSeconds,
    drainSeconds,
    drainCpuSeconds: (cpu.user + cpu.system) / 1e6,
    summary,
    stored,
    rssIdle,
    rssMaxSampled: Math.max(rssMaxSampled, process.memoryUsage.rss()),
    rssPeak: rssPeak(),
    logged,
  };
}

async function serve(kind: 'station' | 'raw' | 'raw-group', dataDir: string, background: boolean): Promise<void> {
  const server = kind === 'station' ? await stationServer(dataDir, background) : await rawServer(dataDir, kind === 'raw-group');
  const rssIdle = process.memoryUsage.rss();
  // what keeps a socket waiting: the longest stretches of synchronous work (a job's run, a commit)
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') {
      const rssNow = process.memoryUsage.rss();
      rssMaxSampled = Math.max(rssMaxSampled, rssNow);
      const ms = (ns: number) => ns / 1e6;
      const loopDelay = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
      delay.reset();
      send({ type: 'stats', ...server.counts(), rssNow, rssMaxSampled, rssPeak: rssPeak(), rssIdle, logged, loopDelay });
    } else {
      void server.close().then(() => process.exit(0));
    }
  });
  // the bench gone (crashed, interrupted): do not linger
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', ...server.ready });
}

async function main(): Promise<void> {
  const [kind, dataDir, ...rest] = process.argv.slice(2);
  if (dataDir && kind === 'process') {
    const result = await processVisits(dataDir, Number(rest[0]), Number(rest[1]));
    send(result, () => process.exit(0));
  } else if (dataDir && (kind === 'station' || kind === 'raw' || kind === 'raw-group')) {
    await serve(kind, dataDir, rest[0] === 'background');
  } else {
    throw new Error('usage: his-server station|raw|raw-group <dataDir> [background] | process <dataDir> <encounters> <block>');
  }
}

// a CommonJS bundle: no top-level await
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
