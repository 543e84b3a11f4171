/**
 * What the processor makes of accepted HIS events, and what the PX office
 * then sees: an event it cannot place yet says why in both languages and is
 * processed as soon as the missing hospital and template exist; a discharge
 * that arrives before its admission ends in the same journey as in order;
 * cancellations undo what they name. The HTTP and MLLP answers a HIS gets
 * are in test/integration (his-json, his-mllp).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEvent, JourneyDetail } from '../../../src-shared/contract/index.js';
import type { EventAccepted, HisEvent } from '../../../src-shared/his-events.js';
import type { Caller } from '../../core/context.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { addSource, hisEvent, OLAYA_PHYSICIAN, seedHospitals, stageCompletions, stageStatuses as stages } from '../../../test/fixtures/his-reference.js';

let h: DomainHarness;
let office: Caller;

const ARABIC = /[\u0600-\u06FF]/;

beforeAll(async () => {
  h = await DomainHarness.open();
  seedHospitals(h.core);
  addSource(h.core, 'HIS');
  office = h.as('px_admin', { username: 'px.admin' });
});

afterAll(() => h.close());

/** An event the HIS's listener accepted, and a run of the processor over everything due. */
async function receive(event: HisEvent): Promise<EventAccepted> {
  const answer = await h.receive(event);
  expect(answer.status).toBe('accepted');
  h.core.processor.drain();
  return answer;
}

/** The journey of an encounter as the office sees it; fails unless there is exactly one. */
async function journeyOf(encounterId: string): Promise<JourneyDetail> {
  const list = await h.call(office, 'journeys.list', { q: encounterId });
  expect(list.items.map((j) => j.encounterId)).toEqual([encounterId]);
  return h.call(office, 'journeys.get', { id: list.items[0]!.id });
}

/** The event monitor's line for an event; fails unless there is exactly one. */
async function monitored(externalId: string): Promise<InboundEvent> {
  const page = await h.call(office, 'events.list', { q: externalId });
  expect(page.items).toHaveLength(1);
  return page.items[0]!;
}

const completions = (journeyId: string) => stageCompletions(h.core, journeyId);

/** What a journey looks like to the PX office, without ids that differ between encounters. */
function shape(journey: JourneyDetail) {
  return {
    status: journey.status,
    journeyType: journey.journeyType,
    startedAt: journey.startedAt,
    completedAt: journey.completedAt,
    stages: journey.stages.map((s) => ({ code: s.code, status: s.status, completedAt: s.completedAt })),
  };
}

/** An inpatient event of OLAYA's cardiology. */
function inpatient(externalId: string, code: string, encounterId: string, occurredAt: string, type: string | null = 'INPATIENT'): HisEvent {
  return hisEvent({ externalId, code, encounterId, occurredAt, type, departmentCode: 'CARD', physicianLicense: OLAYA_PHYSICIAN, mrn: `MRN-${encounterId}` });
}

