import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src-shared/errors.js';
import { sampleOru } from '../../src-main/listener/hl7/samples.js';
import { type Ack, type HttpAnswer, ListenerClient, MllpClient } from '../fixtures/his-clients.js';
import {
  addSource,
  adt,
  auditEntries,
  hisEvent,
  type HisStation,
  type IssuedSource,
  KHOBAR_PHYSICIAN,
  startHisStation,
  storedCount,
} from '../fixtures/his-station.js';

/*
 * Who may send what: an MLLP source is admitted only from the addresses it
 * lists (and with the client certificate it pins), and any source only for
 * the hospitals it is bound to, over JSON and MLLP alike. A refusal is a
 * bilingual answer with a machine code (JSON body; ACK ERR-5 and ERR-8), an
 * audit entry with the peer's address, and nothing stored or changed.
 */

const ARABIC = /[\u0600-\u06FF]/;
const TLS_DIR = path.resolve(import.meta.dirname, '../fixtures/tls');
const pem = (name: string) => fs.readFileSync(path.join(TLS_DIR, name));

/** An AR that says why, for a person in both languages and for a machine. */
function expectRefusedAck(ack: Ack, controlId: string, reason: string) {
  expect(ack).toMatchObject({ code: 'AR', controlId, error: { condition: '207', application: reason } });
  expect(ack.error?.text).toMatch(ARABIC);
  expect(ack.error?.text).toMatch(/[A-Za-z]{4}/);
}

function expectJsonRefusal(answer: HttpAnswer, status: number, key: string) {
  expect(answer.status, answer.text).toBe(status);
  const body = errorBodySchema.parse(answer.json);
  expect(body.error.key).toBe(key);
  expect(body.error.message.ar).toMatch(ARABIC);
}

const refusalsFrom = (station: HisStation, peer: string) => auditEntries(station.core, 'integration.refused').filter((e) => e.after.peer === peer);

