import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationSource } from '../../../src-shared/contract/index.js';
import { CallFailed, DomainHarness } from '../../../test/harness/domain-harness.js';
import type { Caller } from '../../core/context.js';

/**
 * Sources are bound to hospitals, and so is who manages them: a hospital's
 * administrator sees, adds, changes, rotates and disables only the sources
 * bound to exactly their hospital; a shared feed (several hospitals) and a
 * source bound to none yet are the group's. Through the real dispatcher, as
 * the console calls it.
 */
let h: DomainHarness;
let group: Caller;
let olayaAdmin: Caller;
let unplacedAdmin: Caller;
const sources: Record<'olaya' | 'khobar' | 'shared' | 'unbound', IntegrationSource> = {} as never;

const row = (id: string) => h.core.store.sqlite.prepare('SELECT * FROM integration_sources WHERE id = ?').get(id);
const count = (table: string) => h.core.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const lastAudit = () =>
  h.core.store.sqlite.prepare('SELECT action, actor_name, after_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
    action: string;
    actor_name: string;
    after_json: string;
  };

async function refused(caller: Caller, name: Parameters<DomainHarness['status']>[1], input: unknown): Promise<CallFailed> {
  const result = await h.core.dispatcher.dispatchAs(caller, name, input);
  if (result.ok) throw new Error(`${name} was allowed`);
  return new CallFailed(result.status, result.body);
}

beforeAll(async () => {
  h = await DomainHarness.open();
  const olaya = h.hospital('OLAYA');
  h.hospital('KHOBAR');
  group = h.as('px_admin');
  olayaAdmin = h.as('hospital_admin', { hospitalId: olaya.id });
  unplacedAdmin = h.as('hospital_admin');
  const add = async (sourceSystem: string, hospitalCodes: string[]) =>
    (await h.call(group, 'integrations.create', { name: `${sourceSystem} feed`, sourceSystem, hospitalCodes, mllpPeers: ['10.1.2.3'] })).source;
  sources.olaya = await add('OLAYA-HIS', ['OLAYA']);
  sources.khobar = await add('KHOBAR-HIS', ['KHOBAR']);
  sources.shared = await add('GROUP-HIS', ['OLAYA', 'KHOBAR']);
  sources.unbound = await add('NEW-LIS', []);
});

afterAll(() => h?.close());

