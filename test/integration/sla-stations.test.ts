/**
 * SLA steps fire once across two stations of one hospital and the hub
 * (docs/sla-design.md): the stations each fire the same steps while they
 * cannot see each other, and after they sync every firing, timeline entry
 * and notification is one row everywhere, because each id is derived from
 * the step's key. A station that syncs another's firing before its own
 * pass fires nothing. Each notification's email is sent by the hub once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubStaffMail } from '../../src-hub/surveys/staff-mail.js';
import { builtInId } from '../../src-shared/built-in-id.js';
import { complaintIntakeSchema } from '../../src-shared/complaints/intake.js';
import { stepKey } from '../../src-shared/sla/clock.js';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import type { StationCore } from '../../src-main/core/station.js';
import { builtInRoleId } from '../../src-main/domains/accounts/roles.js';
import { createHospital, startTestHub, startTestPostgres, type TestHub, type TestPostgres } from '../fixtures/hub-postgres.js';
import { closeStation, hospitalStation } from '../fixtures/hub-surveys.js';
import { syncOk } from '../fixtures/replicas.js';

const DAY = 86_400_000;
let postgres: TestPostgres;
let t: TestHub;
let A: StationCore;
let B: StationCore;
let hospitalId: string;
let managerId: string;

const rows = (core: StationCore, query: string, ...params: unknown[]) => core.store.sqlite.prepare(query).all(...params) as Record<string, unknown>[];
const count = (core: StationCore, query: string, ...params: unknown[]) =>
  core.store.sqlite
    .prepare(query)
    .pluck()
    .get(...params) as number;

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  hospitalId = (await createHospital(t, 'OLAYA')).id;
  A = await hospitalStation(t, 'OLAYA', 'PX office A');
  B = await hospitalStation(t, 'OLAYA', 'PX office B');
  // the office set up on A: the clinic, its manager and the hospital's admin
  const user = (username: string, role: 'department_manager' | 'hospital_admin', departmentId: string | null) => ({
    username,
    name_en: username,
    name_ar: username,
    email: role === 'department_manager' ? `${username}@olaya.sa` : null,
    phone: null,
    preferred_language: 'ar' as const,
    role_id: builtInRoleId(role),
    hospital_id: hospitalId,
    department_id: departmentId,
    active: 1,
    password_hash: '!',
    password_changed_at: new Date().toISOString(),
    failed_attempts: 0,
    locked_until: null,
    last_login_at: null,
  });
  A.data.write(SYSTEM_ACTOR, (tx) => {
    const opd = tx.insert('departments', {
      hospital_id: hospitalId,
      parent_id: null,
      code: 'OPD',
      name_en: 'Outpatient Clinics',
      name_ar: 'العيادات الخارجية',
      active: 1,
    });
    managerId = tx.insert('users', user('opd.manager', 'department_manager', opd.id)).id;
    tx.insert('users', user('olaya.admin', 'hospital_admin', null));
  });
  await syncOk(A);
  await syncOk(B);
}, 180_000);

afterAll(async () => {
  for (const core of [A, B]) if (core) closeStation(core);
  await t?.close();
  await postgres?.stop();
});

function fileOn(core: StationCore, externalId: string): string {
  const filed = core.complaintIntake.fromSource(
    complaintIntakeSchema.parse({
      source_system: 'WEBSITE',
      external_id: externalId,
      hospital_code: 'OLAYA',
      department_code: 'OPD',
      channel: 'web',
      description: 'انتظرت في العيادة أكثر من ساعتين ولم يعتذر أحد.',
    }),
  );
  return core.store.sqlite.prepare('SELECT id FROM complaints WHERE number = ?').pluck().get(filed.number) as string;
}

/** The first Sunday–Thursday on or after `from`, at `hour`:00 in Riyadh. */
function workingDayAt(from: number, hour: number): number {
  for (let day = from; ; day += DAY) {
    const date = new Date(day + 3 * 3_600_000); // Riyadh's wall date, read as UTC
    const at = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour) - 3 * 3_600_000;
    if (date.getUTCDay() <= 4 && at >= from) return at;
  }
}

async function hubFirings(recordId: string): Promise<number> {
  const found = await t.sql.query<{ n: string }>(`SELECT count(*) AS n FROM records WHERE tbl = 'sla_firings' AND data->>'record_id' = $1`, [recordId]);
  return Number(found.rows[0]!.n);
}

