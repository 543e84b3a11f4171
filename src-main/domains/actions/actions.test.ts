/**
 * PX actions on one station, through the dispatcher: opened by hand from a
 * complaint (its department and number follow), worked through the
 * workflow — evidence before approval, approval by a PX Coordinator or
 * above who is not the owner, a rejection back to work with its reason —
 * each step on the timeline and in the audit log; listed by queue; and the
 * SLA engine runs its clock, paused while it waits for approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseComplaintNumber } from '../../../src-shared/complaints/numbers.js';
import type { Caller } from '../../core/context.js';
import { DomainHarness, expectFieldError } from '../../../test/harness/domain-harness.js';
import { seedHospitals } from '../../../test/fixtures/his-reference.js';

const riyadh = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+03:00`);
let now = riyadh('2026-11-22 09:00'); // a Sunday
let h: DomainHarness;
let hospital: string;
let opd: string;
let coordinator: Caller;
let owner: Caller;
let manager: Caller;
let nurse: Caller;

beforeAll(async () => {
  h = await DomainHarness.open({ clock: () => now });
  hospital = seedHospitals(h.core).OLAYA!;
  opd = h.core.store.sqlite.prepare("SELECT id FROM departments WHERE hospital_id = ? AND code = 'OPD'").pluck().get(hospital) as string;
  coordinator = h.as('px_coordinator', { hospitalId: hospital });
  manager = h.as('department_manager', { hospitalId: hospital, departmentId: opd });
  owner = manager;
  nurse = h.as('nurse', { hospitalId: hospital });
});
afterAll(() => h.close());

describe('an action opened from a complaint', () => {
  let id: string;
  let complaintNumber: string;

  it('takes the complaint’s department and number, a number of its own, and starts its timeline', async () => {
    const complaint = await h.call(coordinator, 'complaints.create', {
      hospitalId: hospital,
      departmentId: opd,
      channel: 'walk_in',
      descriptionAr: 'لا توجد لوحات إرشادية إلى العيادات.',
    });
    complaintNumber = complaint.number;
    const action = await h.call(coordinator, 'actions.create', {
      hospitalId: hospital,
      title: 'Signs to the clinics from the main entrance',
      sourceType: 'complaint',
      sourceId: complaint.number,
      ownerUserId: owner.me.user.id,
    });
    id = action.id;
    expect(action).toMatchObject({
      status: 'open',
      sourceType: 'complaint',
      sourceId: complaint.id,
      sourceLabel: complaintNumber,
      departmentId: opd,
      ownerUserId: owner.me.user.id,
      evidenceRequired: true,
      evidenceCount: 0,
    });
    expect(action.number).toMatch(/^ACT-OLAYA-[0-9A-Z]{4}-000001$/);
    expect(parseComplaintNumber(complaintNumber)).not.toBeNull();
    expect(action.timeline).toEqual([expect.objectContaining({ kind: 'created', toStatus: 'open' })]);
    expect(h.lastAudit(id)).toMatchObject({ action: 'px_actions.create', hospitalId: hospital });
    // its clock: to approval, medium priority: ten default working days
    expect(action.clocks).toEqual([expect.objectContaining({ clock: 'resolution', state: 'running', target: 4800 })]);
    // the complaint lists it (its source's id)
    expect((await h.call(coordinator, 'actions.list', { queue: 'all', sourceId: complaint.id })).items.map((a) => a.id)).toEqual([id]);
  });

  it('refuses a complaint of another hospital, or none at all, as its source', async () => {
    expectFieldError(
      await h.failure(coordinator, 'actions.create', { hospitalId: hospital, title: 'x y z', sourceType: 'complaint' }),
      'sourceId',
      'field.required',
    );
    expectFieldError(
      await h.failure(coordinator, 'actions.create', { hospitalId: hospital, title: 'x y z', sourceType: 'complaint', sourceId: 'CMP-KHOBAR-AAAA-000001' }),
      'sourceId',
      'field.not_found',
    );
  });

  it('asks for evidence before approval, and lets neither the owner nor a nurse approve', async () => {
    await h.call(owner, 'actions.move', { id, verb: 'start' });
    expectFieldError(await h.failure(owner, 'actions.move', { id, verb: 'submit' }), 'evidence', 'field.action_evidence');
    now = riyadh('2026-11-23 10:00');
    await h.call(owner, 'actions.note', { id, text: 'Three signs ordered; installed Monday.', evidence: true });
    const submitted = await h.call(owner, 'actions.move', { id, verb: 'submit' });
    expect(submitted).toMatchObject({ status: 'pending_approval', evidenceCount: 1 });
    // waiting for approval is not the owner's time: the clock pauses
    expect(submitted.clocks[0]).toMatchObject({ state: 'paused' });
    // the owner is offered no approval, and is refused one
    expect(submitted.verbs).not.toContain('approve');
    expectFieldError(await h.failure(owner, 'actions.move', { id, verb: 'approve' }), 'verb', 'field.action_approver');
    expect(await h.status(nurse, 'actions.move', { id, verb: 'approve' })).toBe(403);
  });

  it('goes back to work on a rejection, with its reason; approved by a coordinator, then closed', async () => {
    expectFieldError(await h.failure(coordinator, 'actions.move', { id, verb: 'reject' }), 'reason', 'field.required');
    const rejected = await h.call(coordinator, 'actions.move', { id, verb: 'reject', reason: 'A photo of the signs in place, please.' });
    expect(rejected).toMatchObject({ status: 'in_progress' });
    await h.call(owner, 'actions.note', { id, text: 'Photo of the three signs attached to the record.', evidence: true });
    await h.call(owner, 'actions.move', { id, verb: 'submit' });
    now = riyadh('2026-11-24 09:00');
    const approved = await h.call(coordinator, 'actions.move', { id, verb: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', approvedAt: new Date(now).toISOString() });
    expect(approved.clocks[0]).toMatchObject({ state: 'stopped', breached: false });
    const closed = await h.call(coordinator, 'actions.move', { id, verb: 'close' });
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((e) => `${e.kind}:${e.toStatus ?? ''}`)).toEqual([
      'created:open',
      'status:in_progress',
      'evidence:',
      'status:pending_approval',
      'status:in_progress',
      'evidence:',
      'status:pending_approval',
      'status:approved',
      'status:closed',
    ]);
    expect(closed.timeline.find((e) => e.text === 'A photo of the signs in place, please.')).toMatchObject({ kind: 'status', details: { verb: 'reject' } });
    expect(h.lastAudit(id)).toMatchObject({ action: 'px_actions.close' });
  });

  it('lets nobody approve their own work: whoever submitted an action without an owner is refused, a second coordinator approves', async () => {
    const unowned = (await h.call(coordinator, 'actions.create', { hospitalId: hospital, departmentId: opd, title: 'Water dispenser in the waiting hall' })).id;
    await h.call(coordinator, 'actions.move', { id: unowned, verb: 'start' });
    await h.call(coordinator, 'actions.note', { id: unowned, text: 'Dispenser installed and checked.', evidence: true });
    const submitted = await h.call(coordinator, 'actions.move', { id: unowned, verb: 'submit' });
    expect(submitted.verbs).not.toContain('approve');
    expectFieldError(await h.failure(coordinator, 'actions.move', { id: unowned, verb: 'approve' }), 'verb', 'field.action_approver');
    const second = h.as('px_coordinator', { hospitalId: hospital });
    expect((await h.call(second, 'actions.get', { id: unowned })).verbs).toContain('approve');
    expect(await h.call(second, 'actions.move', { id: unowned, verb: 'approve' })).toMatchObject({ status: 'approved' });
  });

  it('keeps an action where its maker and its owner can open it', async () => {
    const refusal = await h.failure(manager, 'actions.create', { hospitalId: hospital, title: 'Signs to the lifts' });
    expect(refusal.fields).toEqual([expect.objectContaining({ path: 'departmentId', key: 'field.department_out_of_scope' })]);
    const other = h.core.store.sqlite.prepare("SELECT id FROM departments WHERE hospital_id = ? AND code = 'CARD'").pluck().get(hospital) as string;
    const cardiac = await h.call(coordinator, 'actions.create', { hospitalId: hospital, departmentId: other, title: 'Call bells answered at night' });
    expect((await h.call(coordinator, 'actions.owners', { hospitalId: hospital, departmentId: other })).map((u) => u.id)).not.toContain(manager.me.user.id);
    expect((await h.call(coordinator, 'actions.owners', { hospitalId: hospital, departmentId: opd })).map((u) => u.id)).toContain(manager.me.user.id);
    const given = await h.failure(coordinator, 'actions.assign', { id: cardiac.id, ownerUserId: manager.me.user.id });
    expect(given.fields).toEqual([expect.objectContaining({ path: 'ownerUserId', key: 'field.action_owner' })]);
  });

  it('lists by queue: open, mine, waiting for approval; a number finds it', async () => {
    const other = await h.call(coordinator, 'actions.create', {
      hospitalId: hospital,
      departmentId: opd,
      title: 'Shorter queue at the pharmacy',
      priority: 'high',
    });
    await h.call(coordinator, 'actions.assign', { id: other.id, ownerUserId: manager.me.user.id });
    await h.call(manager, 'actions.move', { id: other.id, verb: 'start' });
    const open = await h.call(coordinator, 'actions.list', { queue: 'open' });
    expect(open.items.map((a) => a.id)).toContain(other.id);
    expect(open.items.map((a) => a.id)).not.toContain(id);
    expect((await h.call(manager, 'actions.list', { queue: 'mine' })).items.map((a) => a.id)).toEqual([other.id]);
    expect((await h.call(coordinator, 'actions.list', { queue: 'approval' })).total).toBe(0);
    expect((await h.call(coordinator, 'actions.list', { queue: 'all', q: other.number.toLowerCase() })).items.map((a) => a.id)).toEqual([other.id]);
    expect((await h.call(coordinator, 'actions.list', { queue: 'all', q: 'pharmacy' })).items.map((a) => a.id)).toEqual([other.id]);
    expect(open.items.find((a) => a.id === other.id)?.sla).toMatchObject({ clock: 'resolution', state: 'running' });
  });

  it('refuses an owner who may not work on actions, or of another hospital', async () => {
    const viewer = h.as('viewer', { hospitalId: hospital });
    const action = await h.call(coordinator, 'actions.create', { hospitalId: hospital, title: 'Parking signs' });
    expectFieldError(await h.failure(coordinator, 'actions.assign', { id: action.id, ownerUserId: viewer.me.user.id }), 'ownerUserId', 'field.action_owner');
  });
});