describe('MLLP peers and hospital binding', () => {
  let station: HisStation;
  let his: IssuedSource;
  let olayaOnly: IssuedSource;
  let client: ListenerClient;

  beforeAll(async () => {
    station = await startHisStation();
    his = addSource(station.core, 'HIS'); // OLAYA and KHOBAR, MLLP from 127.0.0.1
    olayaOnly = addSource(station.core, 'OLAYA-HIS', { hospitals: ['OLAYA'] });
    addSource(station.core, 'LIS', { mllpPeers: ['127.0.0.0/31'] });
    addSource(station.core, 'RIS', { mllpPeers: [] });
    client = new ListenerClient(station.listenerUrl);
  });

  afterAll(async () => {
    client?.close();
    await station?.close();
  });

  it('answers AR to MLLP from an address the source does not list, stores nothing, and audits the address', async () => {
    const stranger = await MllpClient.connect(station.mllpPort, { localAddress: '127.0.0.2' });
    const listed = await MllpClient.connect(station.mllpPort, { localAddress: '127.0.0.1' });
    try {
      const message = adt('A08', { controlId: 'PEER-1', encounterId: 'ENC-PEER-1', fields: { 'PID-3': 'MRN-PEER-1^^^OLAYA^MR' } });
      expectRefusedAck(await stranger.request(message), 'PEER-1', 'error.peer_not_listed');
      expect(storedCount(station.core, 'HIS', 'PEER-1')).toBe(0);
      expect(refusalsFrom(station, '127.0.0.2').at(-1)).toMatchObject({
        actor_name: 'integration:HIS (127.0.0.2)',
        entity_id: expect.any(String),
        after: { channel: 'mllp', reason: 'error.peer_not_listed', sourceSystem: 'HIS', externalId: 'PEER-1' },
      });
      // the same message from the address it lists
      expect(await listed.request(message)).toMatchObject({ code: 'AA', controlId: 'PEER-1' });
      expect(storedCount(station.core, 'HIS', 'PEER-1')).toBe(1);
    } finally {
      await Promise.all([stranger.close(), listed.close()]);
    }
  });

  it('admits the addresses of a CIDR range, and refuses those outside it', async () => {
    const result = (controlId: string) => sampleOru({ fields: { 'MSH-10': controlId, 'PV1-19': 'ENC-CIDR' } });
    const outside = await MllpClient.connect(station.mllpPort, { localAddress: '127.0.0.2' });
    const inside = await MllpClient.connect(station.mllpPort, { localAddress: '127.0.0.1' });
    try {
      expectRefusedAck(await outside.request(result('CIDR-1')), 'CIDR-1', 'error.peer_not_listed');
      expect((await inside.request(result('CIDR-2'))).code).toBe('AA');
      expect([storedCount(station.core, 'LIS', 'CIDR-1'), storedCount(station.core, 'LIS', 'CIDR-2')]).toEqual([0, 1]);
    } finally {
      await Promise.all([outside.close(), inside.close()]);
    }
  });

  it('answers AR to a source that lists no address (MLLP off for it) and to a sending application that is no source', async () => {
    const mllp = await MllpClient.connect(station.mllpPort);
    try {
      expectRefusedAck(await mllp.request(adt('A01', { controlId: 'OFF-1', encounterId: 'ENC-OFF', sendingApp: 'RIS' })), 'OFF-1', 'error.mllp_off');
      const stranger = await mllp.request(adt('A01', { controlId: 'NOBODY-1', encounterId: 'ENC-OFF', sendingApp: 'NOBODY' }));
      expectRefusedAck(stranger, 'NOBODY-1', 'error.unknown_source');
      expect(stranger.error?.location).toBe('MSH^1^3');
      expect(storedCount(station.core, 'RIS', 'OFF-1') + storedCount(station.core, 'NOBODY', 'NOBODY-1')).toBe(0);
    } finally {
      await mllp.close();
    }
  });

  it("refuses a source writing another hospital's patient, over JSON (403) and MLLP (AR), and the patient is untouched", async () => {
    // Khobar's patient, as Khobar's feed sent it
    const khobarPatient = hisEvent({
      externalId: 'KH-PATIENT-1',
      code: 'PATIENT_UPDATED',
      encounterId: null,
      hospitalCode: 'KHOBAR',
      mrn: 'MRN-KH-1',
      patient: { name_en: 'Khalid Al-Shammari', name_ar: 'خالد الشمري', phone: '0551112222' },
    });
    expect((await client.postEvent(his.token, khobarPatient)).status).toBe(202);
    station.core.processor.drain();
    const patient = () =>
      station.core.store.sqlite.prepare(`SELECT name_en, name_ar, phone, updated_at FROM patients WHERE mrn = 'MRN-KH-1'`).get() as Record<string, string>;
    const before = patient();
    expect(before).toMatchObject({ name_en: 'Khalid Al-Shammari', phone: '+966551112222' });

    // Olaya's source, bound to Olaya alone, tries to overwrite him
    const overwrite = {
      ...khobarPatient,
      source_system: 'OLAYA-HIS',
      external_id: 'ATTACK-1',
      patient: { mrn: 'MRN-KH-1', name_en: 'Taken Over', phone: '0559999999' },
    };
    expectJsonRefusal(await client.postEvent(olayaOnly.token, overwrite), 403, 'error.hospital_not_bound');
    const batch = await client.postBatch(olayaOnly.token, [
      { ...overwrite, external_id: 'ATTACK-2' },
      hisEvent({ externalId: 'OLAYA-OK-1', code: 'PATIENT_UPDATED', encounterId: null, sourceSystem: 'OLAYA-HIS', mrn: 'MRN-OL-1' }),
    ]);
    expect(batch.json).toMatchObject({
      accepted: 1,
      rejected: 1,
      results: [
        { index: 0, status: 'rejected', error: { code: 'FORBIDDEN', key: 'error.hospital_not_bound' } },
        { index: 1, status: 'accepted' },
      ],
    });

    const mllp = await MllpClient.connect(station.mllpPort);
    try {
      const a08 = adt('A08', {
        controlId: 'ATTACK-3',
        encounterId: 'ENC-KH-1',
        sendingApp: 'OLAYA-HIS',
        physician: KHOBAR_PHYSICIAN,
        fields: { 'PV1-3': 'CARD^^^KHOBAR', 'PID-3': 'MRN-KH-1^^^KHOBAR^MR', 'PID-5': 'Over^Taken', 'PID-13': '0559999999^PRN^CP' },
      });
      expectRefusedAck(await mllp.request(a08), 'ATTACK-3', 'error.hospital_not_bound');
    } finally {
      await mllp.close();
    }

    station.core.processor.drain();
    expect(patient()).toEqual(before);
    for (const id of ['ATTACK-1', 'ATTACK-2', 'ATTACK-3']) expect(storedCount(station.core, 'OLAYA-HIS', id), id).toBe(0);
    expect(storedCount(station.core, 'OLAYA-HIS', 'OLAYA-OK-1')).toBe(1);
    // Khobar's administrators see the attempts in their hospital's audit trail
    const attempts = auditEntries(station.core, 'integration.refused').filter((e) => e.after.reason === 'error.hospital_not_bound');
    expect(attempts.map((e) => [e.after.channel, e.after.externalId, e.after.peer, e.hospital_id])).toEqual([
      ['json', 'ATTACK-1', '127.0.0.1', station.hospitals.KHOBAR],
      ['json', 'ATTACK-2', '127.0.0.1', station.hospitals.KHOBAR],
      ['mllp', 'ATTACK-3', '127.0.0.1', station.hospitals.KHOBAR],
    ]);
  });

  it("names the peer's address in every audit entry the processing of its events writes", async () => {
    const mllp = await MllpClient.connect(station.mllpPort);
    try {
      const message = adt('A08', { controlId: 'AUDIT-1', encounterId: 'ENC-AUDIT', fields: { 'PID-3': 'MRN-AUDIT-1^^^OLAYA^MR' } });
      expect((await mllp.request(message)).code).toBe('AA');
    } finally {
      await mllp.close();
    }
    expect(
      (await client.postEvent(his.token, hisEvent({ externalId: 'AUDIT-2', code: 'PATIENT_UPDATED', encounterId: null, mrn: 'MRN-AUDIT-2' }))).status,
    ).toBe(202);
    station.core.processor.drain();
    const created = station.core.store.sqlite
      .prepare(
        `SELECT a.actor_name FROM audit_log a JOIN patients p ON p.id = a.entity_id WHERE a.action = 'patients.create' AND p.mrn IN ('MRN-AUDIT-1', 'MRN-AUDIT-2')`,
      )
      .pluck()
      .all();
    expect(created).toEqual(['integration:HIS (127.0.0.1)', 'integration:HIS (127.0.0.1)']);
    const received = station.core.store.sqlite.prepare(`SELECT peer_address FROM inbound_events WHERE external_id IN ('AUDIT-1', 'AUDIT-2')`).pluck().all();
    expect(received).toEqual(['127.0.0.1', '127.0.0.1']);
  });
});

