import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StationCore } from '../../src-main/core/station.js';
import { type Ack, ListenerClient, MllpClient } from '../fixtures/his-clients.js';
import { runStationCli, StationProcess } from '../fixtures/his-process.js';
import { addSource, adt, eventually, hisEvent, OLAYA_CLINIC_PHYSICIAN, seedHospitals } from '../fixtures/his-station.js';
import { tempDataDir } from '../fixtures/station.js';

/*
 * The promise a HIS relies on: an event answered 202 (or AA) survives
 * anything, even kill -9 in the middle of a load, and is processed exactly
 * once in effect. Events that got no answer may or may not have been kept,
 * but never twice, and resending them is always safe.
 *
 * The station runs as the operator runs it (`station start` in a child
 * process); the test plays a HIS posting JSON on many keep-alive sockets and
 * an interface engine sending HL7 on two MLLP connections.
 */

/** acknowledged events before the kill: enough that processing is well under way */
const KILL_AFTER_ACKS = 300;
/** upper bound on the load, should the kill never come */
const MAX_ENCOUNTERS = 3000;
const JSON_WORKERS = 12;
const MLLP_WORKERS = 2;

type LoadCode = 'OPD_REGISTERED' | 'OPD_VISIT_COMPLETED';

interface Sent {
  readonly sourceSystem: string;
  readonly externalId: string;
  readonly encounterId: string;
  readonly eventCode: LoadCode;
  /** sends (or resends) it; false when the station refused it */
  readonly send: () => Promise<boolean>;
  /** 'none' while no answer came (in flight at the kill, or refused by a dead station) */
  answer: 'accepted' | 'duplicate' | 'AA' | 'none';
  /** the id a 202 named */
  id?: string;
}

