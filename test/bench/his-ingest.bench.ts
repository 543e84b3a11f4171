/**
 * HIS intake over loopback, the way a hospital's systems load the station:
 * the station runs in a process of its own (test/bench/his-server.ts,
 * bundled and run by plain node as it ships) and the HIS side in another
 * (test/bench/his-load.ts), so neither's CPU or heap counts as the other's.
 * Every event is durable before it is acknowledged (202 or AA only after its
 * COMMIT, synchronous=FULL).
 *
 * - JSON ingest rate, closed loop with CONNECTIONS requests in flight, so
 *   group commit has something to group: the station with its background
 *   jobs stopped (the intake alone) and running (every event processed as
 *   it arrives, the sync job, a subscriber of the stages completed, a
 *   synthetic busy job: see his-server.ts); beside them, in the same run,
 *   two servers of plain node:http + better-sqlite3 inserting into the same
 *   table: one commit a request (the naive durable server), and with group
 *   commit. Rounds of the four take turns, so a noisy neighbour slows all
 *   alike. The station's events per commit come from IntakeQueue.stats.
 * - acknowledgement latency at a steady 1,000 events/s (open loop, measured
 *   from when each request was due): the raw group-commit server, the
 *   station's intake alone, and a fresh station with its background jobs
 *   running;
 * - HL7 MLLP messages/s with AA acknowledgements: connections that wait for
 *   each ACK, and connections that keep a window of messages unacknowledged;
 * - the station processes' RSS throughout (sampled, and the kernel's peak).
 *
 * Processing has its own bench too (his-processing: how fast a backlog
 * drains). Targets (issue): ≥ 5,000 events/s and at least half the raw
 * server's rate; p99 < 25 ms at 1,000 events/s, with the processor and the
 * other jobs running too; ≥ 3,000 MLLP messages/s; RSS < 300 MB. Figures and
 * ratios, never a pass or fail on time: only wrong answers fail the bench.
 */
import path from 'node:path';
import type { LoadConfig, LoadResult } from './his-load.js';
import { BUSY_EVERY_MS, BUSY_MS } from './his-busy.js';
import type { StatsMessage } from './his-server.js';
import { bundleServer, load, mb, ServerProcess } from './his-support.js';
import { formatCount, formatMs, formatRatio, machineNote, percentile, recordResult, scratchDir, verdict } from './support.js';

const BENCH = 'his-ingest';
const ROUNDS = 2;
const WARM_UP_MS = 1_500;
const MEASURE_MS = 5_000;
const CONNECTIONS = 128;
const PACED_RATE = 1_000;
const PACED_MS = 10_000;
const MLLP_VARIANTS = [
  { label: 'MLLP, 16 connections, each waits for its ACK', connections: 16, window: 1 },
  { label: 'MLLP, 4 connections, 32 unacknowledged each', connections: 4, window: 32 },
] as const;

const TARGET_RATE = 5_000;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;
const TARGET_MLLP_RATE = 3_000;
const TARGET_RSS_MB = 300;

/** What went wrong beyond speed: a wrong answer, a failed request, an error the station logged. */
const defects: string[] = [];

interface Measured {
  result: LoadResult;
  /** the server's event-loop delay over the window */
  loopDelay: StatsMessage['loopDelay'];
  commits: number;
  accepted: number;
  /** events processed and stages handed to the subscriber within the window (jobs running only) */
  processed: number;
  stagesDelivered: number;
}

/** Loads with `config`, counting the server's commits (and its processing) over the measured window. */
async function measured(server: ServerProcess, config: LoadConfig): Promise<Measured> {
  let before: Promise<StatsMessage> | null = null;
  const result = await load(config, () => {
    before = server.stats();
  });
  const after = await server.stats();
  const start = await (before ?? Promise.resolve(after));
  if (result.completed === 0 || Object.keys(result.failures).length > 0) {
    defects.push(
      `${server.name} (${config.mode}): ${formatCount(result.completed)} answered, failures ${JSON.stringify(result.failures)}; first: ${result.firstFailure ?? '-'}`,
    );
  }
  return {
    result,
    loopDelay: after.loopDelay,
    commits: after.commits - start.commits,
    accepted: after.accepted - start.accepted,
    processed: after.processed - start.processed,
    stagesDelivered: after.stagesDelivered - start.stagesDelivered,
  };
}

