import http from 'node:http';
import https from 'node:https';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError, HTTP_STATUS } from '../../src-shared/errors.js';
import {
  HUB_TIME_HEADER,
  auditCheckpointSchema,
  SYNC_MAX_BYTES,
  SYNC_MAX_MESSAGES,
  createHospitalSchema,
  enrolRequestSchema,
  enrolmentCodeRequestSchema,
  fileHashSchema,
  pullQuerySchema,
  snapshotQuerySchema,
  pushRequestSchema,
  purgeRequestSchema,
  stationIdSchema,
} from '../../src-shared/hub-api.js';
import type { Kysely } from 'kysely';
import { groupSummary } from '../group/summary.js';
import type { HubDatabase } from '../db/schema.js';
import type { HubLog } from '../log.js';
import type { AuditAnchors } from '../stations/audit-anchors.js';
import type { AuthenticatedStation, StationRegistry } from '../stations/registry.js';
import type { Ingest } from '../sync/ingest.js';
import { HSTS_HEADER, SERVER_LIMITS, type ServerLimits, serverTimeouts, TLS_POLICY } from '../../src-shared/server-limits.js';
import { bearer, parse, readJson } from './request.js';
import { Throttle } from './throttle.js';
import { pullMessages } from '../sync/pull.js';
import { purgeMessages } from '../sync/purge.js';
import { snapshotPage } from '../sync/snapshot.js';
import type { HubFiles } from '../sync/files.js';
import { ATTACHMENT_MAX_BYTES } from '../../src-shared/attachments/files.js';
import type { HubSurveys } from '../surveys/index.js';
import { registerSurveyRoutes } from '../surveys/routes.js';
import { registerUpdateFeed } from '../updates/feed.js';
import { hubOpenApi } from './openapi.js';

export { FAILED_AUTH_PER_MINUTE } from './throttle.js';

export interface HubTls {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

export interface HubServices {
  readonly db: Kysely<HubDatabase>;
  readonly registry: StationRegistry;
  readonly anchors: AuditAnchors;
  readonly ingest: Ingest;
  /** attachment contents (docs/attachments.md) */
  readonly files: HubFiles;
  readonly log: HubLog;
  readonly version: string;
  readonly updatesDir: string;
  /** serve HTTPS with this certificate and key (PEM); plain HTTP without */
  readonly tls?: HubTls | undefined;
  /** the reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); none by default */
  readonly trustProxy?: readonly string[] | undefined;
  /** request and connection limits (tests shorten them) */
  readonly limits?: Partial<ServerLimits> | undefined;
  /** the survey form, the WhatsApp webhook and the providers' administration */
  readonly surveys: HubSurveys;
  /** survey form posts an address may make a minute */
  readonly formPostsPerMinute?: number | undefined;
  health(): Promise<{ status: 'ok' | 'degraded'; database: 'ok' | 'unreachable'; pendingWork: number; version: string }>;
}

function send(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.code === 'UNAUTHENTICATED') reply.header('WWW-Authenticate', 'Bearer realm="px360-hub"');
  return reply.status(HTTP_STATUS[error.code]).type('application/json').send(error.toBody());
}

/**
 * The hub's HTTP API (docs/sync-protocol.md): enrolment, push, pull, the
 * group view, administration, the survey form and webhooks
 * (docs/hub-surveys.md) and the update feed. Every error answers the
 * shared bilingual body; every request is one JSON log line.
 */