describe("a hospital's administrator and the integration sources", () => {
  it('sees the sources bound to their hospital alone; the group sees every one', async () => {
    expect((await h.call(olayaAdmin, 'integrations.list', {})).map((s) => s.sourceSystem)).toEqual(['OLAYA-HIS']);
    expect((await h.call(group, 'integrations.list', {})).map((s) => s.sourceSystem)).toEqual(['GROUP-HIS', 'KHOBAR-HIS', 'NEW-LIS', 'OLAYA-HIS']);
    // an administrator placed in no hospital sees none
    expect(await h.call(unplacedAdmin, 'integrations.list', {})).toEqual([]);
  });

  it('adds a source for their own hospital: bound to it unless they say otherwise', async () => {
    const made = await h.call(olayaAdmin, 'integrations.create', { name: 'Olaya lab', sourceSystem: 'OLAYA-LIS' });
    expect(made.source).toMatchObject({ hospitalCodes: ['OLAYA'], mllpPeers: [], rateLimitPerMinute: 1_200 });
    expect(await h.call(olayaAdmin, 'integrations.create', { name: 'Olaya RIS', sourceSystem: 'OLAYA-RIS', hospitalCodes: ['olaya'] })).toMatchObject({
      source: { hospitalCodes: ['OLAYA'] },
    });
  });

  it('cannot add a source for another hospital, for several, or for none, and nothing is made', async () => {
    const sourcesBefore = count('integration_sources');
    const mappingsBefore = count('event_mappings');
    for (const hospitalCodes of [['KHOBAR'], ['OLAYA', 'KHOBAR'], []]) {
      const refusal = await refused(olayaAdmin, 'integrations.create', { name: 'Sneaky', sourceSystem: 'SNEAKY', hospitalCodes });
      expect(refusal.status, JSON.stringify(hospitalCodes)).toBe(403);
      expect(refusal.body.error).toMatchObject({ code: 'FORBIDDEN', key: 'error.out_of_scope', message: { ar: expect.stringMatching(/[\u0600-\u06FF]/) } });
      expect(lastAudit()).toMatchObject({ action: 'auth.denied', actor_name: olayaAdmin.actor.name });
      expect(JSON.parse(lastAudit().after_json)).toEqual({ call: 'integrations.create', reason: 'error.out_of_scope' });
    }
    expect(count('integration_sources')).toBe(sourcesBefore);
    expect(count('event_mappings')).toBe(mappingsBefore);
  });

  it("cannot change, rotate, disable or read the mappings of another hospital's source, a shared one or an unbound one", async () => {
    for (const target of [sources.khobar, sources.shared, sources.unbound]) {
      const before = row(target.id);
      const attempts: [Parameters<DomainHarness['status']>[1], unknown][] = [
        ['integrations.update', { id: target.id, enabled: false }],
        ['integrations.update', { id: target.id, hospitalCodes: ['OLAYA'] }],
        ['integrations.update', { id: target.id, mllpPeers: ['10.66.6.6'] }],
        ['integrations.rotateToken', { id: target.id, hmac: 'new' }],
        ['mappings.list', { sourceSystem: target.sourceSystem }],
        ['mappings.save', { sourceSystem: target.sourceSystem, externalCode: 'A04', eventCode: 'PATIENT_UPDATED' }],
      ];
      for (const [name, input] of attempts) {
        const refusal = await refused(olayaAdmin, name, input);
        // to them it does not exist (a 403 would confirm it does); the denial is audited as out of scope
        expect([refusal.status, refusal.body.error.key], `${name} on ${target.sourceSystem}`).toEqual([404, 'error.not_found']);
        expect(lastAudit().action).toBe('auth.denied');
        expect(JSON.parse(lastAudit().after_json)).toEqual({ call: name, reason: 'error.out_of_scope' });
      }
      const mapping = (await h.call(group, 'mappings.list', { sourceSystem: target.sourceSystem }))[0]!;
      expect(await h.status(olayaAdmin, 'mappings.remove', { id: mapping.id })).toBe(404);
      expect(row(target.id), target.sourceSystem).toEqual(before);
      expect(await h.call(group, 'mappings.list', { sourceSystem: target.sourceSystem })).toContainEqual(mapping);
    }
  });

  it('cannot widen their own source to another hospital, nor unbind it', async () => {
    for (const hospitalCodes of [['OLAYA', 'KHOBAR'], ['KHOBAR'], []]) {
      expect(await h.status(olayaAdmin, 'integrations.update', { id: sources.olaya.id, hospitalCodes })).toBe(403);
    }
    expect((await h.call(group, 'integrations.list', {})).find((s) => s.id === sources.olaya.id)?.hospitalCodes).toEqual(['OLAYA']);
  });

  it('manages their own source: peers, certificate, rate, token, mappings', async () => {
    const updated = await h.call(olayaAdmin, 'integrations.update', {
      id: sources.olaya.id,
      mllpPeers: ['10.1.2.0/24', '::ffff:10.9.8.7'],
      mllpCertSha256: `sha256 Fingerprint=${'ab:'.repeat(31)}AB`,
      rateLimitPerMinute: 600,
    });
    expect(updated).toMatchObject({ mllpPeers: ['10.1.2.0/24', '10.9.8.7'], mllpCertSha256: 'AB'.repeat(32), rateLimitPerMinute: 600 });
    expect((await h.call(olayaAdmin, 'integrations.rotateToken', { id: sources.olaya.id })).token).toMatch(/^pxk_/);
    expect(await h.call(olayaAdmin, 'mappings.save', { sourceSystem: 'OLAYA-HIS', externalCode: 'Z01', eventCode: 'OPD_REGISTERED' })).toMatchObject({
      externalCode: 'Z01',
    });
  });
});

