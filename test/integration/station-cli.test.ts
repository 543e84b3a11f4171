/**
 * The station command line as an operator types it: demo data never lands
 * where real work happens.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import { StationCore } from '../../src-main/core/station.js';
import { seedHospitals } from '../fixtures/his-reference.js';
import { PxOffice } from '../fixtures/his-station.js';
import { TEST_PASSWORD, tempDataDir } from '../fixtures/station.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function station(args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  const child = run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/cli/station.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (stdin !== undefined) {
    child.child.stdin?.write(stdin);
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, out: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

describe('seed-demo', () => {
  it('refuses a station that has users of its own, and changes nothing', async () => {
    const dir = tempDataDir('px360-cli-demo-');
    dirs.push(dir);
    expect((await station(['create-admin', '--data-dir', dir, '--username', 'real.admin', '--password-stdin'], TEST_PASSWORD)).code).toBe(0);
    const refused = await station(['seed-demo', '--data-dir', dir, '--patients', '10']);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('already has 1 user');
    const core = await StationCore.open(dir);
    try {
      expect(core.store.sqlite.prepare('SELECT count(*) FROM hospitals').pluck().get()).toBe(0);
    } finally {
      core.close();
    }
  });

  it('refuses a station enrolled with a hub', async () => {
    const dir = tempDataDir('px360-cli-demo-');
    dirs.push(dir);
    const core = await StationCore.open(dir);
    core.sync.state.enrol({ hubUrl: 'https://hub.example', token: 'pxs_token', scope: { kind: 'group' } });
    core.close();
    const refused = await station(['seed-demo', '--data-dir', dir, '--patients', '10']);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('enrolled with a hub');
  });

  it('gives a new office a working month: complaints and PX actions in every state, with their SLA history fired once', async () => {
    const dir = tempDataDir('px360-cli-demo-');
    dirs.push(dir);
    const seeded = await station(['seed-demo', '--data-dir', dir, '--patients', '300']);
    expect(seeded.code, seeded.out).toBe(0);
    expect(seeded.out).toMatch(/Complaints: 180 over 30 days in every state, 24 PX actions/);
    const core = await StationCore.open(dir);
    try {
      const column = (query: string) => core.store.sqlite.prepare(query).pluck().all() as unknown[];
      expect(new Set(column('SELECT DISTINCT status FROM complaints'))).toEqual(
        new Set(['new', 'open', 'in_progress', 'waiting_patient', 'waiting_department', 'resolved', 'closed']),
      );
      expect(new Set(column('SELECT DISTINCT type FROM complaints'))).toEqual(new Set(['complaint', 'inquiry', 'compliment']));
      expect(new Set(column('SELECT DISTINCT source_system FROM complaints WHERE source_system IS NOT NULL'))).toEqual(new Set(['WEBSITE', 'MOH937']));
      expect(column("SELECT id FROM complaints WHERE close_reason = 'duplicate' AND duplicate_of IS NOT NULL").length).toBeGreaterThan(0);
      expect(column("SELECT id FROM complaints WHERE patient_id IS NULL AND complainant_name IS NULL AND contact_preference = 'none'").length).toBeGreaterThan(
        0,
      );
      expect(new Set(column('SELECT DISTINCT status FROM px_actions'))).toEqual(
        new Set(['open', 'in_progress', 'pending_approval', 'approved', 'closed', 'cancelled']),
      );
      // an approved action was approved by someone other than its owner, as the rule says
      const approvals = core.store.sqlite.prepare("SELECT owner_user_id, approved_by_user_id FROM px_actions WHERE status IN ('approved', 'closed')").all() as {
        owner_user_id: string | null;
        approved_by_user_id: string | null;
      }[];
      expect(approvals.length).toBeGreaterThan(0);
      for (const a of approvals) {
        expect(a.approved_by_user_id).not.toBeNull();
        expect(a.approved_by_user_id).not.toBe(a.owner_user_id);
      }
      // the month's reminders and escalations: in the timelines, in the bells, each once
      const firings = core.store.sqlite.prepare('SELECT count(*) FROM sla_firings').pluck().get() as number;
      expect(firings).toBeGreaterThan(100);
      expect(core.store.sqlite.prepare("SELECT count(*) FROM complaint_events WHERE kind = 'sla'").pluck().get()).toBeGreaterThan(0);
      expect(core.store.sqlite.prepare('SELECT count(*) FROM staff_notifications').pluck().get()).toBeGreaterThan(0);
      expect(core.sla.engine.tick(new Date(core.data.clock())).fired).toBe(0);
      expect(core.store.sqlite.prepare('SELECT count(*) FROM sla_firings').pluck().get()).toBe(firings);
      // the history's emails were sent when their steps came due, not all at once now
      expect(
        core.store.sqlite
          .prepare("SELECT count(*) FROM staff_emails WHERE status = 'queued' AND send_at < ?")
          .pluck()
          .get(new Date(core.data.clock() - 3_600_000).toISOString()),
      ).toBe(0);
      // a few complaints came with the patient's letter (and one a photo), in the data folder by content hash
      const files = core.store.sqlite.prepare('SELECT record_id, sha256, media_type FROM attachments').all() as {
        record_id: string;
        sha256: string;
        media_type: string;
      }[];
      expect(new Set(files.map((f) => f.media_type))).toEqual(new Set(['application/pdf', 'image/png']));
      for (const file of files) expect(core.domains.attachments.services.attachments.files.has(file.sha256)).toBe(true);
      // a complaint filed now takes the next number after the month's
      const max = column('SELECT number FROM complaints ORDER BY number DESC LIMIT 1')[0] as string;
      expect(max).toMatch(/-000060$/);
    } finally {
      core.close();
    }
  });
});

describe('surveys export', () => {
  it('writes the answered surveys with every answer, and the audit log names the export', async () => {
    const dataDir = tempDataDir('px360-cli-export-');
    dirs.push(dataDir);
    const core = await StationCore.open(dataDir);
    try {
      const hospitals = seedHospitals(core);
      const patient = core.data.write(SYSTEM_ACTOR, (tx) =>
        tx.insert('patients', {
          hospital_id: hospitals.OLAYA!,
          mrn: 'MRN-EXPORT-1',
          national_id: null,
          name_en: 'Export Patient',
          name_ar: 'مريض التصدير',
          phone: null,
          email: null,
          preferred_language: 'ar',
          birth_date: null,
          gender: null,
          active: 1,
        }),
      );
      const office = await PxOffice.signIn(core);
      const made = await office.call('surveys.handOut', {
        patientId: patient.id,
        templateId: core.surveys.templates.shippedTemplateFor('OPD_VISIT_COMPLETED')!,
        channel: 'kiosk',
      });
      const token = made.link.split('/s/')[1]!;
      core.surveyForm.post(token, { page: '0', move: 'finish', lang: 'ar', q_overall: '5', q_recommend: '10', q_improve: '=HYPERLINK("x")' });
    } finally {
      core.close();
    }

    const bad = await station(['surveys', 'export', '--data-dir', dataDir, '--from', '2026-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--from');

    const out = path.join(dataDir, 'export.csv');
    const csv = await station(['surveys', 'export', '--data-dir', dataDir, '--format', 'csv', '--out', out]);
    expect(csv.code, csv.out).toBe(0);
    expect(csv.out).toContain('Exported 1 survey as CSV');
    const [header, row] = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header).toContain('q_overall');
    expect(row).toContain('MRN-EXPORT-1');
    // a comment that looks like a formula stays text in a spreadsheet
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);

    const json = await station(['surveys', 'export', '--data-dir', dataDir, '--format', 'json', '--hospital', 'OLAYA']);
    expect(json.code, json.out).toBe(0);
    const rows = JSON.parse(json.out.slice(0, json.out.lastIndexOf(']') + 1)) as { mrn: string; score: number; answers: Record<string, unknown> }[];
    expect(rows).toEqual([
      expect.objectContaining({ mrn: 'MRN-EXPORT-1', score: 100, answers: expect.objectContaining({ overall: { kind: 'scale', value: 5 } }) }),
    ]);

    const reopened = await StationCore.open(dataDir);
    try {
      const exports = reopened.store.sqlite
        .prepare(`SELECT actor_name, after_json AS after FROM audit_log WHERE action = 'surveys.export' ORDER BY seq`)
        .all() as {
        actor_name: string;
        after: string;
      }[];
      expect(exports.map((e) => e.actor_name)).toEqual(['station command line', 'station command line']);
      expect(exports.map((e) => JSON.parse(e.after) as { rows: number; format: string })).toEqual([
        expect.objectContaining({ rows: 1, format: 'csv' }),
        expect.objectContaining({ rows: 1, format: 'json' }),
      ]);
    } finally {
      reopened.close();
    }
  });
});
