/**
 * The complaints console's list at a busy group's size: 100,000 complaints
 * in two hospitals over two years, read the way the PX office reads them —
 * its open queue, a status and category filter, a search by number or MRN,
 * a deep page of everything, a department manager's view — through
 * `Complaints.list` (the same SQL the console's call runs: the filter, the
 * total and one page, newest first, each row with its SLA badge computed
 * from its timeline), each in the caller's scope. Against
 * a raw indexed SELECT of one page in the same run.
 *
 * The fixture is written with plain INSERTs through the real schema and
 * indexes (synchronous=OFF for the build only). Target (issue 12): median
 * under 20 ms for every kind of list.
 */
import { formatComplaintNumber } from '../../src-shared/complaints/numbers.js';
import { COMPLAINT_CHANNELS, HCAT_CATEGORIES, HCAT_CATEGORY_CODES } from '../../src-shared/complaints/taxonomy.js';
import { type COMPLAINT_STATUSES } from '../../src-shared/complaints/workflow.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { createDefaultRoles } from '../../src-main/domains/accounts/roles.js';
import type { Caller } from '../../src-main/core/context.js';
import type { StationCore } from '../../src-main/core/station.js';
import { prng } from '../../src-main/demo/synthetic.js';
import { signedInAs } from '../fixtures/callers.js';
import { BENCH_ACTOR, formatCount, formatMs, machineNote, openStationWithHospitals, percentile, recordResult, scratchDir, verdict } from './support.js';

const COMPLAINTS = 100_000;
const PATIENTS = 20_000;
const QUERIES = 200;
const WARM_UP = 20;
const PAGE_SIZE = 25;
const TARGET_MEDIAN_MS = 20;
const DAY_MS = 86_400_000;
/** how the statuses of two years of complaints fall: most are long closed */
const STATUS_WEIGHTS: Readonly<Record<(typeof COMPLAINT_STATUSES)[number], number>> = {
  new: 3,
  open: 3,
  in_progress: 6,
  waiting_patient: 2,
  waiting_department: 2,
  resolved: 14,
  closed: 70,
};

