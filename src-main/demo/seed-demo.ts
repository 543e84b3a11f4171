import type { RoleCode } from '../../src-shared/roles.js';
import { createDefaultRoles, roleByCode } from '../domains/accounts/roles.js';
import { HASH_CONCURRENCY, hashPassword } from '../domains/accounts/passwords.js';
import type { Actor } from '../core/audit-log.js';
import type { StationCore } from '../core/station.js';
import { seedSurveyHistory } from './survey-history.js';
import { seedComplaintHistory } from './complaint-history.js';
import { prng, syntheticPatients, syntheticPerson } from './synthetic.js';

export const DEMO_PASSWORD = 'Demo-2026-px';
const SEED_ACTOR: Actor = { id: null, name: 'seed-demo' };

const HOSPITALS = [
  { code: 'OLAYA', nameEn: 'Olaya Medical Complex', nameAr: 'مجمع العليا الطبي' },
  { code: 'KHOBAR', nameEn: 'Al Khobar General Hospital', nameAr: 'مستشفى الخبر العام' },
  { code: 'JEDDAH', nameEn: 'Jeddah Specialist Hospital', nameAr: 'مستشفى جدة التخصصي' },
] as const;

/** [code, English, Arabic, parent code] */
const DEPARTMENTS: readonly (readonly [string, string, string, string | null])[] = [
  ['MED', 'Medicine', 'الباطنة والتخصصات الطبية', null],
  ['CARD', 'Cardiology', 'أمراض القلب', 'MED'],
  ['IM', 'Internal Medicine', 'الطب الباطني', 'MED'],
  ['ENDO', 'Endocrinology', 'الغدد الصماء', 'MED'],
  ['SURG', 'Surgery', 'الجراحة', null],
  ['GS', 'General Surgery', 'الجراحة العامة', 'SURG'],
  ['ORTH', 'Orthopedics', 'جراحة العظام', 'SURG'],
  ['ER', 'Emergency', 'الطوارئ', null],
  ['PED', 'Pediatrics', 'طب الأطفال', null],
  ['OBGYN', 'Obstetrics and Gynecology', 'النساء والولادة', null],
  ['OPD', 'Outpatient Clinics', 'العيادات الخارجية', null],
  ['RAD', 'Radiology', 'الأشعة', null],
  ['LAB', 'Laboratory', 'المختبر', null],
  ['PHARM', 'Pharmacy', 'الصيدلية', null],
  ['PX', 'Patient Experience', 'تجربة المريض', null],
];

const SPECIALTIES: Record<string, string> = {
  CARD: 'Cardiology',
  IM: 'Internal Medicine',
  ENDO: 'Endocrinology',
  GS: 'General Surgery',
  ORTH: 'Orthopedic Surgery',
  ER: 'Emergency Medicine',
  PED: 'Pediatrics',
  OBGYN: 'Obstetrics and Gynecology',
};

/** Users of every role for each hospital: username suffix, role, department code. */
const HOSPITAL_STAFF: readonly (readonly [string, RoleCode, string | null])[] = [
  ['admin', 'hospital_admin', null],
  ['manager', 'department_manager', 'MED'],
  ['coordinator', 'px_coordinator', 'PX'],
  ['physician', 'physician', 'CARD'],
  ['nurse', 'nurse', 'ER'],
  ['agent', 'staff', 'PX'],
  ['viewer', 'viewer', null],
];

/**
 * A demo hospital group: three hospitals with department trees,
 * physicians and default OPD/Inpatient/EMS journey templates (their consultation, discharge and EMS disposition
 * stages sending the shipped surveys automatically), users of every role (password DEMO_PASSWORD), and synthetic
 * patients. Written through the data layer, so it is audited and syncs.
 */
