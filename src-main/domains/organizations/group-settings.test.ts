/**
 * The group's settings: one row every station makes at start, changed only by
 * a PX Admin placed on the whole group, on a station that is not a
 * hospital's, and sent to the hub as group configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src-shared/hlc.js';
import { RemoteChanges } from '../../sync/apply.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { GROUP_SETTINGS_ID } from './group-settings.js';

let h: DomainHarness;

beforeAll(async () => {
  h = await DomainHarness.open();
});

afterAll(() => h.close());

function outboxCells(): unknown[] {
  return (h.core.store.sqlite.prepare(`SELECT cells FROM sync_outbox WHERE tbl = 'group_settings'`).pluck().all() as string[]).flatMap(
    (cells) => JSON.parse(cells) as unknown[],
  );
}

describe('group settings', () => {
  it('exist from the first start with two-step sign-in not required, the same row on every station, not sent', async () => {
    const admin = h.as('px_admin');
    expect(await h.call(admin, 'groupSettings.get', {})).toEqual({ requireAdminTotp: false, updatedAt: '1970-01-01T00:00:00.000Z' });
    expect(h.core.store.sqlite.prepare('SELECT id FROM group_settings').pluck().all()).toEqual([GROUP_SETTINGS_ID]);
    expect(outboxCells()).toEqual([]);
  });

  it('are changed by a group PX Admin, audited, and the change is sent to the hub', async () => {
    const admin = h.as('px_admin');
    const changed = await h.call(admin, 'groupSettings.update', { requireAdminTotp: true });
    expect(changed.requireAdminTotp).toBe(true);
    const entry = h.core.store.sqlite
      .prepare(`SELECT action, actor_id, before_json, after_json FROM audit_log WHERE entity_type = 'group_settings' ORDER BY seq DESC`)
      .get();
    expect(entry).toEqual({
      action: 'group_settings.update',
      actor_id: admin.me.user.id,
      before_json: JSON.stringify({ require_admin_totp: 0 }),
      after_json: JSON.stringify({ require_admin_totp: 1 }),
    });
    expect(outboxCells()).toContainEqual(['require_admin_totp', 1, expect.any(String)]);
    await h.call(admin, 'groupSettings.update', { requireAdminTotp: false });
  });

  it('are refused to a Hospital Admin (no roles.write) and to a PX Admin placed in one hospital (not the whole group)', async () => {
    const hospitalId = h.hospital('OLAYA').id;
    expect(await h.status(h.as('hospital_admin', { hospitalId }), 'groupSettings.update', { requireAdminTotp: true })).toBe(403);
    const placed = h.as('px_admin', { hospitalId });
    const refused = await h.core.dispatcher.dispatchAs(placed, 'groupSettings.update', { requireAdminTotp: true });
    expect(refused.ok ? null : refused.body.error.key).toBe('error.group_only');
    expect((await h.call(h.as('px_admin'), 'groupSettings.get', {})).requireAdminTotp).toBe(false);
  });

  it('are refused on a station enrolled for one hospital (the hub would refuse the change), bilingual, audited, nothing changed', async () => {
    await h.asHospitalStation(h.hospital('KHOBAR'), async () => {
      const admin = h.as('px_admin');
      const outbox = outboxCells().length;
      const refused = await h.core.dispatcher.dispatchAs(admin, 'groupSettings.update', { requireAdminTotp: true });
      expect(refused.ok ? null : { status: refused.status, error: refused.body.error }).toEqual({
        status: 409,
        error: {
          code: 'CONFLICT',
          key: 'error.group_settings_here',
          message: { en: expect.stringMatching(/whole group/), ar: expect.stringMatching(/للمجموعة كاملة/) },
        },
      });
      expect((await h.call(admin, 'groupSettings.get', {})).requireAdminTotp).toBe(false);
      expect(outboxCells()).toHaveLength(outbox);
      const last = h.core.store.sqlite.prepare('SELECT action, actor_id FROM audit_log ORDER BY seq DESC LIMIT 1').get();
      expect(last).toEqual({ action: 'group_settings.update_refused', actor_id: admin.me.user.id });
    });
  });

  it('take a change from the hub only when a group station made it', () => {
    const remote = new RemoteChanges(h.core.data, () => {});
    const stamp = (node: string) => formatHlc({ wallMs: Date.now(), counter: 0, node });
    const message = (node: string) => ({ table: 'group_settings', rowId: GROUP_SETTINGS_ID, column: 'require_admin_totp', value: 1, hlc: stamp(node) });
    expect(remote.apply([message('hospitalst01')], ['groupst00001']).refused).toBe(1);
    expect(h.core.domains.organizations.services.groupSettings.current().requireAdminTotp).toBe(false);
    expect(remote.apply([message('groupst00001')], ['groupst00001']).applied).toBe(1);
    expect(h.core.domains.organizations.services.groupSettings.current().requireAdminTotp).toBe(true);
  });
});
