import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainHarness } from '../../test/harness/domain-harness.js';
import { SYSTEM_ACTOR } from './audit-log.js';
import { subscriberJobName } from './domain-events.js';
import { defineDomain, type DomainEventRecord, type StationBase, type SubscriberDefinition } from './domain.js';
import { StationCore } from './station.js';

/**
 * Domain-event subscribers on a real station core with its scheduler
 * running: each reads from its own cursor, in order, at least once; one
 * that fails is retried with backoff and shown, and holds back nobody else;
 * one that is slow holds back nobody else; a restart delivers from the
 * cursor. The subscribers here write audit entries through the data layer,
 * so "delivered exactly once in effect" is a count of rows.
 */

const TYPE = 'test.happened';
const label = (name: string) => ({ en: name, ar: name });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean): Promise<void> {
  while (!done()) await sleep(5);
}

/** Writes an audit entry per delivered event: the subscriber's own effect, in the cursor's transaction. */
function recording(name: string, events: readonly string[] = [TYPE], fail: (event: DomainEventRecord) => boolean = () => false): SubscriberDefinition {
  return {
    name,
    label: label(name),
    events,
    handle: (event, tx) => {
      tx.record({ action: `test.${name}`, entityType: 'domain_event', entityId: event.id, hospitalId: null, after: { n: event.payload.n } });
      // thrown after the write: the savepoint must take the write back with it
      if (fail(event)) throw new Error(`cannot handle event ${String(event.payload.n)} for Layla Alshehri`);
    },
  };
}

function testbed(subscribers: readonly SubscriberDefinition[]) {
  return (_base: StationBase) => [defineDomain({ name: 'testbed', calls: {}, handlers: {}, services: {}, subscribers })];
}

const opened: { core: StationCore; dataDir: string }[] = [];
let harness: DomainHarness | null = null;

async function station(subscribers: readonly SubscriberDefinition[]): Promise<StationCore> {
  harness = await DomainHarness.open({ moreDomains: testbed(subscribers), eventBackoffBaseMs: 20 });
  return harness.core;
}

afterEach(async () => {
  for (const { core } of opened.splice(0)) {
    await core.scheduler.stop();
    core.close();
  }
  if (harness) {
    await harness.core.scheduler.stop();
    harness.close();
    harness = null;
  }
});

function publish(core: StationCore, n: number, type = TYPE): DomainEventRecord {
  return core.data.write(SYSTEM_ACTOR, (tx) => core.events.publish(tx, { type, hospitalId: null, payload: { n } }));
}

/** The `n` of each event a subscriber's audit entries record, in the order they were written. */
function handled(core: StationCore, name: string): number[] {
  const rows = core.store.sqlite.prepare('SELECT after_json FROM audit_log WHERE action = ? ORDER BY seq').pluck().all(`test.${name}`) as string[];
  return rows.map((row) => (JSON.parse(row) as { n: number }).n);
}

const subscriber = (core: StationCore, name: string) => core.events.status().find((s) => s.name === name)!;

