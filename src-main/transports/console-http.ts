import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { CONSOLE_CSP, consoleContentType } from '../../src-shared/console-assets.js';
import { AppError, HTTP_STATUS } from '../../src-shared/errors.js';
import { isLoopbackAddress } from '../../src-shared/net-address.js';
import { SERVER_LIMITS, type ServerLimits } from '../../src-shared/server-limits.js';
import { consoleOpenApi } from './openapi.js';
import { MAX_UPLOAD_BODY, UPLOAD_CALLS } from '../../src-shared/contract/attachments.js';
import type { ConnectionCaps } from './connections.js';
import {
  appErrorOfFastify,
  CONSOLE_SECURITY_HEADERS,
  healthAnswer,
  hostHeaderIsLoopback,
  isLoopback,
  limitedServer,
  listenOn,
  type ServerWarning,
  untrustedTarget,
} from './http-common.js';
import type { RpcResult } from '../../src-shared/bridge.js';
import { appVersion, consoleDir } from '../core/paths.js';
import type { StationHealth } from '../core/station.js';

export const MAX_RPC_BODY = 1024 * 1024;
/** A browser keeps six connections to a server; a PX office has a handful of workstations. */
export const CONSOLE_CAPS: ConnectionCaps = { total: 128, perAddress: 64 };

export interface ConsoleServerOptions {
  host: string;
  port: number;
  log: (line: string) => void;
  /** request and connection time limits (tests shorten them) */
  limits?: Partial<ServerLimits> | undefined;
  /** what /health tells everyone about how the station runs */
  warnings?: readonly ServerWarning[] | undefined;
}

function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(HTTP_STATUS[error.code]).type('application/json').send(error.toBody());
}

/** What the console's HTTP server needs of the station: its calls and its health. */
export interface ConsolePort {
  /** `origin.address`: the client's address, by which sign-in attempts are throttled and audited */
  dispatch(name: string, input: unknown, token: string | null, origin: { readonly address: string }): Promise<RpcResult>;
  health(): StationHealth;
}

/**
 * Headless mode: the console bundle and `POST /rpc/<name>` on one loopback
 * port. On loopback the Host header must name loopback too, so a web page on
 * some other site that rebinds its DNS to 127.0.0.1 cannot reach the API.
 */
export async function startConsoleServer(station: ConsolePort, options: ConsoleServerOptions) {
  const app = Fastify({
    bodyLimit: MAX_RPC_BODY,
    logger: false,
    trustProxy: false,
    serverFactory: limitedServer({ limits: { ...SERVER_LIMITS, ...options.limits }, caps: CONSOLE_CAPS }),
  });
  const warnings = options.warnings ?? [];
  const root = consoleDir();
  const onLoopback = isLoopback(options.host);

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(CONSOLE_SECURITY_HEADERS);
    const untrusted = untrustedTarget(request.raw);
    if (untrusted) return sendError(reply, untrusted);
    if (onLoopback && !hostHeaderIsLoopback(request.headers.host)) return sendError(reply, new AppError('FORBIDDEN', 'error.bad_host'));
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const refusal = appErrorOfFastify(error);
    if (refusal) return sendError(reply, refusal);
    options.log(`http: ${error.stack ?? error.message}`);
    return sendError(reply, new AppError('INTERNAL', 'error.internal'));
  });

  // the same document as the listener's /health: one description of the station's state, in full on this machine only
  app.get('/health', async (request) => healthAnswer(() => station.health(), warnings, isLoopbackAddress(request.ip)));
  const openApi = consoleOpenApi(appVersion());
  app.get('/openapi.json', async () => openApi);

  const rpc = async (request: FastifyRequest, reply: FastifyReply, name: string) => {
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) return sendError(reply, new AppError('UNSUPPORTED_MEDIA', 'error.unsupported_media'));
    const auth = request.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/i.exec(auth)?.[1] ?? null;
    // the socket's address (trustProxy is off: a forwarded-for header cannot choose whose sign-in budget it spends)
    const result = await station.dispatch(name, request.body, token, { address: request.ip });
    if (!result.ok && result.status === 503) reply.header('Retry-After', '5');
    reply.header('Cache-Control', 'no-store');
    if (result.ok) return reply.status(200).type('application/json').send(JSON.stringify(result.data));
    return reply.status(result.status).type('application/json').send(result.body);
  };
  app.post('/rpc/:name', async (request: FastifyRequest<{ Params: { name: string } }>, reply) => rpc(request, reply, request.params.name));
  // a call that carries a file takes a body that large; every other keeps the small limit
  for (const name of UPLOAD_CALLS) app.post(`/rpc/${name}`, { bodyLimit: MAX_UPLOAD_BODY }, async (request, reply) => rpc(request, reply, name));

  app.get('/*', async (request, reply) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://station').pathname);
    const file = path.normalize(path.join(root, urlPath));
    const inside = file.startsWith(root + path.sep);
    const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(root, 'index.html');
    if (!fs.existsSync(target)) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The console is not built. Run `npm run build:renderer`.');
    }
    const ext = path.extname(target);
    reply.header('Content-Security-Policy', CONSOLE_CSP);
    reply.header('Cache-Control', ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable');
    return reply.type(consoleContentType(target)).send(fs.createReadStream(target));
  });

  const { port, url } = await listenOn(app, options.host, options.port);
  return { url, port, close: () => app.close() };
}
