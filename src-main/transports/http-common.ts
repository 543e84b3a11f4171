import http from 'node:http';
import https from 'node:https';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../../src-shared/errors.js';
import { type Bilingual, type MessageKey, renderMessage } from '../../src-shared/messages.js';
import { type ServerLimits, serverTimeouts, TLS_POLICY } from '../../src-shared/server-limits.js';
import { type ConnectionCaps, capConnections } from './connections.js';

/** What the station's HTTP servers (console bridge, HIS listener) share. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/**
 * A loopback server answers only requests that name loopback in `Host`, so a
 * page elsewhere whose DNS rebinds to 127.0.0.1 cannot reach it.
 */
export function hostHeaderIsLoopback(header: string | undefined): boolean {
  // host names are case-insensitive: LOCALHOST is localhost
  return LOOPBACK.has(
    (header ?? '')
      .toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, ''),
  );
}

/**
 * A request whose target or Host cannot be trusted to mean this server: two
 * Host headers (a proxy and this server could each read a different one), or
 * an absolute-form target (`GET http://elsewhere/… HTTP/1.1`, meant for a
 * proxy). Answers the refusal, or null.
 */
export function untrustedTarget(raw: { readonly url?: string | undefined; readonly rawHeaders: readonly string[] }): AppError | null {
  let hosts = 0;
  for (let i = 0; i < raw.rawHeaders.length; i += 2) if (raw.rawHeaders[i]?.toLowerCase() === 'host') hosts += 1;
  if (hosts > 1) return new AppError('FORBIDDEN', 'error.bad_host');
  if (!(raw.url ?? '/').startsWith('/')) return new AppError('VALIDATION', 'error.bad_request');
  return null;
}

/** Headers every answer of the station's console server carries: no framing, no sniffing, no powerful features, its own origin only. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), display-capture=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Fastify's own refusals (size, media type, unreadable body) as the contract's errors; null for a real fault. */
export function appErrorOfFastify(error: FastifyError): AppError | null {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('TOO_LARGE', 'error.body_too_large');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('UNSUPPORTED_MEDIA', 'error.unsupported_media');
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.statusCode === 400) return new AppError('VALIDATION', 'error.bad_json');
  return null;
}

/** A certificate and its key (PEM) for a server that speaks TLS. */
export interface TlsFiles {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

/**
 * A Fastify serverFactory for the station's HTTP servers, as the hub builds
 * its own (src-hub/http/server.ts): Node's request, header and keep-alive
 * time limits from SERVER_LIMITS (a body trickled a byte a second is cut
 * off), an idle connection closed, the connections capped, and HTTPS with
 * the shared TLS policy when given a certificate. The instance stays typed
 * as the HTTP one: an https.Server serves requests through the same handler.
 */
export function limitedServer(options: { limits: ServerLimits; caps: ConnectionCaps; tls?: TlsFiles | undefined }) {
  return (handler: http.RequestListener): http.Server => {
    const timeouts = serverTimeouts(options.limits);
    const server = options.tls
      ? https.createServer({ cert: options.tls.cert, key: options.tls.key, ...TLS_POLICY, ...timeouts }, handler)
      : http.createServer(timeouts, handler);
    server.setTimeout(options.limits.idleTimeoutMs); // a connection that sends nothing is closed
    capConnections(server, options.caps);
    return server as http.Server;
  };
}

/** Something the operator should know about how a server runs (plain HTTP beyond loopback…), in /health and the start-up log. */
export interface ServerWarning {
  readonly key: WarningKey;
  readonly message: Bilingual;
}
export type WarningKey = Extract<MessageKey, `warning.${string}`>;

export function serverWarning(key: WarningKey): ServerWarning {
  return { key, message: renderMessage(key) };
}

/**
 * GET /health beyond this machine: anyone learns that the server is up and
 * what its operator should know; the station's id, version, queues and last
 * sync only a caller on this machine (loopback) or one with a credential.
 */
export function healthAnswer(details: () => object, warnings: readonly ServerWarning[], detailed: boolean): object {
  return detailed ? { ...details(), warnings } : { status: 'ok', warnings };
}

/** Listens, and answers the port actually bound (port 0 picks a free one) and the base URL. */
export async function listenOn(app: FastifyInstance, host: string, port: number, scheme: 'http' | 'https' = 'http'): Promise<{ port: number; url: string }> {
  await app.listen({ host, port });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { port: bound, url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${bound}/` };
}
