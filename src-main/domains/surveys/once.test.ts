/**
 * Once across stations, before any sync: two stations of one hospital fed
 * the same HIS events (a HIS that sends to both) make the same patient,
 * journey, stage, survey and invitation rows, to the id, so the hub and
 * each station merge them as one, and the hub sends one message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../core/audit-log.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { hisEvent, seedHospitals } from '../../../test/fixtures/his-reference.js';

const stations: DomainHarness[] = [];
const now = Date.parse('2026-11-23T08:00:00.000Z');

beforeAll(async () => {
  const first = await DomainHarness.open({ clock: () => now });
  const second = await DomainHarness.open({ clock: () => now });
  stations.push(first, second);
  // the same hospital and templates on both, as a snapshot from the hub would give them
  const hospitals = seedHospitals(first.core);
  first.core.data.write(SYSTEM_ACTOR, (tx) => {
    const stage = first.core.store.sqlite
      .prepare(
        `SELECT s.id FROM journey_template_stages s JOIN journey_templates t ON t.id = s.template_id WHERE t.hospital_id = ? AND s.trigger_event_code = 'OPD_VISIT_COMPLETED'`,
      )
      .pluck()
      .get(hospitals.OLAYA) as string;
    tx.update('journey_template_stages', stage, {
      survey_template_id: first.core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED'),
      auto_send_survey: 1,
    });
  });
  for (const table of ['hospitals', 'departments', 'physicians', 'journey_templates', 'journey_template_stages'] as const) {
    const rows = first.core.store.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    for (const row of rows) {
      const columns = Object.keys(row);
      second.core.store.sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
    }
  }
});
afterAll(() => stations.forEach((s) => s.close()));

it('makes the same rows with the same ids on both stations', async () => {
  for (const station of stations) {
    for (const code of ['OPD_REGISTERED', 'OPD_VISIT_COMPLETED'] as const) {
      await station.receive(hisEvent({ externalId: `once-${code}`, code, encounterId: 'ENC-ONCE', mrn: 'MRN-ONCE', patient: { phone: '0551234567' } }));
    }
    station.core.processor.drain();
    await station.deliver('surveys.stage-completed');
  }
  const ids = (station: DomainHarness) =>
    Object.fromEntries(
      (['patients', 'journey_instances', 'journey_stage_instances', 'survey_instances', 'notification_messages'] as const).map((table) => [
        table,
        station.core.store.sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all(),
      ]),
    );
  const [a, b] = stations.map(ids);
  // what the first station did with the events, should it have made no survey
  const trail = JSON.stringify({
    events: stations[0]!.core.store.sqlite.prepare('SELECT external_id, status, last_error, next_attempt_at FROM inbound_events').all(),
    published: stations[0]!.core.store.sqlite.prepare('SELECT seq, type, payload FROM domain_events').all(),
    subscribers: stations[0]!.core.events.status(),
  });
  expect(a!.survey_instances, trail).toHaveLength(1);
  expect(a!.notification_messages).toHaveLength(1);
  expect(a).toEqual(b);
});
