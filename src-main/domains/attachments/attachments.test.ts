/**
 * Files on complaints and PX actions on one station, through the
 * dispatcher: checked by content and size before anything is stored,
 * stored once by hash in the data folder, listed on the record with a
 * timeline entry and an audit entry, opened (audited), and taken off with a
 * reason — the content deleted once no record holds it. On an action a
 * file is evidence. (Between stations and the hub: test/integration/attachments-sync.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../../src-shared/attachments/files.js';
import type { MessageKey } from '../../../src-shared/messages.js';
import type { Caller } from '../../core/context.js';
import { sha256Hex } from '../../core/files.js';
import { DomainHarness, expectFieldError } from '../../../test/harness/domain-harness.js';
import { seedHospitals } from '../../../test/fixtures/his-reference.js';

let h: DomainHarness;
let hospitals: Record<string, string>;
let officer: Caller;
let elsewhere: Caller;

const LETTER = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const b64 = (bytes: Buffer) => bytes.toString('base64');

/** Every content file in the station's data folder. */
function storedContents(): string[] {
  const root = path.join(h.dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => /[0-9a-f]{64}$/.test(name));
}

beforeAll(async () => {
  h = await DomainHarness.open();
  hospitals = seedHospitals(h.core);
  officer = h.as('px_coordinator', { hospitalId: hospitals.OLAYA });
  elsewhere = h.as('px_coordinator', { hospitalId: hospitals.KHOBAR });
});
afterAll(() => h.close());

const complaint = () =>
  h.call(officer, 'complaints.create', { hospitalId: hospitals.OLAYA!, channel: 'email', descriptionAr: 'أرفقت صورة من الممر المتسخ أمام العيادة.' });

describe('a file on a complaint', () => {
  it('is stored by the hash of its content, listed on the complaint, on its timeline and in the audit log', async () => {
    const filed = await complaint();
    const detail = await h.call(officer, 'complaints.attach', { id: filed.id, fileName: 'C:\\Users\\px\\Desktop\\رسالة المريض.pdf', content: b64(LETTER) });
    expect(detail.attachments).toEqual([
      expect.objectContaining({ fileName: 'رسالة المريض.pdf', mediaType: 'application/pdf', sizeBytes: LETTER.length, available: true }),
    ]);
    const attachment = detail.attachments[0]!;
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'attachment', details: { attachmentId: attachment.id, fileName: 'رسالة المريض.pdf' } });
    expect(h.lastAudit(attachment.id)).toMatchObject({ action: 'attachments.create', hospitalId: hospitals.OLAYA });
    const sha = sha256Hex(LETTER);
    const file = path.join(h.dataDir, 'attachments', sha.slice(0, 2), sha);
    expect(fs.readFileSync(file)).toEqual(LETTER);
    expect(fs.statSync(file).mode & 0o077).toBe(0); // this account's only, as the database is

    const opened = await h.call(officer, 'complaints.openAttachment', { id: filed.id, attachmentId: attachment.id });
    expect(opened).toEqual({ fileName: 'رسالة المريض.pdf', mediaType: 'application/pdf', content: b64(LETTER) });
    expect(h.lastAudit(attachment.id)).toMatchObject({ action: 'attachments.opened', after: { complaint: filed.number } });
  });

  it('is one file when the same content is sent twice (a second click), and one content for two records', async () => {
    const first = await complaint();
    const second = await complaint();
    await h.call(officer, 'complaints.attach', { id: first.id, fileName: 'photo.jpg', content: b64(PHOTO) });
    const again = await h.call(officer, 'complaints.attach', { id: first.id, fileName: 'photo.jpg', content: b64(PHOTO) });
    expect(again.attachments).toHaveLength(1);
    expect(again.timeline.filter((e) => e.kind === 'attachment')).toHaveLength(1);
    const other = await h.call(officer, 'complaints.attach', { id: second.id, fileName: 'same-photo.jpg', content: b64(PHOTO) });
    expect(other.attachments).toHaveLength(1);
    expect(storedContents().filter((name) => name.endsWith(sha256Hex(PHOTO)))).toHaveLength(1);
  });

  it('refuses a file of the wrong type, too large, empty or cut off, field by field in both languages, storing nothing', async () => {
    const filed = await complaint();
    const rows = h.count('attachments');
    const contents = storedContents().length;
    const program = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1');
    const tooLarge = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    LETTER.copy(tooLarge);
    const cases: Array<[string, Record<string, unknown>, string, MessageKey]> = [
      ['a program named .pdf', { fileName: 'report.pdf', content: b64(program) }, 'content', 'field.attachment_type'],
      ['a PDF named .jpg', { fileName: 'photo.jpg', content: b64(LETTER) }, 'content', 'field.attachment_type'],
      ['one byte over 10 MB', { fileName: 'scan.pdf', content: b64(tooLarge) }, 'content', 'field.attachment_too_large'],
      ['an empty file', { fileName: 'empty.txt', content: '' }, 'content', 'field.attachment_empty'],
      ['base64 cut off', { fileName: 'letter.pdf', content: b64(LETTER).slice(0, -1) }, 'content', 'field.attachment_encoding'],
      ['not base64', { fileName: 'letter.pdf', content: '<script>' }, 'content', 'field.attachment_encoding'],
      ['a name of dots', { fileName: '..', content: b64(LETTER) }, 'fileName', 'field.attachment_name'],
    ];
    for (const [name, input, field, key] of cases) {
      const refusal = await h.failure(officer, 'complaints.attach', { id: filed.id, ...input });
      expect(refusal.status, name).toBe(400);
      expectFieldError(refusal, field, key);
      const message = refusal.fields.find((f) => f.path === field)!.message;
      expect(message.en, name).not.toBe('');
      expect(message.ar, name).toMatch(/[\u0600-\u06ff]/);
    }
    expect(h.count('attachments')).toBe(rows);
    expect(storedContents()).toHaveLength(contents);
  });

  it('is neither added nor opened by someone of another hospital', async () => {
    const filed = await complaint();
    const withFile = await h.call(officer, 'complaints.attach', { id: filed.id, fileName: 'letter.pdf', content: b64(LETTER) });
    // a record out of the caller's scope is answered as one that does not exist
    expect(await h.status(elsewhere, 'complaints.attach', { id: filed.id, fileName: 'x.pdf', content: b64(LETTER) })).toBe(404);
    expect(await h.status(elsewhere, 'complaints.openAttachment', { id: filed.id, attachmentId: withFile.attachments[0]!.id })).toBe(404);
    // nor through a complaint of their own naming this complaint's file
    const own = await h.call(elsewhere, 'complaints.create', { hospitalId: hospitals.KHOBAR!, channel: 'phone', descriptionEn: 'A complaint of Khobar.' });
    expect(await h.status(elsewhere, 'complaints.openAttachment', { id: own.id, attachmentId: withFile.attachments[0]!.id })).toBe(404);
  });

  it('is taken off with a reason kept on the timeline; its content goes once no record holds it', async () => {
    const unique = Buffer.concat([LETTER, Buffer.from('% only here\n')]);
    const filed = await complaint();
    const attached = await h.call(officer, 'complaints.attach', { id: filed.id, fileName: 'wrong-patient.pdf', content: b64(unique) });
    const attachmentId = attached.attachments[0]!.id;
    expectFieldError(await h.failure(officer, 'complaints.removeAttachment', { id: filed.id, attachmentId, reason: '' }), 'reason', 'field.required');
    const removed = await h.call(officer, 'complaints.removeAttachment', { id: filed.id, attachmentId, reason: 'Another patient’s letter.' });
    expect(removed.attachments).toEqual([]);
    expect(removed.timeline.at(-1)).toMatchObject({
      kind: 'attachment',
      text: 'Another patient’s letter.',
      details: { fileName: 'wrong-patient.pdf', removed: true },
    });
    expect(storedContents().some((name) => name.endsWith(sha256Hex(unique)))).toBe(false);
    expectFieldError(await h.failure(officer, 'complaints.openAttachment', { id: filed.id, attachmentId }), 'attachmentId', 'field.attachment_removed');

    // a content another record still holds stays
    const a = await complaint();
    const b = await complaint();
    const onA = await h.call(officer, 'complaints.attach', { id: a.id, fileName: 'shared.jpg', content: b64(PHOTO) });
    await h.call(officer, 'complaints.attach', { id: b.id, fileName: 'shared.jpg', content: b64(PHOTO) });
    await h.call(officer, 'complaints.removeAttachment', { id: a.id, attachmentId: onA.attachments[0]!.id, reason: 'Duplicate.' });
    const stillThere = await h.call(officer, 'complaints.get', { id: b.id });
    expect(stillThere.attachments[0]).toMatchObject({ available: true });
    expect((await h.call(officer, 'complaints.openAttachment', { id: b.id, attachmentId: stillThere.attachments[0]!.id })).content).toBe(b64(PHOTO));
  });
});