describe('two stations of one hospital, apart, then synced', () => {
  it('fire the same steps on each, and keep one of each everywhere once synced', async () => {
    const id = fileOn(A, 'web-sla-1');
    await syncOk(A);
    await syncOk(B);
    expect(count(B, 'SELECT count(*) FROM complaints WHERE id = ?', id)).toBe(1);

    // ten days on, neither sees the other: each fires every step of both clocks
    const later = new Date(Date.now() + 10 * DAY);
    const onA = A.sla.engine.tick(later);
    const onB = B.sla.engine.tick(later);
    expect(onA.fired).toBe(7);
    expect(onB.fired).toBe(7);

    for (const core of [A, B, A]) await syncOk(core);
    for (const core of [A, B]) {
      expect(count(core, 'SELECT count(*) FROM sla_firings WHERE record_id = ?', id)).toBe(7);
      expect(count(core, "SELECT count(*) FROM complaint_events WHERE complaint_id = ? AND kind = 'sla'", id)).toBe(7);
      // the manager is told of each clock's first escalation once, not once per station
      expect(
        rows(
          core,
          'SELECT json_extract(details, ?) AS clock FROM staff_notifications WHERE record_id = ? AND user_id = ? ORDER BY 1',
          '$.clock',
          id,
          managerId,
        ),
      ).toEqual([{ clock: 'first_response' }, { clock: 'resolution' }]);
      expect(core.sla.engine.tick(later).fired).toBe(0);
    }
    expect(await hubFirings(id)).toBe(7);
    const key = stepKey(id, 'resolution', 1, 'escalation_1');
    // one email per notification, whichever station fired it: the manager's two, and the hospital admin's (no address: recorded)
    for (const core of [A, B]) {
      expect(
        rows(
          core,
          // queued, or sent already: in business hours the hub's own loop may have sent them by the time the stations pulled
          `SELECT u.username, CASE WHEN e.status IN ('queued', 'sent') THEN 'to send' ELSE e.status END AS status
           FROM staff_emails e JOIN users u ON u.id = e.user_id WHERE e.notification_id IN (SELECT id FROM staff_notifications WHERE record_id = ?) ORDER BY 1, 2`,
          id,
        ),
      ).toEqual([
        { username: 'olaya.admin', status: 'no_address' },
        { username: 'opd.manager', status: 'to send' },
        { username: 'opd.manager', status: 'to send' },
      ]);
    }
    // the hub sends them, once each, whether its loop or this run takes them first (its clock past their business-hours time)
    // at 10:00 on a working day: held to business hours when sent too (heldUntil), they would wait at night
    const mail = new HubStaffMail(t.hub.surveys.db, t.hub.surveys.writer, t.hub.surveys.providers, () => {}, {
      now: () => workingDayAt(later.getTime() + 3 * DAY, 10),
    });
    await mail.sendDue();
    await t.hub.surveys.outbox.idle();
    const log = path.join(t.dataDir, 'logs', 'notifications.jsonl');
    const toManager = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { to: string; body: string })
      .filter((line) => line.to === 'opd.manager@olaya.sa');
    expect(toManager).toHaveLength(2);
    expect(toManager.map((line) => line.body).join('\n')).toContain(`${rows(A, 'SELECT number FROM complaints WHERE id = ?', id)[0]!.number}`);
    for (const core of [A, B]) await syncOk(core);
    for (const core of [A, B]) {
      expect(
        rows(
          core,
          "SELECT e.status, e.provider FROM staff_emails e JOIN users u ON u.id = e.user_id WHERE u.username = 'opd.manager' AND e.notification_id IN (SELECT id FROM staff_notifications WHERE record_id = ?)",
          id,
        ),
      ).toEqual([
        { status: 'sent', provider: 'console' },
        { status: 'sent', provider: 'console' },
      ]);
    }
    // a second run sends nothing
    expect(await mail.sendDue()).toEqual({ attempted: 0, more: false });
    expect(rows(A, 'SELECT id FROM sla_firings WHERE record_id = ? AND clock = ? AND step_id = ?', id, 'resolution', 'escalation_1')).toEqual([
      { id: builtInId(`sla-firing:${key}`) },
    ]);
  });
});

describe('a station that fires late, after people worked on the other station’s firing', () => {
  it('never undoes it: a notice read on A stays read when B fires the same step afterwards', async () => {
    const id = fileOn(A, 'web-sla-3');
    await syncOk(A);
    await syncOk(B);
    const later = new Date(Date.now() + 10 * DAY);
    expect(A.sla.engine.tick(later).fired).toBe(7);
    const notices = rows(A, 'SELECT id FROM staff_notifications WHERE record_id = ? AND user_id = ?', id, managerId).map((r) => r.id as string);
    expect(notices).toHaveLength(2);
    const readAt = A.data.write(SYSTEM_ACTOR, (tx) => notices.map((notice) => tx.update('staff_notifications', notice, { read_at: tx.now }).read_at));
    await syncOk(A);
    // B has not pulled A's firings: it fires the same steps, its rows newer by the clock than the reading
    expect(B.sla.engine.tick(later).fired).toBe(7);
    for (const core of [B, A, B]) await syncOk(core);
    expect(readAt[0]).toEqual(expect.any(String));
    for (const core of [A, B])
      expect(rows(core, 'SELECT read_at FROM staff_notifications WHERE record_id = ? AND user_id = ?', id, managerId)).toEqual([
        { read_at: readAt[0] },
        { read_at: readAt[0] },
      ]);
  });
});

describe('two stations of one hospital, online together', () => {
  it('fire an escalation once: the station that syncs the other’s firing first fires nothing', async () => {
    const id = fileOn(B, 'web-sla-2');
    await syncOk(B);
    await syncOk(A);
    const later = new Date(Date.now() + 10 * DAY);
    expect(A.sla.engine.tick(later).fired).toBe(7);
    await syncOk(A);
    await syncOk(B);
    // B learnt of A's firings by sync: its pass finds each step fired
    expect(B.sla.engine.tick(later)).toMatchObject({ fired: 0 });
    expect(count(B, 'SELECT count(*) FROM sla_firings WHERE record_id = ?', id)).toBe(7);
    expect(count(B, 'SELECT count(*) FROM sla_due WHERE record_id = ?', id)).toBe(0);
    expect(await hubFirings(id)).toBe(7);
  });
});
