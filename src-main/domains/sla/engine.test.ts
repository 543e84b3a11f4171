/**
 * The SLA engine on one station (docs/sla-design.md): complaints filed and
 * moved through the dispatcher, the engine's pass run at chosen instants.
 * A paused interval across a weekend is never counted; a policy change in
 * the middle keeps the paused time out; a calendar change recomputes the
 * open clocks; a station off for days fires each missed step once, in
 * order, even after a restart; notifications wait for business hours
 * unless the step may reach people any time; a step with nobody to tell
 * is recorded and shown, never dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInId } from '../../../src-shared/built-in-id.js';
import { stepKey } from '../../../src-shared/sla/clock.js';
import { defaultPolicy, defaultPolicyId } from '../../../src-shared/sla/policies.js';
import type { Caller } from '../../core/context.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { seedHospitals } from '../../../test/fixtures/his-reference.js';

/** An instant given as Riyadh wall time ('2026-11-22 09:00'). */
const riyadh = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+03:00`);
const iso = (wall: string) => new Date(riyadh(wall)).toISOString();

let now = riyadh('2026-11-22 09:00'); // a Sunday
let h: DomainHarness;
let hospital: string;
let opd: string;
let officer: Caller;
let agent: Caller;
let manager: Caller;
let admin: Caller;
let pxAdmin: Caller;

const rows = <T>(query: string, ...params: unknown[]) => h.core.store.sqlite.prepare(query).all(...params) as T[];
const tick = () => h.core.sla.engine.tick(new Date(now));

beforeAll(async () => {
  h = await DomainHarness.open({ clock: () => now });
  const hospitals = seedHospitals(h.core);
  hospital = hospitals.OLAYA!;
  opd = h.core.store.sqlite.prepare("SELECT id FROM departments WHERE hospital_id = ? AND code = 'OPD'").pluck().get(hospital) as string;
  officer = h.as('px_coordinator', { hospitalId: hospital });
  agent = h.as('staff', { hospitalId: hospital });
  manager = h.as('department_manager', { hospitalId: hospital, departmentId: opd });
  admin = h.as('hospital_admin', { hospitalId: hospital });
  pxAdmin = h.as('px_admin');
});
afterAll(() => h.close());

async function file(extra: Record<string, unknown> = {}) {
  const made = await h.call(officer, 'complaints.create', {
    hospitalId: hospital,
    departmentId: opd,
    channel: 'walk_in',
    descriptionAr: 'انتظرت ثلاث ساعات في العيادة دون أن يخبرني أحد بسبب التأخير.',
    ...extra,
  });
  return made;
}

const clocks = async (id: string) => Object.fromEntries((await h.call(officer, 'complaints.get', { id })).clocks.map((c) => [c.clock, c]));

describe('a station off for three days', () => {
  let id: string;

  it('indexes a new complaint at its first step, and fires nothing before it', async () => {
    now = riyadh('2026-11-22 09:00');
    id = (await file()).id;
    await h.call(officer, 'complaints.assign', { id, userId: agent.me.user.id });
    expect(tick()).toMatchObject({ fired: 0 });
    // the first response's 80 % reminder: 384 of 480 business minutes, Sunday 09:00 + 6 h 24 min
    expect(rows('SELECT next_due_at FROM sla_due WHERE record_id = ?', id)).toEqual([{ next_due_at: iso('2026-11-22 15:24') }]);
  });

  it('fires each missed step once, in the order they came due, each with when it came due', async () => {
    now = riyadh('2026-11-26 12:00'); // Thursday noon: 2,100 business minutes in
    expect(tick()).toMatchObject({ fired: 7, more: false });
    const fired = rows<{ clock: string; step_id: string; reached_at: string; cycle: number }>(
      'SELECT clock, step_id, reached_at, cycle FROM sla_firings WHERE record_id = ? ORDER BY rowid',
      id,
    );
    expect(fired).toEqual([
      { clock: 'first_response', step_id: 'reminder_80', reached_at: iso('2026-11-22 15:24'), cycle: 1 },
      { clock: 'first_response', step_id: 'escalation_1', reached_at: iso('2026-11-23 09:00'), cycle: 1 },
      { clock: 'resolution', step_id: 'reminder_50', reached_at: iso('2026-11-23 13:00'), cycle: 1 },
      { clock: 'resolution', step_id: 'reminder_80', reached_at: iso('2026-11-24 12:12'), cycle: 1 },
      { clock: 'resolution', step_id: 'escalation_1', reached_at: iso('2026-11-25 09:00'), cycle: 1 },
      { clock: 'resolution', step_id: 'escalation_2', reached_at: iso('2026-11-25 13:00'), cycle: 1 },
      { clock: 'resolution', step_id: 'escalation_3', reached_at: iso('2026-11-26 09:00'), cycle: 1 },
    ]);
    // every firing's id is its key's: the same on any station
    expect(rows('SELECT id FROM sla_firings WHERE record_id = ? AND step_id = ? AND clock = ?', id, 'escalation_3', 'resolution')).toEqual([
      { id: builtInId(`sla-firing:${stepKey(id, 'resolution', 1, 'escalation_3')}`) },
    ]);
    // nothing more will come due on this cycle: it leaves the index
    expect(rows('SELECT * FROM sla_due WHERE record_id = ?', id)).toEqual([]);
  });

  it('tells the right people: the assignee each reminder, the manager, the hospital admin and the PX admin each their level', async () => {
    const told = (user: Caller) =>
      rows<{ kind: string; details: string }>(
        'SELECT kind, details FROM staff_notifications WHERE user_id = ? AND record_id = ? ORDER BY rowid',
        user.me.user.id,
        id,
      ).map((n) => `${n.kind}:${(JSON.parse(n.details) as { clock: string; step: string }).clock}:${(JSON.parse(n.details) as { step: string }).step}`);
    expect(told(agent)).toEqual(['sla_reminder:first_response:reminder_80', 'sla_reminder:resolution:reminder_50', 'sla_reminder:resolution:reminder_80']);
    expect(told(manager)).toEqual(['sla_escalation:first_response:escalation_1', 'sla_escalation:resolution:escalation_1']);
    expect(told(admin)).toEqual(['sla_escalation:resolution:escalation_2']);
    expect(told(pxAdmin)).toEqual(['sla_escalation:resolution:escalation_3']);
    const bell = await h.call(manager, 'bell.list', {});
    expect(bell.unread).toBe(2);
    expect(bell.items[0]).toMatchObject({ recordId: id, kind: 'sla_escalation', level: 1 });
  });

  it('puts each firing in the timeline and the audit log', async () => {
    const detail = await h.call(officer, 'complaints.get', { id });
    const sla = detail.timeline.filter((e) => e.kind === 'sla');
    expect(sla).toHaveLength(7);
    expect(sla.at(-1)!.details).toMatchObject({
      clock: 'resolution',
      step: 'escalation_3',
      level: 3,
      notified: [expect.objectContaining({ id: pxAdmin.me.user.id })],
    });
    expect(
      rows('SELECT count(*) AS n FROM audit_log WHERE action = ? AND entity_id IN (SELECT id FROM sla_firings WHERE record_id = ?)', 'sla_firings.create', id),
    ).toEqual([{ n: 7 }]);
    // the badge shows the clock of most concern: the first response, 1,620 business minutes late against the resolution's 660
    expect(detail.sla).toMatchObject({ clock: 'first_response', state: 'running', breached: true, remainingMinutes: -1620 });
  });

  it('fires none of them again: not at the next pass, nor after a restart', async () => {
    expect(tick()).toMatchObject({ fired: 0 });
    h = await h.reopen({ clock: () => now });
    now += 60_000;
    expect(h.core.sla.engine.tick(new Date(now))).toMatchObject({ fired: 0 });
    expect(rows('SELECT count(*) AS n FROM sla_firings WHERE record_id = ?', id)).toEqual([{ n: 7 }]);
  });
});

describe('a pause across a weekend, then a policy and a calendar change', () => {
  let id: string;

  it('never counts the paused time', async () => {
    now = riyadh('2026-11-26 14:00'); // Thursday
    id = (await file({ priority: 'low' })).id;
    now = riyadh('2026-11-26 15:00');
    await h.call(officer, 'complaints.move', { id, to: 'waiting_patient', reason: 'Asked the patient for the appointment date' });
    expect(tick().fired).toBe(0);
    expect(rows('SELECT * FROM sla_due WHERE record_id = ?', id)).toEqual([]); // paused: nothing comes due
    now = riyadh('2026-11-29 11:00'); // Sunday: the patient answered; Sunday 08:00–11:00 was paused too
    await h.call(officer, 'complaints.move', { id, to: 'in_progress' });
    now = riyadh('2026-11-29 12:00');
    const { resolution, first_response } = await clocks(id);
    expect(resolution).toMatchObject({ state: 'running', elapsed: 120, target: 5 * 480, policyVersionId: defaultPolicyId('complaint', 'low') });
    expect(first_response).toMatchObject({ elapsed: 120, target: 2 * 480 });
  });

  it('keeps the paused time out when the policy changes in the middle, and measures the open clock by the new version', async () => {
    const content = defaultPolicy('complaint', 'low');
    const saved = await h.call(admin, 'sla.savePolicy', {
      hospitalId: hospital,
      recordType: 'complaint',
      priority: 'low',
      content: {
        targets: { first_response: 200, resolution: 300 },
        steps: { first_response: [], resolution: content.steps.resolution.map((s) => ({ ...s, notify: [...s.notify] })) },
      },
      note: 'Low priority tightened',
    });
    expect(saved.current).toMatchObject({ isDefault: false, note: 'Low priority tightened', content: { targets: { resolution: 300 } } });
    expect(h.lastAudit(saved.current.id)).toMatchObject({ action: 'sla_policy_versions.create', hospitalId: hospital });
    const { resolution } = await clocks(id);
    // 120 counted; 180 left from Sunday 12:00 → 15:00
    expect(resolution).toMatchObject({ elapsed: 120, target: 300, remaining: 180, due: iso('2026-11-29 15:00'), policyVersionId: saved.current.id });
    tick();
    // the 50 % reminder at 150 minutes: Sunday 12:30
    expect(rows('SELECT next_due_at FROM sla_due WHERE record_id = ?', id)).toEqual([{ next_due_at: iso('2026-11-29 12:30') }]);
  });

  it('recomputes the open clocks when the calendar changes, and keeps a stopped cycle’s version', async () => {
    // a complaint resolved under the defaults keeps the target it was measured against
    now = riyadh('2026-11-29 12:00');
    const done = (await file({ priority: 'low' })).id;
    now = riyadh('2026-11-29 12:30');
    await h.call(officer, 'complaints.move', {
      id: done,
      to: 'resolved',
      resolutionOutcome: 'upheld',
      resolutionCategory: 'apology',
      resolutionSummary: 'Apologised for the wait.',
    });
    const before = (await clocks(done)).resolution;
    expect(before).toMatchObject({ state: 'stopped', elapsed: 30 });

    now = riyadh('2026-11-29 12:40');
    const week = [['08:00', '16:00']] as [string, string][];
    const calendar = await h.call(admin, 'sla.saveCalendar', {
      hospitalId: hospital,
      // Sundays end at 12:00 from now on
      calendar: { timeZone: 'Asia/Riyadh', weekly: { 0: [['08:00', '12:00']], 1: week, 2: week, 3: week, 4: week, 5: [], 6: [] } },
    });
    expect(calendar.current.isDefault).toBe(false);
    tick();
    // the open one: 120 minutes counted by 12:00; its reminder's 30 more now fall on Monday 08:00–08:30
    expect(rows('SELECT next_due_at FROM sla_due WHERE record_id = ?', id)).toEqual([{ next_due_at: iso('2026-11-30 08:30') }]);
    expect((await clocks(id)).resolution).toMatchObject({ due: iso('2026-11-30 11:00'), remaining: 180 });
    // the stopped one did not change
    expect((await clocks(done)).resolution).toEqual(before);
  });
});

describe('notifications to staff', () => {
  it('wait for the hospital’s business hours, unless an urgent step may reach people any time', async () => {
    now = riyadh('2026-12-01 15:00'); // Tuesday
    const routine = (await file()).id;
    await h.call(officer, 'complaints.assign', { id: routine, userId: agent.me.user.id });
    // severity 4: answered as urgent, whatever its priority: 60 minutes to the first response, escalations any time
    const urgent = (await file({ severity: 4 })).id;
    await h.call(officer, 'complaints.assign', { id: urgent, userId: agent.me.user.id });
    now = riyadh('2026-12-01 20:00');
    const agentBefore = (await h.call(agent, 'bell.list', {})).unread;
    const managerBefore = (await h.call(manager, 'bell.list', {})).unread;
    tick();
    const notice = (record: string, step: string, clock = 'first_response') =>
      rows<{ user_id: string; deliver_at: string }>(
        `SELECT user_id, deliver_at FROM staff_notifications WHERE record_id = ? AND json_extract(details, '$.step') = ? AND json_extract(details, '$.clock') = ?`,
        record,
        step,
        clock,
      );
    // the urgent first response: its reminder (15:48) waits for Wednesday 08:00; its escalation (16:00) shows at once
    expect(notice(urgent, 'reminder_80')).toEqual([{ user_id: agent.me.user.id, deliver_at: iso('2026-12-02 08:00') }]);
    expect(notice(urgent, 'escalation_1')).toEqual([{ user_id: manager.me.user.id, deliver_at: iso('2026-12-01 20:00') }]);
    expect((await h.call(manager, 'bell.list', {})).unread).toBe(managerBefore + 1);
    expect((await h.call(agent, 'bell.list', {})).unread).toBe(agentBefore);
    now = riyadh('2026-12-02 08:00');
    const morning = await h.call(agent, 'bell.list', {});
    expect(morning.unread).toBe(agentBefore + 1);
    expect(morning.items[0]).toMatchObject({ recordId: urgent, kind: 'sla_reminder', clock: 'first_response', percent: 80 });
    expect(await h.call(agent, 'bell.read', { ids: [morning.items[0]!.id] })).toEqual({ unread: agentBefore });
    expect(await h.call(agent, 'bell.read', {})).toEqual({ unread: 0 });
    void routine;
  });

  it('records a step with nobody to tell, names whom it lacked, and shows it on the record', async () => {
    now = riyadh('2026-12-07 09:00'); // Monday
    const id = (await file({ departmentId: undefined })).id;
    now = riyadh('2026-12-07 15:30');
    expect(tick().fired).toBeGreaterThan(0);
    expect(rows('SELECT step_id, problem, recipients FROM sla_firings WHERE record_id = ?', id)).toEqual([
      { step_id: 'reminder_80', problem: 'no_recipient', recipients: JSON.stringify({ users: [], unfilled: ['assignee'] }) },
    ]);
    const entry = (await h.call(officer, 'complaints.get', { id })).timeline.find((e) => e.kind === 'sla');
    expect(entry?.details).toMatchObject({ problem: 'no_recipient', unfilled: ['assignee'] });
  });

  it('gives a compliment no clock', async () => {
    const id = (await file({ type: 'compliment' })).id;
    tick();
    expect(rows('SELECT * FROM sla_due WHERE record_id = ?', id)).toEqual([]);
    expect(await h.call(officer, 'complaints.get', { id })).toMatchObject({ sla: null, clocks: [] });
  });
});

describe('policies and calendars as entered', () => {
  it('refuses a bad policy field by field, and a version in the past', async () => {
    const refusal = await h.failure(admin, 'sla.savePolicy', {
      hospitalId: hospital,
      recordType: 'complaint',
      priority: 'high',
      content: {
        targets: { first_response: 0, resolution: 1.5 },
        steps: {
          first_response: [],
          resolution: [
            { id: 'a', kind: 'reminder', percent: 120, notify: [], anyTime: false },
            { id: 'a', kind: 'escalation', level: 1, afterDueMinutes: 0, notify: ['department_manager'], anyTime: false },
          ],
        },
      },
    });
    expect(refusal.status).toBe(400);
    const fields = Object.fromEntries(refusal.fields.map((f) => [f.path, f.key]));
    expect(fields).toMatchObject({
      'content.targets.first_response': 'field.sla_minutes',
      'content.targets.resolution': 'field.sla_minutes',
      'content.steps.resolution.0.percent': 'field.sla_percent',
      'content.steps.resolution.0.notify': 'field.sla_notify',
      'content.steps.resolution.1.id': 'field.sla_step_id_taken',
    });
    const past = await h.failure(admin, 'sla.savePolicy', {
      hospitalId: hospital,
      recordType: 'complaint',
      priority: 'high',
      content: defaultPolicy('complaint', 'high'),
      effectiveFrom: new Date(now - 86_400_000).toISOString(),
    });
    expect(past.fields).toEqual([expect.objectContaining({ path: 'effectiveFrom', key: 'field.sla_effective_past' })]);
  });

  it('lets only an administrator of the hospital change them; others read', async () => {
    expect(
      await h.status(officer, 'sla.saveCalendar', {
        hospitalId: hospital,
        calendar: (await h.call(officer, 'sla.calendar', { hospitalId: hospital })).current.calendar,
      }),
    ).toBe(403);
    const otherAdmin = h.as('hospital_admin', {
      hospitalId: h.core.store.sqlite.prepare("SELECT id FROM hospitals WHERE code = 'KHOBAR'").pluck().get() as string,
    });
    expect(await h.status(otherAdmin, 'sla.policies', { hospitalId: hospital })).toBe(403);
  });

  it('proposes the year’s holidays from the Umm al-Qura calendar, confirmed only once saved as closed days', async () => {
    const view = await h.call(admin, 'sla.calendar', { hospitalId: hospital, year: 2026 });
    const fitr = view.proposedHolidays.find((p) => p.key.startsWith('eid_al_fitr'))!;
    expect(fitr).toMatchObject({ from: '2026-03-20', to: '2026-03-22', confirmed: false });
    const saved = await h.call(admin, 'sla.saveCalendar', {
      hospitalId: hospital,
      calendar: { ...view.current.calendar, overrides: [{ from: fitr.from, to: fitr.to, hours: 'closed' }] },
    });
    const after = await h.call(admin, 'sla.calendar', { hospitalId: hospital, year: 2026 });
    expect(after.proposedHolidays.find((p) => p.key === fitr.key)).toMatchObject({ confirmed: true });
    expect(after.history.map((v) => v.id)).toContain(saved.current.id);
  });
});

describe('the queues by the clock', () => {
  it('lists what is due today and what is overdue, from the clocks the engine computed', async () => {
    now = riyadh('2026-12-14 09:00'); // Monday
    const urgent = (await file({ priority: 'urgent' })).id; // its first response due at 10:00
    const routine = (await file()).id; // due tomorrow
    tick();
    const queue = async (name: 'overdue' | 'due_today') => (await h.call(officer, 'complaints.list', { queue: name, pageSize: 100 })).items.map((c) => c.id);
    now = riyadh('2026-12-14 09:30');
    expect(await queue('due_today')).toContain(urgent);
    expect(await queue('due_today')).not.toContain(routine);
    expect(await queue('overdue')).not.toContain(urgent);
    now = riyadh('2026-12-14 10:30');
    expect(await queue('overdue')).toContain(urgent);
    expect(await queue('due_today')).not.toContain(urgent);
    // today is each hospital's own: due at 23:30 in Riyadh is tomorrow in a hospital on Dubai's clock
    const khobar = h.core.store.sqlite.prepare("SELECT id FROM hospitals WHERE code = 'KHOBAR'").pluck().get() as string;
    const there = (await h.call(pxAdmin, 'complaints.create', { hospitalId: khobar, channel: 'email', descriptionEn: 'No one answered the phone.' })).id;
    h.core.store.sqlite.prepare("UPDATE hospitals SET time_zone = 'Asia/Dubai' WHERE id = ?").run(khobar);
    const due = h.core.store.sqlite.prepare("INSERT OR REPLACE INTO sla_clock_due (record_id, record_type, due_at) VALUES (?, 'complaint', ?)");
    for (const id of [routine, there]) due.run(id, iso('2026-12-14 23:30'));
    const dueToday = (await h.call(pxAdmin, 'complaints.list', { queue: 'due_today', pageSize: 100 })).items.map((c) => c.id);
    expect(dueToday).toContain(routine);
    expect(dueToday).not.toContain(there);
    h.core.store.sqlite.prepare("UPDATE hospitals SET time_zone = 'Asia/Riyadh' WHERE id = ?").run(khobar);
    // waiting for the patient: no clock runs, in neither queue
    await h.call(officer, 'complaints.move', { id: urgent, to: 'waiting_patient', reason: 'Waiting for the patient’s call back' });
    tick();
    expect(await queue('overdue')).not.toContain(urgent);
  });
});

describe('changes after the fact, and versions saved for later', () => {
  it('keeps a resolved complaint’s verdict when it is reclassified, and fires none of the new priority’s steps on it', async () => {
    now = riyadh('2026-12-21 09:00'); // Monday
    const id = (await file()).id;
    now = riyadh('2026-12-22 12:00'); // 660 business minutes: within medium's 1,440, past urgent's 480
    await h.call(officer, 'complaints.move', {
      id,
      to: 'resolved',
      resolutionOutcome: 'upheld',
      resolutionCategory: 'apology',
      resolutionSummary: 'Apologised for the wait.',
    });
    tick();
    const fired = rows('SELECT step_id FROM sla_firings WHERE record_id = ?', id).length;
    const before = (await clocks(id)).resolution;
    expect(before).toMatchObject({ state: 'stopped', target: 1440, breached: false, policyVersionId: defaultPolicyId('complaint', 'medium') });
    now = riyadh('2026-12-22 13:00');
    await h.call(officer, 'complaints.classify', { id, priority: 'urgent', severity: 4 });
    expect(tick().fired).toBe(0);
    expect(rows('SELECT step_id FROM sla_firings WHERE record_id = ?', id)).toHaveLength(fired);
    expect((await clocks(id)).resolution).toEqual(before);
    // reopened, its new cycle answers to the urgent policy
    now = riyadh('2026-12-22 14:00');
    await h.call(officer, 'complaints.move', { id, to: 'in_progress', reason: 'The patient called back: the wait happened again' });
    expect((await clocks(id)).resolution).toMatchObject({ cycle: 2, state: 'running', target: 480, policyVersionId: defaultPolicyId('complaint', 'urgent') });
  });

  it('applies a version saved to take effect later at its instant, without another change to the record', async () => {
    now = riyadh('2026-12-28 09:00'); // Monday
    const id = (await file()).id;
    tick();
    const content = defaultPolicy('complaint', 'medium');
    await h.call(admin, 'sla.savePolicy', {
      hospitalId: hospital,
      recordType: 'complaint',
      priority: 'medium',
      effectiveFrom: iso('2026-12-28 10:00'),
      content: {
        targets: { first_response: 30, resolution: content.targets.resolution },
        steps: {
          first_response: [{ id: 'escalation_1', kind: 'escalation', level: 1, afterDueMinutes: 0, notify: ['department_manager'], anyTime: false }],
          resolution: [],
        },
      },
    });
    tick();
    // nothing of the clock comes due before 15:24 under today's version; the new one is looked at when it takes effect
    expect(rows('SELECT next_due_at FROM sla_due WHERE record_id = ?', id)).toEqual([{ next_due_at: iso('2026-12-28 10:00') }]);
    now = riyadh('2026-12-28 10:00');
    expect(tick().fired).toBe(1);
    expect(rows('SELECT clock, step_id, reached_at FROM sla_firings WHERE record_id = ?', id)).toEqual([
      { clock: 'first_response', step_id: 'escalation_1', reached_at: iso('2026-12-28 09:30') },
    ]);
    expect((await h.call(officer, 'complaints.list', { queue: 'overdue', pageSize: 100 })).items.map((c) => c.id)).toContain(id);
  });
});
