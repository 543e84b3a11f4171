import net from 'node:net';
import { fieldErrorsFromZod } from '../../src-shared/errors.js';
import { type HisEvent, hisEventSchema } from '../../src-shared/his-events.js';
import type { IntakePort } from './port.js';
import type { IntakeItem } from '../domains/integrations/intake.js';
import { type AckCode, type AckError, buildAck } from './hl7/ack.js';
import { type Hl7Event, hospitalCodeOf, toHl7Event } from './hl7/adt.js';
import { type Hl7Message, Hl7ParseError, parseEr7 } from './hl7/er7.js';
import { frameMllp, MllpDecoder } from './hl7/mllp.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';

/** Connections idle this long are closed; HIS interface engines reconnect. */
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_CONNECTIONS = 64;

/** The HL7 event in the JSON event shape, so one processor handles both. */
export function hisEventFromHl7(event: Hl7Event, sourceSystem: string): HisEvent {
  return {
    source_system: sourceSystem,
    external_id: event.controlId,
    event_code: event.triggerEvent,
    occurred_at: event.occurredAt,
    hospital_code: hospitalCodeOf(event).toUpperCase(),
    encounter: event.visit.visitNumber
      ? {
          id: event.visit.visitNumber,
          type: event.visit.journeyType,
          department_code: event.visit.departmentCode,
          physician_license: event.visit.attendingLicense,
        }
      : null,
    patient: {
      mrn: event.patient.mrn,
      national_id: event.patient.nationalId,
      name_en: event.patient.nameEn,
      name_ar: event.patient.nameAr,
      phone: event.patient.phone,
      email: event.patient.email,
      language: event.patient.language,
      birth_date: event.patient.birthDate,
      gender: event.patient.gender,
    },
    payload: {
      patient_class: event.visit.patientClass,
      admit_at: event.visit.admitAt,
      discharge_at: event.visit.dischargeAt,
      observations: event.observations,
    },
  };
}

type Outcome = { code: AckCode; message: Hl7Message | null; error?: AckError; text?: string };

/**
 * HL7 v2 over MLLP (docs/external-interfaces.md). One ACK per message, in
 * order on each connection: AA once the event is durable (or was already),
 * AE with an ERR segment when the message parses but cannot be accepted, AR
 * when it is not HL7 at all. A bad message never closes the connection for
 * the next one.
 *
 * The sending application (MSH-3) must be an enabled integration source: it
 * plays the part the bearer token plays on the JSON listener.
 */
export async function startMllpServer(core: IntakePort, options: { host: string; port: number; log: (line: string) => void }) {
  const limiter = new RateLimiter();
  let controlCounter = 0;
  const ackOptions = () => ({
    controlId: `PX${Date.now().toString(36).toUpperCase()}${(controlCounter += 1).toString(36).toUpperCase()}`,
    now: new Date(),
    sendingApp: 'PX360',
    sendingFacility: core.stationId,
  });

  const handle = async (frame: Buffer): Promise<Outcome> => {
    let message: Hl7Message;
    try {
      message = parseEr7(frame.toString('utf8'));
    } catch (error) {
      if (error instanceof Hl7ParseError) return { code: 'AR', message: null, error: { code: '102', text: `Not an HL7 v2 message (${error.reason})` } };
      throw error;
    }
    const result = toHl7Event(message);
    if (!result.ok) return { code: 'AE', message, error: { code: result.code, location: result.location, text: result.reason } };
    const sourceSystem = result.event.sendingApplication.trim().toUpperCase();
    const source = core.sources.bySystem(sourceSystem);
    if (!source || source.enabled !== 1) {
      return {
        code: 'AE',
        message,
        error: { code: '207', location: 'MSH^1^3', text: 'Unknown or disabled sending application: add it as an integration source in PX360' },
      };
    }
    if (!limiter.take(source.id, source.rate_limit_per_minute, 1))
      return { code: 'AE', message, error: { code: '207', text: 'Rate limit exceeded; resend later' } };
    const event = hisEventSchema.safeParse(hisEventFromHl7(result.event, sourceSystem));
    if (!event.success) {
      // the same field error the JSON path answers, in the ERR segment's words
      const field = fieldErrorsFromZod(event.error)[0];
      return { code: 'AE', message, error: { code: '102', text: field ? `Field out of range: ${field.path}: ${field.message.en}` : 'Field out of range' } };
    }
    const item: IntakeItem = {
      sourceSystem,
      externalId: event.data.external_id,
      format: 'hl7',
      externalCode: result.event.triggerEvent,
      hospitalCode: event.data.hospital_code,
      encounterId: event.data.encounter?.id ?? null,
      occurredAt: result.event.occurredAt,
      body: JSON.stringify(event.data),
      raw: frame.toString('utf8'),
    };
    const answer = await core.intake.submit(item);
    core.sources.touch(source, new Date().toISOString());
    return { code: 'AA', message, text: answer.status === 'duplicate' ? 'Duplicate: already received' : 'Accepted' };
  };

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const decoder = new MllpDecoder();
    let chain: Promise<void> = Promise.resolve();
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.end());
    socket.on('error', () => socket.destroy());
    const reply = (outcome: Outcome) => {
      if (socket.destroyed) return;
      const ack = buildAck(outcome.message, outcome.code, {
        ...ackOptions(),
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(outcome.text ? { text: outcome.text } : {}),
      });
      socket.write(frameMllp(ack));
    };
    socket.on('data', (chunk: Buffer) => {
      for (const result of decoder.push(chunk)) {
        // Messages are answered in the order they came, each after its own commit.
        chain = chain.then(async () => {
          if (!result.ok) return reply({ code: 'AR', message: null, error: { code: '100', text: `Framing error: ${result.reason}` } });
          try {
            reply(await handle(result.message));
          } catch (error) {
            options.log(`mllp: ${(error as Error).stack ?? String(error)}`);
            reply({ code: 'AE', message: null, error: { code: '207', text: 'Application internal error' } });
          }
        });
      }
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // idle HIS connections would otherwise keep the server open
        for (const socket of sockets) socket.destroy();
      }),
  };
}
