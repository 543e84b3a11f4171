/**
 * From queue to completed stage: accepted HIS events turned into patients,
 * journeys and stage completions by the event processor.
 *
 * In a station process of its own (his-server.ts, bundled and run by plain
 * node as the station ships), ENCOUNTERS outpatient visits at the reference
 * hospital, each an OPD_REGISTERED and later an OPD_VISIT_COMPLETED, are
 * accepted through the intake queue as the listener stores them. A clinic's
 * registrations arrive in blocks of BLOCK and their completions after them,
 * so an encounter's two events land in different processing batches, as on
 * a real day. Then `processor.drain()` is timed until nothing is due. Every
 * event must end processed, every encounter on a journey with its two
 * required stages completed.
 * Target (issue): ≥ 2,000 events/s; the process stays under 300 MB.
 */
import { bundleServer, mb, processInServer } from './his-support.js';
import { formatCount, formatRatio, machineNote, recordResult, scratchDir, verdict } from './support.js';

const BENCH = 'his-processing';
const ENCOUNTERS = 10_000;
const BLOCK = 1_000;
/** OPD_REGISTERED completes REGISTRATION, OPD_VISIT_COMPLETED completes CONSULTATION */
const STAGES_PER_ENCOUNTER = 2;
const TARGET_RATE = 2_000;
const TARGET_RSS_MB = 300;

async function main(): Promise<void> {
  const root = scratchDir('his-processing');
  const bundle = await bundleServer(root);
  console.log(`his-processing bench (${machineNote()})`);
  const r = await processInServer(bundle, root, ENCOUNTERS, BLOCK);
  console.log(
    `${formatCount(r.events)} events accepted for ${formatCount(r.encounters)} outpatient encounters in ${r.acceptSeconds.toFixed(1)} s (registrations in blocks of ${formatCount(BLOCK)}, then their completions)`,
  );

  const rate = r.events / r.drainSeconds;
  const meets = rate >= TARGET_RATE;
  const figure = `${formatCount(rate)} events/s`;
  console.log(
    `${'processing, queue to completed stage:'.padEnd(40)} ${figure}, ${formatCount(r.summary.stagesCompleted / r.drainSeconds)} stages/s (${formatCount(r.events)} events in ${r.drainSeconds.toFixed(1)} s, ${r.drainCpuSeconds.toFixed(1)} s CPU = ${formatRatio(r.drainCpuSeconds / r.drainSeconds)} cores; target ≥ ${formatCount(TARGET_RATE)}: ${verdict(meets)})`,
  );
  recordResult({
    bench: BENCH,
    measure: `queue to completed stage (${formatCount(r.events)} events)`,
    value: figure,
    target: `≥ ${formatCount(TARGET_RATE)} events/s`,
    meets,
  });

  // the kernel's peak covers the synchronous drain, which no timer in the process can sample
  const peak = Math.max(r.rssPeak, r.rssMaxSampled);
  const rssMeets = mb(peak) < TARGET_RSS_MB;
  console.log(
    `${'RSS of the station process:'.padEnd(40)} peak ${formatCount(mb(peak))} MB; ${formatCount(mb(r.rssIdle))} MB before the events (target < ${TARGET_RSS_MB} MB: ${verdict(rssMeets)})`,
  );
  recordResult({
    bench: BENCH,
    measure: 'station RSS, peak (accept + drain)',
    value: `${formatCount(mb(peak))} MB`,
    target: `< ${TARGET_RSS_MB} MB`,
    meets: rssMeets,
  });

  const wrong: string[] = [];
  const { summary, stored } = r;
  const stages = r.encounters * STAGES_PER_ENCOUNTER;
  if (summary.processed !== r.events || summary.failed + summary.quarantined + summary.waiting > 0) wrong.push(`drain summary ${JSON.stringify(summary)}`);
  if (stored.processed !== r.events) wrong.push(`${stored.processed} of ${r.events} events processed`);
  if (stored.journeys !== r.encounters) wrong.push(`${stored.journeys} journeys for ${r.encounters} encounters`);
  if (stored.stagesCompleted !== stages || summary.stagesCompleted !== stages)
    wrong.push(`${stored.stagesCompleted} stages completed (${summary.stagesCompleted} announced), expected ${stages}`);
  if (r.logged.length > 0) wrong.push(`the station logged: ${r.logged.slice(0, 3).join(' | ')}`);
  if (wrong.length > 0) {
    console.error(`${BENCH}: wrong results\n  ${wrong.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
