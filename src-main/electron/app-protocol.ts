import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { consoleContentType } from '../../src-shared/console-assets.js';
import { APP_RESPONSE_HEADERS, APP_SCHEME, resolveAppAsset } from './security.js';

/**
 * Must run before `app.ready`. `standard` gives the page a real origin
 * (app://px360) so 'self' in the CSP means something; `secure` lets it use
 * APIs that require a secure context. No CORS or service-worker privileges:
 * the console needs neither.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Serves the built console from `rendererDir` and nothing else, with the CSP on every answer. */
export function serveRenderer(rendererDir: string, log: (line: string) => void): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const asset = resolveAppAsset(rendererDir, request.url);
    if (asset.kind === 'refused') {
      log(`app:// refused ${request.url}: ${asset.reason}`);
      return plain(404, 'Not found');
    }
    let body: Buffer;
    try {
      body = await readFile(asset.filePath);
    } catch {
      if (asset.isEntry) log(`app:// the console bundle is missing (${asset.filePath}); run npm run build:renderer`);
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': consoleContentType(asset.filePath) },
    });
  });
}