describe('the group binds sources', () => {
  it('to several hospitals, to codes not on this station yet, and back to none', async () => {
    const shared = await h.call(group, 'integrations.update', { id: sources.unbound.id, hospitalCodes: ['khobar', 'OLAYA', 'DAMMAM', 'OLAYA'] });
    expect(shared.hospitalCodes).toEqual(['DAMMAM', 'KHOBAR', 'OLAYA']);
    expect((await h.call(group, 'integrations.update', { id: sources.unbound.id, hospitalCodes: [] })).hospitalCodes).toEqual([]);
  });

  it('refuses a peer that is no address, and every address without a pinned certificate', async () => {
    const bad = await refused(group, 'integrations.update', { id: sources.shared.id, mllpPeers: ['10.1.2.3', 'his.example'] });
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ path: 'mllpPeers.1', key: 'field.peer_address' })]);
    const anywhere = await refused(group, 'integrations.update', { id: sources.shared.id, mllpPeers: ['0.0.0.0/0'] });
    expect(anywhere.body.error.fields).toEqual([expect.objectContaining({ path: 'mllpPeers', key: 'field.any_address_needs_certificate' })]);
    const pinned = await h.call(group, 'integrations.update', { id: sources.shared.id, mllpPeers: ['0.0.0.0/0'], mllpCertSha256: 'C'.repeat(64) });
    expect(pinned.mllpPeers).toEqual(['0.0.0.0/0']);
    // and the certificate cannot be dropped while every address is listed
    expect(await h.status(group, 'integrations.update', { id: sources.shared.id, mllpCertSha256: null })).toBe(400);
    const badPrint = await refused(group, 'integrations.update', { id: sources.shared.id, mllpCertSha256: 'not a fingerprint' });
    expect(badPrint.body.error.fields).toEqual([expect.objectContaining({ path: 'mllpCertSha256', key: 'field.fingerprint' })]);
  });

  it('records the binding in the audit log', () => {
    const entry = h.core.store.sqlite
      .prepare(`SELECT before_json, after_json FROM audit_log WHERE action = 'integration_sources.update' AND entity_id = ? ORDER BY seq DESC LIMIT 1`)
      .get(sources.unbound.id) as { before_json: string; after_json: string };
    expect(JSON.parse(entry.after_json)).toEqual({ hospital_codes: '[]' });
    expect(JSON.parse(entry.before_json)).toEqual({ hospital_codes: '["DAMMAM","KHOBAR","OLAYA"]' });
  });
});

describe('HMAC secrets at rest', () => {
  it('are stored sealed, never as issued, and still check signatures', async () => {
    const issued = await h.call(group, 'integrations.create', { name: 'Signed feed', sourceSystem: 'SIGNED-HIS', hospitalCodes: ['OLAYA'], signed: true });
    const secret = issued.hmacSecret!;
    const stored = row(issued.source.id) as { hmac_secret: string };
    expect(stored.hmac_secret).toMatch(/^px360s1:/);
    expect(stored.hmac_secret).not.toContain(secret);
    const source = h.core.sources.bySystem('SIGNED-HIS')!;
    expect(h.core.sources.hmacSecretOf(source)).toBe(secret);

    // a new secret on rotation is sealed too; keeping it keeps the sealed value as it was
    const rotated = await h.call(group, 'integrations.rotateToken', { id: issued.source.id, hmac: 'new' });
    expect(rotated.hmacSecret).not.toBe(secret);
    const sealedAgain = (row(issued.source.id) as { hmac_secret: string }).hmac_secret;
    expect(sealedAgain).toMatch(/^px360s1:/);
    expect(h.core.sources.hmacSecretOf(h.core.sources.bySystem('SIGNED-HIS')!)).toBe(rotated.hmacSecret);
    const kept = await h.call(group, 'integrations.rotateToken', { id: issued.source.id, hmac: 'keep' });
    expect(kept.hmacSecret).toBeNull();
    expect((row(issued.source.id) as { hmac_secret: string }).hmac_secret).toBe(sealedAgain);
  });

  it('stored in the clear by an older station are sealed when the station opens, and audited', async () => {
    const dataDir = h.dataDir;
    const issued = await h.call(group, 'integrations.create', { name: 'Old feed', sourceSystem: 'OLD-HIS', hospitalCodes: ['OLAYA'], signed: true });
    // as a station from before sealing left it
    h.core.store.sqlite.prepare('UPDATE integration_sources SET hmac_secret = ? WHERE id = ?').run('plain-old-secret', issued.source.id);
    const reopened = await h.reopen();
    try {
      const stored = reopened.core.store.sqlite.prepare('SELECT hmac_secret FROM integration_sources WHERE id = ?').pluck().get(issued.source.id) as string;
      expect(stored).toMatch(/^px360s1:/);
      expect(reopened.core.sources.hmacSecretOf(reopened.core.sources.bySystem('OLD-HIS')!)).toBe('plain-old-secret');
      expect(reopened.lastAudit()).toMatchObject({ action: 'integration_sources.seal_secret' });
      expect(JSON.stringify(reopened.lastAudit())).not.toContain('plain-old-secret');
    } finally {
      h = reopened;
    }
    expect(h.dataDir).toBe(dataDir);
  });
});
