import fs from 'node:fs';
import { SLA_EMAIL_JOB, SLA_JOB } from '../../src-main/domains/sla/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StationHealth, stationHealthSchema } from '../../src-shared/contract/index.js';
import { defineDomain } from '../../src-main/core/domain.js';
import { PROCESS_EVENTS_JOB } from '../../src-main/domains/integrations/index.js';
import { type RunningStation, startStation } from '../../src-main/runner/station-runner.js';
import { SYNC_JOB } from '../../src-main/sync/index.js';
import { ListenerClient } from '../fixtures/his-clients.js';
import { addSource, hisEvent, type IssuedSource, seedHospitals } from '../fixtures/his-reference.js';
import { call, eventually, PxOffice } from '../fixtures/his-station.js';
import { tempDataDir } from '../fixtures/station.js';

/*
 * One /health on both ports, with real sockets: the console port and the
 * HIS listener port answer the same document, and it lists the background
 * jobs and the domain-event subscribers. A station whose one job fails at
 * every run goes on processing HIS events and answering; a subscriber of
 * `journey.stage_completed` gets the stages the processor completes.
 */

let station: RunningStation;
let dataDir: string;
let listener: ListenerClient;
let consoleClient: ListenerClient;
let his: IssuedSource;
let office: PxOffice;
const stagesSeen: string[] = [];
const logs: string[] = [];

beforeAll(async () => {
  dataDir = tempDataDir('px360-jobs-');
  station = await startStation({
    dataDir,
    consolePort: 0,
    listenerPort: 0,
    mllpPort: 0,
    log: (line) => logs.push(line),
    moreDomains: () => [
      defineDomain({
        name: 'testbed',
        calls: {},
        handlers: {},
        services: {},
        jobs: [
          {
            name: 'always-broken',
            label: { en: 'Always broken', ar: 'معطلة دائماً' },
            schedule: { everyMs: 20 },
            run: () => {
              throw new Error('broken on purpose');
            },
          },
        ],
        subscribers: [
          {
            name: 'stage-watcher',
            label: { en: 'Stage watcher', ar: 'مراقب المراحل' },
            events: ['journey.stage_completed'],
            handle: (event) => void stagesSeen.push(String(event.payload.stageCode)),
          },
        ],
      }),
    ],
  });
  seedHospitals(station.core);
  his = addSource(station.core, 'HIS');
  office = await PxOffice.signIn(station.core);
  listener = new ListenerClient(station.listenerUrl!);
  consoleClient = new ListenerClient(station.consoleUrl!);
});

