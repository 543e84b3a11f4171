/**
 * The console's HTTP server on loopback (the headless station): the headers
 * every answer carries, and requests whose target or Host cannot be trusted
 * to mean this server — refused over a real socket; and the body sizes it
 * takes (a file upload's, and every other call's).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStation, startStation } from '../../src-main/runner/station-runner.js';
import { tempDataDir } from '../fixtures/station.js';

let station: RunningStation;
let port = 0;

beforeAll(async () => {
  station = await startStation({ dataDir: tempDataDir('px360-console-server-'), consolePort: 0, listen: false, background: false, log: () => {} });
  port = Number(new URL(station.consoleUrl!).port);
});
afterAll(async () => {
  await station?.close();
});

/** One raw HTTP/1.1 exchange, exactly as written: status and headers of the answer. */
function raw(request: string): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n\r\n')) return;
      const [head = ''] = answer.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      socket.destroy();
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
    socket.on('error', reject);
  });
}

describe('the console server', () => {
  it('answers with headers that deny framing, sniffing, powerful features and other origins', async () => {
    const answer = await raw(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': expect.stringContaining('camera=()'),
    });
  });

  it('compares Host without case, and refuses another host', async () => {
    expect((await raw(`GET /health HTTP/1.1\r\nHost: LOCALHOST:${port}\r\nConnection: close\r\n\r\n`)).status).toBe(200);
    expect((await raw(`GET /health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`)).status).toBe(403);
  });

  it('refuses two Host headers, and a target in absolute form', async () => {
    expect((await raw(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`)).status).toBe(403);
    expect((await raw(`GET http://evil.example/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).status).toBe(400);
  });

  it('takes a body of a few megabytes for a call that carries a file, and keeps every other call to the small limit', async () => {
    const post = (name: string) =>
      fetch(`http://127.0.0.1:${port}/rpc/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: '00000000-0000-7000-8000-000000000000', fileName: 'scan.pdf', content: 'A'.repeat(3 * 1024 * 1024) }),
      });
    // read whole and handed to the dispatcher, which asks who is calling
    const upload = await post('complaints.attach');
    expect(upload.status).toBe(401);
    const other = await post('complaints.note');
    expect(other.status).toBe(413);
    expect(((await other.json()) as { error: { key: string } }).error.key).toBe('error.body_too_large');
  });
});
