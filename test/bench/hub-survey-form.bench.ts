/**
 * The survey form at the hub: finished surveys per second, posted as a
 * phone posts the last page (`POST /s/<token>`, urlencoded), each one
 * looked up by its token's hash, locked, read from the records, checked,
 * and written as the hub's own sync messages (instance times and the
 * response), against a bare fastify route on the same PostgreSQL that
 * parses the same body and inserts the same answers as one row. Both at the
 * same concurrency. Target (issue): at least 1,000 submissions a second.
 *
 * Measured with 16 and with 64 posts in flight (closed loops: each phone
 * posts again once answered). The form carries concurrent posts in shared
 * transactions, so how many are in flight decides how much one commit
 * carries. A hub offered 1,000 posts a second holds as many in flight as
 * its answer time makes (Little's law: 1,000/s × 16 ms = 16; slower
 * answers, more in flight, bigger batches): it keeps up if either level
 * reaches 1,000/s, so the target is judged on the higher figure, and both
 * are printed with their mean answer time.
 *
 * The surveys are made the way they are in a hospital: completed stages on
 * an enrolled station, pushed to the hub, whose sender issues the links
 * (the console provider writes them to a file, where the bench reads them).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { readFormBody } from '../../src-shared/surveys/form-routes.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { StationCore } from '../../src-main/core/station.js';
import { syntheticPatients } from '../../src-main/demo/synthetic.js';
import { createHospital, enrolmentCode, startTestHub, startTestPostgres } from '../fixtures/hub-postgres.js';
import { tempDataDir } from '../fixtures/station.js';
import { BENCH_ACTOR, formatCount, formatRatio, machineNote, recordResult, verdict } from './support.js';

/** posts in flight, each level with surveys of its own (a finished survey cannot be finished again) */
const LEVELS = [16, 64] as const;
const PER_LEVEL = 2_000;
const WARM_UP = 100;
const SURVEYS = WARM_UP + PER_LEVEL * LEVELS.length;
const TARGET_PER_SECOND = 1_000;
const ANSWERS =
  'page=0&move=finish&lang=ar&q_overall=5&q_waiting=4&q_doctor_explained=5&q_staff_respect=5&q_recommend=9&q_improve=%D8%B4%D9%83%D8%B1%D8%A7%D9%8B';

/**
 * One post over a kept-alive connection, as a phone's browser posts the
 * page: Node's http client, not fetch. The phones share the server's event
 * loop here, and fetch's web streams cost more than the server's own work
 * per request (a quarter of the loop in a profile): the bench would measure
 * the phones.
 */
function post(url: string, agent: http.Agent): Promise<{ status: number; html: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(ANSWERS) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, html: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(ANSWERS);
  });
}