describe('processing HIS events', () => {
  it('accepts an event of an unknown hospital, shows why it fails, and processes it once the hospital and its template exist', async () => {
    const { id } = await receive(
      hisEvent({
        externalId: 'dammam-1',
        code: 'OPD_REGISTERED',
        hospitalCode: 'dammam',
        encounterId: 'ENC-DM-1',
        mrn: 'MRN-DM-1',
        departmentCode: null,
        physicianLicense: null,
      }),
    );
    const failed = await monitored('dammam-1');
    expect(failed).toMatchObject({ id, status: 'failed', hospitalCode: 'DAMMAM', error: { key: 'intake.unknown_hospital' } });
    expect(failed.error?.message.en).toContain('"DAMMAM"');
    expect(failed.error?.message.ar).toContain('"DAMMAM"');
    expect(failed.error?.message.ar).toMatch(ARABIC);

    const hospital = await h.call(office, 'hospitals.create', { code: 'DAMMAM', nameEn: 'Dammam Hospital', nameAr: 'مستشفى الدمام' });
    // the hospital alone is not enough: now the journey template is missing, and the monitor says so
    h.core.processor.drain();
    expect((await monitored('dammam-1')).error?.key).toBe('intake.no_template');
    await h.call(office, 'journeyTemplates.create', {
      hospitalId: hospital.id,
      journeyType: 'OPD',
      code: 'OPD-DM',
      nameEn: 'Outpatient visit',
      nameAr: 'زيارة العيادات الخارجية',
      stages: [
        { code: 'REGISTRATION', nameEn: 'Registration', nameAr: 'التسجيل', triggerEventCode: 'OPD_REGISTERED', required: true },
        { code: 'CONSULTATION', nameEn: 'Consultation', nameAr: 'الاستشارة', triggerEventCode: 'OPD_VISIT_COMPLETED', required: true },
      ],
    });
    // nobody presses "reprocess": new reference data makes a failed event due again, before its backoff ends
    h.core.processor.drain();
    const processed = await monitored('dammam-1');
    expect(processed.status).toBe('processed');
    expect(processed.error).toBeNull();
    expect(processed.attempts).toBe(3);
    const journey = await journeyOf('ENC-DM-1');
    expect(journey.hospitalId).toBe(hospital.id);
    expect(stages(journey)).toEqual({ REGISTRATION: 'completed', CONSULTATION: 'pending' });
    expect(completions(journey.id)).toEqual(['REGISTRATION']);
  });

  it('ends an encounter whose discharge arrived before its admission with the same journey as in order', async () => {
    const admitted = '2026-11-20T09:00:00+03:00';
    const discharged = '2026-11-22T12:30:00+03:00';

    await receive(inpatient('io-1', 'IP_ADMITTED', 'ENC-IN-ORDER', admitted));
    await receive(inpatient('io-2', 'IP_DISCHARGED', 'ENC-IN-ORDER', discharged));
    const inOrder = await journeyOf('ENC-IN-ORDER');
    expect(inOrder.status).toBe('completed');

    await receive(inpatient('ooo-2', 'IP_DISCHARGED', 'ENC-OUT-OF-ORDER', discharged));
    // the discharge is processed on its own first: the journey exists, still waiting for its admission
    const halfway = await journeyOf('ENC-OUT-OF-ORDER');
    expect(stages(halfway).DISCHARGE).toBe('completed');
    expect(halfway.status).toBe('active');
    expect(stages(halfway).ADMISSION).toBe('pending');
    await receive(inpatient('ooo-1', 'IP_ADMITTED', 'ENC-OUT-OF-ORDER', admitted));
    const outOfOrder = await journeyOf('ENC-OUT-OF-ORDER');
    expect(outOfOrder.status).toBe('completed');

    expect(shape(outOfOrder)).toEqual(shape(inOrder));
    expect(shape(inOrder)).toMatchObject({ startedAt: '2026-11-20T06:00:00.000Z', completedAt: '2026-11-22T09:30:00.000Z' });
    expect(outOfOrder.events.map((e) => e.eventCode)).toEqual(['IP_ADMITTED', 'IP_DISCHARGED']);
    expect(completions(outOfOrder.id).sort()).toEqual(['ADMISSION', 'DISCHARGE']);
  });

  it('undoes an admission with ADMISSION_CANCELLED and a discharge with DISCHARGE_CANCELLED', async () => {
    await receive(inpatient('cx-a-1', 'IP_ADMITTED', 'ENC-CX-A', '2026-11-20T09:00:00+03:00'));
    expect(stages(await journeyOf('ENC-CX-A')).ADMISSION).toBe('completed');
    // a cancel names no journey type: the encounter's journey says which
    await receive(inpatient('cx-a-2', 'ADMISSION_CANCELLED', 'ENC-CX-A', '2026-11-20T09:30:00+03:00', null));
    const cancelled = await journeyOf('ENC-CX-A');
    expect(cancelled.status).toBe('cancelled');
    expect(stages(cancelled).ADMISSION).toBe('pending');

    await receive(inpatient('cx-d-1', 'IP_ADMITTED', 'ENC-CX-D', '2026-11-20T09:00:00+03:00'));
    await receive(inpatient('cx-d-2', 'IP_DISCHARGED', 'ENC-CX-D', '2026-11-21T09:00:00+03:00'));
    expect((await journeyOf('ENC-CX-D')).status).toBe('completed');
    await receive(inpatient('cx-d-3', 'DISCHARGE_CANCELLED', 'ENC-CX-D', '2026-11-21T10:00:00+03:00'));
    const reopened = await journeyOf('ENC-CX-D');
    expect(reopened.status).toBe('active');
    expect(reopened.completedAt).toBeNull();
    expect(stages(reopened)).toMatchObject({ ADMISSION: 'completed', DISCHARGE: 'pending' });
    // the real discharge later completes it again
    await receive(inpatient('cx-d-4', 'IP_DISCHARGED', 'ENC-CX-D', '2026-11-22T09:00:00+03:00'));
    const discharged = await journeyOf('ENC-CX-D');
    expect(discharged.status).toBe('completed');
    expect(discharged.completedAt).toBe('2026-11-22T06:00:00.000Z');
    expect(completions(discharged.id)).toEqual(['ADMISSION', 'DISCHARGE', 'DISCHARGE']);
  });
});

