import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../../src-shared/errors.js';

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

/** Listens, and answers the port actually bound (port 0 picks a free one) and the base URL. */
export async function listenOn(app: FastifyInstance, host: string, port: number): Promise<{ port: number; url: string }> {
  await app.listen({ host, port });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { port: bound, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/` };
}