/** Posts every body to its URL, `concurrency` at a time; the elapsed ms. */
async function postAll(urls: readonly string[], concurrency: number, expect: (status: number, html: string) => boolean): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < urls.length; i = next++) {
        const answer = await post(urls[i]!, agent);
        if (!expect(answer.status, answer.html)) failed += 1;
      }
    }),
  );
  agent.destroy();
  if (failed > 0) throw new Error(`${failed} of ${urls.length} posts were not answered as expected`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  console.log(`hub survey form bench: ${formatCount(SURVEYS)} surveys finished, ${LEVELS.join(' and ')} at a time (${machineNote()})`);
  const postgres = await startTestPostgres();
  const hub = await startTestHub(postgres, {}, { surveys: { sendIntervalMs: 200, formPostsPerMinute: 1_000_000 } });
  const core = await StationCore.open(tempDataDir('px360-bench-hub-form-'), () => {});
  try {
    const hospital = await createHospital(hub, 'RUH');
    await core.sync.enrol(hub.url, await enrolmentCode(hub, { hospitalCode: 'RUH' }), 'bench');
    await core.sync.syncNow();
    const templateId = core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!;
    core.data.write(BENCH_ACTOR, (tx) => {
      core.templates.createDefaults(tx, hospital.id, (event) => core.surveys.templates.shippedTemplateFor(event));
      core.surveys.settings.save(tx, { hospitalId: hospital.id, sendingEnabled: true, windowStartMinute: 0, windowEndMinute: 24 * 60, fatigueDays: 0 });
    });
    const stageId = core.store
      .statement(
        `SELECT s.id FROM journey_template_stages s JOIN journey_templates t ON t.id = s.template_id WHERE t.hospital_id = ? AND s.trigger_event_code = 'OPD_VISIT_COMPLETED'`,
      )
      .pluck()
      .get(hospital.id) as string;
    const patients = syntheticPatients(SURVEYS, [hospital.id], 2026).map((p, i) => ({ ...p, phone: `05${String(50_000_000 + i).padStart(8, '0')}` }));
    core.data.write(BENCH_ACTOR, (tx) => tx.insertMany('patients', patients));
    const patientIds = core.store.statement('SELECT id FROM patients WHERE hospital_id = ?').pluck().all(hospital.id) as string[];
    const at = new Date().toISOString();
    core.data.write(BENCH_ACTOR, (tx) => {
      for (const patientId of patientIds)
        core.surveys.instances.fromStage(tx, {
          journeyInstanceId: uuidv7(),
          stageInstanceId: uuidv7(),
          stageId,
          stageCode: 'CONSULTATION',
          hospitalId: hospital.id,
          patientId,
          encounterId: `ENC-${patientId}`,
          journeyType: 'OPD',
          completedAt: at,
          departmentId: null,
          physicianId: null,
          surveyTemplateId: templateId,
          autoSendSurvey: true,
        });
    });
    for (let round = 0; round < 50; round += 1) if ((await core.sync.syncNow()).pushed === 0 && round > 0) break;
    const file = path.join(hub.dataDir, 'logs', 'notifications.jsonl');
    const lines = (): string[] => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : []);
    const deadline = Date.now() + 300_000;
    while (lines().length < SURVEYS) {
      if (Date.now() > deadline) throw new Error(`the hub sent ${lines().length} of ${SURVEYS} invitations`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const links = lines().map((line) => (JSON.parse(line) as { link: string }).link);

    // warm-up: a few surveys of another kind would need more set-up; the first posts are timed apart instead
    const thanks = (status: number, html: string) => status === 200 && html.includes('شكراً لك');
    await postAll(links.slice(0, WARM_UP), LEVELS[0], (status) => status === 200);
    const hubMs = new Map<number, number>();
    for (const [i, level] of LEVELS.entries()) {
      const start = WARM_UP + i * PER_LEVEL;
      hubMs.set(level, await postAll(links.slice(start, start + PER_LEVEL), level, thanks));
    }
    const finished = Number(
      (await hub.sql.query(`SELECT count(*) AS n FROM records WHERE tbl = 'survey_responses' AND data->>'finished_at' IS NOT NULL`)).rows[0].n,
    );
    if (finished !== SURVEYS) throw new Error(`expected ${SURVEYS} finished responses at the hub, found ${finished}`);

    // the raw baseline: the same body parsed and the same answers inserted, nothing else
    const raw = new pg.Pool({ connectionString: await postgres.newDatabase(), max: 10 });
    await raw.query(`CREATE TABLE raw_answers (id TEXT PRIMARY KEY, token TEXT NOT NULL, answers JSONB NOT NULL, finished_at TIMESTAMPTZ NOT NULL)`);
    const app = Fastify({ logger: false });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, readFormBody(String(body))));
    app.post<{ Params: { token: string } }>('/s/:token', async (request) => {
      await raw.query('INSERT INTO raw_answers (id, token, answers, finished_at) VALUES ($1, $2, $3, now())', [
        uuidv7(),
        request.params.token,
        JSON.stringify(request.body),
      ]);
      return 'ok';
    });
    const rawUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const rawLinks = links.slice(WARM_UP, WARM_UP + PER_LEVEL).map((link) => `${rawUrl}/s/${link.split('/s/')[1]}`);
    await postAll(rawLinks.slice(0, WARM_UP), LEVELS[0], (status) => status === 200);
    const rawMs = new Map<number, number>();
    for (const level of LEVELS) rawMs.set(level, await postAll(rawLinks, level, (status) => status === 200));
    await app.close();
    await raw.end();

    let best = 0;
    for (const level of LEVELS) {
      const hubRate = PER_LEVEL / (hubMs.get(level)! / 1000);
      const rawRate = PER_LEVEL / (rawMs.get(level)! / 1000);
      best = Math.max(best, hubRate);
      const rawFigure = `${formatCount(rawRate)} posts/s`;
      const answerMs = (level / hubRate) * 1000;
      console.log(`${level} in flight: raw fastify + pg insert ${rawFigure}`);
      recordResult({ bench: 'hub-survey-form', measure: `raw fastify + pg insert, ${level} in flight`, value: rawFigure, target: '(baseline)', meets: null });
      const figure = `${formatCount(hubRate)} surveys/s`;
      console.log(
        `${level} in flight: hub form, finishing a survey: ${figure} (answered in ${answerMs.toFixed(1)} ms on average; raw ${rawFigure}, ratio ${formatRatio(hubRate / rawRate)})`,
      );
      recordResult({
        bench: 'hub-survey-form',
        measure: `finished surveys, ${level} in flight`,
        value: `${figure} (${answerMs.toFixed(1)} ms each), ${formatRatio(hubRate / rawRate)} × raw`,
        target: `≥ ${formatCount(TARGET_PER_SECOND)}/s at either`,
        meets: null,
      });
    }
    const meets = best >= TARGET_PER_SECOND;
    console.log(`hub form, the higher: ${formatCount(best)} surveys/s (target ≥ ${formatCount(TARGET_PER_SECOND)}/s: ${verdict(meets)})`);
    recordResult({
      bench: 'hub-survey-form',
      measure: 'finished surveys, the higher',
      value: `${formatCount(best)} surveys/s`,
      target: `≥ ${formatCount(TARGET_PER_SECOND)}/s`,
      meets,
    });
  } finally {
    core.close();
    await hub.close();
    await postgres.stop();
  }
}

await main();