interface Tally {
  completed: number;
  ms: number;
  commits: number;
  accepted: number;
  processed: number;
  clientCpuS: number;
  latencies: number[];
}

const rateOf = (t: Tally): number => t.completed / (t.ms / 1000);
const perCommit = (t: Tally): string => (t.commits === 0 ? '-' : formatRatio(t.accepted / t.commits));

function latencyFigures(latencies: number[]): { p50: number; p99: number; max: number; text: string } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const max = percentile(sorted, 100);
  return { p50, p99, max, text: `p50 ${formatMs(p50)}, p99 ${formatMs(p99)}, max ${formatMs(max)}` };
}

async function throughput(servers: readonly ServerProcess[]): Promise<Map<string, Tally>> {
  const tallies = new Map<string, Tally>(
    servers.map((s) => [s.name, { completed: 0, ms: 0, commits: 0, accepted: 0, processed: 0, clientCpuS: 0, latencies: [] }]),
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const server of servers) {
      const { result, commits, accepted, processed } = await measured(server, {
        mode: 'json',
        url: server.ready.listenerUrl,
        token: server.ready.token,
        sourceSystem: server.ready.sourceSystem,
        prefix: `R${round}`,
        connections: CONNECTIONS,
        warmupMs: WARM_UP_MS,
        durationMs: MEASURE_MS,
      });
      const tally = tallies.get(server.name)!;
      tally.completed += result.completed;
      tally.ms += result.measuredMs;
      tally.commits += commits;
      tally.accepted += accepted;
      tally.processed += processed;
      tally.clientCpuS += result.clientCpuS;
      tally.latencies.push(...result.latenciesMs);
      const seconds = result.measuredMs / 1000;
      const processing = server.background ? `, ${formatCount(processed / seconds)} processed/s meanwhile` : '';
      console.log(
        `  round ${round + 1}, ${server.name.padEnd(22)} ${formatCount(result.completed / seconds).padStart(7)} events/s, ${commits === 0 ? '-' : formatRatio(accepted / commits)} events a commit${processing} (load generator CPU ${formatRatio(result.clientCpuS / seconds)} cores)`,
      );
    }
  }
  return tallies;
}

