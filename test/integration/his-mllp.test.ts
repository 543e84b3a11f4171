import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prng } from '../../src-main/demo/synthetic.js';
import { sampleOru } from '../../src-main/listener/hl7/samples.js';
import { frame, MllpClient } from '../fixtures/his-clients.js';
import {
  addSource,
  adt,
  eventually,
  type HisStation,
  OLAYA_CLINIC_PHYSICIAN,
  PxOffice,
  stageCompletions,
  stageStatuses,
  startHisStation,
  storedCount,
} from '../fixtures/his-station.js';

/*
 * HL7 v2 over MLLP on a real TCP socket: one ACK per message, in order;
 * AA only once the event is on disk; AE (with ERR) or AR for what cannot
 * be used; and a bad message never costs the connection.
 */

let station: HisStation;
let office: PxOffice;
let mllp: MllpClient;

beforeAll(async () => {
  station = await startHisStation();
  addSource(station.core, 'HIS');
  addSource(station.core, 'LIS');
  office = await PxOffice.signIn(station.core);
});

afterAll(async () => {
  await station?.close();
});

beforeEach(async () => {
  mllp = await MllpClient.connect(station.mllpPort);
});

afterEach(async () => {
  await mllp.close();
});

const storedRow = (externalId: string) =>
  station.core.store.sqlite.prepare(`SELECT format, external_code, raw FROM inbound_events WHERE source_system = 'HIS' AND external_id = ?`).get(externalId) as
    { format: string; external_code: string; raw: string } | undefined;

describe('HL7 over MLLP: accepted', () => {
  it('answers A01 and A03 with AA once they are on disk, and the processor completes the stay', async () => {
    const admission = adt('A01', { controlId: 'M-A01-1', encounterId: 'ENC-M-1', at: '20261120090000' });
    const ack = await mllp.request(admission);
    expect(ack).toMatchObject({ code: 'AA', controlId: 'M-A01-1', messageType: 'ACK^A01^ACK', error: null });
    // durable before acknowledged: the row is there when the AA arrives, with the message as received
    expect(storedRow('M-A01-1')).toEqual({ format: 'hl7', external_code: 'A01', raw: admission });

    expect(await mllp.request(adt('A03', { controlId: 'M-A03-1', encounterId: 'ENC-M-1', at: '20261122123000' }))).toMatchObject({
      code: 'AA',
      controlId: 'M-A03-1',
    });
    const journey = await eventually(async () => {
      const found = await office.journey('ENC-M-1');
      expect(found.status).toBe('completed');
      return found;
    });
    expect(journey).toMatchObject({ journeyType: 'INPATIENT', startedAt: '2026-11-20T06:00:00.000Z', completedAt: '2026-11-22T09:30:00.000Z' });
    expect(stageStatuses(journey)).toMatchObject({ ADMISSION: 'completed', DISCHARGE: 'completed' });

    // a resend (the HIS missed our ACK) is acknowledged again and changes nothing
    const again = await mllp.request(admission);
    expect(again).toMatchObject({ code: 'AA', controlId: 'M-A01-1', text: 'Duplicate: already received' });
    expect(storedCount(station.core, 'HIS', 'M-A01-1')).toBe(1);
    expect(stageCompletions(station.core, journey.id)).toEqual(['ADMISSION', 'DISCHARGE']);
  });

  it('keeps Arabic names as sent', async () => {
    const message = adt('A01', {
      controlId: 'M-AR-1',
      encounterId: 'ENC-M-AR',
      fields: { 'PID-3': 'MRN-M-AR^^^OLAYA^MR', 'PID-5': 'Al-Shehri^Noura^Saad~الشهري^نورة^بنت سعد', 'PID-8': 'F' },
    });
    expect((await mllp.request(message)).code).toBe('AA');
    expect(storedRow('M-AR-1')?.raw).toBe(message);
    const patient = await eventually(async () => {
      const page = await office.call('patients.search', { q: 'MRN-M-AR' });
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    });
    expect(patient).toMatchObject({ nameAr: 'نورة بنت سعد الشهري', nameEn: 'Noura Saad Al-Shehri', gender: 'F' });
  });

  it('cancels an admission with A11, even when both arrive before the processor looks', async () => {
    mllp.send(adt('A01', { controlId: 'M-A11-1', encounterId: 'ENC-M-A11', at: '20261120090000' }));
    mllp.send(adt('A11', { controlId: 'M-A11-2', encounterId: 'ENC-M-A11', at: '20261120100000' }));
    expect([await mllp.nextAck(), await mllp.nextAck()].map((a) => [a.code, a.controlId])).toEqual([
      ['AA', 'M-A11-1'],
      ['AA', 'M-A11-2'],
    ]);
    const journey = await eventually(async () => {
      const found = await office.journey('ENC-M-A11');
      expect(found.status).toBe('cancelled');
      return found;
    });
    expect(stageStatuses(journey).ADMISSION).toBe('pending');
  });

  it('completes the laboratory stage of a clinic visit with an ORU^R01 from the lab system', async () => {
    const registration = adt('A04', {
      controlId: 'M-A04-LAB',
      encounterId: 'ENC-M-LAB',
      department: 'OPD',
      physician: OLAYA_CLINIC_PHYSICIAN,
      at: '20261123090000',
    });
    expect((await mllp.request(registration)).code).toBe('AA');
    const result = sampleOru({ fields: { 'MSH-10': 'M-ORU-1', 'PV1-19': 'ENC-M-LAB', 'PV1-7': `${OLAYA_CLINIC_PHYSICIAN}^Al-Harbi^Khalid` } });
    expect(await mllp.request(result)).toMatchObject({ code: 'AA', controlId: 'M-ORU-1', messageType: 'ACK^R01^ACK' });
    const journey = await eventually(async () => {
      const found = await office.journey('ENC-M-LAB');
      expect(stageStatuses(found).LAB).toBe('completed');
      return found;
    });
    expect(journey.journeyType).toBe('OPD');
    expect(stageStatuses(journey)).toMatchObject({ REGISTRATION: 'completed', CONSULTATION: 'pending', LAB: 'completed' });
    const lab = await office.inboundEvent('M-ORU-1');
    expect(lab).toMatchObject({ sourceSystem: 'LIS', format: 'hl7', eventCode: 'LAB_RESULT_READY', status: 'processed' });
    const detail = await office.call('events.get', { id: lab.id });
    expect(detail.body).toMatchObject({
      payload: { observations: [{ code: '2093-3', value: '185' }, { code: '8251-1', value: 'Normal' }, { code: '48767-8' }] },
    });
  });
});

