/**
 * Surveys made from completed journey stages, the way the station makes
 * them: `journey.stage_completed` events delivered to the surveys
 * subscriber (its batches, its transactions: the instance, its invitation
 * in the outbox, change capture and audit), against plain prepared INSERTs
 * of the same instance and message rows in transactions of the same size.
 * Target (issue): at least 2,000 surveys a second.
 *
 * Also the public form's first page: its weight as sent, raw and gzipped
 * (target: under 60 KB transferred, fonts included; it has none).
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtInId } from '../../src-shared/surveys/ids.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { renderSurveyPage } from '../../src-shared/surveys/public-form.js';
import { subscriberJobName } from '../../src-main/core/domain-events.js';
import { syntheticPatients } from '../../src-main/demo/synthetic.js';
import type { StationCore } from '../../src-main/core/station.js';
import { BENCH_ACTOR, formatCount, formatRatio, machineNote, openStationWithHospitals, recordResult, scratchDir, verdict } from './support.js';

const COMPLETIONS = 20_000;
const BATCH = 100;
const TARGET_PER_SECOND = 2_000;
const TARGET_PAGE_KB = 60;

interface Setup {
  readonly core: StationCore;
  readonly hospitalId: string;
  readonly stageId: string;
  readonly templateId: string;
  readonly versionId: string;
  readonly patientIds: readonly string[];
}

async function setup(dataDir: string): Promise<Setup> {
  const { core, hospitalIds } = await openStationWithHospitals(dataDir);
  const hospitalId = hospitalIds[0]!;
  const templateId = core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
  core.data.write(BENCH_ACTOR, (tx) => {
    core.templates.createDefaults(tx, hospitalId, (event) => core.surveys.templates.shippedTemplateFor(event));
    core.surveys.settings.save(tx, { hospitalId, sendingEnabled: true, fatigueDays: 0 });
  });
  const stageId = core.store
    .statement(
      `SELECT s.id FROM journey_template_stages s JOIN journey_templates t ON t.id = s.template_id WHERE t.hospital_id = ? AND s.trigger_event_code = 'OPD_VISIT_COMPLETED'`,
    )
    .pluck()
    .get(hospitalId) as string;
  const patients = syntheticPatients(COMPLETIONS, [hospitalId], 2026).map((p, i) => ({ ...p, phone: `05${String(50_000_000 + i).padStart(8, '0')}` }));
  for (let i = 0; i < patients.length; i += 5_000) core.data.write(BENCH_ACTOR, (tx) => tx.insertMany('patients', patients.slice(i, i + 5_000)));
  const patientIds = core.store.statement('SELECT id FROM patients WHERE hospital_id = ? ORDER BY mrn').pluck().all(hospitalId) as string[];
  return { core, hospitalId, stageId, templateId, versionId: core.surveys.templates.sendableVersion(templateId)!, patientIds };
}

/** What the journeys publish when a consultation completes, for each patient once. */
function completion(s: Setup, i: number, at: string) {
  return {
    journeyInstanceId: uuidv7(),
    stageInstanceId: uuidv7(),
    stageId: s.stageId,
    stageCode: 'CONSULTATION',
    hospitalId: s.hospitalId,
    patientId: s.patientIds[i]!,
    encounterId: `ENC-B-${i}`,
    journeyType: 'OPD',
    completedAt: at,
    departmentId: null,
    physicianId: null,
    surveyTemplateId: s.templateId,
    autoSendSurvey: true,
  };
}

async function throughSubscriber(s: Setup): Promise<number> {
  const at = new Date().toISOString();
  for (let i = 0; i < COMPLETIONS; i += 1_000) {
    s.core.data.write(BENCH_ACTOR, (tx) => {
      for (let j = i; j < Math.min(i + 1_000, COMPLETIONS); j += 1)
        s.core.events.publish(tx, { type: 'journey.stage_completed', hospitalId: s.hospitalId, payload: completion(s, j, at) });
    });
  }
  const started = performance.now();
  const job = subscriberJobName('surveys.stage-completed');
  while ((s.core.store.statement('SELECT count(*) FROM survey_instances').pluck().get() as number) < COMPLETIONS) await s.core.scheduler.runNow(job);
  return performance.now() - started;
}

