import net from 'node:net';
import tls from 'node:tls';
import { fieldErrorsFromZod } from '../../src-shared/errors.js';
import { type HisEvent, hisEventSchema } from '../../src-shared/his-events.js';
import { renderMessage } from '../../src-shared/messages.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';
import { TLS_POLICY } from '../../src-shared/server-limits.js';
import type { IntegrationSourcesTable } from '../core/db/schema.js';
import { certificateSha256, mllpRefusal, type Refusal, sendsFor } from '../domains/integrations/admission.js';
import type { IntakeItem } from '../domains/integrations/intake.js';
import { capConnections, peerOf } from '../transports/connections.js';
import type { TlsFiles } from '../transports/http-common.js';
import { type AckCode, type AckError, buildAck } from './hl7/ack.js';
import { type Hl7Event, hospitalCodeOf, toHl7Event } from './hl7/adt.js';
import { component, type Hl7Message, Hl7ParseError, parseEr7 } from './hl7/er7.js';
import { frameMllp, MllpDecoder } from './hl7/mllp.js';
import type { IntakePort } from './port.js';

export interface MllpLimits {
  /** connections at once */
  readonly total: number;
  /** connections from one address: an interface engine keeps one to a few */
  readonly perAddress: number;
  /** a connection that has not sent a message of an admitted source by then is closed (silent, or only refused messages) */
  readonly admitWithinMs: number;
  /** an admitted connection idle this long is closed; HIS interface engines reconnect */
  readonly idleMs: number;
}

export const MLLP_LIMITS: MllpLimits = { total: 64, perAddress: 8, admitWithinMs: 30_000, idleMs: 10 * 60 * 1000 };

export interface MllpOptions {
  host: string;
  port: number;
  log: (line: string) => void;
  /** MLLP over TLS with this certificate and key (PEM); client certificates are asked for and checked per source */
  tls?: TlsFiles | undefined;
  limits?: Partial<MllpLimits> | undefined;
}

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

/** One MLLP connection: where it comes from, the client certificate it presented, and whether a source has been admitted on it. */
interface Connection {
  readonly peer: string;
  readonly certificateSha256: string | null;
  admit(): void;
}

/** The AR for a sender that may not send this: the reason for a person in both languages (ERR-8), its key for a machine (ERR-5). */
function rejected(message: Hl7Message, reason: Refusal, location?: string): Outcome {
  const text = renderMessage(reason);
  return {
    code: 'AR',
    message,
    error: { code: '207', text: `${text.en} / ${text.ar}`, application: { code: reason, text: text.en }, ...(location ? { location } : {}) },
    text: text.en,
  };
}

/**
 * HL7 v2 over MLLP (docs/external-interfaces.md). One ACK per message, in
 * order on each connection: AA once the event is durable (or was already),
 * AE with an ERR segment when the message parses but cannot be used, AR
 * when it is not HL7 at all or its sender may not send it. A bad message
 * never closes the connection for the next one.
 *
 * Who may send: the sending application (MSH-3) names an enabled
 * integration source, which must list the connection's address (and, when
 * it pins one, its TLS client certificate), and the event must be for a
 * hospital the source is bound to. A connection that delivers nothing from
 * an admitted source soon is closed, and one address holds only a few.
 */