const STAGE_OF: Record<LoadCode, string> = { OPD_REGISTERED: 'REGISTRATION', OPD_VISIT_COMPLETED: 'CONSULTATION' };

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('the HIS intake under kill -9', () => {
  it('keeps every acknowledged event exactly once and processes it exactly once in effect', { timeout: 240_000 }, async () => {
    const dataDir = tempDataDir('px360-his-fault-');
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const setup = await StationCore.open(dataDir);
    seedHospitals(setup);
    const his = addSource(setup, 'HIS');
    setup.close();

    let station = await StationProcess.start(dataDir, { listener: 0, mllp: 0 });
    cleanup.push(() => station.kill());
    const ports = { listener: station.port, mllp: station.mllpPort };

    const ledger: Sent[] = [];
    let acked = 0;
    let inFlight = 0;
    let inFlightAtKill = -1;
    let killed: Promise<void> | null = null;
    const unexpected: string[] = [];

    /** Sends once; the kill comes from inside the load, at the KILL_AFTER_ACKS-th answer. */
    const attempt = async (sent: Sent): Promise<boolean> => {
      inFlight += 1;
      const answered = await sent.send().catch(() => false);
      inFlight -= 1;
      if (!answered) return false;
      acked += 1;
      if (acked === KILL_AFTER_ACKS) {
        inFlightAtKill = inFlight;
        killed = station.kill();
      }
      return true;
    };

    /** An event of the load, in the ledger before it is first sent: registration at step 1, the visit's end at step 2. */
    const loadEvent = (encounterId: string, eventCode: LoadCode, deliver: (sent: Sent, step: number) => Promise<boolean>): Sent => {
      const step = eventCode === 'OPD_REGISTERED' ? 1 : 2;
      const sent: Sent = { sourceSystem: 'HIS', externalId: `${encounterId}-${step}`, encounterId, eventCode, answer: 'none', send: () => deliver(sent, step) };
      ledger.push(sent);
      return sent;
    };

    let client = new ListenerClient(station.listenerUrl, { maxSockets: JSON_WORKERS });
    const postJson = async (sent: Sent, step: number): Promise<boolean> => {
      const event = hisEvent({
        externalId: sent.externalId,
        code: sent.eventCode,
        encounterId: sent.encounterId,
        mrn: `MRN-${sent.encounterId}`,
        occurredAt: `2026-11-23T1${step}:00:00+03:00`,
      });
      const answer = await client.postEvent(his.token, event);
      if (answer.status !== 202) {
        unexpected.push(`${sent.externalId}: ${answer.status} ${answer.text}`);
        return false;
      }
      const body = answer.json as { id: string; status: 'accepted' | 'duplicate' };
      sent.answer = body.status;
      sent.id = body.id;
      return true;
    };

    let mllpConnections: MllpClient[] = [];
    /** over MLLP connection `lane`, whichever connection that is now (they are reopened after the restart) */
    const sendHl7 =
      (lane: number) =>
      async (sent: Sent, step: number): Promise<boolean> => {
        const message = adt(sent.eventCode === 'OPD_REGISTERED' ? 'A04' : 'A03', {
          controlId: sent.externalId,
          encounterId: sent.encounterId,
          patientClass: 'O',
          department: 'OPD',
          physician: OLAYA_CLINIC_PHYSICIAN,
          at: `2026112${step}100000`,
          fields: { 'PID-3': `MRN-${sent.encounterId}^^^OLAYA^MR` },
        });
        const ack: Ack = await mllpConnections[lane]!.request(message);
        if (ack.code !== 'AA' || ack.controlId !== sent.externalId) {
          unexpected.push(`${sent.externalId}: ${ack.code} ${ack.controlId} ${ack.error?.text ?? ''}`);
          return false;
        }
        sent.answer = 'AA';
        return true;
      };

    // ---- load, and kill -9 in the middle of it ---------------------------------
    // each worker sends until the dead station refuses it, so every one ends with an unanswered event
    let next = 0;
    const worker = (prefix: string, deliver: (sent: Sent, step: number) => Promise<boolean>) => async () => {
      while (next < MAX_ENCOUNTERS) {
        const encounterId = `${prefix}-${(next += 1)}`;
        if (!(await attempt(loadEvent(encounterId, 'OPD_REGISTERED', deliver)))) return;
        if (!(await attempt(loadEvent(encounterId, 'OPD_VISIT_COMPLETED', deliver)))) return;
      }
    };
    mllpConnections = await Promise.all(Array.from({ length: MLLP_WORKERS }, () => MllpClient.connect(ports.mllp)));
    await Promise.all([
      ...Array.from({ length: JSON_WORKERS }, () => worker('ENC-J', postJson)()),
      ...Array.from({ length: MLLP_WORKERS }, (_, lane) => worker('ENC-H', sendHl7(lane))()),
    ]);
    expect(killed, `the load ended before the kill:\n${unexpected.join('\n')}\n${station.log}`).not.toBeNull();
    await killed;
    client.close();
    expect(unexpected).toEqual([]);
    expect(inFlightAtKill).toBeGreaterThan(0);
    const unanswered = ledger.filter((s) => s.answer === 'none');
    expect(unanswered.length).toBeGreaterThan(0);

    // ---- restart on the same folder and ports; the HIS resends half of what went unanswered
    station = await StationProcess.start(dataDir, ports);
    client = new ListenerClient(station.listenerUrl, { maxSockets: 4 });
    mllpConnections = await Promise.all(Array.from({ length: MLLP_WORKERS }, () => MllpClient.connect(ports.mllp)));
    const resent = unanswered.filter((_, i) => i % 2 === 0);
    for (const sent of resent) expect(await attempt(sent), sent.externalId).toBe(true);
    expect(unexpected).toEqual([]);
    client.close();
    await Promise.all(mllpConnections.map((c) => c.close()));

    const db = new BetterSqlite3(`${dataDir}/station.sqlite`, { readonly: true });
    cleanup.push(() => {
      db.close();
    });
    const count = (sql: string, ...params: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    // the restarted station processes what was left, on its own
    await eventually(() => expect(count(`SELECT count(*) FROM inbound_events WHERE status <> 'processed'`)).toBe(0), 120_000);
    await station.stop();
    const drained = await runStationCli(['process-events', '--data-dir', dataDir]);
    expect(drained.code, drained.stderr).toBe(0);
    expect(drained.stdout).toContain('Processed 0, failed 0, quarantined 0, waiting 0; 0 journey stages completed.');

    // ---- every acknowledged event: stored once, under the id the HIS was given
    const rowOf = db.prepare('SELECT id, status, attempts, event_code, journey_instance_id FROM inbound_events WHERE source_system = ? AND external_id = ?');
    const acknowledged = ledger.filter((s) => s.answer !== 'none');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    for (const sent of acknowledged) {
      const rows = rowOf.all(sent.sourceSystem, sent.externalId) as {
        id: string;
        status: string;
        attempts: number;
        event_code: string;
        journey_instance_id: string | null;
      }[];
      expect(rows, sent.externalId).toHaveLength(1);
      if (sent.id) expect(rows[0]!.id, sent.externalId).toBe(sent.id);
      expect(rows[0]).toMatchObject({ status: 'processed', event_code: sent.eventCode });
    }
    // …and nothing twice, answered or not
    expect(db.prepare('SELECT source_system, external_id FROM inbound_events GROUP BY 1, 2 HAVING count(*) > 1').all()).toEqual([]);
    const known = new Set(ledger.map((s) => s.externalId));
    expect((db.prepare('SELECT external_id FROM inbound_events').pluck().all() as string[]).filter((id) => !known.has(id))).toEqual([]);

    // ---- processed exactly once in effect -------------------------------------
    // one successful pass per event: a pass cut short by the kill rolled back with everything it did
    expect(db.prepare('SELECT external_id, attempts FROM inbound_events WHERE attempts <> 1').all()).toEqual([]);
    expect(db.prepare('SELECT hospital_id, mrn FROM patients GROUP BY 1, 2 HAVING count(*) > 1').all()).toEqual([]);
    const stageOf = db.prepare(
      `SELECT s.id, s.status, s.event_id FROM journey_stage_instances s
       JOIN journey_instances j ON j.id = s.instance_id JOIN journey_template_stages t ON t.id = s.stage_id
       WHERE j.encounter_id = ? AND t.code = ?`,
    );
    const stored = db.prepare('SELECT id FROM inbound_events WHERE source_system = ? AND external_id = ?').pluck();
    for (const sent of acknowledged) {
      const stage = stageOf.get(sent.encounterId, STAGE_OF[sent.eventCode]) as { id: string; status: string; event_id: string } | undefined;
      expect(stage, `${sent.externalId} → ${STAGE_OF[sent.eventCode]}`).toMatchObject({
        status: 'completed',
        event_id: stored.get(sent.sourceSystem, sent.externalId),
      });
    }
    // one journey.stage_completed per completed stage, and none for a stage that is not completed
    const announced = (db.prepare(`SELECT payload FROM domain_events WHERE type = 'journey.stage_completed'`).pluck().all() as string[]).map(
      (payload) => (JSON.parse(payload) as { stageInstanceId: string }).stageInstanceId,
    );
    const completed = db.prepare(`SELECT id FROM journey_stage_instances WHERE status = 'completed'`).pluck().all() as string[];
    expect(announced.length).toBe(new Set(announced).size);
    expect(new Set(announced)).toEqual(new Set(completed));
    expect(count(`SELECT count(*) FROM journey_instances`)).toBe(count(`SELECT count(DISTINCT encounter_id) FROM inbound_events`));
  });
});