export async function seedDemo(core: StationCore, options: { patients: number; complaints?: boolean; log: (line: string) => void }): Promise<string> {
  if (core.structure.hospitalByCode(HOSPITALS[0].code)) return 'Demo data is already present; nothing was changed.';
  createDefaultRoles(core.data, SEED_ACTOR);
  const roleId = (code: RoleCode) => roleByCode(core.store, code)!.id;
  const random = prng(7);

  const usernames = ['px.admin', ...HOSPITALS.flatMap((h) => HOSPITAL_STAFF.map(([suffix]) => `${h.code.toLowerCase()}.${suffix}`))];
  const taken = usernames.filter((u) => core.store.statement('SELECT 1 FROM users WHERE username = ?').get(u));
  if (taken.length > 0) return `Demo users already exist (${taken.join(', ')}); nothing was changed.`;
  // One hash (own salt) per user, as many at once as the hashing queue runs.
  const hashes: string[] = [];
  for (let i = 0; i < usernames.length; i += HASH_CONCURRENCY) {
    hashes.push(...(await Promise.all(usernames.slice(i, i + HASH_CONCURRENCY).map(() => hashPassword(DEMO_PASSWORD)))));
  }
  let nextHash = 0;
  const user = (username: string, role: RoleCode, hospitalId: string | null, departmentId: string | null) => ({
    username,
    ...(() => {
      const p = syntheticPerson(random);
      return { name_en: p.nameEn, name_ar: p.nameAr };
    })(),
    email: `${username}@demo.px360.sa`,
    phone: null,
    preferred_language: 'ar' as const,
    role_id: roleId(role),
    hospital_id: hospitalId,
    department_id: departmentId,
    active: 1,
    password_hash: hashes[nextHash++]!,
    password_changed_at: new Date().toISOString(),
    failed_attempts: 0,
    locked_until: null,
    last_login_at: null,
  });

  const hospitalIds: string[] = [];
  core.data.write(SEED_ACTOR, (tx) => {
    const addUser = (...args: Parameters<typeof user>) => {
      const created = tx.insert('users', user(...args));
      core.accounts.history.remember(created.id, created.password_hash, tx.now);
      return created;
    };
    addUser('px.admin', 'px_admin', null, null);
    let license = 1000;
    for (const h of HOSPITALS) {
      const hospital = tx.insert('hospitals', { code: h.code, name_en: h.nameEn, name_ar: h.nameAr, time_zone: 'Asia/Riyadh', active: 1 });
      hospitalIds.push(hospital.id);
      // the shipped surveys go out automatically after the consultation, the discharge and the EMS disposition
      const surveys = core.domains.surveys.services.templates;
      core.templates.createDefaults(tx, hospital.id, (event) => surveys.shippedTemplateFor(event));
      const departments = new Map<string, string>();
      for (const [code, nameEn, nameAr, parent] of DEPARTMENTS) {
        const row = tx.insert('departments', {
          hospital_id: hospital.id,
          parent_id: parent ? departments.get(parent)! : null,
          code,
          name_en: nameEn,
          name_ar: nameAr,
          active: 1,
        });
        departments.set(code, row.id);
      }
      for (const [code, specialty] of Object.entries(SPECIALTIES)) {
        for (let i = 0; i < 2; i += 1) {
          const person = syntheticPerson(random);
          license += 1;
          tx.insert('physicians', {
            hospital_id: hospital.id,
            department_id: departments.get(code)!,
            license_number: `${h.code.slice(0, 2)}-RA-${license}`,
            name_en: `Dr. ${person.nameEn}`,
            name_ar: `د. ${person.nameAr}`,
            specialty,
            phone: null,
            email: null,
            active: 1,
          });
        }
      }
      let employeeNumber = 5000;
      for (const [suffix, role, department] of HOSPITAL_STAFF) {
        const created = addUser(`${h.code.toLowerCase()}.${suffix}`, role, hospital.id, department ? departments.get(department)! : null);
        tx.insert('employees', {
          hospital_id: hospital.id,
          department_id: created.department_id,
          employee_number: `E-${(employeeNumber += 1)}`,
          name_en: created.name_en,
          name_ar: created.name_ar,
          job_title: role.replace('_', ' '),
          user_id: created.id,
          phone: null,
          email: created.email,
          active: 1,
        });
      }
    }
  });
  options.log(
    `Hospitals ${HOSPITALS.map((h) => h.code).join(', ')}: ${DEPARTMENTS.length} departments and ${Object.keys(SPECIALTIES).length * 2} physicians each; ${usernames.length} users.`,
  );

  const BATCH = 2_000;
  const patients = syntheticPatients(options.patients, hospitalIds);
  for (let offset = 0; offset < patients.length; offset += BATCH) {
    core.data.write(SEED_ACTOR, (tx) => tx.insertMany('patients', patients.slice(offset, offset + BATCH), 'patients.demo_import'));
    if ((offset / BATCH) % 10 === 9 || offset + BATCH >= patients.length)
      options.log(`Patients: ${Math.min(offset + BATCH, patients.length)} / ${patients.length}`);
  }
  // sending on, through the console provider (logs/notifications.jsonl): the demo's surveys never leave the machine
  core.data.write(SEED_ACTOR, (tx) => {
    for (const hospitalId of hospitalIds) core.surveys.settings.save(tx, { hospitalId, sendingEnabled: true });
  });
  const answered = seedSurveyHistory(core, SEED_ACTOR, hospitalIds, random);
  options.log(`Surveys: 30 days of invitations in each hospital, ${answered} opened or answered.`);
  if (options.complaints !== false) {
    const history = seedComplaintHistory(core, SEED_ACTOR, hospitalIds, random);
    options.log(`Complaints: ${history.complaints} over 30 days in every state, ${history.actions} PX actions, their SLA reminders and escalations.`);
  }
  return [`Users (password "${DEMO_PASSWORD}"):`, ...usernames.map((u) => `  ${u}`)].join('\n');
}