describe('TLS on the listener and on MLLP', () => {
  let station: HisStation;
  let his: IssuedSource;
  const HIS_CLIENT = { cert: pem('his-client-cert.pem'), key: pem('his-client-key.pem') };
  const OTHER_CLIENT = { cert: pem('other-client-cert.pem'), key: pem('other-client-key.pem') };

  beforeAll(async () => {
    const server = { cert: pem('station-cert.pem'), key: pem('station-key.pem') };
    station = await startHisStation({ listenerTls: server, mllpTls: server });
    // pinned as the console stores what `openssl x509 -fingerprint -sha256` prints
    his = addSource(station.core, 'HIS', { mllpCertSha256: new X509Certificate(HIS_CLIENT.cert).fingerprint256.replaceAll(':', '') });
  });

  afterAll(async () => {
    await station?.close();
  });

  it('serves HTTPS, and refuses a static-RSA CBC suite (AES128-SHA) itself', async () => {
    expect(station.listenerUrl).toMatch(/^https:\/\//);
    const client = new ListenerClient(station.listenerUrl, { ca: pem('station-cert.pem') });
    try {
      expect((await client.postEvent(his.token, hisEvent({ externalId: 'TLS-1', code: 'OPD_REGISTERED' }))).status).toBe(202);
    } finally {
      client.close();
    }
    const port = Number(new URL(station.listenerUrl).port);
    const handshake = (options: tls.ConnectionOptions) =>
      new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options }, () => {
          resolve(socket.getCipher().name);
          socket.end();
        });
        socket.on('error', reject);
      });
    // the client offers it (security level 0 lets OpenSSL send it); the station's alert refuses it
    await expect(handshake({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:@SECLEVEL=0' })).rejects.toMatchObject({
      code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    });
    expect(await handshake({ maxVersion: 'TLSv1.2' })).toMatch(/^ECDHE-.*(GCM|CHACHA20)/);
  });

  it('admits MLLP with the client certificate the source pins, and answers AR to another certificate or none', async () => {
    const message = (controlId: string) => adt('A04', { controlId, encounterId: `ENC-${controlId}`, department: 'OPD' });
    const right = await MllpClient.connect(station.mllpPort, { tls: HIS_CLIENT });
    const wrong = await MllpClient.connect(station.mllpPort, { tls: OTHER_CLIENT });
    const none = await MllpClient.connect(station.mllpPort, { tls: {} });
    try {
      expect(await right.request(message('CERT-1'))).toMatchObject({ code: 'AA', controlId: 'CERT-1' });
      expectRefusedAck(await wrong.request(message('CERT-2')), 'CERT-2', 'error.client_certificate');
      expectRefusedAck(await none.request(message('CERT-3')), 'CERT-3', 'error.client_certificate');
    } finally {
      await Promise.all([right.close(), wrong.close(), none.close()]);
    }
    expect(['CERT-1', 'CERT-2', 'CERT-3'].map((id) => storedCount(station.core, 'HIS', id))).toEqual([1, 0, 0]);
  });
});