describe('HL7 over MLLP: refused', () => {
  it('answers AR to what is not HL7', async () => {
    const ack = await mllp.request('this is not an HL7 message');
    expect(ack).toMatchObject({ code: 'AR', controlId: '' });
    expect(ack.error?.text).toMatch(/^Not an HL7 v2 message/);
    await mllp.write(frame(''));
    expect((await mllp.nextAck()).code).toBe('AR');
  });

  it('answers AE with an ERR naming PID-3 when the message has no patient identifier', async () => {
    const ack = await mllp.request(adt('A01', { controlId: 'M-NOPID', encounterId: 'ENC-M-NOPID', fields: { 'PID-3': '' } }));
    expect(ack).toMatchObject({ code: 'AE', controlId: 'M-NOPID', error: { location: 'PID^1^3', condition: '101' } });
    expect(ack.raw).toMatch(/\rERR\|/);
    expect(storedCount(station.core, 'HIS', 'M-NOPID')).toBe(0);
  });

  it.each([
    ['a right-to-left override', 'Al-Shehri^Noura~الشهري^نورة\u202Eevil'],
    ['nothing visible', '\u200B\u200B^\u200F'],
  ])('answers AE naming the field for a name with %s, and stores nothing (as the JSON path and the console refuse it)', async (_what, name) => {
    const controlId = `M-BADNAME-${name.length}`;
    const ack = await mllp.request(
      adt('A01', { controlId, encounterId: `ENC-${controlId}`, fields: { 'PID-3': `MRN-${controlId}^^^OLAYA^MR`, 'PID-5': name } }),
    );
    expect(ack).toMatchObject({ code: 'AE', controlId, error: { condition: '102' } });
    expect(ack.error?.text).toMatch(/^Field out of range: patient\.name_(en|ar)/);
    expect(storedCount(station.core, 'HIS', controlId)).toBe(0);
  });

  it('answers AR to a name with a control character in it: raw controls are no HL7 (its escapes are), and nothing is stored', async () => {
    const ack = await mllp.request(adt('A01', { controlId: 'M-BEL', encounterId: 'ENC-M-BEL', fields: { 'PID-5': 'Al-Shehri^No\u0007ura' } }));
    expect(ack).toMatchObject({ code: 'AR' });
    expect(ack.error?.text).toBe('Not an HL7 v2 message (CONTROL_CHARACTER)');
    expect(storedCount(station.core, 'HIS', 'M-BEL')).toBe(0);
  });

  it('answers AR to a sending application that is no integration source', async () => {
    const ack = await mllp.request(adt('A01', { controlId: 'M-STRANGER', encounterId: 'ENC-M-X', sendingApp: 'STRANGER' }));
    expect(ack).toMatchObject({ code: 'AR', controlId: 'M-STRANGER', error: { location: 'MSH^1^3', condition: '207', application: 'error.unknown_source' } });
    expect(ack.error?.text).toContain('integration source');
    expect(storedCount(station.core, 'STRANGER', 'M-STRANGER')).toBe(0);
  });

  it('keeps the connection after bad messages: the next message on it gets its AA', async () => {
    const oversized = `MSH|^~\\&|HIS|OLAYA|PX360|OLAYA|20261123101500||ADT^A01|M-HUGE|P|2.5\rNTE|1||${'x'.repeat(1024 * 1024)}\r`;
    mllp.send('garbage');
    mllp.send(adt('A01', { controlId: 'M-BAD-PID', encounterId: 'ENC-M-BAD', fields: { 'PID-3': '' } }));
    mllp.send(adt('A01', { controlId: 'M-BAD-APP', encounterId: 'ENC-M-BAD', sendingApp: 'NOBODY' }));
    mllp.send(adt('A01', { controlId: 'M-BAD-TYPE', encounterId: 'ENC-M-BAD', fields: { 'MSH-9': 'SIU^S12^SIU_S12' } }));
    mllp.send(oversized);
    await mllp.write(Buffer.from('junk between frames\r\n'));
    mllp.send(adt('A01', { controlId: 'M-GOOD', encounterId: 'ENC-M-GOOD' }));
    const acks = [];
    for (let i = 0; i < 7; i += 1) acks.push(await mllp.nextAck());
    expect(acks.map((a) => [a.code, a.controlId])).toEqual([
      ['AR', ''],
      ['AE', 'M-BAD-PID'],
      ['AR', 'M-BAD-APP'],
      ['AE', 'M-BAD-TYPE'],
      ['AR', ''],
      ['AR', ''],
      ['AA', 'M-GOOD'],
    ]);
    expect(acks[3]?.error?.condition).toBe('200');
    expect(mllp.isClosed).toBe(false);
    expect(storedCount(station.core, 'HIS', 'M-GOOD')).toBe(1);
  });
});

