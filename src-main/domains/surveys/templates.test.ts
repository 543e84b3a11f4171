/**
 * Survey templates through the dispatcher: the shipped ones on every
 * station (the same rows), new questions as a new version (the old one kept
 * as it was), group configuration changed only by the group and on a group
 * station, and bad content refused field by field in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput } from '../../../src-shared/contract/index.js';
import { formatHlc } from '../../../src-shared/hlc.js';
import { RemoteChanges } from '../../sync/apply.js';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';

let h: DomainHarness;

beforeAll(async () => {
  h = await DomainHarness.open();
});
afterAll(() => h.close());

type Content = CallInput<'surveyTemplates.create'>['content'];
const content = (question: string): Content => ({
  title: { en: 'Pharmacy visit', ar: 'زيارة الصيدلية' },
  thankYou: { en: 'Thank you', ar: 'شكراً لك' },
  pages: [{ questions: [{ id: 'overall', type: 'rating', domain: 'overall', text: { en: question, ar: 'كيف كانت خدمة الصيدلية؟' } }] }],
});
const outboxCells = () => h.core.store.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;

describe('the shipped survey templates', () => {
  it('are on a new station, each with one version that reads as a template', async () => {
    const list = await h.call(h.as('viewer', { hospitalId: h.hospital('OLAYA').id }), 'surveyTemplates.list', {});
    expect(list.map((t) => [t.code, t.builtIn, t.active])).toEqual(
      [...DEFAULT_TEMPLATES.map((t) => [t.code, true, true] as const)].sort((a, b) => a[0].localeCompare(b[0])),
    );
    const opd = list.find((t) => t.code === 'OPD-VISIT')!;
    expect(opd).toMatchObject({ nameEn: 'Your clinic visit', nameAr: 'زيارتك للعيادة', questionCount: 7 });
    expect(opd.estimatedSeconds.ar).toBeLessThan(60);
    const detail = await h.call(h.as('px_admin'), 'surveyTemplates.get', { id: opd.id });
    expect(detail.versions).toEqual([{ id: opd.currentVersionId, createdAt: expect.any(String), current: true }]);
    expect(detail.content).toEqual(DEFAULT_TEMPLATES[0]!.content);
  });

  it('are the same rows on every station, made without sending anything', async () => {
    // a station migrated from nothing: harnesses share one migrated copy, which would make this hold whatever the ids
    const other = await DomainHarness.openFromScratch();
    try {
      const ids = async (harness: DomainHarness) =>
        (await harness.call(harness.as('px_admin'), 'surveyTemplates.list', {})).map((t) => [t.id, t.currentVersionId]);
      expect(await ids(other)).toHaveLength(DEFAULT_TEMPLATES.length);
      expect(await ids(other)).toEqual(await ids(h));
      const sent = other.core.store.sqlite.prepare(`SELECT count(*) FROM sync_outbox WHERE tbl LIKE 'survey_%'`).pluck().get();
      expect(sent).toBe(0);
    } finally {
      other.close();
    }
  });
});

describe('a template made by the central team', () => {
  it('is made with its first version, audited and sent to the hub', async () => {
    const admin = h.as('px_admin');
    const before = outboxCells();
    const made = await h.call(admin, 'surveyTemplates.create', {
      code: 'PHARMACY',
      nameEn: 'Pharmacy',
      nameAr: 'الصيدلية',
      content: content('How was the pharmacy?'),
    });
    expect(made).toMatchObject({ code: 'PHARMACY', builtIn: false, active: true, questionCount: 1, versions: [{ current: true }] });
    expect(made.content?.pages[0]?.questions[0]?.text.en).toBe('How was the pharmacy?');
    expect(outboxCells()).toBeGreaterThan(before);
    expect(h.lastAudit().action).toBe('survey_templates.new_version');
  });

  it('gets new questions as a new version: the old one stays as it was, and is no longer sent', async () => {
    const admin = h.as('px_admin');
    const made = await h.call(admin, 'surveyTemplates.create', { code: 'LAB', nameEn: 'Laboratory', nameAr: 'المختبر', content: content('How was the lab?') });
    const first = made.currentVersionId!;
    const stored = () => h.core.store.sqlite.prepare('SELECT content FROM survey_template_versions WHERE id = ?').pluck().get(first);
    const firstContent = stored();
    const changed = await h.call(admin, 'surveyTemplates.update', { id: made.id, content: content('How was the laboratory?') });
    expect(changed.versions.map((v) => [v.id === first, v.current])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(changed.content?.pages[0]?.questions[0]?.text.en).toBe('How was the laboratory?');
    expect(stored()).toBe(firstContent);
    // a new name alone is no new version
    const renamed = await h.call(admin, 'surveyTemplates.update', { id: made.id, nameEn: 'Laboratory visit' });
    expect(renamed).toMatchObject({ nameEn: 'Laboratory visit', currentVersionId: changed.currentVersionId });
    expect(renamed.versions).toHaveLength(2);
    // the older version is still read as its responses answered it
    const older = await h.call(admin, 'surveyTemplates.version', { id: first });
    expect(older).toMatchObject({ id: first, templateId: made.id, current: false });
    expect(older.content?.pages[0]?.questions[0]?.text.en).toBe('How was the lab?');
    await expect(h.call(admin, 'surveyTemplates.version', { id: '01900000-0000-7000-8000-000000000000' })).rejects.toThrow(/NOT_FOUND/);
  });

  it('is retired and brought back', async () => {
    const admin = h.as('px_admin');
    const made = await h.call(admin, 'surveyTemplates.create', {
      code: 'RADIOLOGY',
      nameEn: 'Radiology',
      nameAr: 'الأشعة',
      content: content('How was radiology?'),
    });
    await h.call(admin, 'surveyTemplates.setActive', { id: made.id, active: false });
    expect((await h.call(admin, 'surveyTemplates.list', {})).map((t) => t.code)).not.toContain('RADIOLOGY');
    expect((await h.call(admin, 'surveyTemplates.list', { includeInactive: true })).map((t) => t.code)).toContain('RADIOLOGY');
    expect(h.lastAudit(made.id).action).toBe('survey_templates.deactivate');
    expect((await h.call(admin, 'surveyTemplates.setActive', { id: made.id, active: true })).active).toBe(true);
  });
});

describe('bad templates and wrong places', () => {
  it('refuses content that does not hold together, naming the field in both languages, and makes nothing', async () => {
    const admin = h.as('px_admin');
    const broken: Content = {
      ...content('Why?'),
      pages: [
        {
          questions: [
            { id: 'why', type: 'text', domain: 'other', showIf: { question: 'overall', op: 'less_than', value: 3 }, text: { en: 'Why?', ar: 'لماذا؟' } },
            { id: 'overall', type: 'rating', domain: 'overall', text: { en: 'How was it?', ar: 'كيف كانت؟' } },
          ],
        },
      ],
    };
    const before = (await h.call(admin, 'surveyTemplates.list', { includeInactive: true })).length;
    const refused = await h.failure(admin, 'surveyTemplates.create', { code: 'BROKEN', nameEn: 'Broken', nameAr: 'معطوب', content: broken });
    expect(refused.status).toBe(400);
    expect(refused.fields).toEqual([
      expect.objectContaining({
        path: 'content.pages.0.questions.0.showIf',
        key: 'field.survey_condition_order',
        message: { en: expect.any(String), ar: expect.stringMatching(/سؤال يسبقه/) },
      }),
    ]);
    const taken = await h.failure(admin, 'surveyTemplates.create', { code: 'OPD-VISIT', nameEn: 'Again', nameAr: 'مرة أخرى', content: content('Again?') });
    expect(taken.fields).toEqual([expect.objectContaining({ path: 'code', key: 'field.taken' })]);
    expect((await h.call(admin, 'surveyTemplates.list', { includeInactive: true })).length).toBe(before);
  });

  it('are group configuration: a hospital admin reads them and changes none', async () => {
    const hospitalAdmin = h.as('hospital_admin', { hospitalId: h.hospital('KHOBAR').id });
    const [first] = await h.call(hospitalAdmin, 'surveyTemplates.list', {});
    const refused = await h.failure(hospitalAdmin, 'surveyTemplates.update', { id: first!.id, nameEn: 'Mine' });
    expect([refused.status, refused.key]).toEqual([403, 'error.group_only']);
  });

  it('are changed only on a group station: one enrolled for a hospital refuses, bilingual, audited, nothing sent', async () => {
    await h.asHospitalStation(h.hospital('DAMMAM'), async () => {
      const admin = h.as('px_admin');
      const before = outboxCells();
      const refused = await h.failure(admin, 'surveyTemplates.create', { code: 'HERE', nameEn: 'Here', nameAr: 'هنا', content: content('Here?') });
      expect([refused.status, refused.key]).toEqual([409, 'error.group_config_here']);
      expect(refused.message).toEqual({ en: expect.stringMatching(/whole group/), ar: expect.stringMatching(/للمجموعة كاملة/) });
      expect(outboxCells()).toBe(before);
      expect(h.lastAudit().action).toBe('survey_templates.create_refused');
    });
  });
});

describe('a change from the hub', () => {
  it('is taken only when a group station made it: a hospital station cannot change the group’s questions', async () => {
    const [first] = await h.call(h.as('px_admin'), 'surveyTemplates.list', {});
    const remote = new RemoteChanges(h.core.data, () => {});
    const rename = (node: string, nameEn: string) => ({
      table: 'survey_templates',
      rowId: first!.id,
      column: 'name_en',
      value: nameEn,
      hlc: formatHlc({ wallMs: Date.now(), counter: 0, node }),
    });
    const name = async () => (await h.call(h.as('px_admin'), 'surveyTemplates.get', { id: first!.id })).nameEn;
    expect(remote.apply([rename('hospitalst01', 'Renamed by a hospital')], ['groupst00001']).refused).toBe(1);
    expect(await name()).toBe(first!.nameEn);
    expect(remote.apply([rename('groupst00001', 'Renamed by the group')], ['groupst00001']).applied).toBe(1);
    expect(await name()).toBe('Renamed by the group');
  });
});

describe('the default journeys, as seed-demo makes them', () => {
  it('send the shipped surveys automatically after the consultation, the discharge and the EMS disposition, and nothing after other stages', async () => {
    const hospital = h.hospital('JUBAIL');
    const surveys = h.core.domains.surveys.services.templates;
    h.core.data.write(h.as('px_admin').actor, (tx) => h.core.templates.createDefaults(tx, hospital.id, (event) => surveys.shippedTemplateFor(event)));
    const shipped = new Map((await h.call(h.as('px_admin'), 'surveyTemplates.list', {})).map((t) => [t.id, t.code]));
    const stages = (await h.call(h.as('px_admin'), 'journeyTemplates.list', { hospitalId: hospital.id })).flatMap((t) => t.stages);
    const linked = stages.filter((s) => s.surveyTemplateId !== null).map((s) => [s.triggerEventCode, shipped.get(s.surveyTemplateId!), s.autoSendSurvey]);
    expect(linked.sort()).toEqual([
      ['EMS_DISPOSITION', 'EMS-VISIT', true],
      ['IP_DISCHARGED', 'IP-DISCHARGE', true],
      ['OPD_VISIT_COMPLETED', 'OPD-VISIT', true],
    ]);
    expect(stages.filter((s) => s.surveyTemplateId === null).every((s) => !s.autoSendSurvey)).toBe(true);
    expect(stages.length).toBeGreaterThan(3);
  });
});
