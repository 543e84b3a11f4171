/**
 * Attachment contents between stations and the hub (docs/attachments.md):
 * a file taken on one station of a hospital reaches the hub and the
 * hospital's other station with the sync rounds, byte for byte; a station
 * of another hospital gets neither the row nor the content, whatever hash
 * it asks for; the hub takes a content only for a row of the sender's
 * scope and only when the bytes match it; a row whose content is not at the
 * hub yet waits and is fetched later; a file taken off is deleted
 * everywhere once no record holds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintIntakeSchema } from '../../src-shared/complaints/intake.js';
import { SYSTEM_ACTOR } from '../../src-main/core/audit-log.js';
import { sha256Hex } from '../../src-main/core/files.js';
import type { StationCore } from '../../src-main/core/station.js';
import { HubClient, HubError } from '../../src-main/sync/client.js';
import { createHospital, startTestHub, startTestPostgres, type TestHub, type TestPostgres } from '../fixtures/hub-postgres.js';
import { closeStation, hospitalStation } from '../fixtures/hub-surveys.js';
import { syncOk } from '../fixtures/replicas.js';

let postgres: TestPostgres;
let t: TestHub;
let A: StationCore;
let B: StationCore;
let C: StationCore;
let olaya: string;

const SCAN = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024, 0x41), Buffer.from('\n%%EOF\n')]);
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02]);

const hubClientOf = (core: StationCore) => new HubClient(t.url, core.sync.state.enrolment()!.token);
const attachmentsOf = (core: StationCore) => core.domains.attachments.services.attachments;

/** A complaint filed on `core` through the intake, and a file put on it as the console's call does. */
function complaintWithFile(core: StationCore, externalId: string, fileName: string, bytes: Buffer): { complaintId: string; attachmentId: string } {
  const filed = core.complaintIntake.fromSource(
    complaintIntakeSchema.parse({
      source_system: 'WEBSITE',
      external_id: externalId,
      hospital_code: 'OLAYA',
      channel: 'web',
      description: 'أرفقت صورة من غرفة الانتظار.',
    }),
  );
  const complaintId = core.store.sqlite.prepare('SELECT id FROM complaints WHERE number = ?').pluck().get(filed.number) as string;
  const file = attachmentsOf(core).accept({ fileName, content: bytes.toString('base64') });
  const attachmentId = core.data.write(
    SYSTEM_ACTOR,
    (tx) => attachmentsOf(core).add(tx, { recordType: 'complaint', recordId: complaintId, hospitalId: olaya }, file).row.id,
  );
  return { complaintId, attachmentId };
}

async function hubHas(sha256: string): Promise<boolean> {
  const found = await t.sql.query('SELECT 1 FROM attachment_files WHERE sha256 = $1', [sha256]);
  return (found.rowCount ?? 0) > 0;
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startTestHub(postgres);
  olaya = (await createHospital(t, 'OLAYA')).id;
  await createHospital(t, 'KHOBAR');
  A = await hospitalStation(t, 'OLAYA', 'PX office A');
  B = await hospitalStation(t, 'OLAYA', 'PX office B');
  C = await hospitalStation(t, 'KHOBAR', 'Khobar PX office');
}, 180_000);

afterAll(async () => {
  for (const core of [A, B, C]) if (core) closeStation(core);
  await t?.close();
  await postgres?.stop();
});

