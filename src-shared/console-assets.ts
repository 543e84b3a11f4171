/*
 * How the console's built files are served, wherever they are served from:
 * the desktop shell's app:// protocol and the headless station's loopback
 * HTTP server must send the same policy, or a screen that works in one breaks
 * in the other.
 */

/**
 * Mantine writes its CSS variables in <style> tags, hence 'unsafe-inline' for
 * styles only; scripts stay 'self'. connect-src 'self' keeps the page talking
 * to its own origin and nothing else.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Content type by file name; unknown kinds are served as opaque bytes (with nosniff, the browser will not guess). */
export function consoleContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const separator = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const extension = dot > separator ? fileName.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
