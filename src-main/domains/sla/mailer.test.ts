/**
 * Staff notification emails on a station that sends itself (docs/sla-design.md):
 * each notification of a step gets its email, due when the notification is
 * shown; the console provider writes it; a person with no address is
 * recorded on the email and on the step; a provider that fails is tried
 * again with backoff, then the email is given up as failed with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationSender, SendResult } from '../../../src-shared/notifications/senders/outbound.js';
import type { Caller } from '../../core/context.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { seedHospitals } from '../../../test/fixtures/his-reference.js';
import type { BusinessCalendar } from '../../../src-shared/sla/business-time.js';
import { StaffMailer } from './mailer.js';

const riyadh = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+03:00`);
let now = riyadh('2026-11-22 09:00'); // a Sunday
let h: DomainHarness;
let hospital: string;
let agent: Caller;
let manager: Caller;
let complaintId: string;

const rows = <T>(query: string, ...params: unknown[]) => h.core.store.sqlite.prepare(query).all(...params) as T[];
/** Round the clock: these tests are about retries, not hours (held to hours is tested below with the station's own mailer). */
const calendarAt = () =>
  ({ timeZone: 'Asia/Riyadh', weekly: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [['00:00', '24:00']]])) }) as BusinessCalendar;

beforeAll(async () => {
  h = await DomainHarness.open({ clock: () => now });
  hospital = seedHospitals(h.core).OLAYA!;
  const opd = h.core.store.sqlite.prepare("SELECT id FROM departments WHERE hospital_id = ? AND code = 'OPD'").pluck().get(hospital) as string;
  const officer = h.as('px_coordinator', { hospitalId: hospital });
  agent = h.as('staff', { hospitalId: hospital });
  manager = h.as('department_manager', { hospitalId: hospital, departmentId: opd });
  h.core.store.sqlite.prepare("UPDATE users SET email = 'agent@olaya.sa', preferred_language = 'en' WHERE id = ?").run(agent.me.user.id);
  h.core.store.sqlite.prepare("UPDATE users SET email = NULL, preferred_language = 'ar' WHERE id = ?").run(manager.me.user.id);
  complaintId = (
    await h.call(officer, 'complaints.create', { hospitalId: hospital, departmentId: opd, channel: 'walk_in', descriptionAr: 'تأخر الموعد ثلاث ساعات.' })
  ).id;
  await h.call(officer, 'complaints.assign', { id: complaintId, userId: agent.me.user.id });
});
afterAll(() => h.close());

