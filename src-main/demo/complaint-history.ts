import { demoPdf, demoPng } from './demo-files.js';
import { recipientHint } from '../../src-shared/surveys/links.js';
import { formatActionNumber, formatComplaintNumber, stationCode } from '../../src-shared/complaints/numbers.js';
import { COMPLAINT_CHANNELS, domainOf, type HcatCategory, type Priority } from '../../src-shared/complaints/taxonomy.js';
import { uuidv7 } from '../../src-shared/ids.js';
import type { Actor } from '../core/audit-log.js';
import type { StationCore } from '../core/station.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What patients complain of, in the language they write in, with the HCAT category an officer would give it. */
/** A thank-you, as one in twenty of what an office receives. */
const THANKS: { ar: string; en: string; category: HcatCategory } = {
  ar: 'أشكر طاقم التمريض في قسم الباطنة على رعايتهم واهتمامهم بوالدي طوال فترة تنويمه.',
  en: 'Thank you to the nursing team on the medical ward for caring so well for my father during his stay.',
  category: 'communication',
};

const STORIES: readonly { ar: string; en: string; category: HcatCategory }[] = [
  {
    ar: 'انتظرت أكثر من ساعتين في العيادة دون أن يخبرني أحد بسبب التأخير.',
    en: 'I waited over two hours at the clinic and nobody told me why.',
    category: 'institutional_processes',
  },
  {
    ar: 'الطبيب لم يشرح لي نتائج التحاليل وخرجت دون أن أفهم خطتي العلاجية.',
    en: 'The doctor did not explain my results; I left without understanding my plan.',
    category: 'communication',
  },
  {
    ar: 'موظف الاستقبال تعامل مع والدتي المسنّة بطريقة غير لائقة.',
    en: 'The receptionist was rude to my elderly mother.',
    category: 'respect_and_patient_rights',
  },
  { ar: 'تأخر إعطاء الدواء لوالدي في القسم أكثر من ساعتين.', en: 'My father’s medication on the ward was over two hours late.', category: 'safety' },
  { ar: 'دورات المياه في الطابق الثاني غير نظيفة.', en: 'The toilets on the second floor were not clean.', category: 'environment' },
  { ar: 'طلبت التحدث مع المشرف ولم يستمع أحد لشكواي.', en: 'I asked for the supervisor and nobody listened.', category: 'listening' },
  { ar: 'تم إلغاء موعدي دون إشعار مسبق.', en: 'My appointment was cancelled without notice.', category: 'institutional_processes' },
  {
    ar: 'أشعر أن التشخيص كان خاطئاً واضطررت لمراجعة مستشفى آخر.',
    en: 'I believe the diagnosis was wrong; I had to go to another hospital.',
    category: 'quality',
  },
];

/** A month of complaints falls across the workflow: most handled, some still open, a few waiting. */
const PATHS: readonly { readonly weight: number; readonly steps: readonly string[] }[] = [
  { weight: 30, steps: ['open', 'in_progress', 'resolved', 'closed'] },
  { weight: 15, steps: ['open', 'in_progress', 'resolved'] },
  { weight: 15, steps: ['open', 'in_progress'] },
  { weight: 10, steps: [] },
  { weight: 8, steps: ['open'] },
  { weight: 8, steps: ['open', 'waiting_patient'] },
  { weight: 6, steps: ['open', 'in_progress', 'waiting_department'] },
  { weight: 5, steps: ['open', 'in_progress', 'resolved', 'in_progress'] },
  { weight: 3, steps: ['closed'] },
];

function pathOf(random: () => number): readonly string[] {
  let left = random() * PATHS.reduce((sum, p) => sum + p.weight, 0);
  for (const path of PATHS) {
    left -= path.weight;
    if (left <= 0) return path.steps;
  }
  return PATHS[0]!.steps;
}

const ACTION_PATHS: readonly (readonly string[])[] = [
  [],
  ['in_progress'],
  ['in_progress', 'pending_approval'],
  ['in_progress', 'pending_approval', 'approved'],
  ['in_progress', 'pending_approval', 'approved', 'closed'],
  ['in_progress', 'pending_approval', 'in_progress'],
  ['cancelled'],
];

const ACTION_TITLES: readonly string[] = [
  'إضافة لوحات إرشادية من المواقف إلى العيادات',
  'مراجعة جدول إعطاء الأدوية في أقسام التنويم',
  'تدريب موظفي الاستقبال على التواصل مع كبار السن',
  'إبلاغ المرضى بوقت الانتظار المتوقع في العيادات',
  'زيادة عدد عمال النظافة في فترة الذروة',
];

