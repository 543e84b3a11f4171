import { describe, expect, it } from 'vitest';
import { consoleContentType } from './console-assets.js';

describe('consoleContentType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-4f2a.JS', 'text/javascript; charset=utf-8'],
    ['/srv/px360/dist/renderer/assets/ibm-plex-sans-arabic.woff2', 'font/woff2'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets.v2/LICENSE', 'application/octet-stream'],
    ['archive.tar.exe', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
    ['C:\\PX360\\resources\\app.asar\\dist\\renderer\\index.html', 'text/html; charset=utf-8'],
    ['C:\\PX360.v2\\LICENSE', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(consoleContentType(file)).toBe(type);
  });
});
