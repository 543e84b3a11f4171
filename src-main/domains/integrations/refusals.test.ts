import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE } from './refusals.js';

/**
 * A listener's refusals go to the audit log, but an address refused over
 * and over must not become a stream of durable writes: past its budget the
 * refusals are counted, and the count is written with its next entry.
 */
let h: DomainHarness;
let khobarId: string;

const entries = () =>
  (
    h.core.store.sqlite.prepare(`SELECT actor_name, hospital_id, after_json FROM audit_log WHERE action = 'integration.refused' ORDER BY seq`).all() as {
      actor_name: string;
      hospital_id: string | null;
      after_json: string;
    }[]
  ).map((row) => ({ ...row, after: JSON.parse(row.after_json) as Record<string, unknown> }));

beforeAll(async () => {
  h = await DomainHarness.open();
  khobarId = h.hospital('KHOBAR').id;
});

afterAll(() => h?.close());

describe('refusals in the audit log', () => {
  it("names the sender's address and source, and lands in the named hospital's trail", () => {
    h.core.refusals.record({
      channel: 'mllp',
      peer: '10.1.2.3',
      reason: 'error.hospital_not_bound',
      source: { id: 'source-1', sourceSystem: 'OLAYA-HIS' },
      hospitalCode: 'khobar',
      externalId: 'MSG-1',
    });
    expect(entries().at(-1)).toMatchObject({
      actor_name: 'integration:OLAYA-HIS (10.1.2.3)',
      hospital_id: khobarId,
      after: { channel: 'mllp', peer: '10.1.2.3', reason: 'error.hospital_not_bound', sourceSystem: 'OLAYA-HIS', hospitalCode: 'KHOBAR', externalId: 'MSG-1' },
    });
  });

  it('records an address a bounded number of times a minute, then the count of those it left out', () => {
    const before = entries().length;
    const now = Date.now();
    const extra = 7;
    for (let i = 0; i < REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE + extra; i += 1)
      h.core.refusals.record({ channel: 'json', peer: '10.9.9.9', reason: 'error.bad_token' }, now);
    expect(entries().length - before).toBe(REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE);
    // another address is not held back by this one's budget
    h.core.refusals.record({ channel: 'json', peer: '10.8.8.8', reason: 'error.bad_token' }, now);
    expect(entries().at(-1)?.after.peer).toBe('10.8.8.8');
    // a minute later the address is recorded again, with what was left out
    h.core.refusals.record({ channel: 'json', peer: '10.9.9.9', reason: 'error.bad_token' }, now + 60_000);
    expect(entries().at(-1)).toMatchObject({ actor_name: 'listener (10.9.9.9)', after: { unrecordedBefore: extra } });
  });
});