/**
 * A month of complaints and PX actions for each demo hospital, in every
 * state, written through the data layer with their histories dated over the
 * last 30 days (filed, opened, answered, waiting, resolved, closed, a few
 * reopened; actions started, waiting for approval, sent back, approved,
 * closed, cancelled). The SLA engine's first pass then fires what those
 * histories missed, which gives the demo its reminders, escalations and
 * bell notifications. Returns how many complaints and actions it made.
 */
export function seedComplaintHistory(
  core: StationCore,
  actor: Actor,
  hospitalIds: readonly string[],
  random: () => number,
  perHospital = 60,
): { complaints: number; actions: number } {
  const now = core.data.clock();
  const station = stationCode(core.stationId);
  const iso = (ms: number) => new Date(ms).toISOString();
  let complaints = 0;
  let actions = 0;
  for (const hospitalId of hospitalIds) {
    const code = core.store.statement('SELECT code FROM hospitals WHERE id = ?').pluck().get(hospitalId) as string;
    const departments = core.store
      .statement('SELECT id FROM departments WHERE hospital_id = ? AND parent_id IS NOT NULL ORDER BY code')
      .pluck()
      .all(hospitalId) as string[];
    // half of them in Internal Medicine, whose manager the demo has: escalations reach someone, the rest show whom they lacked
    const medicine = core.store.statement(`SELECT id FROM departments WHERE hospital_id = ? AND code = 'MED'`).pluck().get(hospitalId) as string | undefined;
    const patients = core.store
      .statement('SELECT id FROM patients WHERE hospital_id = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT ?')
      .pluck()
      .all(hospitalId, perHospital) as string[];
    const workers = core.store
      .statement(
        `SELECT u.id, u.username FROM users u JOIN roles r ON r.id = u.role_id
         WHERE u.hospital_id = ? AND r.code IN ('px_coordinator', 'staff') AND u.active = 1 ORDER BY u.username`,
      )
      .all(hospitalId) as { id: string; username: string }[];
    const firstNumbers: string[] = [];
    // who approves an action: a coordinator or admin of the hospital, never its owner (the rule the console enforces)
    const approvers = core.store
      .statement(
        `SELECT u.id, u.username FROM users u JOIN roles r ON r.id = u.role_id
         WHERE (u.hospital_id = ? OR u.hospital_id IS NULL) AND r.code IN ('px_coordinator', 'hospital_admin', 'px_admin') AND u.active = 1 ORDER BY u.username`,
      )
      .all(hospitalId) as { id: string; username: string }[];
    let lastFiled: string | null = null;
    core.data.write(actor, (tx) => {
      for (let i = 0; i < perHospital; i += 1) {
        const picked = STORIES[Math.floor(random() * STORIES.length)]!;
        const story = i % 20 === 7 ? THANKS : picked;
        const language = random() < 0.8 ? 'ar' : 'en';
        const received = now - Math.floor(random() * 30 * DAY_MS);
        const kind = i % 20 === 7 ? 'compliment' : random() < 0.9 ? 'complaint' : 'inquiry';
        // thanks are read and closed as acknowledged
        // and now and then the same complaint filed twice: the second closed as a repeat of the first
        const repeated = kind === 'complaint' && i % 30 === 29;
        const steps = kind === 'compliment' || repeated ? ['open', 'closed'] : pathOf(random);
        const worker = workers.length > 0 ? workers[Math.floor(random() * workers.length)]! : null;
        const department = medicine && random() < 0.5 ? medicine : departments.length > 0 ? departments[Math.floor(random() * departments.length)]! : null;
        const id = uuidv7(received);
        const number = formatComplaintNumber(code, station, i + 1);
        let status = 'new';
        let at = received;
        const events: { kind: string; from: string | null; to: string | null; text: string | null; visibility: string; at: number }[] = [
          { kind: 'created', from: null, to: 'new', text: null, visibility: 'internal', at },
        ];
        let firstResponse: number | null = null;
        let resolvedAt: number | null = null;
        let closedAt: number | null = null;
        let reopened = 0;
        for (const step of steps) {
          at += Math.floor((2 + random() * 40) * HOUR_MS);
          if (at > now) break;
          if (step === 'in_progress' && status === 'open' && firstResponse === null && random() < 0.7) {
            firstResponse = at;
            events.push({ kind: 'note', from: null, to: null, text: 'تواصلنا معك وسنتابع الموضوع مع القسم المعني.', visibility: 'patient', at });
            at += HOUR_MS;
          }
          if (status === 'resolved' && step === 'in_progress') reopened += 1;
          events.push({
            kind: 'status',
            from: status,
            to: step,
            text:
              step === 'resolved'
                ? 'اعتذرنا للمريض وراجعنا الإجراء مع القسم.'
                : step === 'in_progress' && status === 'resolved'
                  ? 'عاد المريض وأفاد أن المشكلة لم تُحل.'
                  : null,
            visibility: step === 'resolved' ? 'patient' : 'internal',
            at,
          });
          if (step === 'resolved') resolvedAt = at;
          if (step === 'closed') closedAt = at;
          if (step === 'in_progress' && status === 'resolved') resolvedAt = null;
          status = step;
        }
        const priority: Priority = random() < 0.1 ? 'urgent' : random() < 0.3 ? 'high' : random() < 0.8 ? 'medium' : 'low';
        // what an office sees in a month: mostly complaints, some inquiries and thanks; some filed by the website or a 937
        // referral, a few anonymous, and one closed as a repeat of an earlier one
        const anonymous = kind === 'complaint' && i % 25 === 11;
        const source = i % 15 === 4 ? { system: 'WEBSITE', channel: 'web' } : i % 15 === 9 ? { system: 'MOH937', channel: 'moh_937' } : null;
        const repeats = repeated && status === 'closed' ? lastFiled : null;
        tx.insert('complaints', {
          id,
          hospital_id: hospitalId,
          number,
          type: kind,
          channel: source?.channel ?? COMPLAINT_CHANNELS[Math.floor(random() * COMPLAINT_CHANNELS.length)]!,
          status,
          department_id: department,
          physician_id: null,
          patient_id: anonymous ? null : (patients[i] ?? null),
          reported_mrn: null,
          complainant_name: anonymous || patients[i] ? null : 'مراجع',
          contact_phone: null,
          contact_email: null,
          contact_preference: anonymous ? 'none' : 'phone',
          language,
          description_ar: language === 'ar' ? story.ar : null,
          description_en: language === 'en' ? story.en : null,
          hcat_category: status === 'new' ? null : story.category,
          hcat_domain: status === 'new' ? null : domainOf(story.category),
          subcategory: null,
          severity: status === 'new' || kind === 'compliment' ? null : 1 + Math.floor(random() * 3),
          priority,
          harm_level: null,
          stage_of_care: null,
          occurred_at: iso(received - DAY_MS),
          received_at: iso(received),
          assigned_user_id: status === 'new' ? null : (worker?.id ?? null),
          assigned_department_id: null,
          first_response_at: firstResponse === null ? null : iso(firstResponse),
          resolved_at: resolvedAt === null ? null : iso(resolvedAt),
          resolution_outcome: resolvedAt === null ? null : 'upheld',
          resolution_category: resolvedAt === null ? null : 'apology',
          resolution_summary: resolvedAt === null ? null : 'اعتذرنا للمريض وراجعنا الإجراء مع القسم.',
          closed_at: closedAt === null ? null : iso(closedAt),
          close_reason: closedAt !== null && resolvedAt === null && kind !== 'compliment' ? (repeats ? 'duplicate' : 'withdrawn') : null,
          duplicate_of: repeats,
          reopened_count: reopened,
          source_system: source?.system ?? null,
          external_id: source ? `${source.system.toLowerCase()}-${code.toLowerCase()}-${i + 1}` : null,
        });
        lastFiled = id;
        for (const event of events)
          tx.insert('complaint_events', {
            hospital_id: hospitalId,
            complaint_id: id,
            kind: event.kind,
            visibility: event.visibility,
            from_status: event.from,
            to_status: event.to,
            text: event.text,
            details: null,
            actor_user_id: worker?.id ?? null,
            actor_name: worker?.username ?? actor.name,
            at: iso(event.at),
          });
        if (i < 8) firstNumbers.push(id);
        complaints += 1;
      }
      // this station's complaint numbers go on from the history
      core.store
        .statement('INSERT INTO complaint_sequences (hospital_id, last) VALUES (?, ?) ON CONFLICT (hospital_id) DO UPDATE SET last = excluded.last')
        .run(hospitalId, perHospital);

      // PX actions from some of the complaints, in every state
      firstNumbers.forEach((complaintId, index) => {
        const complaint = core.store.statement('SELECT number, department_id, received_at FROM complaints WHERE id = ?').get(complaintId) as {
          number: string;
          department_id: string | null;
          received_at: string;
        };
        const path = ACTION_PATHS[index % ACTION_PATHS.length]!;
        const owner = workers.length > 0 ? workers[index % workers.length]! : null;
        const id = uuidv7(Date.parse(complaint.received_at) + HOUR_MS);
        let at = Date.parse(complaint.received_at) + 2 * HOUR_MS;
        let status = 'open';
        const approver = approvers.find((person) => person.id !== owner?.id) ?? null;
        let approvedAt: number | null = null;
        const events: {
          kind: string;
          from: string | null;
          to: string | null;
          text: string | null;
          at: number;
          by?: { id: string; username: string } | null;
        }[] = [{ kind: 'created', from: null, to: 'open', text: null, at }];
        for (const step of path) {
          at += Math.floor((6 + random() * 48) * HOUR_MS);
          if (at > now) break;
          if (step === 'pending_approval') {
            events.push({ kind: 'evidence', from: null, to: null, text: 'تم تنفيذ الإجراء وإرفاق صور اللوحات الجديدة.', at });
            at += HOUR_MS;
          }
          events.push({
            kind: 'status',
            from: status,
            to: step,
            text: step === 'in_progress' && status === 'pending_approval' ? 'نحتاج صورة بعد التنفيذ.' : step === 'cancelled' ? 'تكرر مع إجراء آخر.' : null,
            at,
            // approved or sent back by a second pair of eyes
            by: status === 'pending_approval' ? approver : undefined,
          });
          if (step === 'approved') approvedAt = at;
          status = step;
        }
        tx.insert('px_actions', {
          id,
          hospital_id: hospitalId,
          number: formatActionNumber(code, station, index + 1),
          title: ACTION_TITLES[index % ACTION_TITLES.length]!,
          description: null,
          source_type: 'complaint',
          source_id: complaintId,
          source_label: complaint.number,
          department_id: complaint.department_id,
          owner_user_id: owner?.id ?? null,
          priority: index % 3 === 0 ? 'high' : 'medium',
          status,
          due_date: new Date(Date.parse(complaint.received_at) + 21 * DAY_MS).toISOString().slice(0, 10),
          evidence_required: 1,
          approved_by_user_id: approvedAt === null ? null : (approver?.id ?? null),
          approved_at: approvedAt === null ? null : iso(approvedAt),
          closed_at: status === 'closed' || status === 'cancelled' ? iso(at) : null,
        });
        for (const event of events)
          tx.insert('px_action_events', {
            hospital_id: hospitalId,
            action_id: id,
            kind: event.kind,
            from_status: event.from,
            to_status: event.to,
            text: event.text,
            details: null,
            actor_user_id: (event.by === undefined ? owner : event.by)?.id ?? null,
            actor_name: (event.by === undefined ? owner : event.by)?.username ?? actor.name,
            at: iso(event.at),
          });
        actions += 1;
      });
      core.store
        .statement('INSERT INTO px_action_sequences (hospital_id, last) VALUES (?, ?) ON CONFLICT (hospital_id) DO UPDATE SET last = excluded.last')
        .run(hospitalId, firstNumbers.length);
    });
  }
  // the month's reminders and escalations, fired once each as the engine would have
  core.sla.engine.tick(new Date(now));
  // a few complaints of each hospital came with the patient's letter, and one with a photo
  const files = core.domains.attachments.services.attachments;
  const letter = files.accept({
    fileName: 'patient-letter.pdf',
    content: demoPdf(['Letter from the patient (demo)', '', 'I waited three hours at the clinic without being told why.', 'Please look into it.']).toString(
      'base64',
    ),
  });
  const photo = files.accept({ fileName: 'waiting-room.png', content: demoPng(320, 240, [205, 214, 222]).toString('base64') });
  core.data.write(actor, (tx) => {
    for (const hospitalId of hospitalIds) {
      const withFiles = core.store
        .statement(
          'SELECT id, received_at FROM complaints WHERE hospital_id = ? AND patient_id IS NOT NULL AND deleted_at IS NULL ORDER BY received_at DESC LIMIT 3',
        )
        .all(hospitalId) as Array<{ id: string; received_at: string }>;
      withFiles.forEach((complaint, i) => {
        for (const file of i === 0 ? [letter, photo] : [letter]) {
          const { row } = files.add(tx, { recordType: 'complaint', recordId: complaint.id, hospitalId }, file);
          tx.insert('complaint_events', {
            hospital_id: hospitalId,
            complaint_id: complaint.id,
            kind: 'attachment',
            visibility: 'internal',
            from_status: null,
            to_status: null,
            text: null,
            details: JSON.stringify({ attachmentId: row.id, fileName: row.file_name }),
            actor_user_id: null,
            actor_name: actor.name,
            at: complaint.received_at,
          });
        }
      });
    }
  });
  // and their emails, sent when they came due (the history's, not a month of mail going out at once on the demo's first minute)
  const sentBefore = new Date(now - 3_600_000).toISOString();
  const history = core.store
    .statement(
      `SELECT e.id, json_extract(n.details, '$.reachedAt') AS reached_at, u.email FROM staff_emails e
       JOIN staff_notifications n ON n.id = e.notification_id JOIN users u ON u.id = e.user_id
       WHERE e.status = 'queued' AND json_extract(n.details, '$.reachedAt') < ?`,
    )
    .all(sentBefore) as Array<{ id: string; reached_at: string; email: string }>;
  core.data.write(actor, (tx) => {
    for (const email of history)
      tx.update('staff_emails', email.id, {
        status: 'sent',
        sent_at: email.reached_at,
        attempts: 1,
        provider: 'console',
        recipient_hint: recipientHint(email.email),
      });
  });
  return { complaints, actions };
}
