/**
 * External complaint intake on the listener, per second, against the HIS
 * event intake of the same station in the same run (issue 12): the
 * hospital's website posting complaints (`POST /api/v1/complaints`, each
 * filed whole — number, record, timeline entry, audit — and committed
 * before 202) and a HIS posting events (`POST /api/v1/events`, each stored
 * durably before 202, processed later in the background). Same body sizes
 * within a few hundred bytes, same keep-alive connections, same
 * concurrency; the clients run in this process, for both alike. The two
 * kinds take turns in rounds, each after the events' background
 * processing has drained.
 */
import path from 'node:path';
import { startStation } from '../../src-main/runner/station-runner.js';
import { ListenerClient } from '../fixtures/his-clients.js';
import { addSource, hisEvent, seedHospitals } from '../fixtures/his-reference.js';
import { formatCount, formatRatio, machineNote, recordResult, scratchDir } from './support.js';

const POSTS = 3_000;
const WARM_UP = 200;
const CONCURRENCY = 16;
/** Each kind is posted in rounds, in turn, each round after the background work of the one before has drained. */
const ROUNDS = 3;

async function postAll(count: number, post: (i: number) => Promise<number>): Promise<number> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) if ((await post(i)) !== 202) failed += 1;
    }),
  );
  if (failed > 0) throw new Error(`${failed} of ${count} posts were not answered 202`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  console.log(`complaint-intake bench: ${formatCount(POSTS)} posts of each kind, ${CONCURRENCY} at a time (${machineNote()})`);
  const dataDir = path.join(scratchDir('complaint-intake'), 'station');
  const running = await startStation({ dataDir, consolePort: 0, listenerPort: 0, mllpPort: 0, serveConsole: false, log: () => {} });
  const client = new ListenerClient(running.listenerUrl!, { maxSockets: CONCURRENCY });
  try {
    seedHospitals(running.core);
    const his = addSource(running.core, 'HIS', { rateLimitPerMinute: 1_000_000 });
    const website = addSource(running.core, 'WEBSITE', { rateLimitPerMinute: 1_000_000 });
    const event = (i: number, prefix: string) =>
      JSON.stringify(hisEvent({ externalId: `${prefix}-${i}`, code: 'OPD_REGISTERED', encounterId: `ENC-${prefix}-${i}`, mrn: `MRN-${prefix}-${i}` }));
    const complaint = (i: number, prefix: string) =>
      JSON.stringify({
        source_system: 'WEBSITE',
        external_id: `${prefix}-${i}`,
        hospital_code: 'OLAYA',
        channel: 'web',
        description: 'انتظرت ثلاث ساعات في عيادة القلب دون أن يخبرني أحد بسبب التأخير، وأرجو متابعة الأمر.',
        department_code: 'CARD',
        patient: { mrn: `MRN-W-${i}`, name_ar: 'سارة الحربي', phone: '0551234567' },
      });
    const postEvent = (prefix: string) => async (i: number) =>
      (await client.post('/api/v1/events', event(i, prefix), { authorization: `Bearer ${his.token}` })).status;
    const postComplaint = (prefix: string) => async (i: number) =>
      (await client.post('/api/v1/complaints', complaint(i, prefix), { authorization: `Bearer ${website.token}` })).status;

    // the events a round accepted are processed in the background afterwards (journeys, surveys): the next round,
    // of either kind, starts once they are, so neither kind is measured while the other's work is still running
    const pending = running.core.store.sqlite.prepare("SELECT count(*) FROM inbound_events WHERE status = 'pending'").pluck();
    const drained = async () => {
      for (let waited = 0; (pending.get() as number) > 0 && waited < 120_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await postAll(WARM_UP, postEvent('warm'));
    await drained();
    await postAll(WARM_UP, postComplaint('warm'));
    let eventsMs = 0;
    let complaintsMs = 0;
    const perRound = POSTS / ROUNDS;
    for (let round = 0; round < ROUNDS; round += 1) {
      const offset = round * perRound;
      await drained();
      eventsMs += await postAll(perRound, (i) => postEvent('run')(offset + i));
      await drained();
      complaintsMs += await postAll(perRound, (i) => postComplaint('run')(offset + i));
    }
    const filed = running.core.store.sqlite.prepare(`SELECT count(*) FROM complaints WHERE external_id LIKE 'run-%'`).pluck().get() as number;
    if (filed !== POSTS) throw new Error(`expected ${POSTS} complaints filed, found ${filed}`);

    const eventRate = POSTS / (eventsMs / 1000);
    const complaintRate = POSTS / (complaintsMs / 1000);
    console.log(`HIS events (POST /api/v1/events): ${formatCount(eventRate)}/s`);
    console.log(`complaints (POST /api/v1/complaints): ${formatCount(complaintRate)}/s, ratio ${formatRatio(complaintRate / eventRate)} × the HIS intake`);
    recordResult({ bench: 'complaint-intake', measure: 'HIS events', value: `${formatCount(eventRate)}/s`, target: '(baseline)', meets: null });
    recordResult({
      bench: 'complaint-intake',
      measure: 'complaints filed',
      value: `${formatCount(complaintRate)}/s, ${formatRatio(complaintRate / eventRate)} × HIS intake`,
      target: '(compared)',
      meets: null,
    });
  } finally {
    client.close();
    await running.close();
  }
}

await main();