function reportThroughput(tallies: Map<string, Tally>, station: ServerProcess, withJobs: ServerProcess): void {
  const alone = tallies.get(station.name)!;
  const busy = tallies.get(withJobs.name)!;
  const raw = tallies.get('raw')!;
  const rawGroup = tallies.get('raw-group')!;
  const line = (label: string, t: Tally) =>
    `${`${label}:`.padEnd(52)} ${formatCount(rateOf(t))} events/s, ${perCommit(t)} events a commit, latency ${latencyFigures(t.latencies).text}`;

  for (const [label, t] of [
    ['raw node:http + SQLite, one commit a request', raw],
    ['raw node:http + SQLite, group commit', rawGroup],
  ] as const) {
    console.log(line(label, t));
    recordResult({
      bench: BENCH,
      measure: `${label} (${CONNECTIONS} in flight)`,
      value: `${formatCount(rateOf(t))} events/s`,
      target: '(baseline)',
      meets: null,
    });
  }
  const meets = rateOf(alone) >= TARGET_RATE;
  console.log(`${line(`station JSON ingest, jobs stopped (${CONNECTIONS} in flight)`, alone)} (target ≥ ${formatCount(TARGET_RATE)}: ${verdict(meets)})`);
  recordResult({
    bench: BENCH,
    measure: `JSON ingest, durable, jobs stopped (${CONNECTIONS} in flight)`,
    value: `${formatCount(rateOf(alone))} events/s, ${perCommit(alone)} a commit`,
    target: `≥ ${formatCount(TARGET_RATE)} events/s`,
    meets,
  });
  const processedRate = busy.processed / (busy.ms / 1000);
  console.log(`${line(`station JSON ingest, jobs running (${CONNECTIONS} in flight)`, busy)}; ${formatCount(processedRate)} events processed/s meanwhile`);
  recordResult({
    bench: BENCH,
    measure: `JSON ingest, durable, processing and other jobs running (${CONNECTIONS} in flight)`,
    value: `${formatCount(rateOf(busy))} events/s (${formatCount(processedRate)} processed/s meanwhile)`,
    target: '(beside jobs stopped)',
    meets: null,
  });
  const onOff = rateOf(busy) / rateOf(alone);
  console.log(`${'station with jobs running / jobs stopped:'.padEnd(52)} ${formatRatio(onOff)}`);
  recordResult({ bench: BENCH, measure: 'JSON ingest, jobs running / jobs stopped', value: `${formatRatio(onOff)} ×`, target: '(information)', meets: null });
  for (const [label, baseline] of [
    ['one commit a request', raw],
    ['group commit', rawGroup],
  ] as const) {
    const ratio = rateOf(alone) / rateOf(baseline);
    const ok = ratio >= TARGET_RATIO;
    const busyRatio = rateOf(busy) / rateOf(baseline);
    console.log(
      `${`station / raw (${label}):`.padEnd(52)} ${formatRatio(ratio)} jobs stopped, ${formatRatio(busyRatio)} jobs running (target ≥ ${formatRatio(TARGET_RATIO)}: ${verdict(ok)})`,
    );
    recordResult({
      bench: BENCH,
      measure: `JSON ingest / raw, ${label}`,
      value: `${formatRatio(ratio)} × raw (${formatRatio(busyRatio)} × with jobs running)`,
      target: `≥ ${formatRatio(TARGET_RATIO)} × raw`,
      meets: ok,
    });
  }
}

/** `baseline`: a raw server's figure, shown beside the station's without a target. */
async function pacedLatency(server: ServerProcess, label: string, baseline = false): Promise<void> {
  const { result, processed, stagesDelivered, loopDelay } = await measured(server, {
    mode: 'json-paced',
    url: server.ready.listenerUrl,
    token: server.ready.token,
    sourceSystem: server.ready.sourceSystem,
    prefix: 'P',
    rate: PACED_RATE,
    maxSockets: 64,
    warmupMs: WARM_UP_MS,
    durationMs: PACED_MS,
  });
  const after = await server.stats();
  const figures = latencyFigures(result.latenciesMs);
  const meets = figures.p99 < TARGET_P99_MS;
  const seconds = result.measuredMs / 1000;
  const backlog = server.background
    ? `; ${formatCount(processed / seconds)} processed/s and ${formatCount(stagesDelivered / seconds)} stages delivered/s meanwhile, ${formatCount(after.pending)} left to process at the end`
    : '';
  const loop = baseline ? '' : `; event-loop delay p99 ${formatMs(loopDelay.p99)}, max ${formatMs(loopDelay.max)}`;
  if (after.failed > 0) defects.push(`${label}: ${formatCount(after.failed)} events failed processing`);
  const target = baseline ? '' : ` (target p99 < ${TARGET_P99_MS} ms: ${verdict(meets)})`;
  console.log(
    `${`ack latency at ${formatCount(PACED_RATE)}/s, ${label}:`.padEnd(52)} ${figures.text} over ${formatCount(result.completed)} events${backlog}${loop}${target}`,
  );
  recordResult({
    bench: BENCH,
    measure: `ack latency at ${formatCount(PACED_RATE)}/s, ${label}`,
    value: figures.text,
    target: baseline ? '(baseline)' : `p99 < ${TARGET_P99_MS} ms`,
    meets: baseline ? null : meets,
  });
}