interface Fixture {
  readonly departments: readonly { id: string; hospital_id: string }[];
  readonly numbers: readonly string[];
  readonly mrns: readonly string[];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<K extends string>(random: () => number, weights: Readonly<Record<K, number>>): K {
  const total = Object.values<number>(weights).reduce((a, b) => a + b, 0);
  let left = random() * total;
  for (const [key, weight] of Object.entries<number>(weights)) {
    left -= weight;
    if (left <= 0) return key as K;
  }
  return Object.keys(weights)[0] as K;
}

function buildFixture(core: StationCore, hospitalIds: readonly string[], random: () => number): Fixture {
  const sqlite = core.store.sqlite;
  sqlite.pragma('synchronous = OFF');
  const departments = core.data.write(BENCH_ACTOR, (tx) =>
    hospitalIds.flatMap((hospitalId) =>
      ['OPD', 'ER', 'CARD', 'LAB', 'RAD', 'PHARM'].map((code) => {
        const row = tx.insert('departments', { hospital_id: hospitalId, parent_id: null, code, name_en: code, name_ar: code, active: 1 });
        return { id: row.id, hospital_id: hospitalId };
      }),
    ),
  );
  const now = new Date().toISOString();
  const patientInsert = sqlite.prepare(
    `INSERT INTO patients (id, hospital_id, mrn, national_id, name_en, name_ar, phone, email, preferred_language, birth_date, gender, active, created_at, updated_at, deleted_at, name_search)
     VALUES (?, ?, ?, NULL, ?, ?, NULL, NULL, 'ar', NULL, NULL, 1, ?, ?, NULL, ?)`,
  );
  const patients: { id: string; hospital_id: string; mrn: string }[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < PATIENTS; i += 1) {
      const patient = { id: uuidv7(), hospital_id: hospitalIds[i % hospitalIds.length]!, mrn: `MRN-C-${String(i).padStart(6, '0')}` };
      patientInsert.run(patient.id, patient.hospital_id, patient.mrn, `Patient ${i}`, `مريض ${i}`, now, now, `patient ${i}`);
      patients.push(patient);
    }
  })();
  const codes = new Map((sqlite.prepare('SELECT id, code FROM hospitals').all() as { id: string; code: string }[]).map((h) => [h.id, h.code] as const));
  const insert = sqlite.prepare(
    `INSERT INTO complaints (id, hospital_id, number, type, channel, status, department_id, physician_id, patient_id, reported_mrn, complainant_name,
       contact_phone, contact_email, contact_preference, language, description_ar, description_en, hcat_category, hcat_domain, subcategory, severity,
       priority, harm_level, stage_of_care, occurred_at, received_at, assigned_user_id, assigned_department_id, first_response_at, resolved_at,
       resolution_outcome, resolution_category, resolution_summary, closed_at, close_reason, duplicate_of, reopened_count, source_system, external_id,
       created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, 'complaint', ?, ?, ?, NULL, ?, NULL, ?, NULL, NULL, 'phone', 'ar', ?, NULL, ?, ?, NULL, ?, 'medium', NULL, NULL, NULL, ?, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, ?, ?, NULL)`,
  );
  // each complaint's timeline as the SLA badge reads it: its filing, and the move to where it is now
  const event = sqlite.prepare(
    `INSERT INTO complaint_events (id, hospital_id, complaint_id, kind, visibility, from_status, to_status, text, details, actor_user_id, actor_name, at,
       created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, 'internal', ?, ?, NULL, NULL, NULL, 'bench', ?, ?, ?, NULL)`,
  );
  const numbers: string[] = [];
  const sequences = new Map<string, number>();
  const start = Date.now() - 730 * DAY_MS;
  sqlite.transaction(() => {
    for (let i = 0; i < COMPLAINTS; i += 1) {
      const department = pick(random, departments);
      const hospitalId = department.hospital_id;
      const sequence = (sequences.get(hospitalId) ?? 0) + 1;
      sequences.set(hospitalId, sequence);
      const number = formatComplaintNumber(codes.get(hospitalId)!, 'B3NC', sequence);
      const category = pick(random, HCAT_CATEGORY_CODES);
      const patient = random() < 0.6 ? pick(random, patients) : null;
      const at = new Date(start + (i / COMPLAINTS) * 730 * DAY_MS).toISOString();
      const id = uuidv7();
      const status = weighted(random, STATUS_WEIGHTS);
      insert.run(
        id,
        hospitalId,
        number,
        pick(random, COMPLAINT_CHANNELS),
        status,
        department.id,
        patient && patient.hospital_id === hospitalId ? patient.id : null,
        patient ? null : `مراجع ${i}`,
        `شكوى رقم ${i}: انتظار طويل في العيادة وعدم وضوح المواعيد.`,
        category,
        HCAT_CATEGORIES[category],
        1 + Math.floor(random() * 4),
        at,
        at,
        at,
      );
      event.run(uuidv7(), hospitalId, id, 'created', null, 'new', at, at, at);
      if (status !== 'new') {
        const moved = new Date(Date.parse(at) + 3_600_000).toISOString();
        event.run(uuidv7(), hospitalId, id, 'status', 'new', status, moved, moved, moved);
      }
      numbers.push(number);
    }
  })();
  // the SLA index is the engine's business, not the list's
  sqlite.exec('DELETE FROM sla_dirty');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('ANALYZE');
  return {
    departments,
    numbers,
    mrns: sqlite
      .prepare('SELECT p.mrn FROM complaints c JOIN patients p ON p.id = c.patient_id WHERE c.hospital_id = ? LIMIT 5000')
      .pluck()
      .all(hospitalIds[0]) as string[],
  };
}

/** A signed-in reader of `role`, as the dispatcher resolves one from a session. */
function readerOf(core: StationCore, role: 'px_coordinator' | 'department_manager', hospitalId: string, departmentId: string | null): Caller {
  return signedInAs(core, { role, username: `bench.${role}`, hospitalId, departmentId });
}

interface Timing {
  readonly sorted: number[];
  readonly total: number;
}

function time(run: (i: number) => { total: number; items: readonly unknown[] }): Timing {
  for (let i = 0; i < WARM_UP; i += 1) run(i);
  const times: number[] = [];
  let total = 0;
  for (let i = WARM_UP; i < WARM_UP + QUERIES; i += 1) {
    const started = performance.now();
    const page = run(i);
    times.push(performance.now() - started);
    total += page.total;
    if (page.items.length === 0) throw new Error('a list answered an empty page where rows exist');
  }
  return { sorted: times.sort((a, b) => a - b), total: total / QUERIES };
}

