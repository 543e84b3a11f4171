import path from 'node:path';
import { z } from 'zod';
import { CONSOLE_CSP } from '../../src-shared/console-assets.js';

/*
 * The shell's security rules as plain functions, so they can be tested
 * without an Electron runtime. Nothing here imports 'electron'.
 */

/** The console is served from `app://px360/…`, never from file:// (file:// would give the page the whole disk as its origin). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'px360';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Headers on every response the app:// protocol serves, the 404s included. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export type AssetLookup =
  { readonly kind: 'file'; readonly filePath: string; readonly isEntry: boolean } | { readonly kind: 'refused'; readonly reason: string };

/**
 * Maps an app:// request to a file under the renderer folder. Dot segments
 * are collapsed by the URL parser at the root; whatever survives decoding
 * and could still climb out (backslashes, NUL, a `..` segment, another host)
 * is refused, and the resolved path is checked to sit inside the folder, so
 * a crafted URL can never read a file elsewhere on disk. Extensionless paths
 * are client-side routes and get index.html.
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string): AssetLookup {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:`) return { kind: 'refused', reason: 'wrong scheme' };
  if (url.host !== APP_HOST) return { kind: 'refused', reason: 'wrong host' };
  if (url.username !== '' || url.password !== '') return { kind: 'refused', reason: 'credentials in URL' };

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', reason: 'bad percent-encoding' };
  }
  // The WHATWG parser already collapses literal `..`; the decoded form is checked again because `%2e%2e` survives parsing.
  if (/[\\\0]/.test(pathname)) return { kind: 'refused', reason: 'backslash or NUL' };
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'refused', reason: 'dot segment' };
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'refused', reason: 'hidden file' };

  const root = path.resolve(rendererDir);
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const entry = relative === 'index.html' || path.extname(relative) === '';
  const filePath = path.resolve(root, entry ? 'index.html' : relative);
  // Belt and braces: whatever the checks above missed, the resolved file must sit inside the root.
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { kind: 'refused', reason: 'outside renderer folder' };
  return { kind: 'file', filePath, isEntry: entry };
}

/**
 * Links the console may open in the system browser: https only, a public DNS
 * name, no credentials. Loopback, LAN addresses and IP literals are refused so
 * a link in patient-entered text cannot point the browser at the station's own
 * listener or another machine on the hospital network.
 */
export function isSafeExternalUrl(candidate: string): boolean {
  if (candidate.length === 0 || candidate.length > 2048) return false;
  // Control characters and spaces have been used to smuggle a second URL past parsers.
  if (/[\u0000-\u0020\u007f]/.test(candidate)) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.port !== '' && url.port !== '443') return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === '' || !host.includes('.')) return false;
  // The URL parser turns `0x7f.1` and friends into dotted quads, so one check covers every IPv4 spelling.
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return false;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return false;
  return true;
}

/** Sites a console link opens without asking: PX360's own and the Saudi Ministry of Health's. */
export const LINK_ALLOWLIST: readonly string[] = ['px360.sa', 'moh.gov.sa'];

/**
 * What to do with a link the console asks to open outside: refuse it (not a
 * vetted https URL, see isSafeExternalUrl), open it (its host is an
 * allowlisted domain or a subdomain of one), or ask the user first, in a
 * dialog that names the domain — a link in patient-entered text must not send
 * an officer's browser somewhere without them seeing where.
 */
export function externalLinkDecision(
  candidate: string,
  allowlist: readonly string[] = LINK_ALLOWLIST,
): { action: 'refuse' } | { action: 'open' | 'ask'; domain: string } {
  if (!isSafeExternalUrl(candidate)) return { action: 'refuse' };
  const domain = new URL(candidate).hostname.toLowerCase().replace(/\.$/, '');
  const allowed = allowlist.some((site) => domain === site || domain.endsWith(`.${site}`));
  return { action: allowed ? 'open' : 'ask', domain };
}

/** Facts about an IPC sender, gathered by the main process from `event.senderFrame`. */
export interface IpcSenderFacts {
  /** the frame is our window's main frame (not an iframe, not another window) */
  readonly isOurMainFrame: boolean;
  readonly url: string | null;
}

/** Only our own page, in its top frame, loaded from app://px360, may call the station. */
export function isTrustedIpcSender(facts: IpcSenderFacts): boolean {
  if (!facts.isOurMainFrame || facts.url === null) return false;
  try {
    const url = new URL(facts.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** What the renderer may send over the rpc channel; the core validates `input` against the contract. */
export const rpcRequestSchema = z.strictObject({
  name: z.string().min(1).max(100),
  input: z.unknown(),
  token: z.string().max(4096).nullable(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;