afterAll(async () => {
  listener?.close();
  consoleClient?.close();
  await station?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function health(client: ListenerClient): Promise<StationHealth> {
  const answer = await client.request('GET', '/health', null);
  expect(answer.status, answer.text).toBe(200);
  return stationHealthSchema.parse(answer.json);
}

/** What does not move between two reads a few milliseconds apart. */
function stable(document: StationHealth) {
  return {
    ...document,
    jobs: document.jobs.map(({ name, domain, label, schedule }) => ({ name, domain, label, schedule })),
    subscribers: document.subscribers.map(({ name, domain, label, events, job }) => ({ name, domain, label, events, job })),
  };
}

describe('/health', () => {
  it('is one document on the console port and the listener port: database, queue, last sync, version, jobs and subscribers', async () => {
    const [fromConsole, fromListener] = [await health(consoleClient), await health(listener)];
    expect(stable(fromConsole)).toEqual(stable(fromListener));
    expect(fromConsole).toMatchObject({ status: 'ok', database: 'ok', stationId: station.stationId, lastSync: null, version: expect.any(String) });
    expect(fromConsole.jobs.map((j) => j.name)).toEqual([
      'surveys.send',
      'surveys.reminders',
      'surveys.negative',
      SLA_JOB,
      SLA_EMAIL_JOB,
      PROCESS_EVENTS_JOB,
      SYNC_JOB,
      'always-broken',
      'events:surveys.stage-completed',
      'events:actions.negative-survey',
      'events:stage-watcher',
    ]);
    // the SLA engine: node-cron, every minute
    expect(fromConsole.jobs.find((j) => j.name === SLA_JOB)).toMatchObject({ domain: 'sla', schedule: { kind: 'cron', expression: '* * * * *' } });
    expect(fromConsole.jobs.find((j) => j.name === PROCESS_EVENTS_JOB)).toMatchObject({
      domain: 'integrations',
      label: { en: 'Process HIS events', ar: expect.any(String) },
      schedule: { kind: 'every', ms: 1000 },
      running: expect.any(Boolean),
      lastOutcome: 'ok',
      lastStartedAt: expect.any(String),
      lastDurationMs: expect.any(Number),
      nextRunAt: expect.any(String),
    });
    // not enrolled: the sync job ran once and waits for an enrolment
    expect(fromConsole.jobs.find((j) => j.name === SYNC_JOB)).toMatchObject({ lastOutcome: 'ok', runs: 1, nextRunAt: null, lastError: null });
    expect(fromConsole.subscribers).toEqual([
      expect.objectContaining({ name: 'surveys.stage-completed', job: 'events:surveys.stage-completed', failing: false }),
      expect.objectContaining({ name: 'actions.negative-survey', domain: 'actions', job: 'events:actions.negative-survey', failing: false }),
      expect.objectContaining({ name: 'stage-watcher', job: 'events:stage-watcher', cursor: 0, lag: 0, failing: false }),
    ]);
  });

  it('shows a job that fails at every run, while the station goes on processing and answering', async () => {
    await eventually(async () => expect((await health(listener)).jobs.find((j) => j.name === 'always-broken')!.failures).toBeGreaterThanOrEqual(3));
    const broken = (await health(consoleClient)).jobs.find((j) => j.name === 'always-broken')!;
    expect(broken).toMatchObject({ lastOutcome: 'failed', lastError: { code: 'Error', key: 'job.failed', message: { en: expect.any(String) } } });
    expect(JSON.stringify(broken)).not.toContain('on purpose');
    expect(logs.some((line) => line.startsWith('job always-broken: run failed (Error)') && line.includes('on purpose'))).toBe(true);

    for (const [externalId, code] of [
      ['J-1', 'OPD_REGISTERED'],
      ['J-2', 'OPD_VISIT_COMPLETED'],
    ] as const) {
      const answer = await listener.postEvent(his.token, hisEvent({ externalId, code, encounterId: 'ENC-JOBS' }));
      expect(answer.status, answer.text).toBe(202);
    }
    // the processor turned them into journey stages, published through the domain-event helper, read by the subscriber
    await eventually(() => expect(stagesSeen.length).toBeGreaterThanOrEqual(2));
    const after = await health(listener);
    expect(after.queue).toEqual({ pending: 0, failed: 0, quarantined: 0 });
    expect(after.subscribers[0]).toMatchObject({ lag: 0, delivered: stagesSeen.length, failing: false });
    expect(after.jobs.find((j) => j.name === PROCESS_EVENTS_JOB)!.runs).toBeGreaterThan(1);
  });
});

describe('Administration → Jobs through the console API', () => {
  it('lists the same jobs, and a run asked for is audited and runs', async () => {
    const listed = await call(station.core, 'jobs.list', {}, office.token);
    expect(listed.jobs.map((j) => j.name)).toEqual((await health(consoleClient)).jobs.map((j) => j.name));
    const runsBefore = listed.jobs.find((j) => j.name === SYNC_JOB)!.runs;
    await call(station.core, 'jobs.runNow', { name: SYNC_JOB }, office.token);
    await eventually(async () =>
      expect((await call(station.core, 'jobs.list', {}, office.token)).jobs.find((j) => j.name === SYNC_JOB)!.runs).toBe(runsBefore + 1),
    );
    const audited = station.core.store.sqlite
      .prepare(`SELECT actor_name, entity_id FROM audit_log WHERE action = 'job.run_requested' ORDER BY seq DESC LIMIT 1`)
      .get();
    expect(audited).toEqual({ actor_name: 'px.admin', entity_id: SYNC_JOB });
    await expect(call(station.core, 'jobs.runNow', { name: 'no-such-job' }, office.token)).rejects.toMatchObject({ status: 404 });
  });
});
