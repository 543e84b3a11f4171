import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError, HTTP_STATUS, validationError } from '../../src-shared/errors.js';
import { type EventAccepted, hisEventBatchSchema, hisEventSchema } from '../../src-shared/his-events.js';
import type { IntegrationSourcesTable } from '../core/db/schema.js';
import { appErrorOfFastify, hostHeaderIsLoopback, isLoopback, listenOn } from '../transports/http-common.js';
import type { IntakePort } from './port.js';
import { intakeItemFromJson } from '../domains/integrations/intake.js';
import { checkSignature } from '../domains/integrations/sources.js';
import { listenerApiPage, listenerOpenApi } from './listener-docs.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';

export const DEFAULT_LISTENER_PORT = 8088;
export const DEFAULT_MAX_BODY = 1024 * 1024;
/** No HIS nests this deep; far deeper JSON would overflow the stack when the event is stored and shown again. */
export const MAX_JSON_DEPTH = 64;

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
}

/**
 * The HIS listener (docs/external-interfaces.md): `POST /api/v1/events` and
 * `/api/v1/events/batch`. An event is answered 202 only once it is on disk;
 * a repeated (source_system, external_id) is answered "duplicate". Every
 * request needs its source's bearer token (and its HMAC signature when the
 * source signs); on loopback the Host header must be loopback too.
 */
export async function startJsonListener(core: IntakePort, options: ListenerOptions) {
  const app = Fastify({ bodyLimit: options.maxBodyBytes ?? DEFAULT_MAX_BODY, logger: false, clientErrorHandler: answerBrokenRequest });
  const limiter = new RateLimiter();
  const onLoopback = isLoopback(options.host);

  app.removeAllContentTypeParsers();
  // Keep the raw bytes: the HMAC is computed over them, and the event is stored as sent.
  app.addContentTypeParser(['application/json'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    if (onLoopback && !hostHeaderIsLoopback(request.headers.host)) return send(reply, new AppError('FORBIDDEN', 'error.bad_host'));
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const refusal = appErrorOfFastify(error);
    if (refusal) return send(reply, refusal);
    options.log(`listener: ${error.stack ?? error.message}`);
    return send(reply, new AppError('INTERNAL', 'error.internal'));
  });
  app.setNotFoundHandler((_request, reply) => send(reply, new AppError('NOT_FOUND', 'error.not_found_route')));

  /** Token → source, then signature: before the body is even read as JSON, so a stranger learns nothing else. */
  const authenticate = (request: FastifyRequest): IntegrationSourcesTable => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const source = token ? core.sources.authenticate(token) : null;
    if (!source) throw new AppError('UNAUTHENTICATED', 'error.bad_token');
    if (source.hmac_secret) {
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const check = checkSignature(source.hmac_secret, header('x-px360-timestamp'), header('x-px360-signature'), body, Date.now());
      if (check !== 'ok') throw new AppError('UNAUTHENTICATED', 'error.bad_signature');
    }
    return source;
  };

  /** The source's rate limit, counted in events. */
  const admit = (source: IntegrationSourcesTable, eventCount: number): void => {
    if (!limiter.take(source.id, source.rate_limit_per_minute, eventCount)) throw new AppError('RATE_LIMITED', 'error.rate_limited');
    core.sources.touch(source, new Date().toISOString());
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
      if (parsed.data.source_system.toUpperCase() !== source.source_system) throw new AppError('UNAUTHENTICATED', 'error.wrong_source');
      const answer = await core.intake.submit(intakeItemFromJson(parsed.data, (request.body as Buffer).toString('utf8')));
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
            if (parsed.data.source_system.toUpperCase() !== source.source_system) {
              return { index, status: 'rejected', error: new AppError('UNAUTHENTICATED', 'error.wrong_source').toBody().error };
            }
            return { index, ...(await core.intake.submit(intakeItemFromJson(parsed.data, JSON.stringify(item)))) };
          },
        ),
      );
      const counts = { accepted: 0, duplicate: 0, rejected: 0 };
      for (const r of results) counts[r.status] += 1;
      return reply.status(202).send({ ...counts, results });
    }),
  );

  const openApi = listenerOpenApi();
  app.get('/api/v1/openapi.json', async () => openApi);
  app.get('/api/v1/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(listenerApiPage()),
  );
  app.get('/health', async () => core.health());

  const { port, url } = await listenOn(app, options.host, options.port);
  return { port, url, close: () => app.close() };
}
