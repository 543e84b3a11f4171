import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError, HTTP_STATUS, validationError } from '../../src-shared/errors.js';
import { complaintIntakeSchema } from '../../src-shared/complaints/intake.js';
import { parseComplaintNumber } from '../../src-shared/complaints/numbers.js';
import { type EventAccepted, type HisEvent, hisEventBatchSchema, hisEventSchema } from '../../src-shared/his-events.js';
import { isLoopbackAddress, normalizeAddress } from '../../src-shared/net-address.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';
import { FAILED_AUTH_PER_MINUTE, SERVER_LIMITS, type ServerLimits } from '../../src-shared/server-limits.js';
import type { IntegrationSourcesTable } from '../core/db/schema.js';
import { type Refusal, sendsFor } from '../domains/integrations/admission.js';
import { intakeItemFromJson } from '../domains/integrations/intake.js';
import { checkSignature } from '../domains/integrations/sources.js';
import type { ConnectionCaps } from '../transports/connections.js';
import {
  appErrorOfFastify,
  healthAnswer,
  hostHeaderIsLoopback,
  isLoopback,
  limitedServer,
  listenOn,
  type ServerWarning,
  type TlsFiles,
  untrustedTarget,
} from '../transports/http-common.js';
import { registerSurveyForm } from '../../src-shared/surveys/form-routes.js';
import { listenerApiPage, listenerOpenApi } from './listener-docs.js';
import type { IntakePort } from './port.js';

export const DEFAULT_LISTENER_PORT = 8088;
export const DEFAULT_MAX_BODY = 1024 * 1024;
/** No HIS nests this deep; far deeper JSON would overflow the stack when the event is stored and shown again. */
export const MAX_JSON_DEPTH = 64;
/**
 * The listener's connections: a hospital's systems keep a few each, so one
 * address (a NAT in front of several of them) holds at most 32, and cannot
 * take the slots of the others.
 */
export const LISTENER_CAPS: ConnectionCaps = { total: 256, perAddress: 32 };

/** What the listener checks of anything a source posts (an event, a complaint): whose it is, for which hospital. */
type SourcedItem = Pick<HisEvent, 'source_system' | 'hospital_code' | 'external_id'>;

/** Whether a parsed JSON value nests deeper than `limit`, walked without recursion so depth itself cannot hurt. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function send(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.code === 'UNAUTHENTICATED') reply.header('WWW-Authenticate', 'Bearer realm="px360-listener"');
  return reply.status(HTTP_STATUS[error.code]).type('application/json').send(error.toBody());
}

/**
 * Bytes that are not an HTTP request (a broken request line, Content-Length
 * beside chunked, garbage after a request) never reach a route: they are
 * answered here, in the same error shape as everything else, and the
 * connection is closed so the next request starts clean.
 */