function rawInserts(s: Setup): number {
  const sqlite = s.core.store.sqlite;
  const instance = sqlite.prepare(
    `INSERT INTO survey_instances (id, hospital_id, template_id, version_id, patient_id, journey_instance_id, stage_instance_id, stage_id, department_id, physician_id,
       origin, channel, language, send_at, expires_at, reminders_sent, created_at, updated_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 'stage', 'sms', 'ar', ?, ?, 0, ?, ?, 'scheduled')`,
  );
  const message = sqlite.prepare(
    `INSERT INTO notification_messages (id, hospital_id, instance_id, kind, channel, language, send_at, status, attempts, created_at, updated_at)
     VALUES (?, ?, ?, 'invitation', 'sms', 'ar', ?, 'queued', 0, ?, ?)`,
  );
  const write = sqlite.transaction((from: number, to: number) => {
    const now = new Date().toISOString();
    for (let i = from; i < to; i += 1) {
      const stageInstanceId = uuidv7();
      const id = builtInId(`survey:stage:${stageInstanceId}`);
      instance.run(id, s.hospitalId, s.templateId, s.versionId, s.patientIds[i], uuidv7(), stageInstanceId, s.stageId, now, now, now, now);
      message.run(builtInId(`message:${id}:invitation`), s.hospitalId, id, now, now, now);
    }
  });
  const started = performance.now();
  for (let i = 0; i < COMPLETIONS; i += BATCH) write.immediate(i, Math.min(i + BATCH, COMPLETIONS));
  return performance.now() - started;
}

function pageWeight(core: StationCore): { raw: number; gzip: number } {
  const content = core.surveys.templates.contentOf(core.surveys.templates.sendableVersion(core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!))!;
  const html = renderSurveyPage({
    content,
    page: 0,
    answers: {},
    language: 'ar',
    digits: 'arab',
    firstName: 'عبدالرحمن',
    hospitalName: 'مستشفى العليا التخصصي',
    action: '/s/AAAAAAAAAAAAAAAAAAAAAA',
    otherLanguageHref: '/s/AAAAAAAAAAAAAAAAAAAAAA?lang=en',
    optOutHref: '/s/AAAAAAAAAAAAAAAAAAAAAA/opt-out?lang=ar',
  });
  const bytes = Buffer.from(html, 'utf8');
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
}

async function main(): Promise<void> {
  const root = scratchDir('survey-instances');
  const raw = await setup(path.join(root, 'raw'));
  const real = await setup(path.join(root, 'subscriber'));
  console.log(`survey-instances bench: ${formatCount(COMPLETIONS)} completed OPD stages, transactions of ${BATCH} (${machineNote()})`);
  const rawMs = rawInserts(raw);
  const realMs = await throughSubscriber(real);
  const rawRate = COMPLETIONS / (rawMs / 1000);
  const realRate = COMPLETIONS / (realMs / 1000);
  const made = real.core.store.statement('SELECT count(*) FROM notification_messages').pluck().get() as number;
  if (made !== COMPLETIONS) throw new Error(`expected ${COMPLETIONS} invitations, found ${made}`);
  const rawFigure = `${formatCount(rawRate)} surveys/s`;
  console.log(`raw INSERT (instance + message): ${rawFigure}`);
  recordResult({ bench: 'survey-instances', measure: 'raw INSERT', value: rawFigure, target: '(baseline)', meets: null });
  const meets = realRate >= TARGET_PER_SECOND;
  const figure = `${formatCount(realRate)} surveys/s`;
  console.log(
    `from stage completions: ${figure} (raw ${rawFigure}, ratio ${formatRatio(realRate / rawRate)}, target ≥ ${formatCount(TARGET_PER_SECOND)}/s: ${verdict(meets)})`,
  );
  recordResult({
    bench: 'survey-instances',
    measure: 'from stage completions',
    value: `${figure}, ${formatRatio(realRate / rawRate)} × raw`,
    target: `≥ ${formatCount(TARGET_PER_SECOND)}/s`,
    meets,
  });
  const weight = pageWeight(real.core);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const light = weight.gzip / 1024 < TARGET_PAGE_KB && weight.raw / 1024 < TARGET_PAGE_KB;
  console.log(
    `survey form, first page (OPD, Arabic): ${kb(weight.raw)} as HTML, ${kb(weight.gzip)} gzipped, one inline script, no font, no image (target < ${TARGET_PAGE_KB} KB: ${verdict(light)})`,
  );
  recordResult({
    bench: 'survey-instances',
    measure: 'form first page',
    value: `${kb(weight.raw)} (${kb(weight.gzip)} gzipped)`,
    target: `< ${TARGET_PAGE_KB} KB`,
    meets: light,
  });
  raw.core.close();
  real.core.close();
}

await main();