describe('a failing subscriber and a slow one', () => {
  it('hold back nobody else; the failing one is shown, retried with backoff, and once it works gets every event once, in order', async () => {
    let broken = true;
    const slowSeen: number[] = [];
    const core = await station([
      recording('ledger'),
      recording('flaky', [TYPE], (event) => broken && event.payload.n === 3),
      {
        name: 'slow',
        label: label('slow'),
        events: [TYPE],
        deliver: async (event) => {
          await sleep(150);
          slowSeen.push(event.payload.n as number);
        },
      },
    ]);
    const published = [1, 2, 3, 4, 5].map((n) => publish(core, n));
    core.scheduler.start();

    // the ledger has everything long before the slow one has its second
    await until(() => handled(core, 'ledger').length === 5);
    expect(slowSeen.length).toBeLessThan(2);
    expect(subscriber(core, 'ledger')).toMatchObject({ cursor: published[4]!.seq, lag: 0, delivered: 5, failing: false });

    // the flaky one took 1 and 2, is stuck on 3, and says so (without the error's text)
    await until(() => subscriber(core, 'flaky').failures >= 2);
    expect(handled(core, 'flaky')).toEqual([1, 2]);
    const stuck = subscriber(core, 'flaky');
    expect(stuck).toMatchObject({
      cursor: published[1]!.seq,
      lag: 3,
      failing: true,
      failingSeq: published[2]!.seq,
      lastError: { code: 'Error', key: 'job.delivery_failed', message: { en: expect.stringMatching(/later events wait/) } },
      nextAttemptAt: expect.any(String),
    });
    expect(JSON.stringify(core.health())).not.toContain('Layla');
    expect(core.scheduler.status(subscriberJobName('flaky'))).toMatchObject({ lastOutcome: 'failed', lastError: { key: 'job.delivery_failed' } });
    // the station's own subscribers (surveys) are there too; these are the test's
    const mine = core.health().subscribers.filter((s) => ['ledger', 'flaky', 'slow'].includes(s.name));
    expect(mine.map((s) => [s.name, s.failing])).toEqual([
      ['ledger', false],
      ['flaky', true],
      ['slow', false],
    ]);

    // mended: delivered at its next attempt, none skipped, none twice
    broken = false;
    await until(() => subscriber(core, 'flaky').lag === 0);
    expect(handled(core, 'flaky')).toEqual([1, 2, 3, 4, 5]);
    expect(subscriber(core, 'flaky')).toMatchObject({ failing: false, failures: 0, failingSeq: null, nextAttemptAt: null, delivered: 5 });
    // the last error stays for the record
    expect(subscriber(core, 'flaky').lastError).toMatchObject({ key: 'job.delivery_failed' });

    await until(() => slowSeen.length === 5);
    expect(slowSeen).toEqual([1, 2, 3, 4, 5]);
    expect(handled(core, 'ledger')).toEqual([1, 2, 3, 4, 5]);
  });

  it('a publish wakes only the readers of its type, and a rolled-back publish delivers nothing', async () => {
    const core = await station([recording('ledger'), recording('other', ['test.other'])]);
    core.scheduler.start();
    publish(core, 1);
    publish(core, 2, 'test.other');
    expect(() =>
      core.data.write(SYSTEM_ACTOR, (tx) => {
        core.events.publish(tx, { type: TYPE, hospitalId: null, payload: { n: 99 } });
        throw new Error('the cause did not happen');
      }),
    ).toThrow('the cause did not happen');
    publish(core, 3);
    await until(() => handled(core, 'ledger').length === 2 && handled(core, 'other').length === 1);
    await sleep(30);
    expect(handled(core, 'ledger')).toEqual([1, 3]);
    expect(handled(core, 'other')).toEqual([2]);
  });

  it('a failing one waiting out its backoff is tried at once when a person asks', async () => {
    let broken = true;
    const core = await station([recording('flaky', [TYPE], () => broken)]);
    // a long first backoff: only the person's request can bring the retry forward
    core.data.write(SYSTEM_ACTOR, (tx) => core.events.publish(tx, { type: TYPE, hospitalId: null, payload: { n: 1 } }));
    await core.scheduler.runNow(subscriberJobName('flaky'));
    expect(subscriber(core, 'flaky')).toMatchObject({ failing: true, failures: 1 });
    broken = false;
    await core.scheduler.runNow(subscriberJobName('flaky'));
    expect(subscriber(core, 'flaky')).toMatchObject({ failing: false, lag: 0 });
    expect(handled(core, 'flaky')).toEqual([1]);
  });
});

describe('after a restart', () => {
  it('delivers from the cursor: what was delivered is not delivered again, what came after is', async () => {
    const subscribers = [recording('ledger')];
    const first = await station(subscribers);
    const dataDir = harness!.dataDir;
    first.scheduler.start();
    for (const n of [1, 2, 3]) publish(first, n);
    await until(() => handled(first, 'ledger').length === 3);
    await first.scheduler.stop();
    // published while nothing delivers (the station stopping, or a command beside it)
    for (const n of [4, 5]) publish(first, n);
    expect(subscriber(first, 'ledger')).toMatchObject({ lag: 2 });
    first.close();
    harness = null;

    const second = await StationCore.open(dataDir, () => {}, { moreDomains: testbed(subscribers) });
    opened.push({ core: second, dataDir });
    second.scheduler.start();
    await until(() => handled(second, 'ledger').length === 5);
    await sleep(30);
    expect(handled(second, 'ledger')).toEqual([1, 2, 3, 4, 5]);
    expect(subscriber(second, 'ledger')).toMatchObject({ lag: 0, delivered: 5 });
    await second.scheduler.stop();
    second.close();
    opened.splice(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
