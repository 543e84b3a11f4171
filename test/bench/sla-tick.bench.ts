/**
 * The SLA engine's pass at a large group's size: 1,000,000 open complaints,
 * 10,000 of them due (docs/sla-design.md). The engine reads its due index
 * (sla_due) up to now and, for each due record, recomputes its clocks from
 * its timeline and fires what is reached — each firing a synced row, a
 * timeline entry, its notifications and their audit entries. Against a raw
 * SQL scan of the same due rows of the same index in the same run; then an
 * idle pass (nothing due, nothing changed) over the same million, which
 * shows the cost does not grow with what is open.
 *
 * The fixture is written with plain INSERTs through the real schema,
 * indexes and triggers (synchronous=OFF for the build only); the due
 * records' index entries are computed by the engine itself.
 */
import { formatComplaintNumber } from '../../src-shared/complaints/numbers.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { createDefaultRoles } from '../../src-main/domains/accounts/roles.js';
import { NO_LOCAL_PASSWORD } from '../../src-shared/tables/index.js';
import { BENCH_ACTOR, formatCount, formatMs, formatRatio, machineNote, openStationWithHospitals, percentile, recordResult, scratchDir } from './support.js';

const OPEN = 1_000_000;
const DUE_EVERY = 100; // 10,000 due
const SCANS = 9;
/** filed Monday 09:00 in Riyadh; the pass runs on Wednesday at noon: 1,140 business minutes in */
const FILED = Date.parse('2026-11-23T09:00:00+03:00');
const NOW = new Date(Date.parse('2026-11-25T12:00:00+03:00'));