function answerBrokenRequest(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal = error.code === 'HPE_HEADER_OVERFLOW' ? new AppError('TOO_LARGE', 'error.body_too_large') : new AppError('VALIDATION', 'error.bad_request');
  const status = HTTP_STATUS[refusal.code];
  const body = JSON.stringify(refusal.toBody());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface ListenerOptions {
  host: string;
  port: number;
  maxBodyBytes?: number;
  log: (line: string) => void;
  /** serve HTTPS with this certificate and key (PEM) */
  tls?: TlsFiles | undefined;
  /** request and connection time limits (tests shorten them) */
  limits?: Partial<ServerLimits> | undefined;
  caps?: Partial<ConnectionCaps> | undefined;
  /** what /health tells everyone about how the station runs */
  warnings?: readonly ServerWarning[] | undefined;
}

/**
 * The HIS listener (docs/external-interfaces.md): `POST /api/v1/events` and
 * `/api/v1/events/batch`, and complaints (`POST /api/v1/complaints`,
 * `GET /api/v1/complaints/{number}`). An event is answered 202 only once it is on disk;
 * a repeated (source_system, external_id) is answered "duplicate". Every
 * request needs its source's bearer token (and its HMAC signature when the
 * source signs), and every event must name a hospital its source is bound
 * to; on loopback the Host header must be loopback too. An address that
 * keeps presenting bad tokens is answered 429 instead of 401.
 */
export async function startJsonListener(core: IntakePort, options: ListenerOptions) {
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const app = Fastify({
    bodyLimit: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    logger: false,
    trustProxy: false,
    clientErrorHandler: answerBrokenRequest,
    serverFactory: limitedServer({ limits, caps: { ...LISTENER_CAPS, ...options.caps }, tls: options.tls }),
  });
  const limiter = new RateLimiter();
  const failures = new RateLimiter();
  const onLoopback = isLoopback(options.host);
  const warnings = options.warnings ?? [];
  const prune = setInterval(() => failures.prune(FAILED_AUTH_PER_MINUTE), 60_000);
  prune.unref();
  app.addHook('onClose', async () => clearInterval(prune));

  app.removeAllContentTypeParsers();
  // Keep the raw bytes: the HMAC is computed over them, and the event is stored as sent.
  app.addContentTypeParser(['application/json'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    const untrusted = untrustedTarget(request.raw);
    if (untrusted) return send(reply, untrusted);
    if (onLoopback && !hostHeaderIsLoopback(request.headers.host)) return send(reply, new AppError('FORBIDDEN', 'error.bad_host'));
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 429) reply.header('Retry-After', '60');
    return payload;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof AppError) return send(reply, error);
    const refusal = appErrorOfFastify(error);
    if (refusal) return send(reply, refusal);
    options.log(`listener: ${error.stack ?? error.message}`);
    return send(reply, new AppError('INTERNAL', 'error.internal'));
  });
  app.setNotFoundHandler((_request, reply) => send(reply, new AppError('NOT_FOUND', 'error.not_found_route')));

  const peerOf = (request: FastifyRequest) => normalizeAddress(request.ip ?? '');
  const bearer = (request: FastifyRequest) => /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

  /** A refusal the audit log keeps: who knocked, from where, for which hospital, and why. */
  const refused = (request: FastifyRequest, reason: Refusal, detail: { source?: IntegrationSourcesTable; event?: SourcedItem } = {}) =>
    core.refusals.record({
      channel: 'json',
      peer: peerOf(request),
      reason,
      source: detail.source ? { id: detail.source.id, sourceSystem: detail.source.source_system } : null,
      hospitalCode: detail.event?.hospital_code ?? null,
      externalId: detail.event?.external_id ?? null,
    });

  /** A failed authentication: 401, or 429 once this address has failed too often (a valid token is never throttled). */
  const failedAuthentication = (request: FastifyRequest, reason: 'error.bad_token' | 'error.bad_signature', source?: IntegrationSourcesTable): AppError => {
    refused(request, reason, source ? { source } : {});
    if (!failures.take(peerOf(request), FAILED_AUTH_PER_MINUTE, 1)) return new AppError('RATE_LIMITED', 'error.rate_limited');
    return new AppError('UNAUTHENTICATED', reason);
  };

  /** Token → source, then signature: before the body is even read as JSON, so a stranger learns nothing else. */
  const authenticate = (request: FastifyRequest): IntegrationSourcesTable => {
    const token = bearer(request);
    const source = token ? core.sources.authenticate(token) : null;
    if (!source) throw failedAuthentication(request, 'error.bad_token');
    const hmacSecret = core.sources.hmacSecretOf(source);
    if (hmacSecret) {
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const check = checkSignature(hmacSecret, header('x-px360-timestamp'), header('x-px360-signature'), body, Date.now());
      if (check !== 'ok') throw failedAuthentication(request, 'error.bad_signature', source);
    }
    return source;
  };

  /** The source's rate limit, counted in events. */
  const admit = (source: IntegrationSourcesTable, eventCount: number): void => {
    if (!limiter.take(source.id, source.rate_limit_per_minute, eventCount)) throw new AppError('RATE_LIMITED', 'error.rate_limited');
    core.sources.touch(source, new Date().toISOString());
  };

  /** Whether the source may send this event: its own source_system, for a hospital it is bound to. Null when it may. */
  const refusalOf = (request: FastifyRequest, source: IntegrationSourcesTable, event: SourcedItem): AppError | null => {
    const reason: Refusal | null =
      event.source_system.toUpperCase() !== source.source_system
        ? 'error.wrong_source'
        : !sendsFor(source, event.hospital_code)
          ? 'error.hospital_not_bound'
          : null;
    if (!reason) return null;
    refused(request, reason, { source, event });
    return reason === 'error.wrong_source' ? new AppError('UNAUTHENTICATED', reason) : new AppError('FORBIDDEN', reason);
  };

  const parseJson = (request: FastifyRequest): unknown => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA', 'error.unsupported_media');
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8')) as unknown;
    } catch {
      throw new AppError('VALIDATION', 'error.bad_json');
    }
    if (nestsDeeperThan(json, MAX_JSON_DEPTH)) throw new AppError('VALIDATION', 'error.json_too_deep');
    return json;
  };

  // reportInput: a field of the wrong type is told "wrong type", not "required"
  const parseEvent = (item: unknown) => hisEventSchema.safeParse(item, { reportInput: true });

  const guarded =
    (handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      try {
        return await handler(request, reply);
      } catch (error) {
        if (error instanceof AppError) return send(reply, error);
        throw error;
      }
    };

  app.post(
    '/api/v1/events',
    guarded(async (request, reply) => {
      const source = authenticate(request);
      const json = parseJson(request);
      admit(source, 1);
      const parsed = parseEvent(json);
      if (!parsed.success) throw validationError(parsed.error);
      const refusal = refusalOf(request, source, parsed.data);
      if (refusal) throw refusal;
      const answer = await core.intake.submit(intakeItemFromJson(parsed.data, (request.body as Buffer).toString('utf8'), peerOf(request)));
      return reply.status(202).send(answer);
    }),
  );

  app.post(
    '/api/v1/events/batch',
    guarded(async (request, reply) => {
      const source = authenticate(request);
      const json = parseJson(request);
      const envelope = hisEventBatchSchema.safeParse(json, { reportInput: true });
      if (!envelope.success) throw validationError(envelope.error);
      admit(source, envelope.data.events.length);
      // Each item is judged on its own: one bad event never costs the others their place.
      const results = await Promise.all(
        envelope.data.events.map(
          async (
            item,
            index,
          ): Promise<(EventAccepted & { index: number }) | { index: number; status: 'rejected'; error: ReturnType<AppError['toBody']>['error'] }> => {
            const parsed = parseEvent(item);
            if (!parsed.success) return { index, status: 'rejected', error: validationError(parsed.error).toBody().error };
            const refusal = refusalOf(request, source, parsed.data);
            if (refusal) return { index, status: 'rejected', error: refusal.toBody().error };
            return { index, ...(await core.intake.submit(intakeItemFromJson(parsed.data, JSON.stringify(item), peerOf(request)))) };
          },
        ),
      );
      const counts = { accepted: 0, duplicate: 0, rejected: 0 };
      for (const r of results) counts[r.status] += 1;
      return reply.status(202).send({ ...counts, results });
    }),
  );

  // ---- complaints from the hospital's website and app, and 937 referrals (issue 12)

  app.post(
    '/api/v1/complaints',
    guarded(async (request, reply) => {
      const source = authenticate(request);
      const json = parseJson(request);
      admit(source, 1);
      const parsed = complaintIntakeSchema.safeParse(json, { reportInput: true });
      if (!parsed.success) throw validationError(parsed.error);
      const refusal = refusalOf(request, source, parsed.data);
      if (refusal) throw refusal;
      // committed before it returns: 202 means the complaint is kept
      return reply.status(202).send(core.complaintIntake.fromSource(parsed.data));
    }),
  );

  app.get(
    '/api/v1/complaints/:number',
    guarded(async (request, reply) => {
      const source = authenticate(request);
      admit(source, 1);
      // only a complaint this source filed: another source's number reads as unknown
      const view = core.complaintIntake.statusForSource(source.source_system, (request.params as { number: string }).number);
      // nor one of a hospital it is no longer bound to: it reads as unknown too
      if (!view || !sendsFor(source, parseComplaintNumber(view.number)?.hospitalCode ?? '')) throw new AppError('NOT_FOUND', 'error.not_found');
      return reply.send(view);
    }),
  );

  await registerSurveyForm(app, core.surveyForm, options.log);

  const openApi = listenerOpenApi();
  app.get('/api/v1/openapi.json', async () => openApi);
  app.get('/api/v1/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(listenerApiPage()),
  );
  // beyond this machine, the details need a source's token (a monitoring tool is given one of its own)
  app.get('/health', async (request) => {
    if (isLoopbackAddress(peerOf(request))) return healthAnswer(() => core.health(), warnings, true);
    const token = bearer(request);
    if (token && !core.sources.authenticate(token)) throw failedAuthentication(request, 'error.bad_token');
    return healthAnswer(() => core.health(), warnings, token !== undefined);
  });

  const { port, url } = await listenOn(app, options.host, options.port, options.tls ? 'https' : 'http');
  return { port, url, close: () => app.close() };
}