describe('a file on a PX action', () => {
  it('is evidence: it lets the action go for approval, and taking it off takes the evidence back', async () => {
    const action = await h.call(officer, 'actions.create', { hospitalId: hospitals.OLAYA!, title: 'Clean the corridor before the morning clinic' });
    await h.call(officer, 'actions.move', { id: action.id, verb: 'start' });
    expectFieldError(await h.failure(officer, 'actions.move', { id: action.id, verb: 'submit' }), 'evidence', 'field.action_evidence');
    const withPhoto = await h.call(officer, 'actions.attach', { id: action.id, fileName: 'corridor-after.jpg', content: b64(PHOTO) });
    expect(withPhoto).toMatchObject({ evidenceCount: 1, attachments: [expect.objectContaining({ fileName: 'corridor-after.jpg', mediaType: 'image/jpeg' })] });
    expect(withPhoto.timeline.at(-1)).toMatchObject({ kind: 'evidence', details: { fileName: 'corridor-after.jpg' } });
    const taken = await h.call(officer, 'actions.removeAttachment', {
      id: action.id,
      attachmentId: withPhoto.attachments[0]!.id,
      reason: 'Photo of another floor.',
    });
    expect(taken).toMatchObject({ evidenceCount: 0, attachments: [] });
    expectFieldError(await h.failure(officer, 'actions.move', { id: action.id, verb: 'submit' }), 'evidence', 'field.action_evidence');
    await h.call(officer, 'actions.attach', { id: action.id, fileName: 'corridor.pdf', content: b64(LETTER) });
    expect(await h.call(officer, 'actions.move', { id: action.id, verb: 'submit' })).toMatchObject({ status: 'pending_approval', evidenceCount: 1 });
  });

  it('takes no file once the action is closed', async () => {
    const action = await h.call(officer, 'actions.create', { hospitalId: hospitals.OLAYA!, title: 'A mistaken action', evidenceRequired: false });
    await h.call(officer, 'actions.move', { id: action.id, verb: 'cancel', reason: 'Opened by mistake.' });
    expectFieldError(await h.failure(officer, 'actions.attach', { id: action.id, fileName: 'late.pdf', content: b64(LETTER) }), 'id', 'field.action_move');
  });
});