async function mllpRate(server: ServerProcess): Promise<void> {
  if (server.ready.mllpPort === null) throw new Error('the station started without its MLLP server');
  for (const variant of MLLP_VARIANTS) {
    const { result, commits, accepted } = await measured(server, {
      mode: 'mllp',
      port: server.ready.mllpPort,
      sourceSystem: server.ready.sourceSystem,
      prefix: `M${variant.connections}`,
      connections: variant.connections,
      window: variant.window,
      warmupMs: WARM_UP_MS,
      durationMs: MEASURE_MS,
    });
    const rate = result.completed / (result.measuredMs / 1000);
    const meets = rate >= TARGET_MLLP_RATE;
    const figures = latencyFigures(result.latenciesMs);
    console.log(
      `${`${variant.label}:`.padEnd(52)} ${formatCount(rate)} messages/s (AA), ${commits === 0 ? '-' : formatRatio(accepted / commits)} a commit, latency ${figures.text} (target ≥ ${formatCount(TARGET_MLLP_RATE)}: ${verdict(meets)})`,
    );
    recordResult({
      bench: BENCH,
      measure: variant.label,
      value: `${formatCount(rate)} messages/s`,
      target: `≥ ${formatCount(TARGET_MLLP_RATE)} messages/s`,
      meets,
    });
  }
}

function reportMemory(stations: readonly StatsMessage[]): void {
  const sampled = Math.max(...stations.map((s) => s.rssMaxSampled));
  const peak = Math.max(...stations.map((s) => s.rssPeak));
  const idle = Math.max(...stations.map((s) => s.rssIdle));
  const meets = mb(Math.max(sampled, peak)) < TARGET_RSS_MB;
  console.log(
    `${'station RSS:'.padEnd(52)} max sampled ${formatCount(mb(sampled))} MB, kernel peak ${formatCount(mb(peak))} MB; ${formatCount(mb(idle))} MB when started, before any load (target < ${TARGET_RSS_MB} MB: ${verdict(meets)})`,
  );
  recordResult({
    bench: BENCH,
    measure: 'station RSS, max over the run',
    value: `${formatCount(mb(Math.max(sampled, peak)))} MB`,
    target: `< ${TARGET_RSS_MB} MB`,
    meets,
  });
  for (const s of stations) if (s.logged.length > 0) defects.push(`the station logged: ${s.logged.slice(0, 3).join(' | ')}`);
}

async function main(): Promise<void> {
  const root = scratchDir('his-ingest');
  const bundle = await bundleServer(root);
  console.log(`his-ingest bench (${machineNote()})`);
  console.log(
    `servers (bundled, plain node) and load generator in separate processes; ${ROUNDS} rounds of ${MEASURE_MS / 1000} s a server after ${WARM_UP_MS / 1000} s warm-up, ${CONNECTIONS} keep-alive connections, one event a request`,
  );
  console.log(
    `"jobs running": the scheduler on (every event processed as it arrives, sync, a subscriber writing per stage completed, a synthetic job holding the event loop ${BUSY_MS} ms every ${BUSY_EVERY_MS} ms)`,
  );
  const station = await ServerProcess.start(bundle, 'station', path.join(root, 'station'));
  const withJobs = await ServerProcess.start(bundle, 'station', path.join(root, 'station-jobs'), true);
  const raw = await ServerProcess.start(bundle, 'raw', path.join(root, 'raw'));
  const rawGroup = await ServerProcess.start(bundle, 'raw-group', path.join(root, 'raw-group'));
  const tallies = await throughput([station, withJobs, raw, rawGroup]);
  await raw.close();
  const withJobsStats = await withJobs.stats();
  await withJobs.close();
  reportThroughput(tallies, station, withJobs);
  await pacedLatency(rawGroup, 'raw, group commit', true);
  await rawGroup.close();

  await mllpRate(station);
  await pacedLatency(station, 'intake alone (jobs stopped)');
  const stationStats = await station.stats();
  await station.close();

  // As a station runs: every accepted event processed into patients and journeys in the same process, beside the other jobs.
  const processing = await ServerProcess.start(bundle, 'station', path.join(root, 'station-processing'), true);
  await pacedLatency(processing, 'processor and other jobs running');
  const processingStats = await processing.stats();
  await processing.close();
  reportMemory([stationStats, withJobsStats, processingStats]);

  if (defects.length > 0) {
    console.error(`${BENCH}: wrong results\n  ${defects.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