function report(label: string, timing: Timing, withTarget: boolean): void {
  const median = percentile(timing.sorted, 50);
  const meets = median < TARGET_MEDIAN_MS;
  console.log(
    `${`${label}:`.padEnd(40)} median ${formatMs(median)}, p95 ${formatMs(percentile(timing.sorted, 95))} (~${formatCount(timing.total)} matching)${withTarget ? `, target median < ${TARGET_MEDIAN_MS} ms: ${verdict(meets)}` : ''}`,
  );
  recordResult({
    bench: 'complaint-list',
    measure: label,
    value: `median ${formatMs(median)}, p95 ${formatMs(percentile(timing.sorted, 95))}`,
    target: withTarget ? `< ${TARGET_MEDIAN_MS} ms` : '(baseline)',
    meets: withTarget ? meets : null,
  });
}

async function main(): Promise<void> {
  const { core, hospitalIds } = await openStationWithHospitals(scratchDir('complaint-list'));
  createDefaultRoles(core.data, BENCH_ACTOR);
  const random = prng(2026);
  console.log(
    `complaint-list bench: ${formatCount(COMPLAINTS)} complaints, page of ${PAGE_SIZE}, ${QUERIES} queries a kind after ${WARM_UP} warm-up (${machineNote()})`,
  );
  const started = performance.now();
  const fixture = buildFixture(core, hospitalIds, random);
  console.log(`fixture built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const hospitalId = hospitalIds[0]!;
  const coordinator = readerOf(core, 'px_coordinator', hospitalId, null);
  const department = fixture.departments.find((d) => d.hospital_id === hospitalId)!;
  const manager = readerOf(core, 'department_manager', hospitalId, department.id);
  const complaints = core.complaints;
  const list = (caller: Caller, input: Record<string, unknown>) =>
    complaints.list(caller, { page: 1, pageSize: PAGE_SIZE, queue: 'open', ...input } as Parameters<typeof complaints.list>[1]);

  const raw = core.store.sqlite.prepare(
    `SELECT * FROM complaints WHERE hospital_id = ? AND status NOT IN ('resolved', 'closed') AND deleted_at IS NULL ORDER BY received_at DESC, id DESC LIMIT ${PAGE_SIZE}`,
  );
  report(
    'raw SELECT of one open page',
    time(() => {
      const items = raw.all(hospitalId);
      return { total: items.length, items };
    }),
    false,
  );
  const hospitalNumbers = fixture.numbers.filter((n) =>
    n.includes(`-${core.store.sqlite.prepare('SELECT code FROM hospitals WHERE id = ?').pluck().get(hospitalId) as string}-`),
  );
  // the clocks the engine would have computed (sla_clock_due): the open complaints due from ten days ago to ten ahead
  const now = Date.now();
  core.store.transaction(() => {
    const due = core.store.statement("INSERT OR REPLACE INTO sla_clock_due (record_id, record_type, due_at, hospital_id) VALUES (?, 'complaint', ?, ?)");
    const open = core.store.statement("SELECT id, hospital_id FROM complaints WHERE status NOT IN ('resolved', 'closed')").all() as {
      id: string;
      hospital_id: string;
    }[];
    for (const c of open) due.run(c.id, new Date(now + Math.floor((random() - 0.5) * 20 * 86_400_000)).toISOString(), c.hospital_id);
  });
  const kinds: [string, (i: number) => { total: number; items: readonly unknown[] }][] = [
    ['overdue queue', () => list(coordinator, { queue: 'overdue' })],
    ['due today queue', () => list(coordinator, { queue: 'due_today' })],
    ['open queue, newest first', () => list(coordinator, {})],
    ['open, status + category filter', (i) => list(coordinator, { status: 'in_progress', hcatCategory: HCAT_CATEGORY_CODES[i % 7] })],
    ['search by number', (i) => list(coordinator, { queue: 'all', q: pick(() => ((i * 7919) % 1000) / 1000, hospitalNumbers) })],
    ['search by MRN', (i) => list(coordinator, { queue: 'all', q: fixture.mrns[(i * 31) % fixture.mrns.length] })],
    ['all, page 40', () => list(coordinator, { queue: 'all', page: 40 })],
    ['a department manager’s open queue', () => list(manager, {})],
  ];
  const wrong: string[] = [];
  for (const [label, run] of kinds) {
    try {
      report(label, time(run), true);
    } catch (error) {
      wrong.push(`${label}: ${(error as Error).message}`);
    }
  }
  core.close();
  if (wrong.length > 0) {
    console.error(`complaint-list: wrong results\n  ${wrong.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