export async function startMllpServer(core: IntakePort, options: MllpOptions) {
  const limits = { ...MLLP_LIMITS, ...options.limits };
  const limiter = new RateLimiter();
  let controlCounter = 0;
  const ackOptions = () => ({
    controlId: `PX${Date.now().toString(36).toUpperCase()}${(controlCounter += 1).toString(36).toUpperCase()}`,
    now: new Date(),
    sendingApp: 'PX360',
    sendingFacility: core.stationId,
  });

  const refuse = (
    connection: Connection,
    message: Hl7Message,
    reason: Refusal,
    detail: { source?: IntegrationSourcesTable | undefined; hospitalCode?: string },
  ) => {
    core.refusals.record({
      channel: 'mllp',
      peer: connection.peer,
      reason,
      source: detail.source ? { id: detail.source.id, sourceSystem: detail.source.source_system } : null,
      hospitalCode: detail.hospitalCode ?? null,
      externalId: component(message.header, 10, 1) || null,
    });
    return rejected(message, reason, reason === 'error.unknown_source' ? 'MSH^1^3' : undefined);
  };

  const handle = async (frame: Buffer, connection: Connection): Promise<Outcome> => {
    let message: Hl7Message;
    try {
      message = parseEr7(frame.toString('utf8'));
    } catch (error) {
      if (error instanceof Hl7ParseError) return { code: 'AR', message: null, error: { code: '102', text: `Not an HL7 v2 message (${error.reason})` } };
      throw error;
    }
    // who is sending comes first: a stranger learns nothing about what else the message lacks
    const sourceSystem = component(message.header, 3, 1).trim().toUpperCase();
    const source = sourceSystem ? core.sources.bySystem(sourceSystem) : undefined;
    const refusal = mllpRefusal(source, connection);
    if (refusal || !source) return refuse(connection, message, refusal ?? 'error.unknown_source', { source });
    connection.admit();

    const result = toHl7Event(message);
    if (!result.ok) return { code: 'AE', message, error: { code: result.code, location: result.location, text: result.reason } };
    const hospitalCode = hospitalCodeOf(result.event).toUpperCase();
    if (!sendsFor(source, hospitalCode)) return refuse(connection, message, 'error.hospital_not_bound', { source, hospitalCode });
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
      peerAddress: connection.peer,
    };
    const answer = await core.intake.submit(item);
    core.sources.touch(source, new Date().toISOString());
    return { code: 'AA', message, text: answer.status === 'duplicate' ? 'Duplicate: already received' : 'Accepted' };
  };

  const sockets = new Set<net.Socket>();
  const serve = (socket: net.Socket, certificate: string | null) => {
    // over the per-address cap: closed before this (see capConnections)
    if (socket.destroyed) return;
    sockets.add(socket);
    const peer = peerOf(socket);
    const decoder = new MllpDecoder();
    let chain: Promise<void> = Promise.resolve();
    let admitted = false;
    // until a message of an admitted source arrives, the connection has a short life
    const deadline = setTimeout(() => {
      core.refusals.record({ channel: 'mllp', peer, reason: 'error.silent_connection' });
      socket.destroy();
    }, limits.admitWithinMs);
    const connection: Connection = {
      peer,
      certificateSha256: certificate,
      admit() {
        if (admitted) return;
        admitted = true;
        clearTimeout(deadline);
      },
    };
    socket.on('close', () => {
      clearTimeout(deadline);
      sockets.delete(socket);
    });
    socket.setTimeout(limits.idleMs, () => socket.end());
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
            reply(await handle(result.message, connection));
          } catch (error) {
            options.log(`mllp: ${(error as Error).stack ?? String(error)}`);
            reply({ code: 'AE', message: null, error: { code: '207', text: 'Application internal error' } });
          }
        });
      }
    });
  };

  const tlsFiles = options.tls;
  const server = tlsFiles
    ? tls.createServer(
        // a client certificate is asked for, not required, and checked per source against the one it pins (admission.ts)
        { cert: tlsFiles.cert, key: tlsFiles.key, ...TLS_POLICY, requestCert: true, rejectUnauthorized: false, handshakeTimeout: limits.admitWithinMs },
        (socket) => {
          const presented = socket.getPeerCertificate();
          serve(socket, presented.raw ? certificateSha256(presented.raw) : null);
        },
      )
    : net.createServer((socket) => serve(socket, null));
  capConnections(server, limits, (peer) => core.refusals.record({ channel: 'mllp', peer, reason: 'error.too_many_connections' }));
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