describe('a patient’s demographics from the HIS', () => {
  it('are updated only where the event carries them: a message without an Arabic name keeps the Arabic name', async () => {
    await receive(
      hisEvent({
        externalId: 'demo-1',
        code: 'OPD_REGISTERED',
        encounterId: 'ENC-DEMO',
        mrn: 'MRN-DEMO',
        patient: { name_en: 'Sara Alharbi', name_ar: 'سارة الحربي', phone: '0501234567' },
      }),
    );
    await receive(
      hisEvent({
        externalId: 'demo-2',
        code: 'OPD_REGISTERED',
        encounterId: 'ENC-DEMO-2',
        mrn: 'MRN-DEMO',
        patient: { name_en: 'Sara Al-Harbi', name_ar: null, phone: null },
      }),
    );
    const found = await h.call(office, 'patients.search', { q: 'MRN-DEMO' });
    expect(found.items.map(({ nameEn, nameAr, phone }) => ({ nameEn, nameAr, phone }))).toEqual([
      { nameEn: 'Sara Al-Harbi', nameAr: 'سارة الحربي', phone: '+966501234567' },
    ]);
  });

  it('refuses at intake what the console would refuse, so nothing is stored', async () => {
    const before = h.count('inbound_events');
    await expect(
      h.receive(hisEvent({ externalId: 'demo-3', code: 'OPD_REGISTERED', mrn: 'MRN-EVIL', patient: { name_ar: 'سارة\u202Eevil' } })),
    ).rejects.toThrow(/field\.bad_characters/);
    expect(h.count('inbound_events')).toBe(before);
  });
});

describe('names typed in the console', () => {
  it('refuse control and text-direction characters with a bilingual field error, and store nothing', async () => {
    const hospitalId = (await h.call(office, 'hospitals.list', {})).items[0]!.id;
    const before = h.count('patients');
    const refused = await h.failure(office, 'patients.create', { hospitalId, mrn: 'MRN-BIDI', nameEn: 'Sara', nameAr: 'سارة\u202Eevil' });
    expect(refused.status).toBe(400);
    expect(refused.fields).toEqual([
      expect.objectContaining({ path: 'nameAr', key: 'field.bad_characters', message: { en: expect.stringMatching(/control/), ar: expect.any(String) } }),
    ]);
    expect(h.count('patients')).toBe(before);
  });
});