export function buildHubServer(hub: HubServices): FastifyInstance {
  // The compressed body is capped here; the inflated one in readJson.
  const tls = hub.tls;
  const limits = { ...SERVER_LIMITS, ...hub.limits };
  const app = Fastify({
    bodyLimit: SYNC_MAX_BYTES,
    logger: false,
    // X-Forwarded-For is believed only from a proxy the operator named: otherwise any client could pick its address
    trustProxy: hub.trustProxy && hub.trustProxy.length > 0 ? [...hub.trustProxy] : false,
    // HTTPS from the hub itself when given a certificate. The instance is typed as the HTTP one:
    // an https.Server serves requests through the same handler, and nothing here touches the socket.
    serverFactory: (handler: http.RequestListener) => {
      const server = tls
        ? https.createServer({ cert: tls.cert, key: tls.key, ...TLS_POLICY, ...serverTimeouts(limits) }, handler)
        : http.createServer(serverTimeouts(limits), handler);
      server.setTimeout(limits.idleTimeoutMs); // a connection that sends nothing is closed
      return server as http.Server;
    },
  });
  const stationOf = new WeakMap<FastifyRequest, string>();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // Guessing tokens or enrolment codes: failures are counted per address and
  // per presented credential, and past either limit a *failed* attempt is
  // answered 429 instead of 401. A valid credential is always let through:
  // behind a NAT or a proxy every station of a hospital shares one address,
  // and another machine's guesses must not lock them out.
  const failures = new Throttle();
  const prune = setInterval(() => failures.prune(), 60_000);
  prune.unref();
  app.addHook('onClose', async () => clearInterval(prune));
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (tls) reply.header('Strict-Transport-Security', HSTS_HEADER);
  });
  /** A failed authentication: 401, or 429 once this address or this credential has failed too often. */
  const refuse = (request: FastifyRequest, credential: string | null, error: AppError): never => {
    if (!failures.fail(request.ip, credential)) throw new AppError('RATE_LIMITED', 'error.rate_limited');
    throw error;
  };
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 429) reply.header('Retry-After', '60');
    reply.header(HUB_TIME_HEADER, String(Date.now()));
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    hub.log('request', {
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      stationId: stationOf.get(request) ?? null,
    });
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof AppError) return send(reply, error);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, new AppError('TOO_LARGE', 'error.sync_batch_too_large'));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, new AppError('UNSUPPORTED_MEDIA', 'error.unsupported_media'));
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.statusCode === 400) return send(reply, new AppError('VALIDATION', 'error.bad_json'));
    hub.log('error', { message: error.message, stack: error.stack });
    return send(reply, new AppError('INTERNAL', 'error.hub_internal'));
  });
  app.setNotFoundHandler((_request, reply) => send(reply, new AppError('NOT_FOUND', 'error.not_found_route')));

  const station = async (request: FastifyRequest): Promise<AuthenticatedStation> => {
    const token = bearer(request);
    const found = token ? await hub.registry.authenticate(token) : null;
    if (!found) return refuse(request, token, new AppError('UNAUTHENTICATED', 'error.bad_station_token'));
    stationOf.set(request, found.stationId);
    return found;
  };
  const admin = async (request: FastifyRequest): Promise<void> => {
    const token = bearer(request);
    if (!token || !(await hub.registry.isAdminToken(token))) refuse(request, token, new AppError('UNAUTHENTICATED', 'error.bad_admin_token'));
  };

  app.get('/health', async (_request, reply) => {
    const health = await hub.health();
    return reply.status(health.status === 'ok' ? 200 : 503).send(health);
  });
  const openApi = hubOpenApi(hub.version);
  app.get('/api/v1/openapi.json', async () => openApi);

  app.post('/api/v1/stations/enrol', async (request, reply) => {
    const input = parse(enrolRequestSchema, await readJson(request));
    // a station enrolled here already presents its current token (see StationRegistry.enrol)
    let answer: Awaited<ReturnType<StationRegistry['enrol']>>;
    try {
      answer = await hub.registry.enrol(input, bearer(request));
    } catch (error) {
      // a wrong code is a failed authentication like a wrong token: counted, and throttled
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') refuse(request, input.code, error);
      throw error;
    }
    stationOf.set(request, answer.stationId);
    hub.log('station.enrolled', { stationId: answer.stationId, scope: answer.scope });
    return reply.status(201).send(answer);
  });

  app.post('/api/v1/sync/push', async (request) => {
    const caller = await station(request);
    const json = await readJson(request);
    const count = (json as { messages?: unknown } | null)?.messages;
    if (Array.isArray(count) && count.length > SYNC_MAX_MESSAGES) throw new AppError('TOO_LARGE', 'error.sync_batch_too_large');
    const { messages } = parse(pushRequestSchema, json);
    return hub.ingest.push(caller, messages);
  });

  app.get('/api/v1/sync/pull', async (request) => {
    const caller = await station(request);
    const { after, limit } = parse(pullQuerySchema, request.query);
    return pullMessages(hub.db, caller, after, limit);
  });

  app.get('/api/v1/sync/snapshot', async (request, reply) => {
    const caller = await station(request);
    const query = parse(snapshotQuerySchema, request.query);
    return reply.type('application/json').send(await snapshotPage(hub.db, caller, query));
  });

  // attachment contents (docs/attachments.md): sent by the station that took them, fetched by the hospital's others
  const { files } = hub;
  app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.put('/api/v1/files/:sha256', { bodyLimit: ATTACHMENT_MAX_BYTES }, async (request, reply) => {
      const caller = await station(request);
      const sha256 = parse(fileHashSchema, (request.params as { sha256?: string }).sha256);
      const answer = await files.put(caller, sha256, request.body as Buffer);
      return reply.status(answer.stored ? 201 : 200).send(answer);
    });
  });
  app.get('/api/v1/files/:sha256', async (request, reply) => {
    const caller = await station(request);
    const sha256 = parse(fileHashSchema, (request.params as { sha256?: string }).sha256);
    const bytes = await files.get(caller, sha256);
    if (!bytes) throw new AppError('NOT_FOUND', 'error.not_found');
    return reply.type('application/octet-stream').header('Cache-Control', 'no-store').send(bytes);
  });

  // each station's audit chain, anchored: see src-hub/stations/audit-anchors.ts
  app.post('/api/v1/audit/anchor', async (request) => {
    const caller = await station(request);
    const checkpoint = parse(auditCheckpointSchema, await readJson(request));
    return { anchor: await hub.anchors.anchor(caller.stationId, checkpoint) };
  });
  app.get('/api/v1/audit/anchor', async (request) => {
    const caller = await station(request);
    return { anchor: await hub.anchors.latest(caller.stationId) };
  });

  app.get('/api/v1/group/summary', async (request) => {
    const token = bearer(request);
    const viaStation = token ? await hub.registry.authenticate(token) : null;
    // (not a station's token: the admin check below counts the failure)
    if (viaStation) {
      stationOf.set(request, viaStation.stationId);
      if (viaStation.scope.kind !== 'group') throw new AppError('FORBIDDEN', 'error.forbidden');
    } else await admin(request);
    return groupSummary(hub.db);
  });

  // ---- administration ----
  app.get('/api/v1/admin/hospitals', async (request) => {
    await admin(request);
    return { hospitals: await hub.registry.listHospitals() };
  });
  app.post('/api/v1/admin/hospitals', async (request, reply) => {
    await admin(request);
    const input = parse(createHospitalSchema, await readJson(request));
    return reply.status(201).send(await hub.registry.createHospital(input));
  });
  app.post('/api/v1/admin/enrolment-codes', async (request, reply) => {
    await admin(request);
    const input = parse(enrolmentCodeRequestSchema, await readJson(request));
    return reply.status(201).send(await hub.registry.issueEnrolmentCode(input));
  });
  app.get('/api/v1/admin/stations', async (request) => {
    await admin(request);
    return { stations: await hub.registry.listStations() };
  });
  app.post('/api/v1/admin/stations/:stationId/revoke', async (request) => {
    await admin(request);
    const stationId = parse(stationIdSchema, (request.params as { stationId: string }).stationId);
    const revoked = await hub.registry.revokeStation(stationId);
    hub.log('station.revoked', { stationId });
    return revoked;
  });

  app.post('/api/v1/admin/messages/purge', async (request) => {
    await admin(request);
    const selector = parse(purgeRequestSchema, await readJson(request));
    const result = await purgeMessages(hub.db, selector);
    hub.log('messages.purged', { ...selector, ...result });
    return result;
  });

  registerSurveyRoutes(app, { surveys: hub.surveys, log: hub.log, admin, refuse, formPostsPerMinute: hub.formPostsPerMinute });
  registerUpdateFeed(app, hub.updatesDir);
  return app;
}