describe('staff notification emails', () => {
  it('are queued with each step’s notifications, and one with no address is recorded on the email and on the step', () => {
    now = riyadh('2026-11-23 09:30'); // Monday: the first response's 80 % reminder (assignee) and its escalation (manager) are due
    h.core.sla.engine.tick(new Date(now));
    const emails = rows<{ user_id: string; status: string; language: string; send_at: string }>(
      'SELECT user_id, status, language, send_at FROM staff_emails ORDER BY status',
    );
    expect(emails).toEqual([
      { user_id: manager.me.user.id, status: 'no_address', language: 'ar', send_at: new Date(now).toISOString() },
      { user_id: agent.me.user.id, status: 'queued', language: 'en', send_at: new Date(now).toISOString() },
    ]);
    const escalation = rows<{ details: string }>(
      "SELECT details FROM complaint_events WHERE complaint_id = ? AND kind = 'sla' AND details LIKE '%escalation%'",
      complaintId,
    )[0]!;
    expect(JSON.parse(escalation.details)).toMatchObject({ noEmail: [manager.me.user.id] });
  });

  it('are sent by the station’s provider when it is not enrolled, naming the record and nothing of the patient', async () => {
    const sent = await h.core.sla.mailer.sendDue();
    expect(sent).toEqual({ attempted: 1, more: false });
    expect(rows('SELECT status, provider, recipient_hint, attempts FROM staff_emails WHERE user_id = ?', agent.me.user.id)).toEqual([
      { status: 'sent', provider: 'console', recipient_hint: 'a•••@olaya.sa', attempts: 1 },
    ]);
    const lines = fs
      .readFileSync(path.join(h.dataDir, 'logs', 'notifications.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { to: string; body: string });
    const line = lines.find((l) => l.to === 'agent@olaya.sa')!;
    expect(line.body).toMatch(/has used 80 % of the time allowed for its first response/);
    expect(line.body).toMatch(/CMP-OLAYA-/);
    expect(line.body).not.toMatch(/تأخر الموعد/);
    expect(await h.core.sla.mailer.sendDue()).toEqual({ attempted: 0, more: false });
  });

  it('are tried again with backoff when the provider fails, then given up as failed with its reason', async () => {
    h.core.store.sqlite.prepare("UPDATE staff_emails SET status = 'queued', attempts = 0, sent_at = NULL WHERE user_id = ?").run(agent.me.user.id);
    const results: SendResult[] = [];
    const sender: NotificationSender = {
      provider: 'smtp',
      channels: ['email'],
      send: async () => results.shift() ?? { outcome: 'retry', reason: 'connection refused' },
    };
    const mailer = new StaffMailer(h.core.store, h.core.data, {
      sender: () => sender,
      sendsItself: () => true,
      log: () => {},
      random: () => 0.5,
      backoffBaseMs: 1000,
      calendarAt,
    });
    await mailer.sendDue();
    const first = rows<{ status: string; error: string; next_attempt_at: string }>(
      'SELECT status, error, next_attempt_at FROM staff_emails WHERE user_id = ?',
      agent.me.user.id,
    )[0]!;
    expect(first).toMatchObject({ status: 'queued', error: 'connection refused' });
    expect(Date.parse(first.next_attempt_at)).toBeGreaterThan(now);
    // not again before its time
    expect(await mailer.sendDue()).toEqual({ attempted: 0, more: false });
    for (let i = 0; i < 10; i += 1) {
      now += 24 * 3_600_000;
      await mailer.sendDue();
    }
    expect(rows('SELECT status, error FROM staff_emails WHERE user_id = ?', agent.me.user.id)).toEqual([{ status: 'failed', error: 'connection refused' }]);
  });

  it('are left to the hub by an enrolled station', async () => {
    h.core.store.sqlite.prepare("UPDATE staff_emails SET status = 'queued', attempts = 0, next_attempt_at = NULL WHERE user_id = ?").run(agent.me.user.id);
    const mailer = new StaffMailer(h.core.store, h.core.data, {
      sender: () => {
        throw new Error('an enrolled station sends nothing');
      },
      sendsItself: () => false,
      log: () => {},
      calendarAt,
    });
    expect(await mailer.sendDue()).toEqual({ attempted: 0, more: false });
    // one it was sending when it stopped, before it enrolled, goes back to the queue for the hub
    h.core.store.sqlite
      .prepare("UPDATE staff_emails SET status = 'sending', updated_at = ? WHERE user_id = ?")
      .run(new Date(now - 3_600_000).toISOString(), agent.me.user.id);
    await mailer.sendDue();
    expect(rows('SELECT status FROM staff_emails WHERE user_id = ?', agent.me.user.id)).toEqual([{ status: 'queued' }]);
  });

  it('held to business hours, wait for the morning when their time comes at night (a retry, a station back late), the try not counted', async () => {
    h.core.store.sqlite
      .prepare("UPDATE staff_emails SET status = 'queued', attempts = 2, next_attempt_at = ?, error = NULL WHERE user_id = ?")
      .run(new Date(riyadh('2026-12-01 21:00')).toISOString(), agent.me.user.id);
    now = riyadh('2026-12-01 22:00'); // Tuesday night
    expect(await h.core.sla.mailer.sendDue()).toEqual({ attempted: 1, more: false });
    expect(rows('SELECT status, attempts, next_attempt_at FROM staff_emails WHERE user_id = ?', agent.me.user.id)).toEqual([
      { status: 'queued', attempts: 2, next_attempt_at: new Date(riyadh('2026-12-02 08:00')).toISOString() },
    ]);
    expect(await h.core.sla.mailer.sendDue()).toEqual({ attempted: 0, more: false });
    now = riyadh('2026-12-02 08:00');
    await h.core.sla.mailer.sendDue();
    expect(rows('SELECT status, attempts FROM staff_emails WHERE user_id = ?', agent.me.user.id)).toEqual([{ status: 'sent', attempts: 3 }]);
  });
});