async function main(): Promise<void> {
  const { core, hospitalIds } = await openStationWithHospitals(scratchDir('sla-tick'));
  createDefaultRoles(core.data, BENCH_ACTOR);
  const sqlite = core.store.sqlite;
  const hospitalId = hospitalIds[0]!;
  console.log(`sla-tick bench: ${formatCount(OPEN)} open complaints, ${formatCount(OPEN / DUE_EVERY)} due (${machineNote()})`);

  const started = performance.now();
  const departments = core.data.write(BENCH_ACTOR, (tx) =>
    ['OPD', 'ER', 'CARD', 'LAB'].map(
      (code) => tx.insert('departments', { hospital_id: hospitalId, parent_id: null, code, name_en: code, name_ar: code, active: 1 }).id,
    ),
  );
  // each department's manager: the first escalation reaches someone
  const managerRole = sqlite.prepare(`SELECT id FROM roles WHERE code = 'department_manager'`).pluck().get() as string;
  core.data.write(BENCH_ACTOR, (tx) =>
    departments.forEach((departmentId, i) =>
      tx.insert('users', {
        username: `manager.${i}`,
        name_en: `Manager ${i}`,
        name_ar: `مدير ${i}`,
        email: null,
        phone: null,
        preferred_language: 'ar',
        role_id: managerRole,
        hospital_id: hospitalId,
        department_id: departmentId,
        active: 1,
        password_hash: NO_LOCAL_PASSWORD,
        password_changed_at: tx.now,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
      }),
    ),
  );

  sqlite.pragma('synchronous = OFF');
  const complaint = sqlite.prepare(
    `INSERT INTO complaints (id, hospital_id, number, type, channel, status, department_id, physician_id, patient_id, reported_mrn, complainant_name,
       contact_phone, contact_email, contact_preference, language, description_ar, description_en, hcat_category, hcat_domain, subcategory, severity,
       priority, harm_level, stage_of_care, occurred_at, received_at, assigned_user_id, assigned_department_id, first_response_at, resolved_at,
       resolution_outcome, resolution_category, resolution_summary, closed_at, close_reason, duplicate_of, reopened_count, source_system, external_id,
       created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, 'complaint', 'walk_in', 'in_progress', ?, NULL, NULL, NULL, ?, NULL, NULL, 'phone', 'ar', ?, NULL, NULL, NULL, NULL, NULL,
       'medium', NULL, NULL, NULL, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, ?, ?, NULL)`,
  );
  const event = sqlite.prepare(
    `INSERT INTO complaint_events (id, hospital_id, complaint_id, kind, visibility, from_status, to_status, text, details, actor_user_id, actor_name, at,
       created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, 'internal', ?, ?, NULL, NULL, NULL, 'bench', ?, ?, ?, NULL)`,
  );
  const notDue = sqlite.prepare(`INSERT INTO sla_due (record_id, record_type, next_due_at) VALUES (?, 'complaint', ?)`);
  const due: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < OPEN; i += 1) {
      const id = uuidv7();
      const isDue = i % DUE_EVERY === 0;
      // the rest were filed recently: their next step is hours or days away
      const at = new Date(isDue ? FILED + (i % 60) * 1000 : NOW.getTime() - (i % 240) * 60_000).toISOString();
      complaint.run(id, hospitalId, formatComplaintNumber('OLAYA', 'B3NC', i + 1), departments[i % departments.length]!, `مراجع ${i}`, `شكوى ${i}`, at, at, at);
      if (isDue) {
        event.run(uuidv7(), hospitalId, id, 'created', null, 'new', at, at, at);
        const moved = new Date(Date.parse(at) + 60_000).toISOString();
        event.run(uuidv7(), hospitalId, id, 'status', 'new', 'in_progress', moved, moved, moved);
        due.push(id);
      } else notDue.run(id, new Date(NOW.getTime() + (1 + (i % 5000)) * 60_000).toISOString());
    }
    // the triggers marked every new complaint changed; the engine refreshes the due ones below, the rest are indexed above
    sqlite.exec('DELETE FROM sla_dirty');
    const dirty = sqlite.prepare(`INSERT INTO sla_dirty (record_id, record_type) VALUES (?, 'complaint')`);
    for (const id of due) dirty.run(id);
  })();
  sqlite.exec('ANALYZE');
  const refreshStarted = performance.now();
  const refreshed = core.sla.engine.tick(new Date(FILED + 120_000));
  const refreshMs = performance.now() - refreshStarted;
  sqlite.pragma('synchronous = FULL');
  console.log(`fixture built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${'index refresh of the changed records:'.padEnd(44)} ${formatCount(refreshed.refreshed)} records in ${formatMs(refreshMs)}`);

  const nowIso = NOW.toISOString();
  const scan = sqlite.prepare('SELECT record_id, record_type FROM sla_due WHERE next_due_at <= ? ORDER BY next_due_at');
  const scans: number[] = [];
  let scanned = 0;
  for (let i = 0; i < SCANS; i += 1) {
    const t0 = performance.now();
    scanned = scan.all(nowIso).length;
    scans.push(performance.now() - t0);
  }
  const rawMs = percentile(
    scans.sort((a, b) => a - b),
    50,
  );

  const t0 = performance.now();
  const pass = core.sla.engine.tick(NOW);
  const passMs = performance.now() - t0;
  const t1 = performance.now();
  const idle = core.sla.engine.tick(new Date(NOW.getTime() + 1000));
  const idleMs = performance.now() - t1;

  const firings = sqlite.prepare('SELECT count(*) FROM sla_firings').pluck().get() as number;
  const problems: string[] = [];
  if (scanned !== due.length) problems.push(`the raw scan found ${scanned} due rows, not ${due.length}`);
  if (pass.examined !== due.length) problems.push(`the pass looked at ${pass.examined} records, not ${due.length}`);
  // each due record has reached three steps: the first response's reminder and escalation, the resolution's 50 % reminder
  if (pass.fired !== due.length * 3 || firings !== due.length * 3) problems.push(`fired ${pass.fired} (${firings} rows), not ${due.length * 3}`);
  if (idle.fired !== 0 || idle.examined !== 0) problems.push(`the idle pass did work: ${JSON.stringify(idle)}`);

  const perRecordMs = passMs / pass.examined;
  console.log(`${'raw SQL due-scan (median of 9):'.padEnd(44)} ${formatCount(scanned)} rows in ${formatMs(rawMs)}`);
  console.log(
    `${'engine pass:'.padEnd(44)} ${formatCount(pass.examined)} records, ${formatCount(pass.fired)} steps fired in ${formatMs(passMs)} (${formatMs(perRecordMs)} a record; ${formatRatio(passMs / rawMs)}× the scan)`,
  );
  console.log(`${'idle pass over the same million:'.padEnd(44)} ${formatMs(idleMs)}`);
  recordResult({ bench: 'sla-tick', measure: 'raw SQL due-scan, 10,000 of 1,000,000', value: formatMs(rawMs), target: '(baseline)', meets: null });
  recordResult({
    bench: 'sla-tick',
    measure: 'engine pass, 10,000 due, 30,000 steps fired',
    value: `${formatMs(passMs)} (${formatMs(perRecordMs)}/record, ${formatRatio(passMs / rawMs)}× scan)`,
    target: '(figure)',
    meets: null,
  });
  recordResult({ bench: 'sla-tick', measure: 'idle pass, 1,000,000 open', value: formatMs(idleMs), target: '(figure)', meets: null });
  core.close();
  if (problems.length > 0) {
    console.error(`sla-tick: wrong results\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