describe('HL7 over MLLP: the byte stream', () => {
  it('answers every message of one TCP write, in order', async () => {
    const ids = ['M-BURST-1', 'M-BURST-2', 'M-BURST-3', 'M-BURST-4'];
    const frames = ids.map((controlId, i) => frame(adt('A01', { controlId, encounterId: `ENC-M-BURST-${i}` })));
    // some senders put a line break between frames
    await mllp.write(Buffer.concat([frames[0]!, frames[1]!, Buffer.from('\r\n'), frames[2]!, frames[3]!]));
    const acks = [];
    for (const _ of ids) acks.push(await mllp.nextAck());
    expect(acks.map((a) => [a.code, a.controlId])).toEqual(ids.map((id) => ['AA', id]));
  });

  it('reassembles one message split across many writes, Arabic characters cut in half included', async () => {
    const message = adt('A01', {
      controlId: 'M-SPLIT-1',
      encounterId: 'ENC-M-SPLIT',
      fields: { 'PID-3': 'MRN-M-SPLIT^^^OLAYA^MR', 'PID-5': 'Al-Qahtani^Sara~القحطاني^سارة' },
    });
    const bytes = frame(message);
    const random = prng(3);
    let cutInsideArabic = 0;
    for (let at = 0; at < bytes.length;) {
      const size = 1 + Math.floor(random() * 7);
      const end = Math.min(bytes.length, at + size);
      // a UTF-8 continuation byte right after the cut: a character was split between writes
      if (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) cutInsideArabic += 1;
      await mllp.write(bytes.subarray(at, end));
      at = end;
    }
    expect(cutInsideArabic).toBeGreaterThan(0);
    expect(await mllp.nextAck()).toMatchObject({ code: 'AA', controlId: 'M-SPLIT-1' });
    expect(storedRow('M-SPLIT-1')?.raw).toBe(message);
    const patient = await eventually(async () => {
      const page = await office.call('patients.search', { q: 'MRN-M-SPLIT' });
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    });
    expect(patient.nameAr).toBe('سارة القحطاني');
    expect(mllp.buffered).toBe(0);
  });
});

describe('the MLLP server, afterwards', () => {
  it('logged no internal error', () => {
    expect(station.logs.filter((line) => /listener:|mllp:|event processor:/.test(line))).toEqual([]);
  });
});
