/**
 * Complaints on one station, through the dispatcher: filed with a number at
 * once (each station its own), moved along the workflow with what each move
 * needs, assigned, classified and annotated — every change on the record's
 * timeline and in the audit log — and listed by queue, search and scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintIntakeSchema } from '../../../src-shared/complaints/intake.js';
import { parseComplaintNumber, stationCode } from '../../../src-shared/complaints/numbers.js';
import { COMPLAINT_CLOCKS } from '../../../src-shared/complaints/workflow.js';
import { shippedTemplateId } from '../../../src-shared/surveys/default-templates.js';
import { complaintSurveyId } from '../../../src-shared/surveys/ids.js';
import { clockOf, type RecordEvent } from '../../../src-shared/sla/clock.js';
import { SYSTEM_ACTOR } from '../../core/audit-log.js';
import type { Caller } from '../../core/context.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { seedHospitals } from '../../../test/fixtures/his-reference.js';

let now = Date.parse('2026-11-22T06:00:00.000Z'); // Sunday 09:00 in Riyadh
let h: DomainHarness;
let hospitals: Record<string, string>;
let departments: Record<string, string>;
let officer: Caller;

const one = <T>(query: string, ...params: unknown[]) => h.core.store.sqlite.prepare(query).get(...params) as T;

beforeAll(async () => {
  h = await DomainHarness.open({ clock: () => now });
  hospitals = seedHospitals(h.core);
  departments = Object.fromEntries(
    (h.core.store.sqlite.prepare('SELECT code, id FROM departments WHERE hospital_id = ?').all(hospitals.OLAYA) as { code: string; id: string }[]).map((d) => [
      d.code,
      d.id,
    ]),
  );
  officer = h.as('px_coordinator', { hospitalId: hospitals.OLAYA });
});
afterAll(() => h.close());

async function file(extra: Record<string, unknown> = {}) {
  return h.call(officer, 'complaints.create', {
    hospitalId: hospitals.OLAYA!,
    departmentId: departments.OPD,
    channel: 'walk_in',
    descriptionAr: 'انتظرت ثلاث ساعات في العيادة دون أن يخبرني أحد بسبب التأخير.',
    ...extra,
  });
}

describe('filing', () => {
  it('gives each complaint the next number of this station for its hospital, and starts its timeline', async () => {
    const first = await file();
    const second = await file({ type: 'inquiry', channel: 'phone', descriptionEn: 'What are the visiting hours?', descriptionAr: undefined });
    const code = stationCode(h.core.stationId);
    const a = parseComplaintNumber(first.number)!;
    const b = parseComplaintNumber(second.number)!;
    expect(a).toMatchObject({ hospitalCode: 'OLAYA', station: code });
    expect(b.sequence).toBe(a.sequence + 1);
    expect(first).toMatchObject({
      status: 'new',
      type: 'complaint',
      channel: 'walk_in',
      priority: 'medium',
      moves: expect.arrayContaining(['open', 'resolved']),
    });
    expect(first.excerpt).toContain('انتظرت ثلاث ساعات');
    expect(first.timeline).toEqual([expect.objectContaining({ kind: 'created', toStatus: 'new', actorName: officer.actor.name })]);
    expect(h.lastAudit(first.id)).toMatchObject({ action: 'complaints.create', hospitalId: hospitals.OLAYA });
    // another hospital counts apart
    const khobar = h.as('px_admin');
    const elsewhere = await h.call(khobar, 'complaints.create', { hospitalId: hospitals.KHOBAR!, channel: 'email', descriptionEn: 'Parking was full.' });
    expect(parseComplaintNumber(elsewhere.number)).toMatchObject({ hospitalCode: 'KHOBAR', sequence: 1 });
  });

  it('numbers complaints of two stations apart, though both count from 1 while offline', async () => {
    // from scratch: harnesses opened from the shared migrated copy share its station id
    const other = await DomainHarness.openFromScratch({ clock: () => now });
    try {
      const ids = seedHospitals(other.core);
      const there = await other.call(other.as('px_admin'), 'complaints.create', {
        hospitalId: ids.OLAYA!,
        channel: 'phone',
        descriptionEn: 'Rude receptionist.',
      });
      const here = await file();
      expect(parseComplaintNumber(there.number)!.station).not.toBe(parseComplaintNumber(here.number)!.station);
    } finally {
      other.close();
    }
  });

  it('refuses a complaint with no description, or a department of another hospital, field by field in both languages', async () => {
    const empty = await h.failure(officer, 'complaints.create', { hospitalId: hospitals.OLAYA, channel: 'phone' });
    expect(empty).toMatchObject({ status: 400, fields: [expect.objectContaining({ path: 'descriptionAr', key: 'field.complaint_description' })] });
    expect(empty.fields[0]!.message.ar).toMatch(/[\u0600-\u06FF]/);
    const khobarDepartment = one<{ id: string }>('SELECT id FROM departments WHERE hospital_id = ?', hospitals.KHOBAR).id;
    const wrong = await h.failure(h.as('px_admin'), 'complaints.create', {
      hospitalId: hospitals.OLAYA,
      departmentId: khobarDepartment,
      channel: 'phone',
      descriptionEn: 'x',
    });
    expect(wrong).toMatchObject({ status: 400, fields: [expect.objectContaining({ path: 'departmentId' })] });
    const future = await h.failure(officer, 'complaints.create', {
      hospitalId: hospitals.OLAYA,
      channel: 'phone',
      descriptionEn: 'x',
      occurredAt: new Date(now + 24 * 3_600_000).toISOString(),
    });
    expect(future.fields).toEqual([expect.objectContaining({ path: 'occurredAt', key: 'field.date_future' })]);
    const notAnInstant = await h.failure(officer, 'complaints.create', {
      hospitalId: hospitals.OLAYA,
      channel: 'phone',
      descriptionEn: 'x',
      occurredAt: 'yesterday',
    });
    expect(notAnInstant.fields).toEqual([expect.objectContaining({ path: 'occurredAt' })]);
    // a coordinator of one hospital files nothing for another
    expect(await h.status(officer, 'complaints.create', { hospitalId: hospitals.KHOBAR, channel: 'phone', descriptionEn: 'x' })).toBe(403);
  });
});

describe('the workflow', () => {
  it('moves a complaint through waiting, resolution with its outcome, a reopening with its reason, and closing', async () => {
    const made = await file();
    const open = await h.call(officer, 'complaints.move', { id: made.id, to: 'in_progress' });
    expect(open.status).toBe('in_progress');
    now += 60 * 60_000;
    await h.call(officer, 'complaints.move', { id: made.id, to: 'waiting_patient', reason: 'Asked for the appointment slip.' });
    now += 2 * 60 * 60_000;
    await h.call(officer, 'complaints.move', { id: made.id, to: 'in_progress' });

    const noOutcome = await h.failure(officer, 'complaints.move', {
      id: made.id,
      to: 'resolved',
      resolutionCategory: 'apology',
      resolutionSummary: 'Apologised.',
    });
    expect(noOutcome.fields).toEqual([expect.objectContaining({ path: 'resolutionOutcome', key: 'field.required' })]);
    now += 30 * 60_000;
    const resolved = await h.call(officer, 'complaints.move', {
      id: made.id,
      to: 'resolved',
      resolutionOutcome: 'upheld',
      resolutionCategory: 'process_change',
      resolutionSummary: 'We apologised; the clinic now tells waiting patients when a doctor runs late.',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolutionOutcome: 'upheld',
      resolvedAt: new Date(now).toISOString(),
      moves: ['closed', 'in_progress'],
    });
    expect(resolved.timeline.at(-1)).toMatchObject({ kind: 'status', fromStatus: 'in_progress', toStatus: 'resolved', visibility: 'patient' });

    const noReason = await h.failure(officer, 'complaints.move', { id: made.id, to: 'in_progress' });
    expect(noReason.fields).toEqual([expect.objectContaining({ path: 'reason', key: 'field.reopen_reason' })]);
    const reopened = await h.call(officer, 'complaints.move', { id: made.id, to: 'in_progress', reason: 'The patient says nobody called her.' });
    expect(reopened).toMatchObject({ status: 'in_progress', reopenedCount: 1, resolvedAt: null, resolutionOutcome: null, resolutionSummary: null });
    // what the first resolution said stays in the timeline
    expect(reopened.timeline.find((e) => e.toStatus === 'resolved')).toMatchObject({
      text: expect.stringContaining('We apologised'),
      details: { outcome: 'upheld', category: 'process_change' },
    });
    expect(h.lastAudit(made.id)).toMatchObject({ action: 'complaints.reopen' });

    // the timeline is the SLA history: paused time is not counted, and the reopening starts a new cycle
    const events = reopened.timeline.flatMap((e): RecordEvent[] =>
      e.toStatus ? [{ at: e.at, kind: 'status', status: e.toStatus }] : e.visibility === 'patient' ? [{ at: e.at, kind: 'response' }] : [],
    );
    const day: Array<[string, string]> = [['08:00', '16:00']];
    const resolution = clockOf(
      COMPLAINT_CLOCKS[1]!,
      events,
      {
        policies: [
          { id: 'p', effectiveFrom: '2020-01-01T00:00:00Z', targets: { first_response: 60, resolution: 480 }, steps: { first_response: [], resolution: [] } },
        ],
        calendars: [
          {
            id: 'c',
            effectiveFrom: '2020-01-01T00:00:00Z',
            calendar: { timeZone: 'Asia/Riyadh', weekly: { 0: day, 1: day, 2: day, 3: day, 4: day, 5: [], 6: [] } },
          },
        ],
      },
      new Date(now),
    );
    expect(resolution.cycles.map((c) => [c.state, c.elapsed])).toEqual([
      ['stopped', 90],
      ['running', 0],
    ]);
  });

  it('closes without a resolution only with a reason; a duplicate names the complaint it repeats', async () => {
    const first = await file();
    const again = await file();
    const everything = await h.failure(officer, 'complaints.move', { id: again.id, to: 'resolved' });
    expect(everything.fields.map((f) => f.path)).toEqual(['resolutionOutcome', 'resolutionCategory', 'resolutionSummary']);
    const bare = await h.failure(officer, 'complaints.move', { id: again.id, to: 'closed' });
    expect(bare.fields).toEqual([expect.objectContaining({ path: 'closeReason', key: 'field.close_reason' })]);
    const itself = await h.failure(officer, 'complaints.move', { id: again.id, to: 'closed', closeReason: 'duplicate', duplicateOf: again.id });
    expect(itself.fields).toEqual([expect.objectContaining({ path: 'duplicateOf' })]);
    const closed = await h.call(officer, 'complaints.move', { id: again.id, to: 'closed', closeReason: 'duplicate', duplicateOf: first.id });
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'duplicate', duplicateOf: { id: first.id, number: first.number } });
    const wrongWay = await h.failure(officer, 'complaints.move', { id: again.id, to: 'waiting_department' });
    expect(wrongWay.fields).toEqual([expect.objectContaining({ path: 'to', key: 'field.complaint_move' })]);
  });

  it('records the first response once, from the first note the complainant may read', async () => {
    const made = await file();
    now += 10 * 60_000;
    const internal = await h.call(officer, 'complaints.note', { id: made.id, text: 'Checked the clinic schedule.' });
    expect(internal.firstResponseAt).toBeNull();
    now += 10 * 60_000;
    const first = await h.call(officer, 'complaints.note', {
      id: made.id,
      text: 'شكراً لتواصلك، نعمل على شكواك وسنعود إليك خلال يومين.',
      visibility: 'patient',
    });
    expect(first.firstResponseAt).toBe(new Date(now).toISOString());
    now += 10 * 60_000;
    const later = await h.call(officer, 'complaints.note', { id: made.id, text: 'Another update.', visibility: 'patient' });
    expect(later.firstResponseAt).toBe(first.firstResponseAt);
    expect(later.timeline.filter((e) => e.kind === 'note').map((e) => e.visibility)).toEqual(['internal', 'patient', 'patient']);
  });

  it('assigns to someone who handles complaints at this hospital, and classifies on HCAT with its domain', async () => {
    const made = await file();
    const nurse = h.as('nurse', { hospitalId: hospitals.OLAYA });
    const notThem = await h.failure(officer, 'complaints.assign', { id: made.id, userId: nurse.me.user.id });
    expect(notThem.fields).toEqual([expect.objectContaining({ path: 'userId', key: 'field.complaint_assignee' })]);
    const elsewhere = h.as('staff', { hospitalId: hospitals.KHOBAR });
    expect((await h.failure(officer, 'complaints.assign', { id: made.id, userId: elsewhere.me.user.id })).fields[0]).toMatchObject({ path: 'userId' });
    const staff = h.as('staff', { hospitalId: hospitals.OLAYA });
    // the people the console offers are those the station accepts
    const offered = (await h.call(officer, 'complaints.assignees', { hospitalId: hospitals.OLAYA! })).map((u) => u.id);
    expect(offered).toContain(staff.me.user.id);
    expect(offered).not.toContain(nurse.me.user.id);
    expect(offered).not.toContain(elsewhere.me.user.id);
    expect(await h.status(officer, 'complaints.assignees', { hospitalId: hospitals.KHOBAR })).toBe(403);
    const assigned = await h.call(officer, 'complaints.assign', { id: made.id, userId: staff.me.user.id, departmentId: departments.OPD });
    expect(assigned).toMatchObject({ assignedUserId: staff.me.user.id, assignedDepartmentId: departments.OPD });
    expect(assigned.timeline.at(-1)).toMatchObject({ kind: 'assignment', details: expect.objectContaining({ userId: staff.me.user.id }) });

    const classified = await h.call(officer, 'complaints.classify', {
      id: made.id,
      hcatCategory: 'communication',
      severity: 2,
      harmLevel: 'none',
      stageOfCare: 'appointment',
    });
    expect(classified).toMatchObject({
      hcatCategory: 'communication',
      hcatDomain: 'relationships',
      severity: 2,
      harmLevel: 'none',
      stageOfCare: 'appointment',
    });
    expect(classified.timeline.at(-1)).toMatchObject({
      kind: 'classification',
      details: { before: expect.objectContaining({ hcat_category: null }), after: expect.objectContaining({ hcat_category: 'communication' }) },
    });
    const same = await h.call(officer, 'complaints.classify', { id: made.id, hcatCategory: 'communication' });
    expect(same.timeline).toHaveLength(classified.timeline.length);
    const bad = await h.failure(officer, 'complaints.classify', { id: made.id, severity: 7 });
    expect(bad.fields).toEqual([expect.objectContaining({ path: 'severity' })]);
  });
});

describe('the resolution survey', () => {
  it('asks a known patient how the complaint was handled, once per resolution, whichever way it is retried', async () => {
    const patient = h.core.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('patients', {
        hospital_id: hospitals.OLAYA!,
        mrn: 'MRN-CMP-SV',
        national_id: null,
        name_en: 'Huda Alotaibi',
        name_ar: 'هدى العتيبي',
        phone: '+966551230002',
        email: null,
        gender: null,
        birth_date: null,
        preferred_language: 'ar',
        active: 1,
      }),
    );
    const made = await file({ patientId: patient.id });
    const resolve = () =>
      h.call(officer, 'complaints.move', {
        id: made.id,
        to: 'resolved',
        resolutionOutcome: 'partly_upheld',
        resolutionCategory: 'explanation',
        resolutionSummary: 'We explained the delay and booked a new appointment.',
      });
    const resolved = await resolve();
    const first = complaintSurveyId(made.id, 1);
    expect(resolved.timeline.at(-1)?.details).toMatchObject({ resolutionSurvey: { id: first, skipped: null } });
    expect(one('SELECT origin, template_id, patient_id, status FROM survey_instances WHERE id = ?', first)).toEqual({
      origin: 'complaint',
      template_id: shippedTemplateId('COMPLAINT'),
      patient_id: patient.id,
      status: 'scheduled',
    });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM notification_messages WHERE instance_id = ?', first).n).toBe(1);
    // resolved again after a reopening: asked again, a survey of its own
    await h.call(officer, 'complaints.move', { id: made.id, to: 'in_progress', reason: 'The new appointment was cancelled.' });
    await resolve();
    expect(one<{ n: number }>('SELECT count(*) AS n FROM survey_instances WHERE id IN (?, ?)', first, complaintSurveyId(made.id, 2)).n).toBe(2);
    // the same resolution made again (another station, a replay) makes nothing new
    h.core.data.write(SYSTEM_ACTOR, (tx) =>
      expect(
        h.core.surveys.instances.fromComplaint(tx, {
          id: made.id,
          resolution: 1,
          hospitalId: hospitals.OLAYA!,
          patientId: patient.id,
          departmentId: null,
          physicianId: null,
        }),
      ).toBeNull(),
    );
  });

  it('finds the patient of a complaint filed with an MRN unknown then, once the HIS sends it, and asks them; or links one by hand', async () => {
    const filed = h.core.complaintIntake.fromSource(
      complaintIntakeSchema.parse({
        source_system: 'WEBSITE',
        external_id: 'web-later-patient',
        hospital_code: 'OLAYA',
        channel: 'web',
        description: 'Nobody called me back about my lost appointment.',
        patient: { mrn: 'MRN-LATER-1', name_en: 'Salem Alharbi', phone: '0551230099' },
      }),
    );
    const id = one<{ id: string }>('SELECT id FROM complaints WHERE number = ?', filed.number).id;
    expect(await h.call(officer, 'complaints.get', { id })).toMatchObject({ patient: null, reportedMrn: 'MRN-LATER-1' });
    const patient = h.core.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('patients', {
        hospital_id: hospitals.OLAYA!,
        mrn: 'MRN-LATER-1',
        national_id: null,
        name_en: 'Salem Alharbi',
        name_ar: 'سالم الحربي',
        phone: '+966551230099',
        email: null,
        gender: null,
        birth_date: null,
        preferred_language: 'en',
        active: 1,
      }),
    );
    const resolved = await h.call(officer, 'complaints.move', {
      id,
      to: 'resolved',
      resolutionOutcome: 'upheld',
      resolutionCategory: 'apology',
      resolutionSummary: 'Apologised and rebooked.',
    });
    expect(resolved.patient).toMatchObject({ id: patient.id, mrn: 'MRN-LATER-1' });
    expect(resolved.timeline.at(-1)?.details).toMatchObject({ resolutionSurvey: { id: complaintSurveyId(id, 1), skipped: null } });
    expect(resolved.timeline.find((e) => e.kind === 'classification')?.details).toMatchObject({ after: { patient_id: patient.id }, matchedMrn: 'MRN-LATER-1' });

    // by hand: a patient of the complaint's hospital only
    const unknown = await file({ complainantName: 'A caller who gave no MRN' });
    const khobarPatient = made(hospitals.KHOBAR!);
    expect(await h.status(officer, 'complaints.classify', { id: unknown.id, patientId: khobarPatient })).toBe(400);
    const linked = await h.call(officer, 'complaints.classify', { id: unknown.id, patientId: patient.id });
    expect(linked.patient).toMatchObject({ id: patient.id });
    // linked once: not moved to another patient
    const other = await h.failure(officer, 'complaints.classify', { id: unknown.id, patientId: made(hospitals.OLAYA!) });
    expect(other.fields).toEqual([expect.objectContaining({ path: 'patientId', key: 'field.patient_already_linked' })]);
    expect(h.lastAudit(unknown.id)).toMatchObject({ action: 'complaints.classify' });
  });

  it('asks nobody for an anonymous complaint or an inquiry', async () => {
    const anonymous = await file({ complainantName: 'Anonymous caller' });
    const resolved = await h.call(officer, 'complaints.move', {
      id: anonymous.id,
      to: 'resolved',
      resolutionOutcome: 'not_upheld',
      resolutionCategory: 'explanation',
      resolutionSummary: 'Explained the visiting rules.',
    });
    expect(resolved.timeline.at(-1)?.details).not.toHaveProperty('resolutionSurvey');
    expect(one('SELECT id FROM survey_instances WHERE id = ?', complaintSurveyId(anonymous.id, 1))).toBeUndefined();
  });
});

describe('lists', () => {
  it('answer the queues, search by number, MRN or name, and keep a department manager to their department', async () => {
    const patient = h.core.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('patients', {
        hospital_id: hospitals.OLAYA!,
        mrn: 'MRN-CMP-1',
        national_id: null,
        name_en: 'Sara Alharbi',
        name_ar: 'سارة الحربي',
        phone: '+966551230001',
        email: null,
        gender: null,
        birth_date: null,
        preferred_language: 'ar',
        active: 1,
      }),
    );
    const hers = await file({ patientId: patient.id, departmentId: departments.CARD });
    const mine = await file({ complainantName: 'Abdullah Alqahtani' });
    await h.call(officer, 'complaints.assign', { id: mine.id, userId: officer.me.user.id });
    const list = (input: Record<string, unknown>, caller = officer) => h.call(caller, 'complaints.list', { hospitalId: hospitals.OLAYA!, ...input });

    expect((await list({ queue: 'mine' })).items.map((c) => c.id)).toEqual([mine.id]);
    expect((await list({ queue: 'unassigned' })).items.map((c) => c.id)).toContain(hers.id);
    expect((await list({ queue: 'unassigned' })).items.map((c) => c.id)).not.toContain(mine.id);
    expect((await list({ queue: 'all', q: hers.number.toLowerCase() })).items.map((c) => c.id)).toEqual([hers.id]);
    expect((await list({ queue: 'all', q: 'mrn-cmp-1' })).items).toEqual([
      expect.objectContaining({ id: hers.id, patient: expect.objectContaining({ mrn: 'MRN-CMP-1' }) }),
    ]);
    expect((await list({ queue: 'all', q: 'Abdullah' })).items.map((c) => c.id)).toEqual([mine.id]);
    expect((await list({ queue: 'all', q: '%' })).items).toEqual([]);
    const closedBefore = (await list({ queue: 'closed' })).total;
    expect(closedBefore).toBeGreaterThan(0);

    const cardiology = h.as('department_manager', { hospitalId: hospitals.OLAYA, departmentId: departments.CARD });
    const theirs = await h.call(cardiology, 'complaints.list', { queue: 'all' });
    expect(theirs.items.map((c) => c.id)).toEqual([hers.id]);
    expect(await h.status(cardiology, 'complaints.get', { id: mine.id })).toBe(404);
  });
});

describe('assigning in bulk', () => {
  it('gives several complaints of the hospital to one person at once, each on its own timeline; all or none', async () => {
    const staff = h.as('staff', { hospitalId: hospitals.OLAYA });
    const made = [await file(), await file(), await file()];
    const done = await h.call(officer, 'complaints.assignMany', { ids: made.map((c) => c.id), userId: staff.me.user.id, departmentId: departments.OPD });
    expect(done).toEqual({ assigned: 3, unchanged: 0 });
    for (const complaint of made) {
      const read = await h.call(officer, 'complaints.get', { id: complaint.id });
      expect(read).toMatchObject({ assignedUserId: staff.me.user.id, assignedDepartmentId: departments.OPD });
      expect(read.timeline.at(-1)).toMatchObject({ kind: 'assignment', details: expect.objectContaining({ bulk: true }) });
    }
    // again: nothing changes
    expect(await h.call(officer, 'complaints.assignMany', { ids: made.map((c) => c.id), userId: staff.me.user.id })).toEqual({ assigned: 0, unchanged: 3 });
    // one of another hospital among them: refused, and nothing assigned
    const admin = h.as('px_admin');
    const khobar = await h.call(admin, 'complaints.create', { hospitalId: hospitals.KHOBAR!, channel: 'email', descriptionEn: 'Parking was full.' });
    const fresh = await file();
    const refusal = await h.failure(admin, 'complaints.assignMany', { ids: [fresh.id, khobar.id], userId: null });
    expect(refusal.fields).toEqual([expect.objectContaining({ path: 'ids', key: 'field.complaints_one_hospital' })]);
    // out of the caller's scope: not found, nothing assigned
    expect(await h.status(officer, 'complaints.assignMany', { ids: [fresh.id, khobar.id], userId: staff.me.user.id })).toBe(404);
    expect((await h.call(officer, 'complaints.get', { id: fresh.id })).assignedUserId).toBeNull();
  });
});

describe('what stays where it may be seen', () => {
  it('refuses, before anything is written, a filing or classification that would take the complaint out of the caller’s sight', async () => {
    const cardiology = h.as('department_manager', { hospitalId: hospitals.OLAYA, departmentId: departments.CARD });
    const before = one<{ n: number }>('SELECT count(*) AS n FROM complaints').n;
    const filing = { hospitalId: hospitals.OLAYA!, channel: 'walk_in' as const, descriptionAr: 'لم يرد أحد على جرس الاستدعاء في الغرفة طوال الليل.' };
    // another department: refused where the call comes in; none at all: refused at the field, not filed and then hidden
    expect(await h.status(cardiology, 'complaints.create', { ...filing, departmentId: departments.OPD })).toBe(403);
    expect((await h.failure(cardiology, 'complaints.create', filing)).fields).toEqual([
      expect.objectContaining({ path: 'departmentId', key: 'field.department_out_of_scope' }),
    ]);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM complaints').n).toBe(before);
    const theirs = await h.call(cardiology, 'complaints.create', { ...filing, departmentId: departments.CARD });
    const moved = await h.failure(cardiology, 'complaints.classify', { id: theirs.id, departmentId: null });
    expect(moved.fields).toEqual([expect.objectContaining({ path: 'departmentId', key: 'field.department_out_of_scope' })]);
  });

  it('gives work only to someone who can open it', async () => {
    const opdManager = h.as('department_manager', { hospitalId: hospitals.OLAYA, departmentId: departments.OPD });
    const cardiac = await file({ departmentId: departments.CARD });
    // the picker offers only those who can open it
    const offered = async (departmentId?: string) =>
      (await h.call(officer, 'complaints.assignees', { hospitalId: hospitals.OLAYA!, ...(departmentId ? { departmentId } : {}) })).map((u) => u.id);
    expect(await offered(departments.CARD)).not.toContain(opdManager.me.user.id);
    expect(await offered(departments.OPD)).toContain(opdManager.me.user.id);
    expect(await offered(departments.CARD)).toContain(officer.me.user.id);
    const refusal = await h.failure(officer, 'complaints.assign', { id: cardiac.id, userId: opdManager.me.user.id });
    expect(refusal.fields).toEqual([expect.objectContaining({ path: 'userId', key: 'field.complaint_assignee' })]);
    const opd = await file();
    expect((await h.call(officer, 'complaints.assign', { id: opd.id, userId: opdManager.me.user.id })).assignedUserId).toBe(opdManager.me.user.id);
    // in bulk, every complaint is checked, not only the first
    expect((await h.failure(officer, 'complaints.assignMany', { ids: [opd.id, cardiac.id], userId: opdManager.me.user.id })).fields).toEqual([
      expect.objectContaining({ path: 'userId', key: 'field.complaint_assignee' }),
    ]);
  });

  it('takes a physician and a duplicate only of the complaint’s own hospital', async () => {
    const khobarPhysician = one<{ id: string }>('SELECT id FROM physicians WHERE hospital_id = ?', hospitals.KHOBAR).id;
    expect((await h.failure(officer, 'complaints.create', { ...(await fileInput()), physicianId: khobarPhysician })).fields).toEqual([
      expect.objectContaining({ path: 'physicianId', key: 'field.not_found' }),
    ]);
    const admin = h.as('px_admin');
    const khobar = await h.call(admin, 'complaints.create', { hospitalId: hospitals.KHOBAR!, channel: 'email', descriptionEn: 'Parking was full again.' });
    const olaya = await file();
    await h.call(admin, 'complaints.move', { id: olaya.id, to: 'open' });
    const refusal = await h.failure(admin, 'complaints.move', { id: olaya.id, to: 'closed', closeReason: 'duplicate', duplicateOf: khobar.id });
    expect(refusal.fields).toEqual([expect.objectContaining({ path: 'duplicateOf', key: 'field.duplicate_of' })]);
  });
});

/** A patient of the hospital, made for the test; answers its id. */
function made(hospitalId: string): string {
  return h.core.data.write(SYSTEM_ACTOR, (tx) =>
    tx.insert('patients', {
      hospital_id: hospitalId,
      mrn: `MRN-MADE-${Math.random().toString(36).slice(2, 8)}`,
      national_id: null,
      name_en: 'Made for the test',
      name_ar: 'مريض للاختبار',
      phone: null,
      email: null,
      gender: null,
      birth_date: null,
      preferred_language: 'ar',
      active: 1,
    }),
  ).id;
}

async function fileInput() {
  return {
    hospitalId: hospitals.OLAYA!,
    departmentId: departments.OPD,
    channel: 'walk_in' as const,
    descriptionAr: 'انتظرت ثلاث ساعات في العيادة دون أن يخبرني أحد بسبب التأخير.',
  };
}