describe('a file taken on one station', () => {
  let complaintId: string;
  let attachmentId: string;
  const sha = sha256Hex(SCAN);

  it('reaches the hub and the hospital’s other station byte for byte, with the sync rounds', async () => {
    ({ complaintId, attachmentId } = complaintWithFile(A, 'att-1', 'scan.pdf', SCAN));
    const sent = await syncOk(A);
    expect(sent).toMatchObject({ filesSent: 1 });
    expect(await hubHas(sha)).toBe(true);

    const received = await syncOk(B);
    expect(received).toMatchObject({ filesReceived: 1 });
    expect(attachmentsOf(B).listOf(complaintId)).toEqual([expect.objectContaining({ id: attachmentId, fileName: 'scan.pdf', available: true })]);
    expect(attachmentsOf(B).files.get(sha)?.equals(SCAN)).toBe(true);
    expect(B.sync.status().filesWaiting).toBe(0);
    // nothing is sent twice: B fetched it from the hub, so the hub has it
    expect(await syncOk(B)).toMatchObject({ filesSent: 0, filesReceived: 0 });
    expect(await syncOk(A)).toMatchObject({ filesSent: 0 });
  });

  it('is neither sent to nor fetchable by a station of another hospital', async () => {
    await syncOk(C);
    expect(C.store.sqlite.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
    expect(attachmentsOf(C).files.has(sha)).toBe(false);
    expect(await hubClientOf(C).getFile(sha)).toBeNull();
    // nor can it send a content under a hash its own hospital has no row for
    await expect(hubClientOf(C).putFile(sha, SCAN)).rejects.toMatchObject({ status: 404 });
    // nor fetch it by naming the hash in a row of its own: the content is handed to the hospitals that sent it
    const khobar = C.store.sqlite.prepare("SELECT id FROM hospitals WHERE code = 'KHOBAR'").pluck().get() as string;
    C.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('attachments', {
        hospital_id: khobar,
        record_type: 'complaint',
        record_id: '00000000-0000-7000-8000-000000000001',
        sha256: sha,
        file_name: 'guess.pdf',
        media_type: 'application/pdf',
        size_bytes: SCAN.length,
        added_by_user_id: null,
        added_by_name: 'probe',
        removed_reason: null,
      }),
    );
    const probeId = C.store.sqlite.prepare("SELECT id FROM attachments WHERE file_name = 'guess.pdf'").pluck().get() as string;
    const probe = await syncOk(C);
    expect(probe.filesReceived).toBe(0);
    expect(await hubClientOf(C).getFile(sha)).toBeNull();
    expect(attachmentsOf(C).files.has(sha)).toBe(false);
    C.data.write(SYSTEM_ACTOR, (tx) => tx.softDelete('attachments', probeId));
    await syncOk(C);
  });

  it('whose row the hub refuses to match, or that names no content at all, fails only itself, not the sync round', async () => {
    const { attachmentId: odd } = complaintWithFile(A, 'att-odd', 'odd.pdf', Buffer.from('%PDF-1.4\n% odd one\n%%EOF\n'));
    // the row says another size than the content has: the hub refuses the content, the round goes on
    A.data.write(SYSTEM_ACTOR, (tx) => tx.update('attachments', odd, { size_bytes: 5 }));
    // and a row naming something that is not a hash reaches B, which does not ask for it
    A.data.write(SYSTEM_ACTOR, (tx) =>
      tx.insert('attachments', {
        hospital_id: olaya,
        record_type: 'complaint',
        record_id: '00000000-0000-7000-8000-000000000002',
        sha256: 'not-a-hash',
        file_name: 'broken.pdf',
        media_type: 'application/pdf',
        size_bytes: 1,
        added_by_user_id: null,
        added_by_name: 'probe',
        removed_reason: null,
      }),
    );
    const round = await syncOk(A);
    expect(round.filesSent).toBe(0);
    const sha = A.store.sqlite.prepare('SELECT sha256 FROM attachments WHERE id = ?').pluck().get(odd) as string;
    expect(A.store.sqlite.prepare('SELECT last_error FROM attachment_files WHERE sha256 = ?').pluck().get(sha)).toBe('refused_400');
    await syncOk(B);
    expect(B.sync.status().filesWaiting).toBe(1); // the odd one, which the hub does not have: asked for again later
  });

  it('is refused at the hub when the bytes do not match the row, or no row names them', async () => {
    const client = hubClientOf(A);
    const other = Buffer.concat([SCAN.subarray(0, 100), Buffer.from('changed')]);
    // bytes under another content's name
    await expect(client.putFile(sha, other)).rejects.toSatisfy((error) => error instanceof HubError && error.status === 400);
    // a content no attachment names
    await expect(client.putFile(sha256Hex(other), other)).rejects.toMatchObject({ status: 404 });
    // a name that is not a hash: refused at its field
    await expect(client.putFile('zz', other)).rejects.toMatchObject({ status: 400 });
    await expect(client.putFile('A'.repeat(64), other)).rejects.toMatchObject({ status: 400 });
  });

  it('is fetched later when its row arrives before its content', async () => {
    const { complaintId: second } = complaintWithFile(A, 'att-2', 'photo.jpg', PHOTO);
    const photoSha = sha256Hex(PHOTO);
    await syncOk(A);
    // as if A's content had not reached the hub yet
    await t.sql.query('DELETE FROM attachment_files WHERE sha256 = $1', [photoSha]);
    A.store.sqlite.prepare('UPDATE attachment_files SET at_hub = 0 WHERE sha256 = ?').run(photoSha);
    const waitingBefore = B.sync.status().filesWaiting;
    const early = await syncOk(B);
    expect(early.filesReceived).toBe(0);
    expect(attachmentsOf(B).listOf(second)).toEqual([expect.objectContaining({ fileName: 'photo.jpg', available: false })]);
    expect(B.sync.status().filesWaiting).toBe(waitingBefore + 1);
    await syncOk(A);
    expect(await hubHas(photoSha)).toBe(true);
    // B asks again after its wait (a minute), not at every round
    expect((await syncOk(B)).filesReceived).toBe(0);
    B.store.sqlite.prepare('UPDATE attachment_files SET next_try_at = ? WHERE sha256 = ?').run(new Date(Date.now() - 1000).toISOString(), photoSha);
    expect((await syncOk(B)).filesReceived).toBe(1);
    expect(attachmentsOf(B).listOf(second)).toEqual([expect.objectContaining({ available: true })]);
  });

  it('taken off, is deleted on every station and at the hub once no record holds it; put on a record again, it is sent again', async () => {
    const row = A.store.sqlite.prepare('SELECT * FROM attachments WHERE id = ?').get(attachmentId) as Parameters<ReturnType<typeof attachmentsOf>['remove']>[1];
    A.data.write(SYSTEM_ACTOR, (tx) => attachmentsOf(A).remove(tx, row, 'Another patient’s scan.'));
    attachmentsOf(A).purge(sha);
    expect(attachmentsOf(A).files.has(sha)).toBe(false);
    await syncOk(A);
    await syncOk(B);
    expect(attachmentsOf(B).listOf(complaintId)).toEqual([]);
    expect(attachmentsOf(B).files.has(sha)).toBe(false);
    // the hub hands it out no more, and deletes it on its next sweep
    expect(await hubClientOf(B).getFile(sha)).toBeNull();
    await t.hub.core.files.purgeRemoved();
    expect(await hubHas(sha)).toBe(false);
    // the same scan on another complaint, on a station that had kept a copy: the new row sends it to the hub again
    const again = complaintWithFile(B, 'att-again', 'scan-again.pdf', SCAN);
    expect(await syncOk(B)).toMatchObject({ filesSent: 1 });
    expect(await hubHas(sha)).toBe(true);
    await syncOk(A);
    expect(attachmentsOf(A).listOf(again.complaintId)).toEqual([expect.objectContaining({ available: true })]);
  });
});
